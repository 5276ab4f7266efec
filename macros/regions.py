"""Regenerate data/wilayah.yaml from the idn-area-data npm package.

    npm pack idn-area-data@4.0.1 && tar xzf idn-area-data-4.0.1.tgz
    python -m macros.regions package/data > data/wilayah.yaml

The package's data is under the Open Database License (ODbL 1.0): the file we
write carries the attribution, and derived databases stay under the ODbL.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from .labels import REGENCY_KINDS
from .load import yaml_quoted

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
# JANGAN DISUNTING TANGAN: berkas ini dibuat oleh `python -m macros.regions` dari
# paket npm idn-area-data {SOURCE_VERSION} (data/provinces.csv, data/regencies.csv).
# Data tersebut berlisensi Open Database License (ODbL 1.0); basis data turunan
# tetap berlisensi ODbL dan wajib menyebut sumbernya.
"""


def render(data_dir: Path) -> str:
    with open(data_dir / "provinces.csv", encoding="utf-8", newline="") as fh:
        provinces = list(csv.DictReader(fh))
    with open(data_dir / "regencies.csv", encoding="utf-8", newline="") as fh:
        regencies = list(csv.DictReader(fh))
    out = [
        HEADER,
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
        "provinsi:",
    ]
    for row in provinces:
        out.append(f"  - kode: {yaml_quoted(row['code'])}")
        out.append(f"    nama: {yaml_quoted(row['name'])}")
        if row["code"] in PROVINCE_ABBREVIATIONS:
            out.append(f"    singkatan: {yaml_quoted(PROVINCE_ABBREVIATIONS[row['code']])}")
    out.append("kabupaten_kota:")
    for row in regencies:
        kind = next(k for k, label in REGENCY_KINDS.items() if row["name"].startswith(label + " "))  # "Kota Kupang"
        out += [
            f"  - kode: {yaml_quoted(row['code'])}",
            f"    nama: {yaml_quoted(row['name'])}",
            f"    jenis: {kind}",
            f"    provinsi: {yaml_quoted(row['province_code'])}",
        ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not (Path(args[0]) / "regencies.csv").is_file():
        print("pemakaian: python -m macros.regions <folder data idn-area-data> > data/wilayah.yaml", file=sys.stderr)
        return 2
    sys.stdout.write(render(Path(args[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
