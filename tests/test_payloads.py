"""Every string field of every schema, planted with hostile payloads, shows as typed and runs nothing.

The fields come from the JSON Schemas, so a field added tomorrow is attacked without anyone
remembering it. Free-text fields get the payload family and one real build: nothing may
execute in Chromium (a dialog handler and a global marker), no element may appear that the
payload spelled, and the text must read as typed on every page, search result, export and PDF
that shows it. Constrained fields (pattern, enum, const) must refuse the payload with file:line.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, build_site, pdf_pages, project_copy

from macros.check import GUIDELINE_FILES
from macros.content import check_content

SCHEMAS = REPO / "data/schemas"
# Where each schema's documents live (the institution is a fresh record, see plant_all).
TARGETS = {
    "lembaga": "data/lembaga/uji-payload.yaml",
    "program": "data/program/ekonomi-pendampingan.yaml",
    "wilayah": "data/wilayah.yaml",
    "wilayah-rinci": "data/wilayah-rinci.yaml",
    "riwayat": "guidelines/riwayat/0.1.0.yaml",
    "tindak-lanjut-wilayah": "data/tindak-lanjut/53.71.yaml",
    "penilaian": "data/penilaian/uji-payload/2026-11-28.yaml",
    **{stem: f"guidelines/{stem}.yaml" for stem in GUIDELINE_FILES},
}

# Front-matter terminators with each line ending, Jinja, HTML that runs script, a Markdown link
# with javascript:, a Markdown abbreviation definition and a line separator. `window.__xss` is
# the marker a successful injection would set.
FAMILY = (
    "\n---\nrender_macros: true\n---\n{{ 7 * 7 }} {% if true %}JIN{% endif %}JA "
    '<img src=x onerror="window.__xss=1;alert(1)"> <svg onload="window.__xss=1"></svg> '
    "<script>window.__xss=1</script> [klik](javascript:window.__xss=1) "
    '\r\n---\r\ntitle: x\r\n \r---\r *[LP-LPP]: <b onmouseover="window.__xss=1">x</b> \u2028 akhir'
)


def payload(n: int) -> str:
    return f"Q{n}Q {FAMILY}"


def normal(text: str) -> str:
    return " ".join(text.split())


def string_fields(schema: dict, path: tuple = ()):
    """(path, schema) of every string in a schema; "*" stands for each item of a list, or each
    value of a mapping keyed by data (additionalProperties)."""
    types = schema.get("type")
    if "string" in (types if isinstance(types, list) else [types]):
        yield path, schema
    for key, sub in schema.get("properties", {}).items():
        yield from string_fields(sub, path + (key,))
    if isinstance(schema.get("items"), dict):
        yield from string_fields(schema["items"], path + ("*",))
    if isinstance(schema.get("additionalProperties"), dict):
        yield from string_fields(schema["additionalProperties"], path + ("*",))
    for alternative in schema.get("oneOf", []) + schema.get("anyOf", []):
        yield from string_fields(alternative, path)


def free_text(schema: dict) -> bool:
    return not any(k in schema for k in ("pattern", "enum", "const", "format"))


FIELDS = sorted(
    {
        (stem, path): free_text(sub)
        for stem in TARGETS
        for path, sub in string_fields(json.loads((SCHEMAS / f"{stem}.schema.json").read_text()))
    }.items()
)
FREE = [(stem, path) for (stem, path), is_free in FIELDS if is_free]
CONSTRAINED = [(stem, path) for (stem, path), is_free in FIELDS if not is_free]


def plant(node, path: tuple, value: str) -> int:
    """Put value at path in every object the path reaches; add the last key where it is missing."""
    key, rest = path[0], path[1:]
    if key == "*" and isinstance(node, dict):
        return sum(plant(node, (k, *rest), value) for k in list(node)[:3])
    if key == "*":
        if not isinstance(node, list):
            return 0
        if not rest:
            node[:] = [value for _ in node] or [value]
            return 1
        return sum(plant(item, rest, value) for item in node)
    if not isinstance(node, dict):
        return 0
    if not rest:
        node[key] = value
        return 1
    return plant(node[key], rest, value) if key in node else 0


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def plant_all(root: Path, fields: list[tuple[str, tuple]]) -> dict[tuple[str, tuple], int]:
    """Plant payload(n) into field n; returns {(stem, path): n} for the fields that exist."""
    sources = {
        "lembaga": "data/lembaga/yao.yaml",
        "tindak-lanjut-wilayah": "data/tindak-lanjut/_contoh.yaml",
        "penilaian": "data/penilaian/_contoh.yaml",
    }
    docs = {stem: yaml.safe_load((REPO / sources.get(stem, rel)).read_text("utf-8")) for stem, rel in TARGETS.items()}
    docs["lembaga"]["id"] = "uji-payload"
    docs["penilaian"]["lembaga"] = "uji-payload"
    for stem in ("penilaian", "tindak-lanjut-wilayah"):  # the released 0.1.0 snapshot's IDs become payloads
        docs[stem]["versi_pedoman"] = "0.2.0"
    docs["pedoman"]["versi"] = "0.2.0"  # the criteria change, so the guideline is a new version
    # Optional lists the real content does not use yet, so their fields have a place to stand.
    docs["kriteria"]["ditarik"] = docs["kriteria"].get("ditarik") or [
        {"id": "LEG-99", "versi": "0.1.0", "alasan": "Uji."}
    ]
    docs["tindak-lanjut"]["ditarik"] = docs["tindak-lanjut"].get("ditarik") or [
        {"id": "TL-99", "versi": "0.1.0", "alasan": "Uji."}
    ]
    docs["program"].setdefault("kriteria_terkait", ["LEG-01"])
    docs["wilayah"]["kabupaten_kota"][0].setdefault("alias", ["Uji"])  # near the top: messages are capped per file
    planted = {}
    for n, (stem, path) in enumerate(fields):
        if plant(docs[stem], path, payload(n)):
            planted[(stem, path)] = n
    for stem, rel in TARGETS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(dump(docs[stem]), encoding="utf-8")
    return planted


def field_of(issue_field: str) -> tuple:
    return tuple("*" if part.isdigit() else part for part in re.split(r"[.\[\]]+", issue_field) if part)


def refused_by(issues, planted) -> set:
    """Planted fields that the check refused, each with a message at a real line of its file."""
    return {
        (stem, path)
        for stem, path in planted
        for i in issues
        if i.path == TARGETS[stem] and i.line >= 1 and field_of(i.field)[: len(path)] == path
    }


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    """A project copy with every free-text field planted, checked and built once. Free text that
    is really a reference (an aspect, a program ID) is refused by a rule: planted again without it."""
    root = project_copy(tmp_path_factory.mktemp("angriff"))
    fields, refused = list(FREE), set()
    for _ in range(3):
        planted = plant_all(root, fields)
        _, issues = check_content(root)
        now = refused_by(issues, planted)
        if not now:
            break
        refused |= now
        fields = [f for f in fields if f not in refused]
    out = root / "site"
    result = build_site(root, out)
    return root, out, planted, issues, result, refused


def test_every_schema_is_attacked():
    assert {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json")} == set(TARGETS)


def test_every_schema_has_its_string_fields_found():
    assert len(FREE) > 40 and len(CONSTRAINED) > 20
    assert ("lembaga", ("nama",)) in FREE and ("glosarium", ("istilah", "*", "istilah")) in FREE


def test_free_text_fields_take_the_payloads_and_build(attacked):
    root, out, planted, issues, result, refused = attacked
    assert not issues, "\n".join(map(str, issues))
    assert result.returncode == 0, result.stderr[-3000:]
    missing = [f for f in FREE if f not in planted and f not in refused]
    assert not missing, f"fields with no place in the test documents: {missing}"
    assert len(refused) < 8, refused  # references written as free text; everything else takes the payload


class Reading(HTMLParser):
    """One pass over a page: its visible text, and any element or link a payload spelled."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.injected: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        href = (dict(attrs).get("href") or "").strip().lower()
        if (
            any(n.startswith("on") for n in names)
            or href.startswith("javascript:")
            or (tag, dict(attrs).get("src")) == ("img", "x")
        ):
            self.injected.append(self.get_starttag_text() or tag)
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if self._hidden:
            if "__xss" in data:
                self.injected.append(data[:80])
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def pages(attacked) -> dict[str, Reading]:
    out = attacked[1]
    readings = {}
    for path in sorted(out.rglob("*.html")):
        reading = Reading()
        reading.feed(path.read_text("utf-8"))
        readings[path.relative_to(out).as_posix()] = reading
    return readings


