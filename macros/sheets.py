"""Spreadsheets out: the directory as `lembaga.xlsx`, and the templates editors fill in
(`templat/lembaga.xlsx`, `templat/penilaian.xlsx`), generated from the JSON Schemas so that
their columns, notes and drop-down lists never drift from what `lplpp check` accepts.

Written with XlsxWriter (write-only, fast, data validation and notes): every cell is written
with an explicit type, text with `write_string`, so a value starting with = + - @ is text and
never a formula; text columns are formatted as Text ("@"), so what an editor types there
(53.10, 0380 …) stays as typed. `lplpp impor` (macros/impor.py) reads the same columns back.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xlsxwriter

from .export import DIRECTORY_COLUMNS, SHEET_DIRECTORY, directory_records
from .labels import ANSWERS, SCHEMAS, choices
from .model import Content

SHEET_REGIONS = "wilayah"
SHEET_CHOICES = "pilihan"
SHEET_ASSESSMENT = "penilaian"
SHEET_CRITERIA = "kriteria"
TEMPLATE_ROWS = 2000  # rows that carry drop-downs and the Text format in a template
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class SheetColumn:
    name: str  # the header; the same as the CSV column wherever the CSV has the field
    path: tuple[str, ...]  # where the value lives in data/lembaga/<id>.yaml
    kind: str  # text, choice, region, regions, list, year, bool, number, phone, sources, date


# One column per field of data/schemas/lembaga.schema.json (tests/test_sheets.py fails when a field is missing).
INSTITUTION_COLUMNS = [
    SheetColumn("id", ("id",), "text"),
    SheetColumn("nama", ("nama",), "text"),
    SheetColumn("singkatan", ("singkatan",), "text"),
    SheetColumn("jenis", ("jenis",), "choice"),
    SheetColumn("wilayah", ("wilayah",), "region"),
    SheetColumn("wilayah_kerja", ("wilayah_kerja",), "regions"),
    SheetColumn("keterangan", ("keterangan",), "text"),
    SheetColumn("bidang", ("bidang",), "list"),
    SheetColumn("produk_layanan", ("produk_layanan",), "list"),
    SheetColumn("program", ("program",), "list"),
    SheetColumn("status_standardisasi", ("standardisasi", "status"), "choice"),
    SheetColumn("tahun_standardisasi", ("standardisasi", "tahun"), "year"),
    SheetColumn("bidang_terstandar", ("standardisasi", "bidang"), "list"),
    SheetColumn("lokasi_rahasia", ("lokasi_rahasia",), "bool"),
    SheetColumn("alamat", ("alamat",), "text"),
    SheetColumn("lintang", ("koordinat", "lintang"), "number"),
    SheetColumn("bujur", ("koordinat", "bujur"), "number"),
    SheetColumn("situs", ("kontak", "situs"), "text"),
    SheetColumn("email", ("kontak", "email"), "text"),
    SheetColumn("telepon", ("kontak", "telepon"), "phone"),
    SheetColumn("sumber", ("sumber",), "sources"),
    SheetColumn("status_verifikasi", ("verifikasi", "status"), "choice"),
    SheetColumn("tanggal_verifikasi", ("verifikasi", "tanggal"), "date"),
    SheetColumn("catatan_verifikasi", ("verifikasi", "catatan"), "text"),
]
ASSESSMENT_COLUMNS = [
    SheetColumn("lembaga", ("lembaga",), "choice"),
    SheetColumn("tanggal", ("tanggal",), "date"),
    SheetColumn("versi_pedoman", ("versi_pedoman",), "choice"),
    SheetColumn("kriteria", ("jawaban", "*", "kriteria"), "choice"),
    SheetColumn("jawaban", ("jawaban", "*", "jawaban"), "choice"),
    SheetColumn("bukti", ("jawaban", "*", "bukti"), "text"),
    SheetColumn("catatan", ("jawaban", "*", "catatan"), "text"),
]
TEXT_KINDS = {"text", "choice", "region", "regions", "list", "phone", "sources", "date"}
_HINTS = {
    "regions": "Beberapa kode dipisah titik koma (;).",
    "list": "Beberapa nilai dipisah titik koma (;), misalnya ekonomi;sosial.",
    "sources": "Beberapa sumber dipisah ' | '; alamat web dalam kurung di akhir, misalnya "
    "Pemberitaan Dinas, Maret 2026 (https://contoh.go.id/berita).",
    "date": "Format TTTT-BB-HH, misalnya 2026-11-28.",
    "bool": "true bila lokasi dirahasiakan; kosong atau false bila tidak.",
    "region": 'Kode kabupaten/kota ("53.71") atau provinsi ("53"); pilih dari daftar (lembar wilayah).',
    "phone": "Ditulis sebagai teks: angka 0 di depan tetap.",
}


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def schema_node(schema: str, path: tuple[str, ...]) -> tuple[dict, bool]:
    """The schema of a field, and whether it is required (it and every part above it)."""
    node, required = _schema(schema), True
    for key in path:
        if key == "*":
            node = node["items"]
            continue
        required = required and key in node.get("required", [])
        node = node["properties"][key]
    return node, required


def closed_values(schema: str, path: tuple[str, ...]) -> dict[str, str] | None:
    """value -> label when the schema closes the field's values (or its list items) with oneOf."""
    node, _ = schema_node(schema, path)
    if "oneOf" in node:
        return choices(schema, *path)
    if "oneOf" in node.get("items", {}):
        return choices(schema, *path, "*")
    return None


