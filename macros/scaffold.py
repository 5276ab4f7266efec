"""`lplpp baru lembaga|program`: write a new record that passes `lplpp check`.

Every required field comes from a flag or, when missing and a person is at the
keyboard, from a question. Wrong IDs, regions and list values are refused with a
suggestion before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from .check import closest, closest_region
from .content import check_content
from .labels import INSTITUTION_KINDS, SERVICE_PRODUCTS, STANDARDISATION_STATUSES
from .load import yaml_quoted
from .model import Content

KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
KINDS = list(INSTITUTION_KINDS)
PRODUCTS = list(SERVICE_PRODUCTS)
STATUSES = list(STANDARDISATION_STATUSES)


class Refused(Exception):
    """A value an editor gave cannot be used; the message says why and what to do."""


def _list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


class Asker:
    """Takes a value from the flags, else asks (when allowed), else refuses."""

    def __init__(self, interactive: bool):
        self.interactive = interactive
        self.missing: list[str] = []

    def one(self, value: str | None, flag: str, question: str) -> str:
        if value:
            return value.strip()
        if not self.interactive:
            self.missing.append(flag)
            return ""
        while True:
            answer = input(f"{question}: ").strip()
            if answer:
                return answer

    def many(self, values: list[str] | None, flag: str, question: str) -> list[str]:
        if values:
            return [v.strip() for v in values if v.strip()]
        if not self.interactive:
            self.missing.append(flag)
            return []
        print(f"{question} (satu per baris; baris kosong untuk selesai)")
        answers: list[str] = []
        while not answers or answers[-1]:
            answers.append(input("  - ").strip())
        return answers[:-1]

    def done(self) -> None:
        if self.missing:
            raise Refused(
                "isian wajib belum diberikan: "
                + ", ".join(self.missing)
                + " (beri sebagai opsi, atau jalankan di terminal untuk ditanya satu per satu)"
            )


def _check_id(ident: str, folder: Path) -> str:
    if not KEBAB.fullmatch(ident):
        suggestion = re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-")
        raise Refused(f"ID '{ident}' tidak sah: pakai huruf kecil, angka, dan tanda minus; misalnya '{suggestion}'.")
    if (folder / f"{ident}.yaml").exists():
        n = 2
        while (folder / f"{ident}-{n}.yaml").exists():
            n += 1
        raise Refused(
            f"ID '{ident}' sudah dipakai ({folder / (ident + '.yaml')}); pilih ID lain, misalnya '{ident}-{n}'."
        )
    return ident


def _check_choices(values: list[str], allowed: list[str], what: str) -> list[str]:
    for value in values:
        if value not in allowed:
            guess = closest(value, allowed)
            raise Refused(
                f"{what} '{value}' tidak dikenal"
                + (f"; mungkin '{guess}'?" if guess else ".")
                + f" Pilihan: {', '.join(allowed)}."
            )
    return values


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def institution(content: Content, root: Path, args, interactive: bool) -> Path:
    ask = Asker(interactive)
    folder = root / "data" / "lembaga"
    ident = ask.one(args.id, "--id", "ID lembaga (huruf kecil dan tanda minus, mis. yayasan-mawar)")
    name = ask.one(args.nama, "--nama", "Nama resmi lembaga")
    kind = ask.one(args.jenis, "--jenis", f"Jenis ({', '.join(KINDS)})")
    region = ask.one(args.wilayah, "--wilayah", "Kode kabupaten/kota Kemendagri (mis. 53.71), atau provinsi (mis. 53)")
    description = ask.one(args.keterangan, "--keterangan", "Keterangan singkat: apa yang dikerjakan lembaga")
    sources = ask.many(args.sumber, "--sumber", "Sumber publik data ini")
    ask.done()
    _check_id(ident, folder)
    _check_choices([kind], KINDS, "jenis")
    if region not in content.regencies and region not in content.provinces:
        guess = closest_region(region, content.regencies)
        raise Refused(
            f"kode wilayah '{region}' tidak ada"
            + (f"; mungkin '{guess}' ({content.regencies[guess].name})?" if guess else ".")
            + " Lihat data/wilayah.yaml."
        )
    fields = _check_choices(_split(args.bidang or []), [f.id for f in content.guideline.fields], "bidang")
    products = _check_choices(_split(args.produk or []), PRODUCTS, "produk layanan")
    status = _check_choices([args.status], STATUSES, "status")[0]
    if status == "terstandar" and not args.tahun:
        raise Refused("status terstandar memerlukan --tahun (tahun ditetapkan terstandar).")
    lines = [
        "# yaml-language-server: $schema=../schemas/lembaga.schema.json",
        f"# Dibuat dengan `lplpp baru lembaga` pada {dt.date.today().isoformat()}. Penjelasan setiap kolom: _contoh.yaml.",
        f"id: {ident}",
        f"nama: {yaml_quoted(name)}",
        f"jenis: {kind}",
        f"wilayah: {yaml_quoted(region)}",
        f"keterangan: {yaml_quoted(description)}",
        f"bidang: {_list(fields)}  # kosong bila sumber belum menyebutkan",
        f"produk_layanan: {_list(products)}  # kosong bila sumber belum menyebutkan",
        "standardisasi:",
        f"  status: {status}",
        *([f"  tahun: {int(args.tahun)}"] if status == "terstandar" else []),
        "sumber:",
        *[f"  - keterangan: {yaml_quoted(s)}" for s in sources],
        "verifikasi:",
        "  status: belum-diverifikasi",
        f"  tanggal: {yaml_quoted(dt.date.today().isoformat())}",
    ]
    return _write(root, folder / f"{ident}.yaml", lines)


def program(content: Content, root: Path, args, interactive: bool) -> Path:
    ask = Asker(interactive)
    folder = root / "data" / "program"
    ident = ask.one(args.id, "--id", "ID templat (huruf kecil dan tanda minus, mis. literasi-keuangan)")
    name = ask.one(args.nama, "--nama", "Nama program")
    summary = ask.one(args.ringkasan, "--ringkasan", "Ringkasan satu kalimat")
    goal = ask.one(args.tujuan, "--tujuan", "Tujuan yang hendak dicapai")
    target = ask.one(args.sasaran, "--sasaran", "Sasaran (penerima manfaat)")
    duration = ask.one(args.durasi, "--durasi", "Perkiraan durasi (mis. 6-12 bulan)")
    fields = _split(ask.many(args.bidang, "--bidang", "Bidang"))
    products = _split(ask.many(args.produk, "--produk", "Produk layanan yang dipakai"))
    steps = ask.many(args.langkah, "--langkah", "Langkah pelaksanaan, 'Judul: uraian'")
    indicators = ask.many(args.indikator, "--indikator", "Indikator keberhasilan")
    resources = ask.many(args.sumber_daya, "--sumber-daya", "Sumber daya yang dibutuhkan")
    ask.done()
    _check_id(ident, folder)
    _check_choices(fields, [f.id for f in content.guideline.fields], "bidang")
    _check_choices(products, PRODUCTS, "produk layanan")
    step_lines = []
    for step in steps:
        title, _, text = step.partition(":")
        step_lines += [
            f"  - judul: {yaml_quoted(title.strip())}",
            f"    uraian: {yaml_quoted((text or title).strip())}",
        ]
    lines = [
        "# yaml-language-server: $schema=../schemas/program.schema.json",
        f"# Dibuat dengan `lplpp baru program` pada {dt.date.today().isoformat()}. Penjelasan setiap kolom: _contoh.yaml.",
        f"id: {ident}",
        f"nama: {yaml_quoted(name)}",
        f"ringkasan: {yaml_quoted(summary)}",
        f"tujuan: {yaml_quoted(goal)}",
        f"sasaran: {yaml_quoted(target)}",
        f"durasi: {yaml_quoted(duration)}",
        f"bidang: {_list(fields)}",
        f"produk_layanan: {_list(products)}",
        "langkah:",
        *step_lines,
        "indikator:",
        *[f"  - {yaml_quoted(i)}" for i in indicators],
        "sumber_daya:",
        *[f"  - {yaml_quoted(r)}" for r in resources],
    ]
    return _write(root, folder / f"{ident}.yaml", lines)


def _write(root: Path, path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, issues = check_content(root)
    mine = [i for i in issues if i.path == path.relative_to(root).as_posix()]
    if mine:  # never leave a file behind that the check would refuse
        path.unlink()
        raise Refused("berkas tidak lolos pemeriksaan dan tidak ditulis:\n" + "\n".join(map(str, mine)))
    return path


def interactive_default() -> bool:
    return sys.stdin.isatty()