@pytest.fixture(scope="module")
def texts(pages) -> dict[str, str]:
    """Normalised visible text of every page, by site path."""
    return {url: normal(" ".join(reading.text)) for url, reading in pages.items()}


def test_no_payload_became_an_element_anywhere(pages, texts):
    assert len(pages) > 600
    for url, reading in pages.items():
        assert not reading.injected, (url, reading.injected[:3])
        assert "JINJA" not in texts[url] and " 49 " not in texts[url], url


def test_every_shown_payload_reads_as_typed(attacked, texts):
    _, _, planted, *_ = attacked
    shown = 0
    for (stem, path), n in planted.items():
        marker, whole = f"Q{n}Q ", normal(payload(n))
        pages = [url for url, text in texts.items() if marker in text]
        for url in pages:
            assert whole in texts[url], (stem, path, url)
        shown += bool(pages)
    assert shown >= len(planted) * 0.7, "most free-text fields are shown somewhere"


def test_titles_are_plain_text(attacked):
    _, out, planted, *_ = attacked
    n = planted[("lembaga", ("nama",))]
    soup = BeautifulSoup((out / "lembaga/uji-payload/index.html").read_text("utf-8"), "html.parser")
    assert normal(soup.title.get_text()).startswith(normal(payload(n)))
    assert normal(soup.select_one("article h1").get_text()).startswith(normal(payload(n)))


