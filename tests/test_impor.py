"""`lplpp impor`: spreadsheets written by openpyxl, by LibreOffice and by hand with the usual mistakes,
run through the real command on a copy of the content."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import lplpp

from macros.content import load_content
from macros.sheets import INSTITUTION_COLUMNS, schema_node
from macros.tools.synthetic import spreadsheet

HEADER = [c.name for c in INSTITUTION_COLUMNS]
NEW = {
    "id": "yayasan-mawar",
    "nama": "Yayasan Mawar",
    "jenis": "Yayasan",  # the label, as the drop-down's sheet shows it next to the value
    "wilayah": "53.71 Kota Kupang",  # as the template's drop-down writes it
    "keterangan": "Mendampingi kelompok usaha perempuan di Kota Kupang.",
    "bidang": "ekonomi; sosial",
    "produk_layanan": "pelatihan",
    "status_standardisasi": "kandidat",
    "sumber": "Pemberitaan Dinas, Maret 2026 (https://contoh.go.id/berita) | Rapat koordinasi",
    "status_verifikasi": "belum-diverifikasi",
    "tanggal_verifikasi": "2026-11-02",
    "telepon": "0380 821234",
}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the content (the spreadsheets of a test sit next to it, outside data/)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for part in ("data", "guidelines")
        for p in sorted((root / part).rglob("*"))
        if p.is_file()
    }


def xlsx(path: Path, rows: list[dict], header: list[str] = HEADER, formulas: bool = False) -> Path:
    """A workbook as openpyxl writes it; text starting with = stays text unless `formulas`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "lembaga"
    ws.append(header)
    for row in rows:
        ws.append([row.get(name) for name in header])
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("=") and not formulas:
                cell.data_type = "s"
    wb.save(path)
    return path


def impor(tree, file: Path, *args: str) -> subprocess.CompletedProcess:
    return lplpp("impor", "--root", tree.root, file, *args)


