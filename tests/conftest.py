"""Shared fixtures: a private copy of the real content for each test that edits it."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from macros.content import check_content

REPO = Path(__file__).resolve().parent.parent


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
