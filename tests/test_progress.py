"""Progress on the portal, built from records that came back (synthetic scale data plus two hand-written
records): the national tile map, the province table, the district page beside its blank checklist, the
institution's self-assessments, and the open-data exports."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Site, build_site, project_copy
from frictionless import validate

from macros import labels
from macros.content import load_content
from macros.tools import synthetic

G = load_content(REPO).guideline
SINCE = dt.date.fromisoformat(G.date)
NOTE = "Rapat <script>window.__xss=1</script> & sosialisasi {{ 7*7 }}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = project_copy(tmp_path_factory.mktemp("kemajuan"))
    synthetic.generate(REPO, root, 30, followups=60, assessments=3)
    (root / "data/tindak-lanjut/53.71.yaml").write_text(
        f"""wilayah: "53.71"
versi_pedoman: "{G.version}"
pelapor: dinas-kabupaten-kota
diperbarui: "{SINCE}"
langkah:
  - langkah: TL-01
    status: selesai
    tanggal: "{SINCE}"
    catatan: {json.dumps(NOTE)}
    tautan: https://contoh.go.id/berita
  - langkah: TL-02
    status: berjalan
    tanggal: "{SINCE}"
""",
        encoding="utf-8",
    )
    early = SINCE - dt.timedelta(days=200)
    (root / "data/penilaian/yao").mkdir()
    for day, version, sop in ((early, synthetic.OLD_VERSION, "sebagian"), (SINCE, G.version, "belum")):
        (root / f"data/penilaian/yao/{day}.yaml").write_text(
            f"""lembaga: yao
tanggal: "{day}"
versi_pedoman: "{version}"
jawaban:
  - kriteria: LEG-01
    jawaban: {"belum" if day == early else "ya"}
  - kriteria: SOP-01
    jawaban: {sop}