def note(schema: str, column: SheetColumn) -> str:
    node, required = schema_node(schema, column.path)
    parts = [f"{node.get('title', column.name)}{' (wajib)' if required else ' (opsional)'}."]
    parts.append(node.get("description", ""))
    if options := closed_values(schema, column.path):
        parts.append("Pilihan: " + ", ".join(f"{value} ({label})" for value, label in options.items()) + ".")
    parts.append(_HINTS.get(column.kind, ""))
    return " ".join(p for p in parts if p)


# ------------------------------------------------------------------ writing


class _Book:
    """An XlsxWriter workbook that never turns a string into a formula, a number or a link."""

    def __init__(self, path: Path, title: str, constant_memory: bool = False):
        self.wb = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "constant_memory": constant_memory,
            },
        )
        # Dated by the day, not the second: two builds of the same content give the same file.
        created = dt.datetime.combine(dt.date.today(), dt.time())
        self.wb.set_properties({"title": title, "author": "Portal Pedoman LP-LPP", "created": created})
        self.header = self.wb.add_format({"bold": True, "bg_color": "#E8EAF6", "text_wrap": True, "valign": "top"})
        self.text = self.wb.add_format({"num_format": "@"})

    def sheet(self, name: str, headers: list[str], notes: list[str] | None = None, widths: list[int] | None = None):
        ws = self.wb.add_worksheet(name)
        for col, header in enumerate(headers):
            ws.write_string(0, col, header, self.header)
            if notes and notes[col]:
                ws.write_comment(0, col, notes[col], {"x_scale": 3, "y_scale": 2.5})
            ws.set_column(col, col, (widths or [])[col] if widths else max(12, len(header) + 2))
        ws.freeze_panes(1, 0)
        return ws

    def row(self, ws, row: int, values: list) -> None:
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if value.__class__ is str:  # most cells; Text format, so an edited cell stays text in Excel
                ws.write_string(row, col, value, self.text)
            elif isinstance(value, bool):
                ws.write_boolean(row, col, value)
            elif isinstance(value, (int, float)):
                ws.write_number(row, col, value)
            else:
                ws.write_string(row, col, str(value), self.text)

    def close(self) -> None:
        self.wb.close()


def _cell(value) -> object:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


def write_directory(content: Content, path: Path, site_url: str) -> Path:
    """lembaga.xlsx: the CSV's columns and values, header frozen, filters on."""
    records = directory_records(content, site_url)
    book = _Book(path, "Direktori LP-LPP", constant_memory=True)
    ws = book.sheet(SHEET_DIRECTORY, [c.name for c in DIRECTORY_COLUMNS], [c.description for c in DIRECTORY_COLUMNS])
    for col, column in enumerate(DIRECTORY_COLUMNS):
        if column.type == "string" or column.type == "date":
            ws.set_column(col, col, max(12, len(column.name) + 2), book.text)
    for row, record in enumerate(records, 1):
        book.row(ws, row, [_cell(record[c.name]) for c in DIRECTORY_COLUMNS])
    ws.autofilter(0, 0, max(len(records), 1), len(DIRECTORY_COLUMNS) - 1)
    book.close()
    return path


def region_choice(code: str, name: str) -> str:
    """What the region drop-down shows and `lplpp impor` accepts: '53.71 Kota Kupang'."""
    return f"{code} {name}"


def _choices_sheet(book: _Book, lists: dict[str, dict[str, str]]):
    """One pair of columns (value, label) per closed list; returns name -> range for validations."""
    headers = [h for name in lists for h in (name, f"{name} (arti)")]
    ws = book.sheet(SHEET_CHOICES, headers, widths=[22] * len(headers))
    ranges = {}
    for index, (name, options) in enumerate(lists.items()):
        col = 2 * index
        for row, (value, label) in enumerate(options.items(), 1):
            book.row(ws, row, [None] * col + [value, label])
        letter = xlsxwriter.utility.xl_col_to_name(col)
        ranges[name] = f"={SHEET_CHOICES}!${letter}$2:${letter}${max(len(options), 1) + 1}"
    return ranges


