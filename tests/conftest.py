"""Shared fixtures: a private copy of the real content for each test that edits it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.content import check_content

REPO = Path(__file__).resolve().parent.parent

# Builds under test keep their QR-code cache (macros/qr.py) to themselves, not the developer's
# ~/.cache: the first build of a session encodes every code, the others reuse them.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="lplpp-test-cache-")


class Tree:
    """A copy of guidelines/ and data/ in a temporary folder, to break on purpose."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        (self.root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    def issues(self) -> list[str]:
        return [str(i) for i in check_content(self.root)[1]]


@pytest.fixture
def tree(tmp_path) -> Tree:
    for part in ("guidelines", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    return Tree(tmp_path)


def lplpp(*args, stdin: str | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """The `lplpp` command as editors run it."""
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", *map(str, args)], cwd=cwd, capture_output=True, text=True, input=stdin
    )


def build_site(root: Path, out: Path, timeout: float | None = None, **env_vars: str) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict` of the project at root into out."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env_vars}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=timeout,
    )


def project_copy(dest: Path) -> Path:
    """Everything a build needs, copied, so a test can change data without touching the repo."""
    for part in ("guidelines", "data", "docs", "macros"):
        shutil.copytree(REPO / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


class Site:
    """A built site, read as a user's browser would get it."""

    def __init__(self, out: Path):
        self.out = out

    def path(self, url: str) -> Path:
        return self.out / url / "index.html" if url.endswith("/") or not url else self.out / url

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def article(self, url: str):
        return self.soup(url).select_one("article.md-content__inner")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    out = tmp_path_factory.mktemp("site")
    result = build_site(REPO, out)
    assert result.returncode == 0, result.stderr
    return Site(out)


@pytest.fixture(scope="session")
def served(site: Site):
    """The session's built site on a loopback port."""
    from macros.pdf import serve

    with serve(site.out) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from Debian's package (installed by `make test` and .ci/run)."""
    from macros.pdf import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def pdf_pages(path: Path) -> list[str]:
    """Text of each page of a PDF, via poppler's pdftotext."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def pdf_page_size_mm(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    return round(width / 72 * 25.4), round(height / 72 * 25.4)


BROWSER_FIXTURES = {"browser", "page", "served", "served_attack"}
BUILD_FIXTURES = {"site", "hostile_site", "trust_site", "attacked", "make_project", "offline_site", "built"}


def pytest_collection_modifyitems(items):
    """Tests that need Chromium or a full site build, through a fixture, carry the `browser` or
    `build` marker (tests that do either directly are marked by hand): `make test-fast` runs the
    rest, `pytest -m "not browser and not build"`."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & used:
            item.add_marker(pytest.mark.browser)
        if BUILD_FIXTURES & used:
            item.add_marker(pytest.mark.build)
