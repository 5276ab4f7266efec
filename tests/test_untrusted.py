"""Hostile files, links and interrupted builds: the check answers fast with file:line, nothing is
read from outside the repository, no record vanishes, and the previous site survives."""

from __future__ import annotations

import csv
import io
import os
import random
import resource
import shutil
import signal
import subprocess
import time

import pytest
import yaml
from conftest import REPO, build_site, lplpp, project_copy

from macros.export import DIRECTORY_COLUMNS, from_csv, to_csv
from macros.load import read_document, yaml_quoted

# ~2 MB each: the worst a pull request can send (files over 2 MB are refused unread).
HOSTILE = {
    "kunci-asing": ("id: x\n" + "".join(f"k{i}: 1\n" for i in range(190_000)), 2, "kunci 'k0' tidak dikenal"),
    "kunci-ganda": ("id: x\n" + "nama: x\n" * 240_000, 3, "ditulis dua kali"),
    "dalam-kurung": ("a: " + "[" * 900_000 + "]" * 900_000 + "\n", 1, "lebih dari 32 tingkat"),
    "dalam-indentasi": ("".join(" " * i + f"k{i}:\n" for i in range(1_900)), 33, "lebih dari 32 tingkat"),
    "urutan-rapat": ("- " * 50_000 + "a\n", 1, "lebih dari 32 tingkat"),
    "daftar-campur": (
        "id: x\nwilayah_kerja: [" + ", ".join(f'{i}, "s{i}"' for i in range(100_000)) + "]\n",
        2,
        "paling banyak 1,000",
    ),
    "rujukan-salah": ("id: x\nprogram: [" + ", ".join(f"p{i}" for i in range(900)) + "]\n", 1, "-"),
    "tag-asing": ("id: x\nnama: !foo bar\n", 2, "tag YAML '!foo' tidak diizinkan"),
    "tag-python": ("id: x\nnama: !!python/object:os.system ls\n", 2, "tidak diizinkan"),
    "nan": ("id: x\nkoordinat:\n  lintang: .nan\n  bujur: 1e400\n", 3, "'.nan' bukan angka yang terhingga"),
    "nul": ('id: x\nnama: x\nalamat: "a\x00b"\n', 3, "karakter kendali tak terlihat (U+0000) di baris 3"),
    "esc": ('id: x\nnama: x\n\nalamat: "a\x1b[31mb"\n', 4, "(U+001B)"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_gets_a_line_and_a_message_within_five_seconds(tmp_path, name):
    text, line, words = HOSTILE[name]
    for part in ("guidelines", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    if name == "rujukan-salah":  # a valid record with 900 unknown program references
        record = yaml.safe_load((REPO / "data/lembaga/yao.yaml").read_text(encoding="utf-8"))
        text = yaml.safe_dump({**record, "id": name, "program": [f"p{i}" for i in range(900)]}, allow_unicode=True)
        line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("program:")) + 1
        words = "templat program 'p0' tidak ada"
    (tmp_path / f"data/lembaga/{name}.yaml").write_text(text, encoding="utf-8")
    # CPU seconds of the check, not wall time: what the file costs, whatever else the machine runs
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = lplpp("check", "--root", tmp_path)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    out = result.stdout + result.stderr
    assert f"data/lembaga/{name}.yaml:{line}: " in out and words in out, out[:2000]
    assert "\x1b" not in out and len(out.splitlines()) < 60  # no terminal escapes, no flood
    assert elapsed < 5, f"{name}: {elapsed:.1f} s of CPU"


@pytest.mark.parametrize(
    "rel",
    [
        "data/lembaga/yao2.yml",
        "data/lembaga/YAO2.YAML",
        "data/lembaga/baru/yao2.yaml",
        "data/program/lama/x.yaml",
        "guidelines/kriteria-baru.yml",
        "data/lembaga.yaml",
    ],
)
def test_records_outside_the_read_pattern_are_refused_not_dropped(tree, rel):
    tree.write(rel, tree.read("data/lembaga/yao.yaml"))
    shown = rel if "/baru/" not in rel and "/lama/" not in rel else rel.rsplit("/", 1)[0]
    issues = tree.issues()
    assert any(i.startswith(f"{shown}:1: -: ") for i in issues), issues


@pytest.mark.parametrize(
    "link,target",
    [
        ("data/lembaga/luar.yaml", "/etc/passwd"),
        ("data/wilayah.yaml", "/etc/hostname"),
        ("guidelines/riwayat", "/tmp"),
        ("docs/pages/rahasia.md", "/proc/self/environ"),
    ],
)
@pytest.mark.build
def test_symlinks_are_refused_by_the_check_and_the_build(tmp_path, link, target):
    root = project_copy(tmp_path / "proj")
    path = root / link
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    path.symlink_to(target)
    result = lplpp("check", "--root", root)
    assert (
        result.returncode == 1
        and f"{link}:1: -: tautan simbolik (symlink) tidak diizinkan" in result.stdout + result.stderr
    )
    built = build_site(root, tmp_path / "site")
    assert built.returncode != 0 and "symlink" in built.stderr
    assert not (tmp_path / "site/rahasia").exists()


def test_huge_version_number_is_refused_without_a_traceback(tree):
    tree.replace("guidelines/pedoman.yaml", 'versi: "0.1.0"', 'versi: "0.1.' + "9" * 5000 + '"')
    issues = tree.issues()
    assert any(i.startswith("guidelines/pedoman.yaml:") and "versi: bentuk nilai" in i for i in issues), issues[:3]


def test_abbreviations_never_land_inside_escaped_characters(tree, tmp_path):
    glossary = yaml.safe_load(tree.read("guidelines/glosarium.yaml"))
    glossary["istilah"] += [
        {"id": "amp", "istilah": "amp", "kepanjangan": "ampere", "arti": "Uji."},
        {"id": "lt", "istilah": "lt", "kepanjangan": "liter", "arti": "Uji."},
    ]
    tree.write("guidelines/glosarium.yaml", yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False))
    from macros.content import load_content
    from macros.pages import Renderer

    render = Renderer(load_content(tree.root))
    assert render.text("Alfa & Omega <Kupang> amp") == 'Alfa &amp; Omega &lt;Kupang&gt; <abbr title="ampere">amp</abbr>'
    page = "<p>Alfa &amp; Omega &lt;id&gt; lt</p><code>lt</code>"
    assert (
        render.explain_abbreviations(page)
        == '<p>Alfa &amp; Omega &lt;id&gt; <abbr title="liter">lt</abbr></p><code>lt</code>'
    )


def test_csv_cells_that_spreadsheets_would_run_are_neutralised():
    values = ['=HYPERLINK("http://x","klik")', "+62 380 123", "-2+3", "@SUM(A1)", "\tx", "\rx", "biasa", "'kutip"]
    records = [
        {c.name: None for c in DIRECTORY_COLUMNS}
        | {
            "id": f"r{i}",
            "nama": v,
            "wilayah_kerja": [],
            "bidang": [v],
            "produk_layanan": [],
            "program": [],
            "bidang_terstandar": [],
        }
        for i, v in enumerate(values)
    ]
    text = to_csv(records, DIRECTORY_COLUMNS)
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    name = [c.name for c in DIRECTORY_COLUMNS].index("nama")
    assert len(rows) == len(values)
    for row in rows:
        assert not row[name].startswith(("=", "+", "-", "@", "\t", "\r")), row[name]
    assert [r["nama"] for r in from_csv(text, DIRECTORY_COLUMNS)] == values  # the apostrophe is not data


AWKWARD = [
    "\u2028",
    "\u2029",
    "\u0085",
    "\ufeff",
    "\u00a0",
    "\t",
    "\n",
    "\r",
    "\r\n",
    '"',
    "'",
    "\\",
    "#",
    ": ",
    "- ",
    "{{",
    "%}",
    "&",
    "*",
    "!",
    "|",
    ">",
    "~",
    "null",
    "yes",
    "1e3",
    "0x10",
    "😀",
    "e\u0301",
    "\u202e",
    "\ufffd",
    " ",
]


def test_quoted_yaml_reads_back_exactly_for_awkward_unicode(tmp_path):
    rng = random.Random(20261128)
    cases = ["".join(rng.choice(AWKWARD + ["a", "Z", "9"]) for _ in range(rng.randint(0, 12))) for _ in range(1500)]
    file = tmp_path / "t.yaml"
    file.write_text("".join(f"k{n}: {yaml_quoted(case)}\n" for n, case in enumerate(cases)), encoding="utf-8")
    doc, issues = read_document(file, "t.yaml")
    assert not issues and list(doc.data.values()) == cases


def test_release_snapshot_round_trips_line_separators(tree):
    criteria = yaml.safe_load(tree.read("guidelines/kriteria.yaml"))
    criteria["kriteria"][0]["pertanyaan"] = 'Apakah\u2028lembaga\u0085punya SK "sah"\u2029?'
    tree.write("guidelines/kriteria.yaml", yaml.safe_dump(criteria, allow_unicode=True, sort_keys=False))
    tree.replace("guidelines/pedoman.yaml", 'versi: "0.1.0"', 'versi: "0.2.0"')
    result = lplpp("rilis", "--root", tree.root)
    assert result.returncode == 0, result.stderr
    assert tree.issues() == []  # the snapshot passes its own check: it equals the guideline it was made from


def test_write_errors_are_one_line_in_indonesian(tmp_path):
    (tmp_path / "berkas").write_text("x")
    result = lplpp("export", "--out", tmp_path / "berkas/ekspor")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "bukan folder" in result.stderr


@pytest.fixture
def make_project(tmp_path):
    """A project copy that `make build` can run in, with this checkout's installed environment."""
    root = project_copy(tmp_path / "proj")
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(REPO / name, root / name)
    return root, ["make", "-s", "-C", str(root), "build", f"VENV={REPO / '.venv'}"]


def test_failed_or_interrupted_build_leaves_the_previous_site(make_project):
    root, build = make_project
    assert subprocess.run(build, capture_output=True).returncode == 0
    before = (root / "site/lembaga/yao/index.html").read_bytes()
    (root / "data/lembaga/rusak.yaml").write_text("id: [\n", encoding="utf-8")
    failed = subprocess.run(build, capture_output=True, text=True)
    assert failed.returncode != 0 and (root / "site/lembaga/yao/index.html").read_bytes() == before
    (root / "data/lembaga/rusak.yaml").unlink()
    (root / "data/lembaga/yao.yaml").write_text((root / "data/lembaga/yao.yaml").read_text().replace("Yayasan", "Yys"))
    # Ctrl-C as in a terminal: a suite started in the background (`cmd &` in a script) inherits
    # SIGINT ignored, and so would make and mkdocs, which would then finish and swap.
    running = subprocess.Popen(
        build,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not (root / "site.new/lembaga").exists() and time.monotonic() < deadline:  # mid-build: pages being written
        time.sleep(0.05)
    os.killpg(running.pid, signal.SIGINT)
    running.wait(timeout=60)
    assert (root / "site/lembaga/yao/index.html").read_bytes() == before
    assert (root / "site/index.html").is_file() and (root / "site/data/lembaga.csv").is_file()