def record(tree, ident: str) -> dict:
    return yaml.safe_load(tree.read(f"data/lembaga/{ident}.yaml"))


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("name", ["lembaga.xlsx", "lembaga.csv"])
def test_export_then_import_changes_nothing(tree, tmp_path, name):
    tree.replace("data/lembaga/yagat.yaml", "singkatan: YAGAT", 'singkatan: " YAGAT "')  # spaces a cell loses
    result = lplpp("export", "--root", tree.root, "--out", tmp_path / "ekspor")
    assert result.returncode == 0, result.stderr
    before = snapshot(tree.root)
    result = impor(tree, tmp_path / "ekspor" / name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lembaga baru, 0 diubah, 6 tidak berubah" in result.stdout
    assert snapshot(tree.root) == before


def test_a_new_row_becomes_a_record_that_passes_the_check_and_reimporting_changes_nothing(tree, tmp_path):
    file = xlsx(tmp_path / "baru.xlsx", [NEW])
    tried = impor(tree, file, "--coba")
    assert tried.returncode == 0, tried.stdout + tried.stderr
    assert "Akan ditambah: data/lembaga/yayasan-mawar.yaml" in tried.stdout
    assert not (tree.root / "data/lembaga/yayasan-mawar.yaml").exists()  # --coba writes nothing
    result = impor(tree, file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ditambah: data/lembaga/yayasan-mawar.yaml" in result.stdout
    assert lplpp("check", "--root", tree.root).returncode == 0
    inst = load_content(tree.root).institutions["yayasan-mawar"]
    assert (inst.kind, inst.region_code, inst.fields, inst.products) == (
        "yayasan",
        "53.71",
        ["ekonomi", "sosial"],
        ["pelatihan"],
    )
    assert [(s.description, s.url) for s in inst.sources] == [
        ("Pemberitaan Dinas, Maret 2026", "https://contoh.go.id/berita"),
        ("Rapat koordinasi", None),
    ]
    assert inst.contact["telepon"] == "0380 821234" and inst.verified_on == dt.date(2026, 11, 2)
    before = snapshot(tree.root)
    again = impor(tree, file)
    assert again.returncode == 0 and "0 lembaga baru, 0 diubah, 1 tidak berubah" in again.stdout
    assert snapshot(tree.root) == before


def test_a_row_for_an_existing_id_changes_only_the_sheets_fields_and_keeps_comments(tree, tmp_path):
    tree.replace("data/lembaga/yagat.yaml", "standardisasi:", "# Catatan penyunting: jangan dihapus.\nstandardisasi:")
    before = tree.read("data/lembaga/yagat.yaml")
    file = xlsx(
        tmp_path / "sebagian.xlsx",
        [{"id": "yagat", "telepon": "0380 999999", "tanggal_verifikasi": "2026-11-20"}],
        header=["id", "telepon", "tanggal_verifikasi"],
    )
    result = impor(tree, file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Diubah: data/lembaga/yagat.yaml (telepon, tanggal_verifikasi)" in result.stdout
    after = tree.read("data/lembaga/yagat.yaml")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert removed == ['  tanggal: "2026-11-28"']
    assert added == ['  tanggal: "2026-11-20"', "kontak:", '  telepon: "0380 999999"']
    assert "# Catatan penyunting: jangan dihapus." in after and "catatan: >-" in after  # comments, folded text kept
    assert lplpp("check", "--root", tree.root).returncode == 0


# ------------------------------------------------------------------ mistakes


def test_every_problem_is_reported_at_its_cell_and_nothing_is_written(tree, tmp_path):
    rows = [
        dict(NEW, id="satu", nama="Satu", jenis="yayasn"),  # row 2: a misspelt closed value
        dict(NEW, id="dua", nama="Dua", telepon=380821234),  # row 3: a phone number typed as a number
        dict(NEW, id="tiga", nama="Tiga", tanggal_verifikasi="05/11/2026"),  # row 4: day or month?
        dict(NEW, id="empat", nama="Empat", wilayah="53.99"),  # row 5: no such region
        dict(NEW, id="Lima Baru", nama="Lima"),  # row 6: not an ID
        dict(NEW, id="enam", nama="Enam", keterangan=None),  # row 7: required and empty
        dict(NEW, id="satu", nama="Satu lagi"),  # row 8: the same ID twice
        dict(NEW, id="tujuh", nama="Tujuh", tanggal_verifikasi="2999-01-01"),  # row 9: a date in the future
    ]
    before = snapshot(tree.root)
    result = impor(tree, xlsx(tmp_path / "salah.xlsx", rows))
    assert result.returncode == 1
    assert snapshot(tree.root) == before
    lines = result.stdout.strip().splitlines()
    cells = [re.match(r".*salah\.xlsx:(lembaga![A-Z]+[0-9]+): ([a-z_]+): .+ Perbaikan: .+", line) for line in lines]
    assert all(cells), lines
    assert [(m.group(1), m.group(2)) for m in cells] == [
        ("lembaga!D2", "jenis"),
        ("lembaga!T3", "telepon"),
        ("lembaga!W4", "tanggal_verifikasi"),
        ("lembaga!E5", "wilayah"),
        ("lembaga!A6", "id"),
        ("lembaga!G7", "keterangan"),
        ("lembaga!A8", "id"),
        ("lembaga!W9", "tanggal_verifikasi"),
    ]
    assert "mungkin maksud Anda 'yayasan'?" in lines[0]
    assert "8 kesalahan. Tidak ada berkas yang ditulis." in result.stderr


def test_an_unknown_column_is_refused_with_a_suggestion(tree, tmp_path):
    result = impor(tree, xlsx(tmp_path / "kolom.xlsx", [NEW], header=[*HEADER[:-1], "catatan_verfikasi"]))
    assert result.returncode == 1
    assert "kolom.xlsx:lembaga!X1: catatan_verfikasi: judul kolom 'catatan_verfikasi' tidak dikenal." in result.stdout
    assert "mungkin maksud Anda 'catatan_verifikasi'?" in result.stdout


def test_a_row_cannot_put_another_institutions_data_under_an_existing_id(tree, tmp_path):
    yao = record(tree, "yao")
    row = dict(NEW, id="yao")  # e.g. one column sorted on its own: Yayasan Mawar's row now carries yao's ID
    before = snapshot(tree.root)
    result = impor(tree, xlsx(tmp_path / "geser.xlsx", [row]))
    assert result.returncode == 1
    assert f"geser.xlsx:lembaga!B2: nama: ID 'yao' adalah '{yao['nama']}'" in result.stdout
    assert snapshot(tree.root) == before


def test_values_excel_mangles_are_recovered_only_where_certain(tree, tmp_path):
    rows = [
        dict(NEW, id="kode-angka", nama="Kode Angka", wilayah=53.1, tanggal_verifikasi=dt.date(2026, 11, 3)),
        dict(NEW, id="serial", nama="Serial", wilayah="53.1", tanggal_verifikasi=46000, tahun_standardisasi=None),
        dict(
            NEW,
            id="terstandar",
            nama="Terstandar",
            status_standardisasi="Terstandar",
            tahun_standardisasi=2024.0,
            tanggal_verifikasi="28/11/2025",
            lintang="-10,17",
            bujur=123.6,
        ),
    ]
    result = impor(tree, xlsx(tmp_path / "excel.xlsx", rows))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "excel.xlsx:lembaga!E2: dipulihkan: angka 53.1 menjadi kode '53.10'" in result.stderr
    content = load_content(tree.root)
    assert content.institutions["kode-angka"].region_code == "53.10"
    assert content.institutions["kode-angka"].verified_on == dt.date(2026, 11, 3)
    assert content.institutions["serial"].region_code == "53.10"
    assert content.institutions["serial"].verified_on == dt.date(1899, 12, 30) + dt.timedelta(days=46000)
    done = content.institutions["terstandar"]
    assert (done.status, done.standardised_year, done.verified_on) == ("terstandar", 2024, dt.date(2025, 11, 28))
    assert done.coordinates == (-10.17, 123.6)
    assert 'wilayah: "53.10"' in tree.read("data/lembaga/kode-angka.yaml")


def test_ambiguous_numbers_are_refused(tree, tmp_path):
    rows = [dict(NEW, id="satu", nama="Satu", wilayah=53.123), dict(NEW, id="dua", nama="Dua", singkatan=True)]
    result = impor(tree, xlsx(tmp_path / "ragu.xlsx", rows))
    assert result.returncode == 1
    assert "ragu.xlsx:lembaga!E2: wilayah: kode wilayah terbaca sebagai angka 53.123" in result.stdout
    assert "ragu.xlsx:lembaga!C3: singkatan: sel berisi nilai benar/salah (TRUE)" in result.stdout


# ------------------------------------------------------------------ untrusted cells


PAYLOADS = [
    '=HYPERLINK("http://x.invalid","klik")',
    "@SUM(1+1)",
    "+62 Jalan '\"Mawar\"' # bukan komentar",
    "id: lain\n---\n- !!python/object/apply:os.system ['x']\n&a *a",
    "{{ jinja }} {% raw %} <script>alert(1)</script> \u2028 ]]> -->",
]


def test_every_free_text_column_keeps_hostile_text_as_typed(tree, tmp_path):
    """Every free-text column of the template (read from the schema, so a new field is attacked
    without anyone adding it here) takes each payload and reads back exactly."""
    free = [c for c in INSTITUTION_COLUMNS if c.kind == "text" and "pattern" not in schema_node("lembaga", c.path)[0]]
    assert {"nama", "keterangan", "alamat", "catatan_verifikasi"} <= {c.name for c in free}
    rows = [
        dict(NEW, id=f"racun-{n}", **{c.name: f"{payload} {c.name}" for c in free})
        for n, payload in enumerate(PAYLOADS)
    ]
    result = impor(tree, xlsx(tmp_path / "racun.xlsx", rows))
    assert result.returncode == 0, result.stdout + result.stderr
    for n, payload in enumerate(PAYLOADS):
        data = record(tree, f"racun-{n}")
        for column in free:
            value = data
            for key in column.path:
                value = value[key]
            assert value == f"{payload} {column.name}", (column.name, value)
    assert lplpp("check", "--root", tree.root).returncode == 0


def test_a_formula_is_never_evaluated(tree, tmp_path):
    """A real formula cell: only a value the spreadsheet program computed and saved could be read;
    openpyxl saves none, so the cell is empty and the row is refused, never computed by us."""
    row = dict(NEW, nama='=CONCATENATE("Yayasan ", "Mawar")')
    result = impor(tree, xlsx(tmp_path / "rumus.xlsx", [row], formulas=True))
    assert result.returncode == 1
    assert "rumus.xlsx:lembaga!B2: nama: wajib diisi" in result.stdout


HOSTILE_IDS = [
    "../../pwned",
    "..",
    "/tmp/pwned",
    "a/b",
    "a\\b",
    "_contoh",
    "CON",
    "yagat.yaml",
    "x" * 300 + "/../y",
    "a\tb",
]


def test_an_id_never_leads_outside_data_lembaga(tree, tmp_path):
    before = snapshot(tree.root)
    outside = set(tmp_path.parent.rglob("*pwned*"))
    rows = [dict(NEW, id=ident, nama=f"Lembaga {n}") for n, ident in enumerate(HOSTILE_IDS)]
    result = impor(tree, xlsx(tmp_path / "jalur.xlsx", rows))
    assert result.returncode == 1, result.stdout
    refused = re.findall(r"jalur\.xlsx:lembaga!A([0-9]+): id:", result.stdout)
    assert refused == [str(n) for n in range(2, 2 + len(HOSTILE_IDS))]
    assert snapshot(tree.root) == before
    assert set(tmp_path.parent.rglob("*pwned*")) == outside
    assert not Path("/tmp/pwned.yaml").exists()


def csv_file(path: Path, rows: list[dict], delimiter: str = ",", bom: bool = False) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([[row.get(name, "") for name in HEADER] for row in rows])
    path.write_bytes(("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8"))
    return path


def test_control_characters_are_refused_at_their_cell(tree, tmp_path):
    result = impor(tree, csv_file(tmp_path / "kendali.csv", [dict(NEW, nama="Yayasan\x1b[31m Merah")]))
    assert result.returncode == 1
    assert "kendali.csv:kendali!B2: nama: teks mengandung karakter kendali tak terlihat (U+001B)" in result.stdout
    assert "\x1b" not in result.stdout  # never echoed to the terminal


def test_files_are_told_apart_by_content_not_name(tree, tmp_path):
    workbook = xlsx(tmp_path / "a.xlsx", [NEW])
    disguised = tmp_path / "data.csv"
    shutil.copy(workbook, disguised)
    assert impor(tree, disguised, "--coba").returncode == 0
    # Excel's "CSV UTF-8" (with a BOM), separated by ';' as Excel does in Indonesian
    csv_named_xlsx = csv_file(tmp_path / "dari-excel.xlsx", [NEW], delimiter=";", bom=True)
    result = impor(tree, csv_named_xlsx, "--coba")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Akan ditambah: data/lembaga/yayasan-mawar.yaml" in result.stdout
    for name, payload in [
        ("gambar.xlsx", b"\x89PNG\r\n\x1a\n" + os.urandom(200)),
        ("latin1.csv", "Désa".encode("cp1252")),
    ]:
        (tmp_path / name).write_bytes(payload)
        result = impor(tree, tmp_path / name)
        assert result.returncode == 1 and "bukan" in result.stderr, result.stderr
    with zipfile.ZipFile(tmp_path / "arsip.xlsx", "w") as archive:
        archive.writestr("catatan.txt", "bukan lembar kerja")
    result = impor(tree, tmp_path / "arsip.xlsx")
    assert result.returncode == 1 and "bukan lembar kerja" in result.stderr


@pytest.mark.slow
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tree, tmp_path):
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 310_000_000)
    assert bomb.stat().st_size < 1_000_000
    started = time.perf_counter()
    result = impor(tree, bomb)
    assert result.returncode == 1 and "terlalu besar" in result.stderr
    assert time.perf_counter() - started < 5


# ------------------------------------------------------------------ LibreOffice and scale


def soffice() -> str:
    found = shutil.which("soffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("soffice missing: `make system` installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice not installed (make system)")
    return found


def convert(source: Path, target_format: str, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(out)}  # a profile of its own: no clash with a running LibreOffice
    subprocess.run(
        [soffice(), "--headless", "--convert-to", target_format, "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    return out / f"{source.stem}.{target_format.split(':')[0]}"


@pytest.mark.office
def test_libreoffice_files_import_and_the_export_survives_a_round_trip_through_it(tree, tmp_path):
    assert lplpp("export", "--root", tree.root, "--out", tmp_path / "ekspor").returncode == 0
    ods = convert(tmp_path / "ekspor/lembaga.xlsx", "ods", tmp_path / "lo")
    before = snapshot(tree.root)
    result = impor(tree, ods)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lembaga baru, 0 diubah, 6 tidak berubah" in result.stdout
    assert snapshot(tree.root) == before
    # Both templates open in LibreOffice with their sheets, headers and region list intact.
    from python_calamine import CalamineWorkbook

    for name, sheets in [
        ("lembaga", ["lembaga", "wilayah", "pilihan"]),
        ("penilaian", ["penilaian", "kriteria", "pilihan"]),
    ]:
        book = CalamineWorkbook.from_path(
            str(convert(tmp_path / f"ekspor/templat/{name}.xlsx", "ods", tmp_path / "lo3"))
        )
        assert book.sheet_names == sheets
        assert book.get_sheet_by_name(name).to_python()[0][0] == ("id" if name == "lembaga" else "lembaga")
    regions = CalamineWorkbook.from_path(str(tmp_path / "lo3/lembaga.ods")).get_sheet_by_name("wilayah")
    assert ["53.10 Kabupaten Manggarai", "53.10", "Kabupaten Manggarai"] in [r[:3] for r in regions.to_python()]
    # What LibreOffice saves from a filled copy of the template imports.
    filled = tmp_path / "isi.xlsx"
    wb = openpyxl.load_workbook(tmp_path / "ekspor/templat/lembaga.xlsx")
    wb["lembaga"].append([NEW.get(name) for name in HEADER])
    wb.save(filled)
    result = impor(tree, convert(filled, "ods", tmp_path / "lo2"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert load_content(tree.root).institutions["yayasan-mawar"].region_code == "53.71"


@pytest.mark.slow
def test_ten_thousand_rows_with_fifty_bad_cells_are_all_reported_in_budget(tree, tmp_path):
    file = spreadsheet(tree.root, tmp_path / "besar.xlsx", 10_000, bad=50)
    before = snapshot(tree.root)
    started = time.perf_counter()
    result = impor(tree, file)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1
    assert len(result.stdout.strip().splitlines()) == 50 and "50 kesalahan" in result.stderr
    assert snapshot(tree.root) == before
    assert elapsed < 10, elapsed
