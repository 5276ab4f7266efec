"""Each check rule, with a valid and invalid input: the editor sees file, line, field and a fix."""

from __future__ import annotations

import time
import tracemalloc

import pytest
import yaml

from macros.content import check_content, load_content
from macros.load import read_document

RECORD = "data/lembaga/uji.yaml"
VALID = """\
id: uji
nama: Lembaga Uji
jenis: perkumpulan
wilayah: "53.71"
keterangan: Lembaga untuk pengujian.
bidang: [ekonomi]
produk_layanan: [pelatihan]
program: [ekonomi-pendampingan]
standardisasi:
  status: kandidat
sumber:
  - keterangan: Uji
    url: https://example.org/
verifikasi:
  status: belum-diverifikasi
  tanggal: "2026-01-01"
kontak:
  telepon: "0380 123456"
"""


def test_valid_record_passes(tree):
    tree.write(RECORD, VALID)
    assert tree.issues() == []
    assert "uji" in load_content(tree.root).institutions


# (name, old text, new text, expected "file:line: field:" prefix, words the message must contain)
CASES = [
    (
        "region code as number",
        'wilayah: "53.71"',
        "wilayah: 53.10",
        f"{RECORD}:4: wilayah:",
        ["53.10", "53.1", "0 di belakang hilang", 'wilayah: "53.10"'],
    ),
    (
        "phone with leading zero",
        'telepon: "0380 123456"',
        "telepon: 0380123456",
        f"{RECORD}:18: kontak.telepon:",
        ["0380123456", "380123456", "0 di depan hilang", 'telepon: "0380123456"'],
    ),
    (
        "yes read as boolean",
        "keterangan: Lembaga untuk pengujian.",
        "keterangan: yes",
        f"{RECORD}:5: keterangan:",
        ["benar/salah", 'keterangan: "yes"'],
    ),
    ("misspelt key", "nama: Lembaga Uji", "nma: Lembaga Uji", f"{RECORD}:2: nma:", ["tidak dikenal", "'nama'"]),
    (
        "duplicate key",
        "jenis: perkumpulan",
        "nama: Lagi\njenis: perkumpulan",
        f"{RECORD}:3: nama:",
        ["dua kali", "baris 2"],
    ),
    ("missing required field", "jenis: perkumpulan\n", "", f"{RECORD}:1: jenis:", ["wajib diisi", "jenis:"]),
    (
        "value outside its list",
        "jenis: perkumpulan",
        "jenis: yayasn",
        f"{RECORD}:3: jenis:",
        ["yayasn", "'yayasan'", "pemerintah"],
    ),
    ("id differs from file name", "id: uji", "id: lain", f"{RECORD}:1: id:", ["uji.yaml", "id: uji"]),
    (
        "unknown region",
        'wilayah: "53.71"',
        'wilayah: "53.72"',
        f"{RECORD}:4: wilayah:",
        ["53.72", "tidak ada", "'53.71'"],
    ),
    (
        "unknown program template",
        "program: [ekonomi-pendampingan]",
        "program: [ekonomi-pendampinga]",
        f"{RECORD}:8: program[0]:",
        ["tidak ada", "'ekonomi-pendampingan'"],
    ),
    ("unknown field", "bidang: [ekonomi]", "bidang: [ekonomy]", f"{RECORD}:6: bidang[0]:", ["'ekonomi'"]),
    (
        "javascript URL",
        "url: https://example.org/",
        "url: javascript:alert(1)",
        f"{RECORD}:13: sumber[0].url:",
        ["http://", "https://"],
    ),
    ("tab indentation", "  status: kandidat", "\tstatus: kandidat", f"{RECORD}:10: -:", ["tab", "spasi"]),
    ("unclosed quote", "nama: Lembaga Uji", 'nama: "Lembaga Uji', f"{RECORD}:2: -:", ["tanda kutip"]),
    ("bad nesting", "  status: kandidat", "  status: kandidat\n tahun: 2024", f"{RECORD}:11: -:", ["indentasi"]),
    (
        "standardised without year",
        "status: kandidat",
        "status: terstandar",
        f"{RECORD}:9: standardisasi.tahun:",
        ["wajib diisi"],
    ),
    ("impossible date", '"2026-01-01"', '"2026-02-30"', f"{RECORD}:16: verifikasi.tanggal:", ["bukan tanggal"]),
    ("date not quoted shape", '"2026-01-01"', '"1/1/2026"', f"{RECORD}:16: verifikasi.tanggal:", ["TTTT-BB-HH"]),
    ("empty text", "keterangan: Lembaga untuk pengujian.", "keterangan:", f"{RECORD}:5: keterangan:", ["kosong"]),
]


