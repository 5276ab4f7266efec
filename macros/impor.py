"""`lplpp impor BERKAS`: rows of a spreadsheet (.xlsx, .ods, .xls or .csv, told apart by their
content) become the `data/lembaga/<id>.yaml` records they describe.

Every cell is untrusted. Each row is turned into a record, then the records go through the same
schema and rules as `lplpp check` (macros/check.py) together with the rest of the content; every
problem is reported as `BERKAS:Lembar!C12: kolom: pesan Perbaikan: …`, and nothing is written unless
the whole file is clean. A row for an existing ID changes only the fields its sheet carries, and
only those top-level keys of the YAML file are rewritten: the rest of the file, its comments
included, stays byte for byte. Values Excel mangles are recovered where the original is certain
(53.1 -> 53.10, 2024.0 -> 2024, a date cell -> "2026-11-28") and refused where it is not (a phone
number that became a number, 05/11/2026).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import check
from .content import SCHEMAS, read_bundle
from .export import DIRECTORY_COLUMNS, FORMULA_START, SHEET_DIRECTORY
from .load import (
    _FLOAT,
    _INT,
    _TEXT_CONTROL,
    _UNPRINTABLE,
    Document,
    Issue,
    _Loader,
    parse_document,
    printable,
    yaml_quoted,
)
from .sheets import INSTITUTION_COLUMNS, SheetColumn, closed_values, schema_node

MAX_BYTES = 50_000_000  # the file as stored
MAX_UNPACKED = 300_000_000  # an .xlsx/.ods is a zip: its parts, unpacked (zip bombs)
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELL = 32_767  # Excel's own limit for one cell
MAX_REPORTED = 1_000  # problems shown; the count says how many more

KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_PLAIN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}
_REGION = re.compile(r"([0-9]{2})(?:\.([0-9]{1,2}))?(?:\s+(.*))?", re.S)
_DMY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_SOURCE = re.compile(r"(.*?)\s*\((https?://[^\s()]+)\)", re.S)
_EXCEL_EPOCH = dt.date(1899, 12, 30)

# Export columns that say again what the record says elsewhere: read for the region, otherwise ignored.
DERIVED = {"kode_provinsi", "provinsi", "kode_kabupaten_kota", "kabupaten_kota", "url"}
COLUMNS = {c.name: c for c in INSTITUTION_COLUMNS}
KNOWN = set(COLUMNS) | {c.name for c in DIRECTORY_COLUMNS}


class Refused(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""


class ContentErrors(Exception):
    """The portal's own content does not pass `lplpp check`: nothing is imported into it."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues


@dataclass
class Table:
    label: str  # the file name as the editor gave it
    sheet: str
    header: list[str]
    rows: list[tuple[int, list]]  # (spreadsheet row number, cells)


@dataclass(order=True)
class SheetIssue:
    position: tuple[int, int]  # (row, column index): the order they are listed in
    cell: str  # "lembaga!C12", or "lembaga!12:12" for a whole row
    column: str
    message: str
    hint: str = ""
    label: str = ""

    def __str__(self) -> str:
        text = f"{self.label}:{self.cell}: {self.column}: {self.message}"
        return printable(f"{text} Perbaikan: {self.hint}" if self.hint else text)


@dataclass
class Outcome:
    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # id -> columns that change
    unchanged: int = 0
    recovered: list[str] = field(default_factory=list)  # "lembaga!E5: 53.1 -> 53.10"
    issues: list[SheetIssue] = field(default_factory=list)


# ------------------------------------------------------------------ reading


def read_table(path: Path, label: str) -> Table:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise Refused(f"berkas {size:,} byte; paling besar {MAX_BYTES:,}. Pecah datanya menjadi beberapa berkas.")
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(b"PK\x03\x04"):
        return _read_workbook(path, label, zipped=True)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # the old .xls (OLE2) format
        return _read_workbook(path, label, zipped=False)
    return _read_csv(path, label)