def test_search_index_holds_text_not_markup(attacked):
    _, out, *_ = attacked
    index = json.loads((out / "search/search_index.json").read_text("utf-8"))
    for entry in index["docs"]:
        for key in ("title", "text"):
            assert not re.search(r"<(img|svg|script|b)\b", entry[key]), (entry["location"], entry[key][:200])


def test_exports_are_strict_and_carry_the_text(attacked):
    _, out, planted, *_ = attacked

    def refuse(constant):
        raise ValueError(constant)

    for name in ("lembaga.json", "wilayah.json", "hsds.json", "datapackage.json"):
        json.loads((out / "data" / name).read_text("utf-8"), parse_constant=refuse)
    rows = list(csv.DictReader(io.StringIO((out / "data/lembaga.csv").read_bytes().decode("utf-8"), newline="")))
    row = next(r for r in rows if r["id"] == "uji-payload")
    assert row["nama"] == payload(planted[("lembaga", ("nama",))])


def test_constrained_fields_refuse_the_payload_with_file_and_line(tmp_path):
    root = project_copy(tmp_path)
    shutil.rmtree(root / "docs")
    planted = plant_all(root, CONSTRAINED)
    _, issues = check_content(root)
    refused = {(i.path, field_of(i.field)) for i in issues if i.line >= 1}
    for stem, path in planted:
        rel = TARGETS[stem]
        assert any(p == rel and (f == path or f[: len(path)] == path or path[: len(f)] == f) for p, f in refused), (
            stem,
            path,
            [str(i) for i in issues if i.path == rel][:5],
        )


def test_control_characters_from_escapes_are_refused_at_their_line(tree):
    for escape in ("\\0", "\\e", "\\x07", "\\x9b"):
        text = tree.read("data/lembaga/yao.yaml")
        tree.write(
            "data/lembaga/yao.yaml",
            re.sub(r"^nama: .*$", f'nama: "Yayasan {escape} Uji"'.replace("\\", "\\\\"), text, flags=re.M),
        )
        line = next(
            n for n, t in enumerate(tree.read("data/lembaga/yao.yaml").splitlines(), 1) if t.startswith("nama:")
        )
        issues = tree.issues()
        assert any(
            i.startswith(f"data/lembaga/yao.yaml:{line}: nama: teks mengandung karakter kendali") for i in issues
        ), issues
        assert "\x1b" not in "".join(issues)
        tree.write("data/lembaga/yao.yaml", text)


# ------------------------------------------------------------------ in Chromium


def visit(page, url: str) -> list[str]:
    """Load url; what ran: every dialog opened, and the marker if a payload set it."""
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)
        ran = page.evaluate("window.__xss")
    finally:
        page.remove_listener("dialog", dismiss)
    return dialogs + ([f"window.__xss={ran}"] if ran else [])


@pytest.fixture(scope="module")
def served_attack(attacked):
    from macros.pdf import serve

    with serve(attacked[1]) as base:
        yield base


def test_nothing_runs_in_chromium_on_the_pages_that_show_payloads(attacked, texts, served_attack, page):
    _, _, planted, *_ = attacked
    urls = {
        "index.html",
        "glosarium/index.html",
        "pedoman/index.html",
        "pedoman/kriteria/index.html",
        "pedoman/tahapan/index.html",
        "pedoman/tindak-lanjut/index.html",
        "tentang-data/index.html",
    }
    for n in planted.values():  # two pages per field
        urls |= set([url for url, text in texts.items() if f"Q{n}Q " in text][:2])
    for url in sorted(urls):
        assert not visit(page, served_attack + url.removesuffix("index.html")), url
        shown = normal(page.inner_text("body"))
        for n in planted.values():
            if f"Q{n}Q " in texts[url]:
                assert f"Q{n}Q" in shown and "[klik](javascript:window.__xss=1)" in shown, (url, n)


def test_search_results_show_payloads_as_text(attacked, served_attack, page):
    _, _, planted, *_ = attacked
    ran = visit(page, served_attack)
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    page.locator("input[name=query]").focus()
    page.keyboard.type(f"Q{planted[('lembaga', ('nama',))]}Q")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    page.wait_for_timeout(500)
    page.mouse.move(300, 300)
    assert "<img src=x" in page.inner_text(".md-search-result")
    page.click(".md-search-result__link")  # the result page, with Material's highlighting of the terms
    page.wait_for_load_state("load")
    page.mouse.move(200, 200)
    ran += [f"window.__xss={v}"] if (v := page.evaluate("window.__xss")) else []
    assert not ran and "<img src=x" in page.inner_text("article")


@pytest.mark.browser
def test_pdfs_show_payloads_as_text(attacked, tmp_path):
    root, out, planted, *_ = attacked
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "macros.cli",
            "pdf",
            "--root",
            root,
            "--site",
            out,
            "--wilayah",
            "53.71",
            "--out",
            tmp_path,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    text = normal(" ".join(pdf_pages(next(tmp_path.glob("*.pdf")))))
    n = planted[("kriteria", ("kriteria", "*", "pertanyaan"))]
    assert f"Q{n}Q" in text and "<img src=x" in text and "JINJA" not in text