@pytest.mark.parametrize("old,new,prefix,words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invalid_record_is_reported_at_its_line(tree, old, new, prefix, words):
    tree.write(RECORD, VALID.replace(old, new, 1))
    issues = tree.issues()
    hits = [i for i in issues if i.startswith(prefix)]
    assert hits, f"no issue starting {prefix!r} in {issues}"
    for word in words:
        assert any(word in hit for hit in hits), f"{word!r} missing in {hits}"
    assert all("Perbaikan:" in hit for hit in hits)


def test_empty_file(tree):
    tree.write(RECORD, "# hanya komentar\n")
    assert tree.issues() == [
        f"{RECORD}:1: -: berkas kosong. Perbaikan: isi berkas sesuai formatnya "
        "(lihat berkas lain di folder yang sama), atau hapus berkasnya."
    ]


def test_bytes_that_are_not_utf8(tree):
    tree.write(RECORD, VALID.replace("Lembaga untuk pengujian.", "Caf\xe9").encode("latin-1"))
    [issue] = tree.issues()
    assert issue.startswith(f"{RECORD}:5: -:") and "UTF-8" in issue and "0xE9" in issue


def test_every_error_is_listed_not_just_the_first(tree):
    tree.write(RECORD, VALID.replace("nama: Lembaga Uji", "nma: Lembaga Uji").replace("jenis: perkumpulan", "jenis: x"))
    tree.write("data/lembaga/uji-dua.yaml", VALID.replace("id: uji", "id: uji-dua").replace('"53.71"', '"99.99"'))
    issues = tree.issues()
    assert any(i.startswith(f"{RECORD}:2: nma:") for i in issues)
    assert any(i.startswith(f"{RECORD}:3: jenis:") for i in issues)
    assert any(i.startswith("data/lembaga/uji-dua.yaml:4: wilayah:") for i in issues)


def test_html_and_jinja_in_text_are_kept_exactly(tree):
    hostile = "<script>alert('x')</script> {{ 7 * 7 }} {% if true %}ya{% endif %} & \"kutip\""
    tree.write(
        RECORD,
        VALID.replace("nama: Lembaga Uji", "nama: " + yaml.safe_dump(hostile).strip().removesuffix("...").strip()),
    )
    assert tree.issues() == []
    assert load_content(tree.root).institutions["uji"].name == hostile


def test_billion_laughs_is_refused_fast_with_bounded_memory(tree):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    path = tree.write(RECORD, "\n".join(lines) + "\n")
    tracemalloc.start()
    started = time.perf_counter()
    _, issues = read_document(path, RECORD)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [i.field for i in issues] == ["-"] and "alias" in issues[0].message
    assert elapsed < 1.0
    assert peak < 20 * 2**20
    assert any(i.startswith(f"{RECORD}:") and "alias" in i for i in tree.issues())


def _first_ids(tree, rel, key):
    data = yaml.safe_load(tree.read(rel))
    return [item["id"] for item in data[key]]


def test_duplicate_criterion_id(tree):
    first, second = _first_ids(tree, "guidelines/kriteria.yaml", "kriteria")[:2]
    tree.replace("guidelines/kriteria.yaml", f"id: {second}", f"id: {first}")
    lines = [
        n
        for n, text in enumerate(tree.read("guidelines/kriteria.yaml").splitlines(), 1)
        if text.strip() in (f"- id: {first}", f"id: {first}")
    ]
    issues = [i for i in tree.issues() if "sudah dipakai" in i]
    assert len(lines) == 2
    assert issues and issues[0].startswith(f"guidelines/kriteria.yaml:{lines[1]}: kriteria[1].id:")
    assert f"baris {lines[0]}" in issues[0]


def test_retired_id_cannot_be_reused(tree):
    first = _first_ids(tree, "guidelines/kriteria.yaml", "kriteria")[0]
    text = tree.read("guidelines/kriteria.yaml")
    assert "ditarik: []" in text
    tree.replace(
        "guidelines/kriteria.yaml", "ditarik: []", f'ditarik:\n  - id: {first}\n    alasan: Uji\n    versi: "0.0.1"'
    )
    assert any("sudah ditarik" in i and first in i for i in tree.issues())


def test_unknown_criterion_reference_in_program(tree):
    first = _first_ids(tree, "guidelines/kriteria.yaml", "kriteria")[0]
    rel = "data/program/ekonomi-pendampingan.yaml"
    tree.write(rel, tree.read(rel) + f"kriteria_terkait: [{first}X]\n")
    issues = [i for i in tree.issues() if i.startswith(rel)]
    assert issues and "kriteria_terkait[0]" in issues[0] and f"'{first}'" in issues[0]


def test_unknown_guideline_file_is_reported(tree):
    tree.write("guidelines/lampiran.yaml", "a: b\n")
    assert any(i.startswith("guidelines/lampiran.yaml:1:") for i in tree.issues())


def test_template_files_are_skipped(tree):
    tree.write("data/lembaga/_contoh.yaml", "ini bukan data: [\n")
    assert tree.issues() == []


def test_real_content_is_clean():
    from conftest import REPO

    content, issues = check_content(REPO)
    assert issues == []
    assert len(content.institutions) >= 6 and len(content.programs) >= 8


def test_parallel_reading_gives_the_same_answer(tree, monkeypatch):
    import macros.content

    for n in range(3):
        tree.write(f"data/lembaga/uji-{n}.yaml", VALID.replace("id: uji", f"id: uji-{n}"))
    tree.write(RECORD, VALID.replace('wilayah: "53.71"', "wilayah: 53.10"))
    serial = tree.issues()
    monkeypatch.setattr(macros.content, "PARALLEL_FROM", 1)
    assert tree.issues() == serial and serial[0].startswith(f"{RECORD}:4: wilayah:")