""",
            encoding="utf-8",
        )
    out = tmp_path_factory.mktemp("kemajuan-site")
    result = build_site(root, out)
    assert result.returncode == 0, result.stderr
    return root, Site(out)


def records(root):
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "data/tindak-lanjut").glob("[0-9]*.yaml")
    }


def test_national_map_links_every_province_and_agrees_with_its_table(built):
    root, site = built
    article = site.article("kemajuan/")
    regions = yaml.safe_load((root / "data/wilayah.yaml").read_text(encoding="utf-8"))
    provinces = {p["kode"]: p["nama"] for p in regions["provinsi"]}
    tiles = article.select("svg a")
    assert len(tiles) == len(provinces) == 38
    for tile in tiles:
        target = (site.path("kemajuan/").parent / tile["href"]).resolve()
        assert (target / "index.html").is_file(), tile["href"]
    done = {}
    for code, rec in records(root).items():
        if any(s["status"] == "selesai" for s in rec["langkah"]):
            done[code[:2]] = done.get(code[:2], 0) + 1
    rows = {
        r.select("td")[0].get_text(): [td.get_text() for td in r.select("td")[1:]]
        for r in article.select("table tbody tr")
    }
    assert len(rows) == 38
    for code, name in provinces.items():
        total = sum(1 for r in regions["kabupaten_kota"] if r["provinsi"] == code)
        assert rows[name][0] == str(total) and rows[name][2] == str(done.get(code, 0)), name
    # the tile of the province with the largest share is not the colour of an empty one
    html = site.path("kemajuan/").read_text(encoding="utf-8")
    assert len(gzip.compress(html.encode())) <= 60_000
    page = site.soup("kemajuan/")  # nothing on the page is loaded from another host
    loaded = [t.get("src") for t in page.select("[src]")] + [
        t["href"] for t in page.select("link[href]") if set(t.get("rel", [])) & {"stylesheet", "preload", "icon"}
    ]
    assert loaded and not [u for u in loaded if "//" in u]
    assert not [a["href"] for a in article.select("svg a") if "//" in a["href"]]


def test_province_page_lists_steps_with_dates(built):
    root, site = built
    table = site.article("wilayah/53/").select_one("#tindak-lanjut").find_next("table")
    row = next(r for r in table.select("tr") if "Kota Kupang" in r.get_text())
    text = row.get_text(" ")
    assert "TL-01" in text and labels.indonesian_date(SINCE) in text and "TL-02" in text
    assert row.select_one('a[href$="pedoman/tindak-lanjut/#tl-01"]')


def test_district_page_shows_the_record_on_screen_and_keeps_the_checklist_blank(built):
    root, site = built
    article = site.article("wilayah/53/71/")
    recorded = article.select_one(".lp-on-record")
    assert NOTE in recorded.get_text() and not article.select("script")
    assert recorded.select_one('a[href="https://contoh.go.id/berita"]')
    checklist = article.select_one("form.lp-sheet-form")
    assert checklist is not None and not checklist.select("input[checked]")
    css = (site.out / "assets/lplpp.css").read_text(encoding="utf-8")
    assert re.search(r"@media print \{ \.lp-on-record \{ display: none", css)


def test_institution_page_shows_latest_assessment_changes_and_open_criteria(built):
    root, site = built
    article = site.article("lembaga/yao/")
    section = article.get_text(" ")
    assert "Penilaian mandiri" in section and labels.indonesian_date(SINCE) in section
    changed = article.select_one("#penilaian-berubah").find_next("ul").get_text(" ")
    assert "LEG-01" in changed and "SOP-01" in changed and "Sebagian → Belum" in " ".join(changed.split())
    open_list = article.select_one("#penilaian-terbuka").find_next("ul")
    link = open_list.select_one('a[href$="pedoman/kriteria/#sop-01"]')
    assert link is not None
    kriteria = site.soup("pedoman/kriteria/")
    assert kriteria.select_one("#sop-01") is not None
    assert "LEG-01" not in [a.get_text() for a in open_list.select("a")]
    # one item per answer, its criteria's IDs never broken at the hyphen (a phone showed "SOP- / 01")
    assert "lp-criteria-list" in open_list["class"] and open_list.select("li span.lp-answer--belum")
    css = (site.out / "assets/lplpp.css").read_text(encoding="utf-8")
    assert ".lp-criteria-list a { white-space: nowrap; }" in css
    # answered against an older version: the page says which version its criterion links show
    assert "pedoman kini versi" not in section
    older = [
        folder.name
        for folder in (root / "data/penilaian").iterdir()
        if folder.is_dir()
        and yaml.safe_load(max(folder.glob("*.yaml")).read_text(encoding="utf-8"))["versi_pedoman"] != G.version
    ]
    assert older
    assert f"(pedoman kini versi {G.version}:" in site.article(f"lembaga/{older[0]}/").get_text(" ")


def _with_hook(root, dest, code: str):
    """A copy of the project at root whose build first runs `code` (an mkdocs hook)."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "uji_hook.py").write_text("from macros import site\n" + code, encoding="utf-8")
    config = dest / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - uji_hook.py\n"), encoding="utf-8"
    )
    return dest


