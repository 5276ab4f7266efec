"""A content tree with a large generated directory, for benchmarks.

    python -m macros.tools.synthetic OUT_DIR [--lembaga 10000] [--tindak-lanjut 514] [--penilaian 3]

Copies guidelines/ and data/ and adds N institutions spread over all
kabupaten/kota, shaped like real records (every optional field used); a
follow-up record for the first kabupaten/kota; and self-assessments for every
generated institution. For assessments on several dates it adds an earlier
release of the same guideline (guidelines/riwayat/0.0.1.yaml, a year older),
so that dates between then and today pass the check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

from ..content import load_content
from ..labels import ANSWERS, INSTITUTION_KINDS, SERVICE_PRODUCTS, STANDARDISATION_STATUSES, STEP_STATUSES
from ..releases import snapshot_text

KINDS = list(INSTITUTION_KINDS)
STATUS = list(STANDARDISATION_STATUSES)
PRODUCTS = list(SERVICE_PRODUCTS)


OLD_VERSION = "0.0.1"


def generate(source: Path, out: Path, count: int, seed: int = 1, followups: int = 0, assessments: int = 0) -> Path:
    content = load_content(source)
    rng = random.Random(seed)
    for part in ("guidelines", "data"):
        shutil.copytree(source / part, out / part, dirs_exist_ok=True)
    if followups or assessments:
        _history(content, out, rng, followups, assessments if count else 0, count)
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


def _history(content, out: Path, rng: random.Random, followups: int, per_institution: int, count: int) -> None:
    g = content.guideline
    start = dt.date.fromisoformat(g.date) - dt.timedelta(days=365)
    old = snapshot_text(g).replace(f'versi: "{g.version}"', f'versi: "{OLD_VERSION}"', 1)
    old = old.replace(f'tanggal: "{g.date}"', f'tanggal: "{start.isoformat()}"', 1)
    (out / "guidelines" / "riwayat" / f"{OLD_VERSION}.yaml").write_text(old, encoding="utf-8")
    today = dt.date.today()
    span = (today - start).days

    def day(lo: int, hi: int) -> dt.date:  # a date in the lo..hi share (per mille) of the span
        return start + dt.timedelta(days=span * rng.randint(lo, hi) // 1000)

    statuses, answers = list(STEP_STATUSES), list(ANSWERS)
    steps = [s.id for s in g.followups]
    folder = out / "data" / "tindak-lanjut"
    for region in list(content.regencies.values())[:followups]:
        taken = steps[: rng.randint(1, len(steps))]
        dates = sorted(day(0, 1000) for _ in taken)
        lines = [
            "# yaml-language-server: $schema=../schemas/tindak-lanjut-wilayah.schema.json",
            f'wilayah: "{region.code}"',
            f'versi_pedoman: "{OLD_VERSION}"',
            "pelapor: dinas-kabupaten-kota",
            f'diperbarui: "{dates[-1].isoformat()}"',
            "langkah:",
        ]
        for step, when in zip(taken, dates, strict=True):
            lines += [
                f"  - langkah: {step}",
                f"    status: {rng.choice(statuses)}",
                f'    tanggal: "{when.isoformat()}"',
                "    catatan: Catatan sintetis untuk uji kinerja.",
                "    tautan: https://contoh.invalid/berita",
            ]
        (folder / f"{region.code}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    criteria = [c.id for c in g.criteria]
    for n in range(count if per_institution else 0):
        ident = f"uji-{n:05d}"
        (out / "data" / "penilaian" / ident).mkdir(parents=True, exist_ok=True)
        dates = sorted(
            {day(1000 * k // per_institution, 1000 * (k + 1) // per_institution - 1) for k in range(per_institution)}
        )
        for k, when in enumerate(dates):
            version = g.version if k == len(dates) - 1 and when >= dt.date.fromisoformat(g.date) else OLD_VERSION
            lines = [
                "# yaml-language-server: $schema=../../schemas/penilaian.schema.json",
                f"lembaga: {ident}",
                f'tanggal: "{when.isoformat()}"',
                f'versi_pedoman: "{version}"',
                "catatan: Penilaian sintetis untuk uji kinerja.",
                "jawaban:",
            ]
            for c in criteria:
                answer = rng.choice(answers)
                lines += [f"  - kriteria: {c}", f"    jawaban: {answer}", f"    bukti: Dokumen {c} di kantor"]
            (out / "data" / "penilaian" / ident / f"{when.isoformat()}.yaml").write_text(
                "\n".join(lines) + "\n", encoding="utf-8"
            )


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
    p.add_argument("--tindak-lanjut", type=int, default=0, dest="followups", help="catatan kabupaten/kota (maks. 514)")
    p.add_argument("--penilaian", type=int, default=0, help="penilaian per lembaga sintetis")
    p.add_argument("--source", type=Path, default=Path("."))
    args = p.parse_args()
    generate(args.source, args.out, args.lembaga, followups=args.followups, assessments=args.penilaian)
    print(
        f"{args.lembaga} lembaga, {args.followups} catatan tindak lanjut, "
        f"{args.lembaga * args.penilaian} penilaian ditulis ke {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