def _read_workbook(path: Path, label: str, zipped: bool) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook

    if zipped:
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                unpacked = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile as err:
            raise Refused("berkas rusak (arsip zip tidak utuh). Simpan ulang dari aplikasi lembar kerja.") from err
        if unpacked > MAX_UNPACKED:
            raise Refused(f"isi berkas terlalu besar setelah dibuka ({unpacked:,} byte). Pecah datanya.")
        if "xl/workbook.xml" not in names and "content.xml" not in names:
            raise Refused("berkas zip ini bukan lembar kerja .xlsx atau .ods.")
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = list(book.sheet_names)
        sheet_name = SHEET_DIRECTORY if SHEET_DIRECTORY in sheets else sheets[0]
        sheet = book.get_sheet_by_name(sheet_name)
        if sheet.height > MAX_ROWS + 1 or sheet.width > MAX_COLUMNS:
            raise Refused(
                f"lembar '{sheet_name}' berisi {sheet.height:,} baris x {sheet.width:,} kolom; "
                f"paling banyak {MAX_ROWS:,} baris dan {MAX_COLUMNS} kolom."
            )
        cells = sheet.to_python(skip_empty_area=False)
    except (CalamineError, IndexError, ValueError) as err:
        raise Refused(f"lembar kerja tidak dapat dibaca ({type(err).__name__}). Simpan ulang sebagai .xlsx.") from err
    if not cells:
        raise Refused(f"lembar '{sheet_name}' kosong.")
    return Table(label, sheet_name, [_header(v) for v in cells[0]], list(enumerate(cells[1:], 2)))


def _read_csv(path: Path, label: str) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise Refused(
            "berkas bukan lembar kerja (.xlsx, .ods) dan bukan CSV UTF-8. Di Excel: Simpan Sebagai > "
            '"CSV UTF-8 (dibatasi koma)", atau simpan sebagai .xlsx.'
        ) from err
    if "\x00" in text:
        raise Refused("berkas berisi karakter biner; ini bukan CSV. Simpan sebagai .xlsx atau CSV UTF-8.")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # Excel in Indonesian saves CSV with ';'
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = []
        for number, row in enumerate(reader, 1):
            if number > MAX_ROWS + 1 or len(row) > MAX_COLUMNS:
                raise Refused(f"paling banyak {MAX_ROWS:,} baris dan {MAX_COLUMNS} kolom.")
            rows.append([_uncell(cell) for cell in row])
    except csv.Error as err:
        raise Refused(f"CSV tidak dapat dibaca: {err}. Simpan ulang dari aplikasi lembar kerja.") from err
    if not rows:
        raise Refused("berkas kosong.")
    sheet = Path(label).stem or "csv"  # as a spreadsheet names the sheet of an opened CSV
    return Table(label, sheet, [_header(v) for v in rows[0]], list(enumerate(rows[1:], 2)))


def _uncell(raw: str) -> str:
    """Our CSV export puts ' before text that starts like a formula; read it back as the text."""
    return raw[1:] if raw.startswith("'") and raw[1:].startswith(FORMULA_START) else raw


def _header(value) -> str:
    return str(value).strip().lower() if value is not None else ""


# ------------------------------------------------------------------ cells


class Bad(Exception):
    """A cell that cannot be read as what its column holds: message and hint."""

    def __init__(self, message: str, hint: str):
        self.message, self.hint = message, hint


def _shown(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value, column: SheetColumn) -> str:
    if isinstance(value, bool):
        raise Bad(
            f"sel berisi nilai benar/salah ({str(value).upper()}), bukan teks.",
            f"format kolom {column.name} sebagai Teks, lalu ketik ulang isinya.",
        )
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise Bad(
            f"sel diubah menjadi tanggal/waktu ({value}) oleh aplikasi lembar kerja.",
            f"format kolom {column.name} sebagai Teks, lalu ketik ulang isinya.",
        )
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Bad(f"nilai {value} bukan teks.", "ketik ulang isinya sebagai teks.")
        value = str(int(value)) if value.is_integer() else str(value)
    text = str(value).strip()
    if len(text) > MAX_CELL:
        raise Bad(f"teks {len(text):,} karakter; paling banyak {MAX_CELL:,}.", "persingkat isinya.")
    if bad := (_TEXT_CONTROL.search(text) or _UNPRINTABLE.search(text)):
        raise Bad(
            f"teks mengandung karakter kendali tak terlihat (U+{ord(bad.group()):04X}).",
            "hapus karakter tersebut (sering ikut saat menyalin dari dokumen lain).",
        )
    return text


