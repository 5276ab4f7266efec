"""Closed values and their Indonesian labels, read from the JSON Schemas.

A schema is the one place a closed value and its label are written
(`oneOf: [{const: kandidat, title: Kandidat}, ...]`); the model, pages, exports,
scaffolder and generator read them here. The service products are listed in four
schemas (each validates on its own): tests/test_labels.py fails when the copies differ.
"""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "schemas"


@cache
def choices(schema: str, *path: str) -> dict[str, str]:
    """value -> label of the closed list at path ("*" for list items) in data/schemas/<schema>.schema.json."""
    node = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    for key in path:
        node = node["items"] if key == "*" else node["properties"][key]
    return {option["const"]: option["title"] for option in node["oneOf"]}


INSTITUTION_KINDS = choices("lembaga", "jenis")
STANDARDISATION_STATUSES = choices("lembaga", "standardisasi", "status")
VERIFICATION_STATUSES = choices("lembaga", "verifikasi", "status")
SERVICE_PRODUCTS = choices("standar-layanan", "produk", "*", "id")  # the same list in lembaga, program, kriteria
COMPONENTS = choices("standar-layanan", "komponen", "*", "id")
COMPONENT_GROUPS = choices("standar-layanan", "komponen", "*", "kelompok")
PARTIES = choices("tahapan", "pihak", "*", "id")
LEGAL_STATUSES = choices("pedoman", "dasar_hukum", "*", "status")
GUIDELINE_STATUSES = choices("pedoman", "status")
REGENCY_KINDS = choices("wilayah", "kabupaten_kota", "*", "jenis")
ANSWERS = choices("penilaian", "jawaban", "*", "jawaban")  # self-assessment: ya, sebagian, belum
STEP_STATUSES = choices("tindak-lanjut-wilayah", "langkah", "*", "status")  # belum, berjalan, selesai
REPORTERS = choices("tindak-lanjut-wilayah", "pelapor")  # an office, never a person


def listed(values: dict[str, str]) -> str:
    """ "a, b, atau c" for help texts and column descriptions."""
    keys = list(values)
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])}, atau {keys[-1]}"


MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()


def indonesian_date(value: datetime.date | str) -> str:
    """28 November 2026, as people in Indonesia write a date (data files keep ISO dates)."""
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
