"""Regenerate data/wilayah.yaml and data/wilayah-rinci.yaml from the idn-area-data npm package.

    npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz
    python -m macros.regions package/data > data/wilayah.yaml
    python -m macros.regions --rinci package/data > data/wilayah-rinci.yaml

The `alias` lists in data/wilayah.yaml (short names people use: "TTS", "Jabar") are kept by
editors: a regeneration carries them over from the file in the repository.

The package's data is under the Open Database License (ODbL 1.0): the file we
write carries the attribution, and derived databases stay under the ODbL.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

from .labels import REGENCY_KINDS
from .load import yaml_quoted

REPO = Path(__file__).resolve().parents[1]

SOURCE_VERSION = "4.0.1"

# Common short names, used by search and filters ("NTT"). Only the established ones.
PROVINCE_ABBREVIATIONS = {
    "12": "Sumut",
    "13": "Sumbar",
    "16": "Sumsel",
    "19": "Babel",
    "21": "Kepri",
    "31": "DKI Jakarta",
    "32": "Jabar",
    "33": "Jateng",
    "34": "DIY",
    "35": "Jatim",
    "52": "NTB",
    "53": "NTT",
    "61": "Kalbar",
    "62": "Kalteng",
    "63": "Kalsel",
    "64": "Kaltim",
    "65": "Kaltara",
    "71": "Sulut",
    "72": "Sulteng",
    "73": "Sulsel",
    "74": "Sultra",
    "76": "Sulbar",
    "82": "Malut",
}

HEADER = f"""\
# yaml-language-server: $schema=schemas/wilayah.schema.json
#
# Provinsi dan kabupaten/kota Indonesia dengan kode Kemendagri.
# JANGAN DISUNTING TANGAN, kecuali isian `alias`: berkas ini dibuat oleh
# `python -m macros.regions` dari paket npm idn-area-data {SOURCE_VERSION} (data/provinces.csv,
# data/regencies.csv). `alias` berisi nama pendek yang lazim dipakai orang ("TTS", "Jabar")
# agar pencarian menemukan wilayahnya; penyunting boleh menambahnya (lihat CONTRIBUTING.md),
# dan pembuatan ulang berkas mempertahankannya.
# Data tersebut berlisensi Open Database License (ODbL 1.0); basis data turunan
# tetap berlisensi ODbL dan wajib menyebut sumbernya.
"""


SOURCE_LINES = [
    "sumber:",
    f"  nama: {yaml_quoted('idn-area-data')}",
    f"  versi: {yaml_quoted(SOURCE_VERSION)}",
    f"  url: {yaml_quoted('https://github.com/fityannugroho/idn-area-data')}",
    f"  lisensi: {yaml_quoted('ODbL-1.0')}",
    "  atribusi: "
    + yaml_quoted(
        "Data wilayah dari paket idn-area-data (github.com/fityannugroho/idn-area-data), "
        "berlisensi Open Database License (ODbL) 1.0."
    ),
]


def current_aliases(path: Path = REPO / "data/wilayah.yaml") -> dict[str, list[str]]:
    """code -> the `alias` list editors keep in data/wilayah.yaml."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = (data.get("provinsi") or []) + (data.get("kabupaten_kota") or [])
    return {r["kode"]: list(r["alias"]) for r in rows if r.get("alias")}


def render(data_dir: Path, aliases: dict[str, list[str]] | None = None) -> str:
    aliases = aliases or {}
    with open(data_dir / "provinces.csv", encoding="utf-8", newline="") as fh:
        provinces = list(csv.DictReader(fh))
    with open(data_dir / "regencies.csv", encoding="utf-8", newline="") as fh:
        regencies = list(csv.DictReader(fh))
    out = [HEADER, *SOURCE_LINES, "provinsi:"]
    for row in provinces:
        out.append(f"  - kode: {yaml_quoted(row['code'])}")
        out.append(f"    nama: {yaml_quoted(row['name'])}")
        if row["code"] in PROVINCE_ABBREVIATIONS:
            out.append(f"    singkatan: {yaml_quoted(PROVINCE_ABBREVIATIONS[row['code']])}")
        if row["code"] in aliases:
            out.append(f"    alias: {yaml_quoted(aliases[row['code']])}")
    out.append("kabupaten_kota:")
    for row in regencies:
        kind = next(k for k, label in REGENCY_KINDS.items() if row["name"].startswith(label + " "))  # "Kota Kupang"
        out += [
            f"  - kode: {yaml_quoted(row['code'])}",
            f"    nama: {yaml_quoted(row['name'])}",
            f"    jenis: {kind}",
            f"    provinsi: {yaml_quoted(row['province_code'])}",
        ]
        if row["code"] in aliases:
            out.append(f"    alias: {yaml_quoted(aliases[row['code']])}")
    return "\n".join(out) + "\n"


DETAIL_HEADER = f"""\
# yaml-language-server: $schema=schemas/wilayah-rinci.schema.json
#
# Kecamatan dan desa/kelurahan setiap kabupaten/kota, untuk pencarian: nama kota kecil atau
# desa menemukan kabupaten/kotanya (misalnya Soe -> Kabupaten Timor Tengah Selatan).
# JANGAN DISUNTING TANGAN: berkas ini dibuat oleh `python -m macros.regions --rinci` dari
# paket npm idn-area-data {SOURCE_VERSION} (data/districts.csv, data/villages.csv).
# Data tersebut berlisensi Open Database License (ODbL 1.0); basis data turunan
# tetap berlisensi ODbL dan wajib menyebut sumbernya.
# Nama dipisahkan "; " (satu baris per kabupaten/kota, agar berkas cepat dibaca).
"""
SEPARATOR = "; "


def render_details(data_dir: Path) -> str:
    """Kecamatan and desa/kelurahan names of every kabupaten/kota, one line of each per regency."""
    names: dict[str, dict[str, list[str]]] = {}
    with open(data_dir / "districts.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names.setdefault(row["regency_code"], {"kecamatan": [], "desa": []})["kecamatan"].append(row["name"])
    with open(data_dir / "villages.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names.setdefault(row["district_code"][:5], {"kecamatan": [], "desa": []})["desa"].append(row["name"])
    out = [DETAIL_HEADER, *SOURCE_LINES, "kabupaten_kota:"]
    for code, kinds in sorted(names.items()):
        out.append(f"  {yaml_quoted(code)}:")
        for kind in ("kecamatan", "desa"):
            if kinds[kind]:
                out.append(f"    {kind}: {yaml_quoted(SEPARATOR.join(kinds[kind]))}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    details = args[:1] == ["--rinci"]
    args = args[1:] if details else args
    if len(args) != 1 or not (Path(args[0]) / "regencies.csv").is_file():
        print(
            "pemakaian: python -m macros.regions <folder data idn-area-data> > data/wilayah.yaml\n"
            "           python -m macros.regions --rinci <folder data idn-area-data> > data/wilayah-rinci.yaml",
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(render_details(Path(args[0])) if details else render(Path(args[0]), current_aliases()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