def _region(value, column: SheetColumn, regions: dict[str, str], recovered: list[str], where: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        hundred = round(value * 100)
        if not math.isfinite(value) or abs(value * 100 - hundred) > 1e-6 or not 1000 <= hundred < 10000:
            raise Bad(
                f"kode wilayah terbaca sebagai angka {_shown(value)} dan tidak dapat dipulihkan dengan pasti.",
                'format kolom sebagai Teks dan ketik kodenya, misalnya 53.10 atau pilih "53.10 Kabupaten Manggarai".',
            )
        code = f"{hundred // 100:02d}" if hundred % 100 == 0 else f"{hundred // 100:02d}.{hundred % 100:02d}"
        if code in regions:
            recovered.append(f"{where}: dipulihkan: angka {_shown(value)} menjadi kode '{code}'")
            return code
        raise Bad(
            f"kode wilayah terbaca sebagai angka {_shown(value)}; '{code}' tidak ada dalam data/wilayah.yaml.",
            "format kolom sebagai Teks dan ketik kode yang benar (lihat lembar wilayah di templat).",
        )
    text = _text(value, column)
    match = _REGION.fullmatch(text)
    if not match:
        return text  # the schema and the rules say what is wrong, with a suggestion
    province, regency, name = match.groups()
    code = province if regency is None else f"{province}.{regency}"
    if regency is not None and len(regency) == 1:  # 53.1: what Excel makes of 53.10
        if f"{province}.{regency}0" not in regions:
            return code
        recovered.append(f"{where}: dipulihkan: '{code}' menjadi '{province}.{regency}0' (angka 0 di belakang hilang)")
        code = f"{province}.{regency}0"
    known = regions.get(code, "").casefold()
    if name and known and name.strip().casefold() not in (known, known.removeprefix("provinsi ")):
        raise Bad(
            f"kode '{code}' adalah {regions[code]}, bukan '{name.strip()}'.",
            "pilih pasangan kode dan nama dari daftar (lembar wilayah), atau tulis kodenya saja.",
        )
    return code


def _date(value, column: SheetColumn, recovered: list[str], where: str, from_workbook: bool) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if from_workbook and float(value).is_integer() and 36526 <= value <= 73051:  # 2000-01-01 .. 2100-01-01
            day = _EXCEL_EPOCH + dt.timedelta(days=int(value))
            recovered.append(f"{where}: dipulihkan: nomor seri Excel {int(value)} menjadi tanggal {day.isoformat()}")
            return day.isoformat()
        raise Bad(
            f"tanggal terbaca sebagai angka {_shown(value)}.", "tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-11-28."
        )
    text = _text(value, column)
    text = text[:10] if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]00:00(:00)?", text) else text
    if match := _DMY.fullmatch(text):
        d, m, y = (int(g) for g in match.groups())
        if d > 12 or d == m:  # only then is the order certain (Indonesian DD/MM vs US MM/DD)
            try:
                iso = dt.date(y, m, d).isoformat()
            except ValueError as err:
                raise Bad(f"'{text}' bukan tanggal yang ada.", "tulis tanggal sebagai TTTT-BB-HH.") from err
            recovered.append(f"{where}: dipulihkan: '{text}' menjadi '{iso}'")
            return iso
        raise Bad(
            f"'{text}' dapat berarti dua tanggal berbeda (hari/bulan atau bulan/hari).",
            "tulis tanggal sebagai TTTT-BB-HH, misalnya 2026-11-28.",
        )
    return text


def _year(value, column: SheetColumn) -> int | str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    text = _text(value, column)
    return int(text) if re.fullmatch(r"[0-9]{4}(\.0+)?", text) else text


def _number(value, column: SheetColumn) -> float | str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise Bad(f"'{value}' bukan angka yang terhingga.", "tulis angka biasa, misalnya -10.1783.")
        return float(value)
    text = _text(value, column)
    if text.count(",") == 1 and "." not in text:  # Indonesian decimal comma: -10,17
        text = text.replace(",", ".")
    if _FLOAT.fullmatch(text) or _INT.fullmatch(text):
        number = float(text)
        if math.isfinite(number):
            return number
    raise Bad(f"'{text}' bukan angka.", "tulis angka dengan titik desimal, misalnya -10.1783.")


_TRUE, _FALSE = {"true", "ya", "benar", "1"}, {"false", "tidak", "salah", "0"}


def _bool(value, column: SheetColumn) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value, column).lower()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise Bad(f"'{text}' bukan true atau false.", "tulis true (lokasi dirahasiakan) atau false.")