def _validate(ws, col: int, column: SheetColumn, source: str | None, node: dict) -> None:
    last = TEMPLATE_ROWS
    message = {"input_title": column.name[:32], "input_message": _HINTS.get(column.kind, "")[:255]}
    if source:
        many = column.kind in ("list", "regions")
        ws.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": source,
                "ignore_blank": True,
                "show_error": not many,  # several values are typed with ';': allowed, the drop-down only helps
                "error_title": "Nilai tidak ada dalam daftar",
                "error_message": "Pilih salah satu nilai dari daftar (lihat lembar pilihan).",
                **message,
            },
        )
    elif column.kind in ("year", "number"):
        ws.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "integer" if column.kind == "year" else "decimal",
                "criteria": "between",
                "minimum": node.get("minimum", -1e9),
                "maximum": node.get("maximum", 1e9),
                "error_message": node.get("description", "")[:255] or "Angka di luar rentang.",
                **message,
            },
        )


def write_institution_template(content: Content, path: Path) -> Path:
    book = _Book(path, "Templat data lembaga LP-LPP")
    columns = INSTITUTION_COLUMNS
    ws = book.sheet("lembaga", [c.name for c in columns], [note("lembaga", c) for c in columns])
    regions = _regions_sheet(book, content)
    lists = {c.name: values for c in columns if (values := closed_values("lembaga", c.path))}
    lists["bidang"] = {f.id: f.name for f in content.guideline.fields}
    lists["program"] = {p.id: p.name for p in content.programs.values()}
    lists["lokasi_rahasia"] = {"true": "lokasi dirahasiakan", "false": "tidak dirahasiakan"}
    ranges = _choices_sheet(book, lists)
    ranges["bidang_terstandar"] = ranges["bidang"]
    ranges["wilayah"] = ranges["wilayah_kerja"] = regions
    for col, column in enumerate(columns):
        if column.kind in TEXT_KINDS:
            ws.set_column(col, col, max(14, len(column.name) + 2), book.text)
        _validate(ws, col, column, ranges.get(column.name), schema_node("lembaga", column.path)[0])
    ws.activate()
    book.close()
    return path


def _regions_sheet(book: _Book, content: Content) -> str:
    ws = book.sheet(
        SHEET_REGIONS,
        ["pilihan", "kode", "nama", "jenis", "kode_provinsi", "provinsi"],
        widths=[40, 10, 34, 12, 14, 30],
    )
    row = 0
    for province in content.provinces.values():
        for code, name, kind in [(province.code, f"Provinsi {province.name}", "provinsi")] + [
            (r.code, r.name, r.kind) for r in province.regencies
        ]:
            row += 1
            book.row(ws, row, [region_choice(code, name), code, name, kind, province.code, province.name])
    return f"={SHEET_REGIONS}!$A$2:$A${row + 1}"


def write_assessment_template(content: Content, path: Path) -> Path:
    guideline = content.guideline
    book = _Book(path, "Templat penilaian mandiri LP-LPP")
    columns = ASSESSMENT_COLUMNS
    ws = book.sheet(SHEET_ASSESSMENT, [c.name for c in columns], [note("penilaian", c) for c in columns])
    criteria = book.sheet(SHEET_CRITERIA, ["id", "aspek", "pertanyaan", "bukti"], widths=[10, 8, 80, 60])
    for row, criterion in enumerate(guideline.criteria, 1):
        book.row(criteria, row, [criterion.id, criterion.aspect_id, criterion.question, "; ".join(criterion.evidence)])
    versions = {guideline.version: "versi saat ini"} | {r.version: "versi terdahulu" for r in content.releases}
    ranges = _choices_sheet(
        book,
        {
            "lembaga": {i.id: i.name for i in content.institutions.values()},
            "versi_pedoman": versions,
            "jawaban": {label: value for value, label in ANSWERS.items()},  # the drop-down shows Ya/Sebagian/Belum
        },
    )
    ranges["kriteria"] = f"={SHEET_CRITERIA}!$A$2:$A${len(guideline.criteria) + 1}"
    for col, column in enumerate(columns):
        ws.set_column(col, col, 16 if column.kind != "text" else 40, book.text)
        _validate(ws, col, column, ranges.get(column.name), {})
    for row, criterion in enumerate(guideline.criteria, 1):  # one row per criterion, ready to answer
        book.row(ws, row, [None, None, guideline.version, criterion.id])
    ws.activate()
    book.close()
    return path


TEMPLATE_FOLDER = "templat"


def write_all(content: Content, out: Path, site_url: str) -> list[Path]:
    """lembaga.xlsx next to the CSV, and the two templates in templat/."""
    (out / TEMPLATE_FOLDER).mkdir(parents=True, exist_ok=True)
    return [
        write_directory(content, out / "lembaga.xlsx", site_url),
        write_institution_template(content, out / TEMPLATE_FOLDER / "lembaga.xlsx"),
        write_assessment_template(content, out / TEMPLATE_FOLDER / "penilaian.xlsx"),
    ]
