"""A content tree with a large generated directory, for benchmarks.

    python -m macros.tools.synthetic OUT_DIR [--lembaga 10000]

Copies guidelines/ and data/ and adds N institutions spread over all
kabupaten/kota, shaped like real records (every optional field used).
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from ..content import load_content
from ..labels import INSTITUTION_KINDS, SERVICE_PRODUCTS, STANDARDISATION_STATUSES

KINDS = list(INSTITUTION_KINDS)
STATUS = list(STANDARDISATION_STATUSES)
PRODUCTS = list(SERVICE_PRODUCTS)


def generate(source: Path, out: Path, count: int, seed: int = 1) -> Path:
    content = load_content(source)
    rng = random.Random(seed)
    for part in ("guidelines", "data"):
        shutil.copytree(source / part, out / part, dirs_exist_ok=True)
    regions = list(content.regencies.values())
    fields = [f.id for f in content.guideline.fields]
    programs = list(content.programs)
    folder = out / "data" / "lembaga"
    for n in range(count):
        region = regions[n % len(regions)]
        status = rng.choice(STATUS)
        ident = f"uji-{n:05d}"
        lines = [
            "# yaml-language-server: $schema=../schemas/lembaga.schema.json",
            f"id: {ident}",
            f'nama: "Yayasan Perempuan {region.name.split(" ", 1)[1]} {n}"',
            f"singkatan: YP{n}",
            f"jenis: {rng.choice(KINDS)}",
            f'wilayah: "{region.code}"',
            f'wilayah_kerja: ["{rng.choice(regions).code}"]',
            f'alamat: "Jalan Contoh No. {n}, {region.name}"',
            "keterangan: >-",
            "  Lembaga contoh hasil pembangkit data untuk uji kinerja. Mendampingi kelompok",
            "  perempuan dalam usaha ekonomi, pendidikan politik, dan layanan informasi.",
            f"bidang: [{', '.join(rng.sample(fields, 2))}]",
            f"produk_layanan: [{', '.join(rng.sample(PRODUCTS, 2))}]",
            f"program: [{rng.choice(programs)}]",
            "standardisasi:",
            f"  status: {status}",
            *(["  tahun: 2024"] if status == "terstandar" else []),
            "sumber:",
            "  - keterangan: Data sintetis untuk uji kinerja",
            "    url: https://contoh.invalid/",
            "verifikasi:",
            "  status: belum-diverifikasi",
            f'  tanggal: "2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"',
            "kontak:",
            f"  email: info{n}@contoh.invalid",
            f'  telepon: "0380 {n:06d}"',
        ]
        (folder / f"{ident}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def spreadsheet(source: Path, path: Path, count: int, bad: int = 0, seed: int = 1) -> Path:
    """A template-shaped lembaga.xlsx with `count` new institutions; `bad` of its cells spoiled
    (an unknown kind, a phone number typed as a number, an ambiguous date, a region that does not exist)."""
    import datetime as dt

    from ..sheets import INSTITUTION_COLUMNS, _Book

    content = load_content(source)
    rng = random.Random(seed)
    regions = list(content.regencies.values())
    fields = [f.id for f in content.guideline.fields]
    spoil = {n * (count // bad): n % 4 for n in range(bad)} if bad else {}
    book = _Book(path, "Uji impor", constant_memory=True)
    ws = book.sheet("lembaga", [c.name for c in INSTITUTION_COLUMNS])
    for n in range(count):
        region = regions[n % len(regions)]
        row = {
            "id": f"impor-{n:05d}",
            "nama": f"Perkumpulan Perempuan {region.name.split(' ', 1)[1]} {n}",
            "jenis": rng.choice(KINDS),
            "wilayah": region.code,
            "keterangan": "Lembaga contoh untuk uji impor lembar kerja.",
            "bidang": ";".join(rng.sample(fields, 2)),
            "produk_layanan": ";".join(rng.sample(PRODUCTS, 2)),
            "status_standardisasi": "kandidat",
            "sumber": "Data sintetis untuk uji kinerja (https://contoh.invalid/)",
            "status_verifikasi": "belum-diverifikasi",
            "tanggal_verifikasi": dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)),
            "telepon": f"0380 {n:06d}",
            "lintang": -10.1,
            "bujur": 123.6,
        }
        if n in spoil:
            key, value = [
                ("jenis", "yayasn"),
                ("telepon", 380000000 + n),
                ("tanggal_verifikasi", "05/06/2025"),
                ("wilayah", "53.99"),
            ][spoil[n]]
            row[key] = value
        values = [row.get(c.name) for c in INSTITUTION_COLUMNS]
        book.row(ws, n + 1, [v.isoformat() if isinstance(v, dt.date) else v for v in values])
    book.close()
    return path


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--lembaga", type=int, default=10_000)
    p.add_argument("--source", type=Path, default=Path("."))
    args = p.parse_args()
    generate(args.source, args.out, args.lembaga)
    print(f"{args.lembaga} lembaga ditulis ke {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
