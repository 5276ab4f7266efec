"""Open-data exports of the directory and the region list: CSV, JSON, a Frictionless
data package describing both, and an Open Referral HSDS 3.0 export.

    lplpp export --out DIR

Column names are a contract (other systems join on them); codes are always text.
The exports read the model, so a confidential location never reaches them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .labels import (
    ANSWERS,
    INSTITUTION_KINDS,
    REGENCY_KINDS,
    REPORTERS,
    SERVICE_PRODUCTS,
    STANDARDISATION_STATUSES,
    STEP_STATUSES,
    VERIFICATION_STATUSES,
    listed,
)
from .model import Content, Institution

LICENCE = {
    "name": "ODbL-1.0",
    "title": "Open Database License 1.0",
    "path": "https://opendatacommons.org/licenses/odbl/1-0/",
}
LICENCE_NOTE = (
    "Data direktori LP-LPP dan wilayah, berlisensi Open Database License (ODbL) 1.0. Data wilayah "
    "berasal dari idn-area-data (ODbL 1.0). Data lembaga dihimpun dari sumber publik; lihat kolom "
    "sumber dan status_verifikasi setiap baris."
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless Table Schema type: string, integer, boolean, date
    description: str


LIST_SEPARATOR = ";"
DIRECTORY_COLUMNS = [
    Column("id", "string", "ID lembaga di portal; sama dengan nama berkas data/lembaga/<id>.yaml."),
    Column("nama", "string", "Nama resmi lembaga."),
    Column("singkatan", "string", "Singkatan nama, bila ada."),
    Column("jenis", "string", f"Bentuk kelembagaan: {listed(INSTITUTION_KINDS)}."),
    Column("kode_provinsi", "string", "Kode provinsi Kemendagri (teks, dua angka), misalnya 53."),
    Column("provinsi", "string", "Nama provinsi."),
    Column(
        "kode_kabupaten_kota",
        "string",
        "Kode kabupaten/kota Kemendagri (teks), misalnya 53.71; kosong bila belum diketahui.",
    ),
    Column("kabupaten_kota", "string", "Nama kabupaten/kota; kosong bila belum diketahui."),
    Column("wilayah_kerja", "string", "Kode kabupaten/kota lain tempat lembaga bekerja, dipisah titik koma."),
    Column("bidang", "string", "Bidang kerja (id di guidelines/bidang.yaml), dipisah titik koma."),
    Column("produk_layanan", "string", f"Produk layanan: {listed(SERVICE_PRODUCTS)}; dipisah titik koma."),
    Column("program", "string", "ID templat program yang dijalankan, dipisah titik koma."),
    Column("status_standardisasi", "string", f"{listed(STANDARDISATION_STATUSES).capitalize()}."),
    Column("tahun_standardisasi", "integer", "Tahun ditetapkan terstandar; kosong bila belum."),
    Column("bidang_terstandar", "string", "Bidang yang terstandar, dipisah titik koma."),
    Column(
        "lokasi_rahasia",
        "boolean",
        "true bila lokasi dirahasiakan (rumah aman); alamat dan koordinat lalu dikosongkan.",
    ),
    Column("alamat", "string", "Alamat kantor lembaga; kosong bila tidak ada atau dirahasiakan."),
    Column("lintang", "number", "Lintang lokasi (WGS84); kosong bila tidak ada atau dirahasiakan."),
    Column("bujur", "number", "Bujur lokasi (WGS84); kosong bila tidak ada atau dirahasiakan."),
    Column("situs", "string", "Situs web lembaga."),
    Column("email", "string", "Surel kelembagaan."),
    Column("telepon", "string", "Telepon kantor (teks, angka 0 di depan tetap)."),
    Column("sumber", "string", "Sumber publik data ini, dipisah ' | '."),
    Column("status_verifikasi", "string", f"{listed(VERIFICATION_STATUSES).capitalize()}."),
    Column("tanggal_verifikasi", "date", "Tanggal terakhir diperiksa terhadap sumbernya (TTTT-BB-HH)."),
    Column("catatan_verifikasi", "string", "Apa yang belum terverifikasi."),
    Column("url", "string", "Halaman lembaga di portal."),
]
REGION_COLUMNS = [
    Column("kode", "string", "Kode Kemendagri (teks): dua angka untuk provinsi, PP.RR untuk kabupaten/kota."),
    Column("nama", "string", "Nama wilayah."),
    Column("jenis", "string", f"provinsi, {listed(REGENCY_KINDS)}."),
    Column("kode_provinsi", "string", "Kode provinsi induk (teks)."),
    Column("provinsi", "string", "Nama provinsi induk."),
]
FOLLOWUP_COLUMNS = [
    Column("kode_kabupaten_kota", "string", "Kode kabupaten/kota Kemendagri (teks), misalnya 53.71."),
    Column("kabupaten_kota", "string", "Nama kabupaten/kota."),
    Column("kode_provinsi", "string", "Kode provinsi Kemendagri (teks)."),
    Column("provinsi", "string", "Nama provinsi."),
    Column(
        "langkah", "string", "ID langkah tindak lanjut, misalnya TL-01 (pada versi pedoman di kolom versi_pedoman)."
    ),
    Column("status", "string", f"{listed(STEP_STATUSES).capitalize()}."),
    Column("tanggal", "date", "Tanggal status ini tercapai (TTTT-BB-HH)."),
    Column("catatan", "string", "Catatan singkat dari kantor yang melapor."),
    Column("tautan", "string", "Alamat web bukti yang terbuka untuk umum, bila ada."),
    Column("pelapor", "string", f"Kantor yang melapor (bukan orang): {listed(REPORTERS)}."),
    Column("diperbarui", "date", "Tanggal catatan kabupaten/kota ini terakhir diperbarui."),
    Column("versi_pedoman", "string", "Versi pedoman yang langkahnya dipakai."),
    Column("url", "string", "Halaman kabupaten/kota di portal."),
]
ASSESSMENT_COLUMNS = [
    Column("lembaga", "string", "ID lembaga (kolom id di lembaga.csv: nama, wilayah, dan halamannya ada di sana)."),
    Column("tanggal", "date", "Tanggal penilaian mandiri (TTTT-BB-HH)."),
    Column("terbaru", "boolean", "true pada penilaian terakhir lembaga ini; penilaian lama adalah riwayatnya."),
    Column("versi_pedoman", "string", "Versi pedoman yang kriterianya dipakai."),
    Column("aspek", "string", "Kode aspek kriteria, misalnya LEG."),
    Column("kriteria", "string", "ID kriteria, misalnya LEG-01 (pada versi pedoman di kolom versi_pedoman)."),
    Column("jawaban", "string", f"{listed(ANSWERS).capitalize()}."),
    Column("bukti", "string", "Bukti yang diuraikan lembaga."),
    Column(
        "tautan", "string", "Alamat web bukti yang terbuka untuk umum; tidak pernah ada bagi lokasi yang dirahasiakan."
    ),
    Column("catatan", "string", "Catatan penilai untuk kriteria ini."),
]
FILES = {
    "lembaga.csv": "Direktori lembaga, satu baris per lembaga.",
    "lembaga.json": "Direktori lembaga sebagai JSON: kolom yang sama, daftar sebagai larik.",
    "wilayah.csv": "38 provinsi dan 514 kabupaten/kota dengan kode Kemendagri.",
    "wilayah.json": "Wilayah sebagai JSON.",
    "lembaga.xlsx": "Direktori lembaga sebagai lembar kerja Excel: kolom yang sama dengan CSV, baris judul terkunci, filter aktif. Dapat diisi ulang dan dimasukkan dengan `lplpp impor`.",
    "templat/lembaga.xlsx": "Templat kosong untuk mendata lembaga: satu kolom per isian, catatan di setiap judul kolom, daftar pilihan, dan lembar wilayah.",
    "templat/penilaian.xlsx": "Templat penilaian mandiri lembaga: satu baris per kriteria pedoman, jawaban Ya/Sebagian/Belum.",
    "tindak-lanjut.csv": "Tindak lanjut pasca-Bimtek yang dilaporkan kabupaten/kota, satu baris per langkah.",
    "tindak-lanjut.json": "Tindak lanjut sebagai JSON: kolom yang sama.",
    "penilaian.csv": "Penilaian mandiri lembaga, satu baris per kriteria per penilaian (penilaian lama tetap ada sebagai riwayat).",
    "penilaian.json": "Penilaian mandiri sebagai JSON: satu objek per penilaian (lembaga, tanggal, terbaru, versi_pedoman) dengan jawabannya sebagai larik (kriteria, jawaban, dan bukti, tautan, catatan bila ada).",
    "datapackage.json": "Skema setiap tabel (Frictionless Tabular Data Package): nama, jenis, dan arti setiap kolom, serta lisensi.",
    "hsds.json": "Layanan lembaga dalam bentuk JSON Open Referral HSDS 3.0 (halaman /services: setiap layanan dengan lembaga dan lokasinya) untuk aplikasi direktori layanan.",
    "hsds/datapackage.json": "Direktori dalam bentuk tabel Open Referral HSDS 3.0: organizations.csv, services.csv, locations.csv, service_at_location.csv, dengan skemanya.",
}
XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_DIRECTORY = "lembaga"
LIST_COLUMNS = {"wilayah_kerja", "bidang", "produk_layanan", "program", "bidang_terstandar"}


def directory_records(content: Content, site_url: str) -> list[dict]:
    """One dict per institution, keys = DIRECTORY_COLUMNS, lists as lists."""
    base = _base(site_url)
    records = []
    for inst in content.institutions.values():
        regency = content.regencies.get(inst.region_code)
        province = content.provinces[inst.province_code]
        lat, lon = inst.coordinates or (None, None)
        records.append(
            {
                "id": inst.id,
                "nama": inst.name,
                "singkatan": inst.acronym,
                "jenis": inst.kind,
                "kode_provinsi": province.code,
                "provinsi": province.name,
                "kode_kabupaten_kota": regency.code if regency else None,
                "kabupaten_kota": regency.name if regency else None,
                "wilayah_kerja": list(inst.work_region_codes),
                "bidang": list(inst.fields),
                "produk_layanan": list(inst.products),
                "program": list(inst.program_ids),
                "status_standardisasi": inst.status,
                "tahun_standardisasi": inst.standardised_year,
                "bidang_terstandar": list(inst.standardised_fields),
                "lokasi_rahasia": inst.confidential_location,
                "alamat": inst.address,
                "lintang": lat,
                "bujur": lon,
                "situs": inst.contact.get("situs"),
                "email": inst.contact.get("email"),
                "telepon": inst.contact.get("telepon"),
                "sumber": " | ".join(s.description + (f" ({s.url})" if s.url else "") for s in inst.sources),
                "status_verifikasi": inst.verification_status,
                "tanggal_verifikasi": inst.verified_on.isoformat(),
                "catatan_verifikasi": inst.verification_note,
                "url": f"{base}lembaga/{inst.id}/",
            }
        )
    return records


def followup_records(content: Content, site_url: str) -> list[dict]:
    """One dict per step a kabupaten/kota reported, keys = FOLLOWUP_COLUMNS."""
    base = _base(site_url)
    rows = []
    for code, record in content.followup_records.items():
        regency = content.regencies[code]
        for step in record.steps:
            rows.append(
                {
                    "kode_kabupaten_kota": code,
                    "kabupaten_kota": regency.name,
                    "kode_provinsi": regency.province.code,
                    "provinsi": regency.province.name,
                    "langkah": step.step_id,
                    "status": step.status,
                    "tanggal": step.date.isoformat(),
                    "catatan": step.note,
                    "tautan": step.evidence_url,
                    "pelapor": record.reporter,
                    "diperbarui": record.updated.isoformat(),
                    "versi_pedoman": record.version,
                    "url": base + regency.url,
                }
            )
    return rows


def assessment_cells(content: Content) -> Iterator[tuple]:
    """One row of finished cells (csv_text) per criterion answered in each self-assessment, in
    ASSESSMENT_COLUMNS' order, straight from the model: at 10,000 institutions there are 1.2
    million rows, history included. IDs, dates, versions and answers are checked values that
    cannot start a formula; the three free-text cells go through _cell."""
    for ident, assessments in content.assessments.items():
        hide_links = content.institutions[ident].confidential_location
        for assessment in assessments:
            latest = _cell(assessment is assessments[-1])
            head = (ident, assessment.date.isoformat(), latest, assessment.version)
            for a in assessment.answers:
                url = "" if hide_links else _cell(a.evidence_url)
                cells = (a.criterion_id.split("-")[0], a.criterion_id, a.answer, _cell(a.evidence), url, _cell(a.note))
                yield head + cells


def assessment_documents(content: Content) -> list[dict]:
    """The same as one object per assessment with its answers nested, empty fields left out
    (a third of the size of one flat object per answer)."""
    out: list[dict] = []
    for ident, assessments in content.assessments.items():
        hide_links = content.institutions[ident].confidential_location
        for assessment in assessments:
            answers = []
            for a in assessment.answers:
                answer = {"kriteria": a.criterion_id, "jawaban": a.answer}
                for key, value in (("bukti", a.evidence), ("tautan", a.evidence_url), ("catatan", a.note)):
                    if value is not None and not (hide_links and key == "tautan"):
                        answer[key] = value
                answers.append(answer)
            out.append(
                {
                    "lembaga": ident,
                    "tanggal": assessment.date.isoformat(),
                    "terbaru": assessment is assessments[-1],
                    "versi_pedoman": assessment.version,
                    "jawaban": answers,
                }
            )
    return out


def region_records(content: Content) -> list[dict]:
    records = []
    for province in content.provinces.values():
        records.append(
            {
                "kode": province.code,
                "nama": province.name,
                "jenis": "provinsi",
                "kode_provinsi": province.code,
                "provinsi": province.name,
            }
        )
        records += [
            {"kode": r.code, "nama": r.name, "jenis": r.kind, "kode_provinsi": province.code, "provinsi": province.name}
            for r in province.regencies
        ]
    return records


def to_csv(records: Iterable[dict], columns: list[Column]) -> str:
    names = [c.name for c in columns]
    return csv_text(([_cell(record[name]) for name in names] for record in records), columns)


def csv_text(rows: Iterable[Sequence[str]], columns: list[Column]) -> str:
    """CSV of rows already made cells (_cell): the header, then the rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow([c.name for c in columns])
    writer.writerows(rows)
    return out.getvalue()


# OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula.
# Such text cells get a leading apostrophe, which spreadsheets read as "this is text".
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)  # numbers: never a formula


def _uncell(raw: str) -> str:
    return raw[1:] if raw.startswith("'") and raw[1:].startswith(FORMULA_START) else raw


def from_csv(text: str, columns: list[Column]) -> list[dict]:
    """Read an export back (tests, and anyone who wants the same types as the JSON)."""
    types = {c.name: c.type for c in columns}
    records = []
    for row in csv.DictReader(io.StringIO(text)):
        record: dict[str, object] = {}
        for name, raw in row.items():
            raw = _uncell(raw)
            if name in LIST_COLUMNS:
                record[name] = raw.split(LIST_SEPARATOR) if raw else []
            elif raw == "":
                record[name] = None
            elif types[name] == "integer":
                record[name] = int(raw)
            elif types[name] == "number":
                record[name] = float(raw)
            elif types[name] == "boolean":
                record[name] = raw == "true"
            else:
                record[name] = raw
        records.append(record)
    return records


def datapackage(created: str) -> dict:
    """Frictionless Tabular Data Package: the documented schema of both tables, the region code of an
    institution as a foreign key into the region table, and the spreadsheet copy of the directory."""

    def resource(name, path, title, columns, key, fmt="csv"):
        schema: dict = {
            "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in columns],
            "primaryKey": key if isinstance(key, list) else [key],
        }
        if name == "tindak-lanjut":
            schema["foreignKeys"] = [
                {"fields": [field], "reference": {"resource": "wilayah", "fields": ["kode"]}}
                for field in ("kode_provinsi", "kode_kabupaten_kota")
            ]
        if name == "penilaian":
            schema["foreignKeys"] = [{"fields": ["lembaga"], "reference": {"resource": "lembaga", "fields": ["id"]}}]
        if name.startswith("lembaga"):
            schema["foreignKeys"] = [
                {"fields": [field], "reference": {"resource": "wilayah", "fields": ["kode"]}}
                for field in ("kode_provinsi", "kode_kabupaten_kota")
            ]
        out = {"name": name, "path": path, "title": title, "profile": "tabular-data-resource", "format": fmt}
        if fmt == "csv":
            out |= {"mediatype": "text/csv", "encoding": "utf-8"}
        else:
            out |= {"mediatype": XLSX_MEDIATYPE, "dialect": {"excel": {"sheet": SHEET_DIRECTORY}}}
        return out | {"schema": schema}

    resources = [
        resource("lembaga", "lembaga.csv", "Direktori lembaga", DIRECTORY_COLUMNS, "id"),
        resource("lembaga-xlsx", "lembaga.xlsx", "Direktori lembaga (Excel)", DIRECTORY_COLUMNS, "id", "xlsx"),
        resource("wilayah", "wilayah.csv", "Provinsi dan kabupaten/kota", REGION_COLUMNS, "kode"),
        resource(
            "tindak-lanjut",
            "tindak-lanjut.csv",
            "Tindak lanjut kabupaten/kota",
            FOLLOWUP_COLUMNS,
            ["kode_kabupaten_kota", "langkah"],
        ),
        resource(
            "penilaian",
            "penilaian.csv",
            "Penilaian mandiri lembaga",
            ASSESSMENT_COLUMNS,
            ["lembaga", "tanggal", "kriteria"],
        ),
    ]
    return {
        "profile": "tabular-data-package",
        "name": "direktori-lp-lpp",
        "title": "Direktori LP-LPP dan wilayah administrasi",
        "created": created,
        "description": LICENCE_NOTE,
        "licenses": [LICENCE],
        "sources": [{"title": "idn-area-data (wilayah)", "path": "https://github.com/fityannugroho/idn-area-data"}],
        "resources": resources,
    }


