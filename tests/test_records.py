"""Follow-up records (data/tindak-lanjut/) and self-assessments (data/penilaian/) through the real check:
each rule with a valid and an invalid file, the editor sees file, line, field and a fix."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml
from conftest import REPO

from macros.content import check_content, load_content

CONTENT = load_content(REPO)
G = CONTENT.guideline
VERSION, SINCE = G.version, dt.date.fromisoformat(G.date)
TODAY = dt.date.today()
DAY = max(SINCE, min(TODAY, SINCE))  # a day that has happened, on which the guideline existed
STEPS = [s.id for s in G.followups]
CRITERIA = [c.id for c in G.criteria]

FOLLOWUP = "data/tindak-lanjut/53.71.yaml"


def followup(**over) -> str:
    f = {"wilayah": '"53.71"', "versi": f'"{VERSION}"', "diperbarui": f'"{DAY}"', "d1": f'"{DAY}"', "s2": STEPS[1]}
    f.update(over)
    return f"""\
wilayah: {f["wilayah"]}
versi_pedoman: {f["versi"]}
pelapor: dinas-kabupaten-kota
diperbarui: {f["diperbarui"]}
langkah:
  - langkah: {STEPS[0]}
    status: selesai
    tanggal: {f["d1"]}
    catatan: Laporan diterima Kepala Dinas.
    tautan: https://contoh.go.id/berita
  - langkah: {f["s2"]}
    status: berjalan
    tanggal: "{DAY}"
"""


ASSESSMENT = f"data/penilaian/yao/{DAY}.yaml"


def assessment(**over) -> str:
    f = {"lembaga": "yao", "tanggal": f'"{DAY}"', "versi": f'"{VERSION}"', "c2": CRITERIA[1], "extra": ""}
    f.update(over)
    return f"""\
