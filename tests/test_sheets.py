"""Spreadsheets out: lembaga.xlsx beside the CSV, and the templates generated from the schemas
(read back with openpyxl, as Excel would show them)."""

from __future__ import annotations

import json
import time

import openpyxl
import pytest
import yaml
from conftest import REPO, lplpp

from macros.content import load_content
from macros.export import DIRECTORY_COLUMNS, FILES, directory_records
from macros.labels import ANSWERS
from macros.pages import published_address
from macros.sheets import (
    INSTITUTION_COLUMNS,
    closed_values,
    write_assessment_template,
    write_institution_template,
)

CONTENT = load_content(REPO)
SCHEMA = json.loads((REPO / "data/schemas/lembaga.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("ekspor")
    result = lplpp("export", "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def _validation_values(wb, ws, col_letter: str) -> list[str] | None:
    for dv in ws.data_validations.dataValidation:
        if str(dv.sqref).startswith(f"{col_letter}2:") and dv.type == "list":
            sheet, cells = dv.formula1.lstrip("=").split("!")
            first, last = cells.replace("$", "").split(":")
            return [c.value for (c,) in wb[sheet][f"{first}:{last}"]]
    return None


def test_every_listed_file_is_written(exported):
    assert all((exported / name).is_file() for name in FILES)


def test_directory_xlsx_has_the_csv_columns_and_values(exported):
    wb = openpyxl.load_workbook(exported / "lembaga.xlsx")
    ws = wb["lembaga"]
    header = [c.value for c in ws[1]]
    assert header == [c.name for c in DIRECTORY_COLUMNS]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    records = {r["id"]: r for r in directory_records(CONTENT, published_address(REPO))}
    for row in ws.iter_rows(min_row=2, values_only=True):
        record = records.pop(row[0])
        for column, value in zip(DIRECTORY_COLUMNS, row, strict=True):
            expected = record[column.name]
            expected = ";".join(expected) if isinstance(expected, list) else expected
            assert (value if value is not None else ("" if isinstance(expected, str) else None)) == (
                expected if expected is not None else None
            ) or (value is None and expected in ("", None)), (column.name, value, expected)
            if column.type == "string" and value is not None:
                assert isinstance(value, str)  # codes and phone numbers stay text
    assert not records


def test_a_formula_looking_value_is_text_in_the_spreadsheet(tmp_path, tree):
    tree.replace("data/lembaga/yagat.yaml", "nama: Yayasan Gerbang Alam Timur", 'nama: "=HYPERLINK(\\"x\\")"')
    tree.replace("data/lembaga/yagat.yaml", "singkatan: YAGAT", 'singkatan: "+62 YAGAT"')
    result = lplpp("export", "--root", tree.root, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    ws = openpyxl.load_workbook(tmp_path / "out/lembaga.xlsx")["lembaga"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "yagat")
    assert row[1].value == '=HYPERLINK("x")' and row[1].data_type == "s"
    assert row[2].value == "+62 YAGAT" and row[2].data_type == "s"


def _schema_leaves(schema: dict, prefix=()):
    for key, node in schema["properties"].items():
        if node.get("type") == "object" and "properties" in node:
            yield from _schema_leaves(node, prefix + (key,))
        else:
            yield prefix + (key,)


def test_institution_template_has_one_column_per_field_with_notes_and_lists(tmp_path):
    started = time.perf_counter()
    write_institution_template(CONTENT, tmp_path / "lembaga.xlsx")
    write_assessment_template(CONTENT, tmp_path / "penilaian.xlsx")
    assert time.perf_counter() - started < 1.0  # budget: template generation in under a second
    assert {c.path for c in INSTITUTION_COLUMNS} == set(_schema_leaves(SCHEMA))
    wb = openpyxl.load_workbook(tmp_path / "lembaga.xlsx")
    assert wb.sheetnames[:2] == ["lembaga", "wilayah"]
    ws = wb["lembaga"]
    assert [c.value for c in ws[1]] == [c.name for c in INSTITUTION_COLUMNS]
    for cell, column in zip(ws[1], INSTITUTION_COLUMNS, strict=True):
        assert cell.comment and len(cell.comment.text) > 20, column.name
        values = _validation_values(wb, ws, cell.column_letter)
        if closed := closed_values("lembaga", column.path):
            assert values == list(closed), column.name
        if column.name in ("wilayah", "wilayah_kerja"):
            assert values and "53.10 Kabupaten Manggarai" in values and len(values) == 38 + 514
        if column.name == "bidang":
            assert values == [f.id for f in CONTENT.guideline.fields]
    for name in ("wilayah", "telepon", "tanggal_verifikasi", "id"):
        col = next(c for c, column in zip(ws[1], INSTITUTION_COLUMNS, strict=True) if column.name == name)
        formats = {d.number_format for d in ws.column_dimensions.values() if d.min <= col.column <= d.max}
        assert formats == {"@"}, name  # what an editor types there stays text
    regions = list(wb["wilayah"].iter_rows(min_row=2, values_only=True))
    assert ("53.10", "Kabupaten Manggarai") in {(r[1], r[2]) for r in regions}
    assert all(isinstance(r[1], str) for r in regions)


def test_assessment_template_lists_every_criterion_and_the_answers(tmp_path):
    write_assessment_template(CONTENT, tmp_path / "penilaian.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "penilaian.xlsx")
    ws = wb["penilaian"]
    assert [c.value for c in ws[1]] == [
        "lembaga",
        "tanggal",
        "versi_pedoman",
        "kriteria",
        "jawaban",
        "bukti",
        "catatan",
    ]
    criteria = [c.id for c in CONTENT.guideline.criteria]
    assert [r[3] for r in ws.iter_rows(min_row=2, values_only=True)] == criteria
    assert _validation_values(wb, ws, "D") == criteria
    assert _validation_values(wb, ws, "E") == list(ANSWERS.values()) == ["Ya", "Sebagian", "Belum"]
    assert _validation_values(wb, ws, "A") == list(CONTENT.institutions)


def test_template_lists_follow_the_content(tree, tmp_path):
    """A field added to guidelines/bidang.yaml appears in the template's drop-down: nothing is typed twice."""
    data = yaml.safe_load(tree.read("guidelines/bidang.yaml"))
    assert "kesehatan" in [f["id"] for f in data["bidang"]]
    content = load_content(tree.root)
    write_institution_template(content, tmp_path / "lembaga.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "lembaga.xlsx")
    assert "kesehatan" in _validation_values(wb, wb["lembaga"], "H")


def test_editors_are_shown_the_spreadsheet_route():
    guide = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    for needle in ("/data/templat/lembaga.xlsx", "/data/templat/penilaian.xlsx", "lplpp impor", "--coba"):
        assert needle in guide, needle


def test_text_cells_of_the_export_stay_text_when_edited(exported):
    """Excel applies a cell's own format when someone retypes it: codes and phones carry Text ("@")."""
    ws = openpyxl.load_workbook(exported / "lembaga.xlsx")["lembaga"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for name in ("kode_provinsi", "telepon", "tanggal_verifikasi"):
            cell = row[header.index(name)]
            if cell.value is not None:
                assert cell.number_format == "@" and cell.data_type == "s", (name, cell.value)