def _phone(value, column: SheetColumn) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise Bad(
            f"nomor telepon terbaca sebagai angka {_shown(value)}: angka 0 atau + di depan mungkin hilang.",
            "format kolom telepon sebagai Teks, lalu ketik ulang nomornya, misalnya 0380 123456.",
        )
    return _text(value, column)


def _choice(text: str, options: dict[str, str] | None) -> str:
    """A closed value, written as the value or as its label."""
    if options and text not in options:
        by_label = {label.casefold(): value for value, label in options.items()}
        return by_label.get(text.casefold(), text)
    return text


def sources_text(sources: list[dict]) -> str:
    return " | ".join(s["keterangan"] + (f" ({s['url']})" if s.get("url") else "") for s in sources)


def _sources(text: str) -> list[dict]:
    out = []
    for part in (p.strip() for p in text.split(" | ")):
        if not part:
            continue
        match = _SOURCE.fullmatch(part)
        out.append({"keterangan": match.group(1), "url": match.group(2)} if match else {"keterangan": part})
    return out


# ------------------------------------------------------------------ rows -> records


def _get(data: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _set(data: dict, path: tuple[str, ...], value) -> None:
    for key in path[:-1]:
        if not isinstance(data.get(key), dict):
            data[key] = {}
        data = data[key]
    if value is None:
        data.pop(path[-1], None)
    else:
        data[path[-1]] = value


def _prune(data: dict) -> None:
    for key in ("koordinat", "kontak", "standardisasi", "verifikasi"):
        if data.get(key) == {}:
            del data[key]


def _same(old, new) -> bool:
    """Equal, or equal as far as a sheet can tell: both empty (absent, [], false), or text that
    differs only in the spaces around it (cells are read stripped)."""
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new
    return old == new or (old in (None, [], False, "") and new in (None, [], False, ""))


class RowDocument(Document):
    """A record made from a spreadsheet row: check.py's rules ask it for lines, it answers with its row."""

    def __init__(self, path: str, data: dict, row: int):
        super().__init__(path, data)
        self.row = row

    def line_of(self, path) -> int:
        return self.row


@dataclass
class _Row:
    number: int
    ident: str
    data: dict
    columns: list[str]  # columns whose value changes the record
    old: dict  # the record as it is now; empty for a new one


def import_file(root: Path, path: Path, label: str, dry_run: bool = False) -> Outcome:
    table = read_table(path, label)
    outcome = Outcome()
    from_workbook = _is_workbook(path)
    letters = {name: _letter(i) for i, name in enumerate(table.header)}
    reported: set[tuple[int | None, str]] = set()

    def issue(row: int | None, column: str, message: str, hint: str) -> None:
        reported.add((row, column))
        if row is None:  # the header
            cell = f"{table.sheet}!{letters.get(column, 'A')}1"
        elif column in letters:
            cell = f"{table.sheet}!{letters[column]}{row}"
        else:  # a field the sheet has no column for: the whole row
            cell = f"{table.sheet}!{row}:{row}"
        index = table.header.index(column) if column in letters else -1
        outcome.issues.append(SheetIssue((row or 1, index), cell, column, message, hint, label))

    # --- header
    seen: set[str] = set()
    for index, name in enumerate(table.header):
        if not name:
            if any(index < len(cells) and not _blank(cells[index]) for _, cells in table.rows):
                issue(None, f"kolom {_letter(index)}", "kolom berisi data tetapi tanpa judul.", _known_hint(name))
            continue
        if name not in KNOWN:
            guess = check.closest(name, sorted(KNOWN))
            issue(None, name, f"judul kolom '{name}' tidak dikenal.", _known_hint(name, guess))
        elif name in seen:
            issue(None, name, f"kolom '{name}' ada dua kali.", "hapus salah satunya.")
        seen.add(name)
    if "id" not in seen:
        issue(None, "id", "kolom id tidak ada.", "tambahkan kolom id (ID lembaga, sama dengan nama berkasnya).")
    if outcome.issues:
        return outcome

    bundle, content_issues = read_bundle(root)  # the content as `lplpp check` reads it, read once
    if content_issues := content_issues + check.rule_issues(bundle):
        raise ContentErrors(sorted(content_issues))
    assert bundle.regions is not None  # read_bundle reports a missing region file
    region_names = {r["kode"]: r["nama"] for r in bundle.regions.data["kabupaten_kota"]}
    region_names |= {p["kode"]: f"Provinsi {p['nama']}" for p in bundle.regions.data["provinsi"]}

    columns = [(i, name) for i, name in enumerate(table.header) if name in KNOWN and name not in DERIVED]
    region_from = next((c for c in ("wilayah", "kode_kabupaten_kota", "kode_provinsi") if c in letters), None)
    rows: list[_Row] = []
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        cells = list(cells) + [None] * (len(table.header) - len(cells))
        if all(_blank(c) for c in cells):
            continue
        where = lambda name, number=number: f"{table.sheet}!{letters[name]}{number}"  # noqa: E731
        try:
            ident = _text(cells[table.header.index("id")], COLUMNS["id"])
        except Bad as bad:
            issue(number, "id", bad.message, bad.hint)
            continue
        if not KEBAB.fullmatch(ident):
            suggestion = re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-")[:60] or "nama-lembaga"
            issue(
                number,
                "id",
                f"ID '{ident[:80]}' tidak sah (ID menjadi nama berkas data/lembaga/<id>.yaml)."
                if ident
                else "ID kosong.",
                f"pakai huruf kecil, angka, dan tanda minus saja, misalnya '{suggestion}'.",
            )
            continue
        if ident in first_row:
            issue(number, "id", f"ID '{ident}' sudah dipakai di baris {first_row[ident]}.", "satu baris per lembaga.")
            continue
        first_row[ident] = number
        existing = bundle.institutions.get(ident)
        old = existing.data if existing is not None else {}
        data = _copy(old) | {"id": ident}
        changed: list[str] = []
        for index, name in columns:
            column, value = COLUMNS[name], cells[index]
            if name == "id":
                continue
            try:
                if column.kind == "sources" and existing is not None:
                    shown = "" if _blank(value) else _text(value, column)
                    if shown == sources_text(old.get("sumber", [])):
                        continue  # the sources as the export wrote them: nothing to change
                new = _read_cell(value, column, region_names, outcome.recovered, where(name), from_workbook)
            except Bad as bad:
                issue(number, name, bad.message, bad.hint)
                continue
            if not _same(_get(old, column.path), new) or (new is not None and _get(data, column.path) is None):
                _set(data, COLUMNS[name].path, new)
                changed.append(name)
        if region_from and region_from != "wilayah":
            code_cells = [
                cells[table.header.index(c)] for c in ("kode_kabupaten_kota", "kode_provinsi") if c in letters
            ]
            value = next((c for c in code_cells if not _blank(c)), None)
            try:
                code = (
                    None
                    if value is None
                    else _region(value, COLUMNS["wilayah"], region_names, outcome.recovered, where(region_from))
                )
            except Bad as bad:
                issue(number, region_from, bad.message, bad.hint)
                continue
            if code is None:
                data.pop("wilayah", None)  # both code columns empty: the check says wilayah is missing
            elif code != old.get("wilayah"):
                data["wilayah"] = code
                changed.append("wilayah")
        if existing is not None and "nama" in changed and old.get("nama"):
            issue(
                number,
                "nama",
                f"ID '{ident}' adalah '{old['nama']}', tetapi baris ini bernama '{data.get('nama')}'.",
                f"bila lembaga yang sama berganti nama, ubah nama di data/lembaga/{ident}.yaml; bila lembaga lain, "
                "beri ID baru. (Baris yang tergeser saat mengurutkan satu kolom saja sering menjadi sebabnya.)",
            )
            continue
        _prune(data)
        if changed or existing is None:
            rows.append(_Row(number, ident, data, changed, old))
        else:
            outcome.unchanged += 1

    # --- the same schema and rules as `lplpp check`, with the rest of the content
    schema_file = root / SCHEMAS / "lembaga.schema.json"
    by_path: dict[str, _Row] = {}
    for row in rows:
        doc = RowDocument(f"{table.sheet}!{row.number}", row.data, row.number)
        by_path[doc.path] = row
        bundle.institutions[row.ident] = doc
        found = check.schema_issues(doc, schema_file)
        bundle.shaped.discard(doc.path)
        if not found:
            bundle.shaped.add(doc.path)
        _report(found, by_path, issue, reported)
    _report([i for i in check.rule_issues(bundle) if i.path in by_path], by_path, issue, reported)
    if outcome.issues:
        outcome.issues.sort()
        return outcome
    for row in rows:
        if row.old:
            outcome.changed[row.ident] = row.columns
        else:
            outcome.added.append(row.ident)
    if not dry_run:
        write_records(root, [(row.ident, row.old, row.data) for row in rows])
    return outcome


def _copy(data):
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _read_cell(value, column: SheetColumn, regions: dict[str, str], recovered: list[str], where: str, workbook: bool):
    """The value a cell stands for in the record (None: the field is left out)."""
    kind = column.kind
    if _blank(value):
        required_list = kind == "list" and schema_node("lembaga", column.path)[1]
        return [] if required_list else None
    if kind == "region":
        return _region(value, column, regions, recovered, where)
    if kind == "regions":
        parts = [value] if not isinstance(value, str) else [p for p in re.split(r"[;,]", value) if p.strip()]
        return [_region(p, column, regions, recovered, where) for p in parts]
    if kind == "date":
        return _date(value, column, recovered, where, workbook)
    if kind == "year":
        return _year(value, column)
    if kind == "number":
        return _number(value, column)
    if kind == "bool":
        return _bool(value, column) or None  # false is the default: left out
    if kind == "phone":
        return _phone(value, column)
    text = _text(value, column)
    options = closed_values("lembaga", column.path)
    if kind == "list":
        return [_choice(p.strip(), options) for p in re.split(r"[;,]", text) if p.strip()]
    if kind == "sources":
        return _sources(text)
    if kind == "choice":
        return _choice(text, options)
    return text


def _report(found: list[Issue], by_path: dict[str, _Row], issue, reported: set) -> None:
    for item in found:
        row = by_path[item.path]
        column = column_of(item.field)
        if (row.number, column) in reported:
            continue  # the cell was refused already; the check would only say it is missing
        hint = item.hint
        if item.message == "wajib diisi tetapi tidak ada." or item.message == "teks kosong.":
            hint = f"isi kolom {column} (tambahkan kolomnya bila belum ada)."
        issue(row.number, column, item.message, hint)


def column_of(field_name: str) -> str:
    """The sheet column of a checked field: 'verifikasi.tanggal' -> 'tanggal_verifikasi'."""
    parts = tuple(p for p in re.sub(r"\[[0-9]+\]", "", field_name).split(".") if p)
    best = max(
        (c for c in INSTITUTION_COLUMNS if c.path[: len(parts)] == parts or parts[: len(c.path)] == c.path),
        key=lambda c: (c.path == parts, -len(c.path)),
        default=None,
    )
    return best.name if best else field_name


def _known_hint(name: str, guess: str | None = None) -> str:
    start = f"mungkin maksud Anda '{guess}'? " if guess else ""
    return f"{start}judul kolom yang dikenal: {', '.join(c.name for c in INSTITUTION_COLUMNS)} (lihat templat)."


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_workbook(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(4) in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


# ------------------------------------------------------------------ writing YAML


def render_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text not in _YAML_WORDS:
        return text  # ids and closed values, as editors write them
    return yaml_quoted(text)


def render(key: str, value, indent: int = 0) -> list[str]:
    """One key of a record as block YAML lines, reading back exactly as `value`."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for sub, item in value.items():
            lines += render(sub, item, indent + 2)
        return lines
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        lines = [f"{pad}{key}:"]
        for item in value:
            first = True
            for sub, v in item.items():
                for line in render(sub, v, indent + 4):
                    lines.append(f"{pad}  - {line[indent + 4 :]}" if first else line)
                    first = False
        return lines
    if isinstance(value, list):
        return [f"{pad}{key}: [{', '.join(render_scalar(v) for v in value)}]"]
    return [f"{pad}{key}: {render_scalar(value)}"]


def _ordered(data: dict, schema: dict) -> dict:
    out = {}
    for key, node in schema.get("properties", {}).items():
        if key in data:
            value = data[key]
            if isinstance(value, dict):
                value = _ordered(value, node)
            elif isinstance(value, list) and "properties" in node.get("items", {}):
                value = [_ordered(v, node["items"]) if isinstance(v, dict) else v for v in value]
            out[key] = value
    return out


def new_record_text(data: dict) -> str:
    schema, _ = schema_node("lembaga", ())
    lines = [
        "# yaml-language-server: $schema=../schemas/lembaga.schema.json",
        f"# Dibuat dengan `lplpp impor` pada {dt.date.today().isoformat()}. Penjelasan setiap kolom: _contoh.yaml.",
    ]
    for key, value in _ordered(data, schema).items():
        lines += render(key, value)
    return "\n".join(lines) + "\n"


def updated_record_text(text: str, old: dict, new: dict) -> str:
    """The file with only the keys whose value changed rewritten (inside a section such as `verifikasi`,
    only the changed sub-keys); everything else, comments included, stays as it was."""
    schema, _ = schema_node("lembaga", ())
    root = yaml.compose(text, Loader=_Loader)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[tuple[int, int, list[str]]] = []
    _edit_mapping(root, lines, len(lines), old, _ordered(new, schema), list(schema["properties"]), schema, edits)
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:end] = replacement
    return "".join(lines)


def _edit_mapping(node, lines, stop: int, old: dict, new: dict, order: list[str], schema: dict, edits) -> None:
    keys = [(k.value, k.start_mark.line, v) for k, v in node.value]
    indent = node.value[0][0].start_mark.column if node.value else 0
    spans: dict[str, tuple[int, int, object]] = {}
    for index, (key, start, value) in enumerate(keys):
        end = keys[index + 1][1] if index + 1 < len(keys) else stop
        while end > start + 1 and _trailing(lines[end - 1], indent):
            end -= 1  # blank lines and comments before the next key stay with it
        spans[key] = (start, end, value)
    for key in order:
        if key in new and key in spans and old.get(key) == new[key]:
            continue
        if key in spans:
            start, end, value = spans[key]
            if (
                key in new
                and isinstance(old.get(key), dict)
                and isinstance(new[key], dict)
                and isinstance(value, yaml.MappingNode)
                and not value.flow_style
                and value.value
            ):
                sub = schema["properties"][key]
                _edit_mapping(value, lines, end, old[key], new[key], list(sub["properties"]), sub, edits)
                continue
            edits.append((start, end, _lines(key, new[key], indent) if key in new else []))
        elif key in new:
            before = [k for k in order[: order.index(key)] if k in spans]
            at = spans[before[-1]][1] if before else (keys[0][1] if keys else len(lines))
            edits.append((at, at, _lines(key, new[key], indent)))


def _trailing(line: str, indent: int) -> bool:
    stripped = line.lstrip(" ")
    return not stripped.strip() or (stripped.startswith("#") and len(line) - len(stripped) <= indent)


def _lines(key: str, value, indent: int) -> list[str]:
    return [line + "\n" for line in render(key, value, indent)]


def write_records(root: Path, records: list[tuple[str, dict, dict]]) -> None:
    """Render every record, read each text back as `lplpp check` reads a file, and write only when
    all of them read back exactly as the checked records; a failed write puts every file back."""
    folder = (root / "data" / "lembaga").resolve()
    texts: dict[Path, tuple[str, str | None]] = {}  # target -> (new text, old text or None)
    for ident, old, data in records:
        target = folder / f"{ident}.yaml"
        if not KEBAB.fullmatch(ident) or target.parent != folder or target.is_symlink():
            raise Refused(f"ID '{ident}' tidak dapat menjadi nama berkas di data/lembaga/.")
        old_text = target.read_text(encoding="utf-8") if old else None
        text = new_record_text(data) if old_text is None else updated_record_text(old_text, old, data)
        doc, issues = parse_document(text.encode("utf-8"), f"data/lembaga/{ident}.yaml")
        if issues or doc.data != data:
            raise Refused(f"{ident}.yaml tidak terbaca kembali persis seperti datanya: {issues[:3]}")
        texts[target] = (text, old_text)
    done: list[Path] = []  # list.append is atomic: safe from the writer threads

    def write(item: tuple[Path, tuple[str, str | None]]) -> None:
        target, (text, old_text) = item
        if old_text is None:
            with target.open("x", encoding="utf-8", newline="") as stream:  # never over a file that appeared
                done.append(target)
                stream.write(text)
        else:
            _replace(target, text)
            done.append(target)

    try:
        # Threads: creating a file is mostly waiting for the file system (10,000 files: 3.5 s in a row
        # on a busy disk, 0.7 s with 8 threads).
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(write, texts.items()))
    except BaseException:
        for target in done:
            previous = texts[target][1]
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                _replace(target, previous)
        raise


def _replace(target: Path, text: str) -> None:
    """Write next to the file, then rename over it: an interrupted import never leaves half a file."""
    temporary = target.with_name(f".{target.name}.impor")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