@pytest.mark.build
def test_sections_rendered_by_a_forked_copy_are_the_same_as_rendered_in_the_build(built, tmp_path):
    """At thousands of institutions a forked copy renders their self-assessment sections while the
    build renders the other pages (macros.site.start_assessment_sections): the pages are the same."""
    root, site = built
    marker = tmp_path / "forked"
    forked = _with_hook(
        root,
        tmp_path / "proj",
        "import os\nsite.SECTIONS_FORKED_FROM = 1\nsend = site._send_sections\n"
        "def recorded(*args):\n"
        f"    open({str(marker)!r}, 'w').write(str(os.getpid()))\n"
        "    send(*args)\n"
        "site._send_sections = recorded\n",
    )
    out = tmp_path / "out"
    result = build_site(forked, out)
    assert result.returncode == 0, result.stderr
    assert marker.exists()  # the sections came from the copy
    pages = sorted(p.relative_to(site.out) for p in (site.out / "lembaga").glob("*/index.html"))
    assert len(pages) > 30
    assert [p for p in pages if (out / p).read_bytes() != (site.out / p).read_bytes()] == []
    assert "Kriteria yang masih terbuka" in (out / "lembaga/yao/index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_failing_forked_copy_stops_the_build(built, tmp_path):
    root, _ = built
    failing = _with_hook(
        root,
        tmp_path / "proj",
        "site.SECTIONS_FORKED_FROM = 1\n"
        "def refuse(*args):\n    raise MemoryError('memori habis (uji)')\n"
        "site._send_sections = refuse\n",
    )
    result = build_site(failing, tmp_path / "out")
    assert result.returncode != 0
    assert "memori habis (uji)" in result.stderr  # the traceback, from the copy that failed
    assert "Bagian penilaian halaman lembaga gagal dibuat" in result.stdout
    assert not (tmp_path / "out" / "lembaga").exists()


@pytest.mark.build
def test_a_build_that_fails_while_the_forked_copy_renders_ends(built, tmp_path):
    """A page that fails after the copy started: the build stops, and does not wait on the copy
    (blocked on its full pipe, it would hold the build's exit forever)."""
    root, _ = built
    failing = _with_hook(
        root,
        tmp_path / "proj",
        "site.SECTIONS_FORKED_FROM = 1\n"
        "def refuse(*args):\n    raise RuntimeError('halaman gagal (uji)')\n"
        "site.Renderer.program_index = refuse\n",
    )
    result = build_site(failing, tmp_path / "out", timeout=120)
    assert result.returncode != 0 and "halaman gagal (uji)" in result.stderr


@pytest.mark.build
def test_a_killed_build_leaves_no_forked_copy_behind(built, tmp_path):
    """SIGTERM (a CI step's timeout) skips Python's exit handlers: the copy, blocked on sending,
    must still end, because the pipe breaks when the build is gone."""
    root, _ = built
    pid_file = tmp_path / "copy.pid"
    stalled = _with_hook(
        root,
        tmp_path / "proj",
        "import os, time\nsite.SECTIONS_FORKED_FROM = 1\nsend = site._send_sections\n"
        "def recorded(*args):\n"
        f"    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    send(*args)\n"
        "site._send_sections = recorded\n"
        "program_page = site.Renderer.program_page\n"
        "def slow(*args):\n    time.sleep(600)\n"
        "site.Renderer.program_page = slow\n",
    )
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out")],
        cwd=stalled,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # the copy is sending by now, into a pipe nobody reads
    build.terminate()
    build.wait(timeout=30)
    copy = int(pid_file.read_text())
    deadline = time.monotonic() + 30
    while Path(f"/proc/{copy}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    state = Path(f"/proc/{copy}/stat").read_text().split()[2] if Path(f"/proc/{copy}").exists() else "gone"
    assert state in ("gone", "Z"), state  # a zombie is only waiting to be reaped by init


def test_assessment_and_follow_up_sections_are_on_the_page_but_out_of_the_search_index(built):
    """They are set aside while the search plugin parses the page and put back after it."""
    root, site = built
    index = json.loads((site.out / "search/search_index.json").read_text(encoding="utf-8"))
    for url, heading, words in (
        ("lembaga/yao/", "penilaian", "Kriteria yang masih terbuka"),
        ("wilayah/53/", "tindak-lanjut", "kabupaten/kota sudah mengirim catatan"),
    ):
        html = (site.out / url / "index.html").read_text(encoding="utf-8")
        assert words in html and "lp-unindexed" not in html
        assert site.article(url).select_one(f"#{heading}") is not None
        indexed = " ".join(e["text"] + e["title"] for e in index["docs"] if e["location"].startswith(url))
        assert indexed and words not in indexed


def test_exports_carry_every_record_and_validate(built):
    root, site = built
    data = site.out / "data"
    with (data / "penilaian.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    answers = sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8"))["jawaban"])
        for p in (root / "data/penilaian").glob("*/*.yaml")
    )
    assert len(rows) == answers
    with (data / "tindak-lanjut.csv").open(encoding="utf-8", newline="") as f:
        steps = list(csv.DictReader(f))
    assert len(steps) == sum(len(r["langkah"]) for r in records(root).values())
    kupang = next(r for r in steps if r["kode_kabupaten_kota"] == "53.71" and r["langkah"] == "TL-01")
    assert kupang["catatan"] == NOTE and kupang["tanggal"] == SINCE.isoformat()
    documents = json.loads((data / "penilaian.json").read_text(encoding="utf-8"))["penilaian"]
    assert len(documents) == len(list((root / "data/penilaian").glob("*/*.yaml")))
    assert sum(len(d["jawaban"]) for d in documents) == answers
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    about = site.article("tentang-data/").get_text(" ")
    for column in ("kode_kabupaten_kota", "pelapor", "diperbarui", "terbaru", "jawaban", "kriteria"):
        assert column in about
