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
from dataclasses import dataclass
from pathlib import Path

from .labels import (
    INSTITUTION_KINDS,
    REGENCY_KINDS,
    SERVICE_PRODUCTS,
    STANDARDISATION_STATUSES,
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
FILES = {
    "lembaga.csv": "Direktori lembaga, satu baris per lembaga.",
    "lembaga.json": "Direktori lembaga sebagai JSON: kolom yang sama, daftar sebagai larik.",
    "wilayah.csv": "38 provinsi dan 514 kabupaten/kota dengan kode Kemendagri.",
    "wilayah.json": "Wilayah sebagai JSON.",
    "datapackage.json": "Skema kedua tabel (Frictionless Data Package): nama, jenis, dan arti setiap kolom, serta lisensi.",
    "hsds.json": "Direktori dalam bentuk Open Referral HSDS 3.0 (organization, service, location) untuk aplikasi direktori layanan.",
}
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


def to_csv(records: list[dict], columns: list[Column]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow([c.name for c in columns])
    for record in records:
        writer.writerow([_cell(record[c.name]) for c in columns])
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


def datapackage(generated: str) -> dict:
    """Frictionless Data Package: the documented schema of both tables."""

    def resource(name, path, title, columns, key):
        return {
            "name": name,
            "path": path,
            "title": title,
            "format": "csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in columns],
                "primaryKey": key,
            },
        }

    return {
        "name": "direktori-lp-lpp",
        "title": "Direktori LP-LPP dan wilayah administrasi",
        "created": generated,
        "description": LICENCE_NOTE,
        "licenses": [LICENCE],
        "sources": [{"title": "idn-area-data (wilayah)", "path": "https://github.com/fityannugroho/idn-area-data"}],
        "resources": [
            resource("lembaga", "lembaga.csv", "Direktori lembaga", DIRECTORY_COLUMNS, "id"),
            resource("wilayah", "wilayah.csv", "Provinsi dan kabupaten/kota", REGION_COLUMNS, "kode"),
        ],
    }


# --------------------------------------------------------------------- HSDS

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/kemenpppa/portal-lplpp")


def _base(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


def _uuid(*parts: str) -> str:
    """HSDS ids are UUIDs; derived from our IDs so they stay the same from build to build."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def hsds(content: Content, site_url: str) -> dict:
    """Organizations, services (one per service product) and locations (the kabupaten/kota or province)."""
    base = _base(site_url)
    organizations, services, locations, links = [], [], [], []
    for inst in content.institutions.values():
        org_id = _uuid("lembaga", inst.id)
        organization = {
            "id": org_id,
            "name": inst.name,
            "description": inst.description,
            "legal_status": inst.kind,
            "uri": f"{base}lembaga/{inst.id}/",
        }
        if inst.acronym:
            organization["alternate_name"] = inst.acronym
        if inst.contact.get("situs"):
            organization["website"] = inst.contact["situs"]
        if inst.contact.get("email"):
            organization["email"] = inst.contact["email"]
        organizations.append(organization)
        location = _location(content, inst, org_id)
        locations.append(location)
        for product in inst.products:
            service_id = _uuid("lembaga", inst.id, "layanan", product)
            services.append(
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "status": "active",
                    "name": f"Layanan {SERVICE_PRODUCTS[product]} — {inst.name}",
                    "description": f"Produk layanan {SERVICE_PRODUCTS[product]} menurut standar LP-LPP.",
                    "assured_date": inst.verified_on.isoformat(),
                }
            )
            links.append(
                {
                    "id": _uuid("lembaga", inst.id, "layanan", product, "lokasi"),
                    "service_id": service_id,
                    "location_id": location["id"],
                }
            )
    return {
        "hsds_version": "3.0",
        "license": LICENCE,
        "description": LICENCE_NOTE,
        "organizations": organizations,
        "services": services,
        "locations": locations,
        "service_at_locations": links,
    }


def _location(content: Content, inst: Institution, org_id: str) -> dict:
    code = inst.region_code
    name = content.regencies[code].name if code in content.regencies else f"Provinsi {content.provinces[code].name}"
    location: dict[str, object] = {
        "id": _uuid("lembaga", inst.id, "lokasi"),
        "location_type": "physical",
        "organization_id": org_id,
        "name": name,
        "external_identifier": code,
        "external_identifier_type": "kode wilayah Kemendagri",
    }
    if inst.coordinates:  # None when the location is confidential
        location["latitude"], location["longitude"] = inst.coordinates
    return location


# --------------------------------------------------------------------- writing


def write_all(content: Content, out: Path, site_url: str, today: dt.date | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    generated = (today or dt.date.today()).isoformat()
    directory, regions = directory_records(content, site_url), region_records(content)
    files = {
        "lembaga.csv": to_csv(directory, DIRECTORY_COLUMNS),
        "lembaga.json": _json(
            {"lisensi": LICENCE, "keterangan": LICENCE_NOTE, "dibuat": generated, "lembaga": directory}
        ),
        "wilayah.csv": to_csv(regions, REGION_COLUMNS),
        "wilayah.json": _json(
            {"lisensi": LICENCE, "keterangan": LICENCE_NOTE, "dibuat": generated, "wilayah": regions}
        ),
        "datapackage.json": _json(datapackage(generated)),
        "hsds.json": _json(hsds(content, site_url)),
    }
    paths = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8", newline="")
        paths.append(path)
    return paths


def _json(data) -> str:
    # Compact: with `indent` Python falls back to its pure-Python encoder, 5x slower at 10,000 records.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