lembaga: {f["lembaga"]}
tanggal: {f["tanggal"]}
versi_pedoman: {f["versi"]}
jawaban:
  - kriteria: {CRITERIA[0]}
    jawaban: ya
    bukti: Akta pendirian.
    tautan: https://contoh.or.id/akta
  - kriteria: {f["c2"]}
    jawaban: sebagian
{f["extra"]}"""


def test_valid_records_pass_and_reach_the_model(tree):
    tree.write(FOLLOWUP, followup())
    tree.write(ASSESSMENT, assessment())
    assert tree.issues() == []
    content = load_content(tree.root)
    record = content.followup_records["53.71"]
    assert [s.step_id for s in record.done()] == [STEPS[0]]
    (only,) = content.assessments["yao"]
    assert only.date == DAY and only.answers[0].criterion_id == CRITERIA[0] and only.answers[1].answer == "sebagian"


FUTURE = f'"{TODAY + dt.timedelta(days=1)}"'
BEFORE = f'"{SINCE - dt.timedelta(days=1)}"'

# (name, file, text, expected "file:line: field:" prefix, words the message must contain)
CASES = [
    (
        "region differs from file",
        FOLLOWUP,
        followup(wilayah='"53.01"'),
        f"{FOLLOWUP}:1: wilayah:",
        ["53.01", "53.71.yaml"],
    ),
    ("unknown version", FOLLOWUP, followup(versi='"9.9.9"'), f"{FOLLOWUP}:2: versi_pedoman:", ["9.9.9", VERSION]),
    ("unknown step", FOLLOWUP, followup(s2="TL-99"), f"{FOLLOWUP}:11: langkah[1].langkah:", ["TL-99", VERSION]),
    ("step twice", FOLLOWUP, followup(s2=STEPS[0]), f"{FOLLOWUP}:11: langkah[1].langkah:", ["sekali", "baris 6"]),
    (
        "future step date",
        FOLLOWUP,
        followup(d1=FUTURE, diperbarui=FUTURE),
        f"{FOLLOWUP}:8: langkah[0].tanggal:",
        ["masa depan"],
    ),
    ("step before guideline", FOLLOWUP, followup(d1=BEFORE), f"{FOLLOWUP}:8: langkah[0].tanggal:", ["lebih awal"]),
    ("not a date", FOLLOWUP, followup(d1='"2026-02-30"'), f"{FOLLOWUP}:8: langkah[0].tanggal:", ["2026-02-30"]),
    (
        "person as reporter",
        FOLLOWUP,
        followup().replace("dinas-kabupaten-kota", "Ibu Maria"),
        f"{FOLLOWUP}:3: pelapor:",
        ["Ibu Maria", "dinas-provinsi"],
    ),
    (
        "script link",
        FOLLOWUP,
        followup().replace("https://contoh.go.id/berita", "javascript:alert(1)"),
        f"{FOLLOWUP}:10: langkah[0].tautan:",
        ["https://"],
    ),
    (
        "institution differs from folder",
        ASSESSMENT,
        assessment(lembaga="yagat"),
        f"{ASSESSMENT}:1: lembaga:",
        ["yagat", "yao"],
    ),
    (
        "date differs from file",
        ASSESSMENT,
        assessment(tanggal=BEFORE),
        f"{ASSESSMENT}:2: tanggal:",
        ["berbeda", f"{DAY}.yaml"],
    ),
    (
        "unknown criterion",
        ASSESSMENT,
        assessment(c2="LEG-99"),
        f"{ASSESSMENT}:9: jawaban[1].kriteria:",
        ["LEG-99", VERSION],
    ),
    (
        "criterion twice",
        ASSESSMENT,
        assessment(c2=CRITERIA[0]),
        f"{ASSESSMENT}:9: jawaban[1].kriteria:",
        ["sekali", "baris 5"],
    ),
    (
        "answer not on the list",
        ASSESSMENT,
        assessment().replace("jawaban: sebagian", "jawaban: mungkin"),
        f"{ASSESSMENT}:10: jawaban[1].jawaban:",
        ["mungkin", "sebagian (Sebagian)"],
    ),
    ("unknown key", ASSESSMENT, assessment(extra="penilai: Ibu Maria\n"), f"{ASSESSMENT}:11: penilai:", ["penilai"]),
]


@pytest.mark.parametrize("name,rel,text,prefix,words", CASES, ids=[c[0] for c in CASES])
def test_rule(tree, name, rel, text, prefix, words):
    tree.write(rel, text)
    issues = [i for i in tree.issues() if i.startswith(rel)]
    assert any(i.startswith(prefix) for i in issues), issues
    hit = next(i for i in issues if i.startswith(prefix))
    assert all(w in hit for w in words), hit
    assert "Perbaikan:" in hit


def test_unknown_institution_and_region(tree):
    tree.write("data/penilaian/tidak-ada/" + f"{DAY}.yaml", assessment(lembaga="tidak-ada"))
    tree.write("data/tindak-lanjut/53.99.yaml", followup(wilayah='"53.99"'))
    issues = tree.issues()
    assert any(i.startswith(f"data/penilaian/tidak-ada/{DAY}.yaml:1: lembaga:") and "data/lembaga" in i for i in issues)
    assert any(i.startswith("data/tindak-lanjut/53.99.yaml:1: wilayah:") and "53.99" in i for i in issues)


def test_assessment_date_in_the_future_or_before_its_version(tree):
    future = TODAY + dt.timedelta(days=1)
    tree.write(f"data/penilaian/yao/{future}.yaml", assessment(tanggal=f'"{future}"'))
    early = SINCE - dt.timedelta(days=1)
    tree.write(f"data/penilaian/yao/{early}.yaml", assessment(tanggal=f'"{early}"'))
    issues = tree.issues()
    assert any(i.startswith(f"data/penilaian/yao/{future}.yaml:2: tanggal:") and "masa depan" in i for i in issues)
    assert any(i.startswith(f"data/penilaian/yao/{early}.yaml:2: tanggal:") and VERSION in i for i in issues)


def test_protected_location_keeps_evidence_links_out(tree):
    inst = tree.root / "data/lembaga/yao.yaml"
    text = inst.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for key in ("alamat", "koordinat"):
        if key in data:
            text = "\n".join(
                ln
                for ln in text.splitlines()
                if not ln.startswith(key) and not ln.startswith("  lintang") and not ln.startswith("  bujur")
            )
    inst.write_text(text.rstrip("\n") + "\nlokasi_rahasia: true\n", encoding="utf-8")
    tree.write(ASSESSMENT, assessment())
    issues = [i for i in tree.issues() if i.startswith(ASSESSMENT)]
    assert len(issues) == 1 and issues[0].startswith(f"{ASSESSMENT}:8: jawaban[0].tautan:"), issues
    tree.write(ASSESSMENT, assessment().replace("    tautan: https://contoh.or.id/akta\n", ""))
    assert tree.issues() == []


def test_layout_refuses_files_that_would_be_skipped(tree):
    tree.write("data/penilaian/yao.yaml", assessment())
    tree.write("data/penilaian/Yao Lama/2026-01-01.yaml", assessment())
    tree.write(f"data/penilaian/yao/{DAY}.yml", assessment())
    tree.write("data/tindak-lanjut/kupang.txt", "x")
    issues = "\n".join(tree.issues())
    for rel in (
        "data/penilaian/yao.yaml:1:",
        "data/penilaian/Yao Lama:1:",
        f"data/penilaian/yao/{DAY}.yml:1:",
        "data/tindak-lanjut/kupang.txt:1:",
    ):
        assert rel in issues, issues


def test_a_released_versions_assessment_stays_valid_when_a_criterion_goes(tree):
    """0.1.0 is released; the next version drops a criterion; an assessment made against 0.1.0 still passes,
    while one made against the new version may not answer it."""
    gone = CRITERIA[-1]
    path = tree.root / "guidelines/kriteria.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["kriteria"] = [c for c in data["kriteria"] if c["id"] != gone]
    data["ditarik"] = [{"id": gone, "versi": "0.2.0", "alasan": "Digabung ke kriteria lain."}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pedoman = tree.root / "guidelines/pedoman.yaml"
    pedoman.write_text(
        pedoman.read_text(encoding="utf-8").replace(f'versi: "{VERSION}"', 'versi: "0.2.0"'), encoding="utf-8"
    )
    for program in (tree.root / "data/program").glob("*.yaml"):
        assert gone not in program.read_text(encoding="utf-8")
    tree.write(ASSESSMENT, assessment(c2=gone))
    issues = tree.issues()
    assert not any(i.startswith(ASSESSMENT) for i in issues), issues
    tree.write(ASSESSMENT, assessment(c2=gone, versi='"0.2.0"'))
    assert any(i.startswith(f"{ASSESSMENT}:9:") and gone in i for i in tree.issues())


def test_examples_explain_every_field_and_pass_when_saved_at_a_real_path(tmp_path):
    for part in ("guidelines", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    for example, schema in (
        ("data/tindak-lanjut/_contoh.yaml", "tindak-lanjut-wilayah"),
        ("data/penilaian/_contoh.yaml", "penilaian"),
    ):
        text = (tmp_path / example).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        props = yaml.safe_load((REPO / f"data/schemas/{schema}.schema.json").read_text(encoding="utf-8"))["properties"]
        assert set(data) == set(props), example
        item_key = "langkah" if "langkah" in props else "jawaban"
        item_props = set(props[item_key]["items"]["properties"])
        assert item_props == set(data[item_key][0]), example
        assert all(f"# {key} (" in text for key in {*props, *item_props}), example  # each field explained
    # the real folders hold nothing else: nothing is recorded that did not happen
    assert sorted(p.name for p in (REPO / "data/tindak-lanjut").iterdir()) == ["_contoh.yaml"]
    assert sorted(p.name for p in (REPO / "data/penilaian").iterdir()) == ["_contoh.yaml"]
    lembaga = tmp_path / "data/lembaga/_contoh.yaml"
    lembaga.rename(lembaga.with_name("contoh-lembaga.yaml"))
    (tmp_path / "data/tindak-lanjut/_contoh.yaml").rename(tmp_path / "data/tindak-lanjut/53.71.yaml")
    (tmp_path / "data/penilaian/contoh-lembaga").mkdir()
    (tmp_path / "data/penilaian/_contoh.yaml").rename(tmp_path / "data/penilaian/contoh-lembaga/2026-11-28.yaml")
    assert check_content(tmp_path)[1] == []