# --------------------------------------------------------------------- HSDS
# Open Referral HSDS 3.0 in two shapes the specification defines: its tabular form (one CSV per
# object, named as in the specification's schema files, with a Tabular Data Package), and the JSON
# its API returns for /services (a page whose contents are services with their organization and
# locations nested, as schema/service.json describes).

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/kemenpppa/portal-lplpp")
HSDS_FOLDER = "hsds"


def _base(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


def _uuid(*parts: str) -> str:
    """HSDS ids are UUIDs; derived from our IDs so they stay the same from build to build."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


@dataclass(frozen=True)
class HsdsTable:
    name: str  # the specification's object name
    path: str  # the specification's file name in its tabular form
    columns: list[Column]  # HSDS field names; descriptions in Indonesian
    key: str = "id"
    references: tuple[tuple[str, str], ...] = ()  # (field, table)


HSDS_TABLES = [
    HsdsTable(
        "organization",
        "organizations.csv",
        [
            Column("id", "string", "UUID lembaga (tetap dari pembangunan ke pembangunan)."),
            Column("name", "string", "Nama lembaga."),
            Column("alternate_name", "string", "Singkatan."),
            Column("description", "string", "Keterangan lembaga."),
            Column("email", "string", "Surel kelembagaan."),
            Column("website", "string", "Situs web lembaga."),
            Column("legal_status", "string", f"Bentuk kelembagaan: {listed(INSTITUTION_KINDS)}."),
            Column("uri", "string", "Halaman lembaga di portal."),
        ],
    ),
    HsdsTable(
        "service",
        "services.csv",
        [
            Column("id", "string", "UUID layanan: satu per produk layanan lembaga."),
            Column("organization_id", "string", "UUID lembaga pemberi layanan."),
            Column("name", "string", "Nama layanan."),
            Column("description", "string", "Keterangan layanan."),
            Column("status", "string", "Status layanan (active)."),
            Column("assured_date", "date", "Tanggal data lembaga terakhir diperiksa."),
        ],
        references=(("organization_id", "organization"),),
    ),
    HsdsTable(
        "location",
        "locations.csv",
        [
            Column("id", "string", "UUID lokasi lembaga."),
            Column("location_type", "string", "Jenis lokasi (physical)."),
            Column("organization_id", "string", "UUID lembaga."),
            Column("name", "string", "Kabupaten/kota (atau provinsi) kedudukan lembaga."),
            Column("latitude", "number", "Lintang (WGS84); kosong bila tidak ada atau dirahasiakan."),
            Column("longitude", "number", "Bujur (WGS84); kosong bila tidak ada atau dirahasiakan."),
            Column("external_identifier", "string", "Kode wilayah Kemendagri (teks)."),
            Column("external_identifier_type", "string", "Jenis kode: kode wilayah Kemendagri."),
        ],
        references=(("organization_id", "organization"),),
    ),
    HsdsTable(
        "service_at_location",
        "service_at_location.csv",
        [
            Column("id", "string", "UUID pasangan layanan dan lokasi."),
            Column("service_id", "string", "UUID layanan."),
            Column("location_id", "string", "UUID lokasi."),
        ],
        references=(("service_id", "service"), ("location_id", "location")),
    ),
]


def hsds_tables(content: Content, site_url: str) -> dict[str, list[dict]]:
    """HSDS 3.0 records by object name: organizations, services (one per service product),
    locations (the kabupaten/kota or province) and the links between services and locations."""
    base = _base(site_url)
    tables: dict[str, list[dict]] = {t.name: [] for t in HSDS_TABLES}
    for inst in content.institutions.values():
        org_id = _uuid("lembaga", inst.id)
        tables["organization"].append(
            {
                "id": org_id,
                "name": inst.name,
                "alternate_name": inst.acronym,
                "description": inst.description,
                "email": inst.contact.get("email"),
                "website": inst.contact.get("situs"),
                "legal_status": inst.kind,
                "uri": f"{base}lembaga/{inst.id}/",
            }
        )
        location = _location(content, inst, org_id)
        tables["location"].append(location)
        for product in inst.products:
            service_id = _uuid("lembaga", inst.id, "layanan", product)
            tables["service"].append(
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": f"Layanan {SERVICE_PRODUCTS[product]} — {inst.name}",
                    "description": f"Produk layanan {SERVICE_PRODUCTS[product]} menurut standar LP-LPP.",
                    "status": "active",
                    "assured_date": inst.verified_on.isoformat(),
                }
            )
            tables["service_at_location"].append(
                {
                    "id": _uuid("lembaga", inst.id, "layanan", product, "lokasi"),
                    "service_id": service_id,
                    "location_id": location["id"],
                }
            )
    return tables


def _location(content: Content, inst: Institution, org_id: str) -> dict:
    code = inst.region_code
    name = content.regencies[code].name if code in content.regencies else f"Provinsi {content.provinces[code].name}"
    lat, lon = inst.coordinates or (None, None)  # None when the location is confidential
    return {
        "id": _uuid("lembaga", inst.id, "lokasi"),
        "location_type": "physical",
        "organization_id": org_id,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "external_identifier": code,
        "external_identifier_type": "kode wilayah Kemendagri",
    }


def hsds_datapackage(created: str) -> dict:
    def resource(table: HsdsTable) -> dict:
        schema: dict = {
            "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in table.columns],
            "primaryKey": [table.key],
        }
        if table.references:
            schema["foreignKeys"] = [
                {"fields": [field], "reference": {"resource": target, "fields": ["id"]}}
                for field, target in table.references
            ]
        return {
            "name": table.name,
            "path": table.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }

    return {
        "profile": "tabular-data-package",
        "name": "direktori-lp-lpp-hsds",
        "title": "Direktori LP-LPP dalam Open Referral HSDS 3.0 (bentuk tabel)",
        "version": "3.0",
        "created": created,
        "description": LICENCE_NOTE,
        "licenses": [LICENCE],
        "resources": [resource(t) for t in HSDS_TABLES],
    }


def hsds_service_page(tables: dict[str, list[dict]]) -> dict:
    """The body HSDS 3.0's API returns for /services: one page holding every service, each with its
    organization and its locations nested as schema/service.json describes. Empty values are left out."""
    organizations = {o["id"]: _present(o) for o in tables["organization"]}
    locations = {loc["id"]: _present(loc) for loc in tables["location"]}
    links: dict[str, list[dict]] = {}
    for link in tables["service_at_location"]:
        links.setdefault(link["service_id"], []).append({**link, "location": locations[link["location_id"]]})
    services = [
        {
            **service,
            "organization": organizations[service["organization_id"]],
            "service_at_locations": links[service["id"]],
        }
        for service in tables["service"]
    ]
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }


def _present(record: dict) -> dict:
    return {k: v for k, v in record.items() if v is not None}


# --------------------------------------------------------------------- writing


def write_all(content: Content, out: Path, site_url: str, now: dt.datetime | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    (out / HSDS_FOLDER).mkdir(exist_ok=True)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    generated, created = now.date().isoformat(), now.isoformat().replace("+00:00", "Z")  # RFC 3339
    directory, regions = directory_records(content, site_url), region_records(content)
    tables = hsds_tables(content, site_url)
    followups = followup_records(content, site_url)
    files = {
        "lembaga.csv": to_csv(directory, DIRECTORY_COLUMNS),
        "lembaga.json": _json(
            {"lisensi": LICENCE, "keterangan": LICENCE_NOTE, "dibuat": generated, "lembaga": directory}
        ),
        "wilayah.csv": to_csv(regions, REGION_COLUMNS),
        "wilayah.json": _json(
            {"lisensi": LICENCE, "keterangan": LICENCE_NOTE, "dibuat": generated, "wilayah": regions}
        ),
        "tindak-lanjut.csv": to_csv(followups, FOLLOWUP_COLUMNS),
        "tindak-lanjut.json": _json(
            {"lisensi": LICENCE, "keterangan": LICENCE_NOTE, "dibuat": generated, "tindak_lanjut": followups}
        ),
        "penilaian.csv": csv_text(assessment_cells(content), ASSESSMENT_COLUMNS),
        "penilaian.json": _json(
            {
                "lisensi": LICENCE,
                "keterangan": LICENCE_NOTE,
                "dibuat": generated,
                "penilaian": assessment_documents(content),
            }
        ),
        "datapackage.json": _json(datapackage(created)),
        "hsds.json": _json(hsds_service_page(tables)),
        f"{HSDS_FOLDER}/datapackage.json": _json(hsds_datapackage(created)),
        **{f"{HSDS_FOLDER}/{t.path}": to_csv(tables[t.name], t.columns) for t in HSDS_TABLES},
    }
    paths = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8", newline="")
        paths.append(path)
    from .sheets import write_all as write_sheets  # sheets builds on this module's records

    return paths + write_sheets(content, out, site_url)


def _json(data) -> str:
    # Compact: with `indent` Python falls back to its pure-Python encoder, 5x slower at 10,000 records.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
