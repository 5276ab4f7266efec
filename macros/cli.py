"""`lplpp`: the command editors, CI and the build share.

Exit codes: 0 clean, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from .content import check_content, summarise
from .labels import INSTITUTION_KINDS, SERVICE_PRODUCTS, STANDARDISATION_STATUSES, listed
from .pages import published_address


def _root(text: str) -> Path:
    root = Path(text)
    if not (root / "guidelines").is_dir() or not (root / "data").is_dir():
        raise argparse.ArgumentTypeError(f"'{text}' bukan folder isi portal (harus berisi guidelines/ dan data/)")
    return root


def github_annotation(issue) -> str:
    """A GitHub Actions workflow command: the error shows on that line of the pull request."""

    def escape(text: str, property_: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property_ else text

    return (
        f"::error file={escape(issue.path, True)},line={issue.line},title={escape('lplpp check: ' + issue.field, True)}"
        f"::{escape(f'{issue.field}: {issue.message} Perbaikan: {issue.hint}')}"
    )


def report(issues, fmt: str = "teks") -> int:
    for issue in issues:
        print(github_annotation(issue) if fmt == "github" else issue)
    print(f"\n{len(issues)} kesalahan. Perbaiki baris yang disebut, lalu jalankan `lplpp check` lagi.", file=sys.stderr)
    return 1


# Every command gets the checked content: none runs on content the check refuses.


def cmd_check(args, content) -> int:
    print(f"OK: {summarise(content)}.")
    return 0


def cmd_pdf(args, content) -> int:
    from . import pdf
    from .check import closest, closest_region

    if not (args.wilayah or args.pedoman or args.program):
        print("lplpp pdf: pilih sedikitnya satu: --wilayah KODE, --pedoman, --program.", file=sys.stderr)
        return 2
    for code in args.wilayah:
        known = content.provinces if len(code) == 2 else content.regencies
        if code not in known:
            guess = closest(code, known) if len(code) == 2 else closest_region(code, known)
            print(
                f"lplpp pdf: kode wilayah '{code}' tidak ada" + (f"; mungkin '{guess}'?" if guess else "."),
                file=sys.stderr,
            )
            return 2
        if args.bundel and len(code) != 2:
            print(f"lplpp pdf: --bundel hanya untuk kode provinsi (dua angka), bukan '{code}'.", file=sys.stderr)
            return 2
    return pdf.run(
        content,
        args.root,
        args.wilayah,
        args.bundel,
        args.kertas,
        args.out,
        args.site,
        booklet=args.pedoman,
        programs=args.program,
    )


def cmd_export(args, content) -> int:
    from .export import write_all

    for path in write_all(content, args.out, args.site_url or published_address(args.root)):
        print(path)
    return 0


def cmd_import(args, content) -> int:
    from .impor import MAX_REPORTED, ContentErrors, Refused, import_file

    label = args.berkas
    path = Path(label)
    if not path.is_file():
        print(f"lplpp impor: berkas '{label}' tidak ada.", file=sys.stderr)
        return 2
    try:
        outcome = import_file(args.root, path, label, dry_run=args.coba)
    except Refused as refused:
        print(f"{label}: {refused}", file=sys.stderr)
        return 1
    except ContentErrors as errors:  # the same report as `lplpp check`: fix the content first
        return report(errors.issues)
    for line in outcome.recovered:
        print(f"{label}:{line}", file=sys.stderr)
    if outcome.issues:
        for issue in outcome.issues[:MAX_REPORTED]:
            print(issue)
        more = len(outcome.issues) - MAX_REPORTED
        print(
            f"\n{len(outcome.issues)} kesalahan"
            + (f" ({more} tidak ditampilkan)" if more > 0 else "")
            + ". Tidak ada berkas yang ditulis. Perbaiki sel yang disebut, lalu impor lagi.",
            file=sys.stderr,
        )
        return 1
    verb = ("Akan ditambah", "Akan diubah") if args.coba else ("Ditambah", "Diubah")
    for ident in outcome.added:
        print(f"{verb[0]}: data/lembaga/{ident}.yaml")
    for ident, columns in outcome.changed.items():
        print(f"{verb[1]}: data/lembaga/{ident}.yaml ({', '.join(columns)})")
    print(
        f"{len(outcome.added)} lembaga baru, {len(outcome.changed)} diubah, {outcome.unchanged} tidak berubah"
        + (" (coba: tidak ada yang ditulis)." if args.coba else ".")
    )
    return 0


def cmd_new(args, content) -> int:
    from . import scaffold

    make = scaffold.institution if args.jenis_rekaman == "lembaga" else scaffold.program
    try:
        path = make(content, args.root, args, args.tanya or scaffold.interactive_default())
    except scaffold.Refused as refused:
        print(f"lplpp baru: {refused}", file=sys.stderr)
        return 2
    print(f"Ditulis: {path}. Lengkapi kolom opsional bila ada (lihat _contoh.yaml), lalu jalankan `lplpp check`.")
    return 0


def cmd_release(args, content) -> int:
    from .releases import FOLDER, differs, snapshot_text

    version = content.guideline.version
    if args.versi and args.versi != version:
        print(
            f"lplpp rilis: guidelines/pedoman.yaml berversi {version}, bukan {args.versi}. Ubah dulu `versi` "
            "dan `tanggal` di sana.",
            file=sys.stderr,
        )
        return 2
    path = args.root / FOLDER / f"{version}.yaml"
    existing = next((r for r in content.releases if r.version == version), None)
    if existing is not None:
        if differs(existing, content.guideline):  # the check refuses this too; kept for a clear message
            print(f"lplpp rilis: versi {version} sudah dirilis dengan isi lain; naikkan versi.", file=sys.stderr)
            return 2
        print(f"Versi {version} sudah dirilis ({path}); tidak ada yang berubah.")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(snapshot_text(content.guideline), encoding="utf-8")
    print(f"Dirilis: versi {version} -> {path}. Commit berkas ini; halaman Perubahan membandingkan terhadapnya.")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lplpp", description="Alat portal pedoman LP-LPP.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=_root, default=Path("."), help="folder isi portal (bawaan: folder ini)")
    sub = p.add_subparsers(dest="command", metavar="PERINTAH")
    c = sub.add_parser("check", parents=[common], help="periksa semua berkas isi (pedoman, lembaga, program, wilayah)")
    c.add_argument(
        "--format",
        choices=["teks", "github"],
        default="teks",
        help="github: anotasi ::error untuk GitHub Actions (tampil di baris yang diubah)",
    )
    c.set_defaults(run=cmd_check)
    d = sub.add_parser("pdf", parents=[common], help="cetak daftar periksa, pedoman, atau lembar kerja program ke PDF")
    d.add_argument(
        "--wilayah",
        action="append",
        default=[],
        metavar="KODE",
        help='kode kabupaten/kota ("53.71") atau provinsi ("53"); boleh diulang',
    )
    d.add_argument("--bundel", action="store_true", help="satu berkas per provinsi (halaman /wilayah/PP/cetak/)")
    d.add_argument("--pedoman", action="store_true", help="seluruh pedoman: pedoman-<versi>.pdf")
    d.add_argument("--program", action="store_true", help="lembar kerja setiap templat program: program-<id>.pdf")
    d.add_argument("--kertas", choices=["a4", "f4"], default="a4", help="ukuran kertas (bawaan: a4)")
    d.add_argument("--out", type=Path, default=Path("pdf"), help="folder hasil (bawaan: pdf/)")
    d.add_argument("--site", type=Path, help="situs yang sudah dibangun (bawaan: bangun dulu)")
    d.set_defaults(run=cmd_pdf)
    e = sub.add_parser("export", parents=[common], help="tulis data terbuka: CSV, JSON, datapackage.json, HSDS 3.0")
    e.add_argument("--out", type=Path, default=Path("ekspor"), help="folder hasil (bawaan: ekspor/)")
    e.add_argument("--site-url", help="alamat portal untuk kolom url (bawaan: extra.alamat_publik di mkdocs.yml)")
    e.set_defaults(run=cmd_export)
    n = sub.add_parser(
        "baru", parents=[common], help="buat berkas lembaga atau templat program baru yang lolos pemeriksaan"
    )
    n.add_argument("jenis_rekaman", choices=["lembaga", "program"], metavar="lembaga|program")
    n.add_argument("--id")
    n.add_argument("--nama")
    n.add_argument("--bidang", action="append", help="id bidang, boleh dipisah koma atau diulang")
    n.add_argument(
        "--produk",
        action="append",
        help=f"produk layanan ({listed(SERVICE_PRODUCTS)}), boleh dipisah koma atau diulang",
    )
    n.add_argument("--jenis", help=f"lembaga: {listed(INSTITUTION_KINDS)}")
    n.add_argument("--wilayah", help='lembaga: kode kabupaten/kota ("53.71") atau provinsi ("53")')
    n.add_argument("--keterangan", help="lembaga: apa yang dikerjakan, menurut sumber")
    n.add_argument("--sumber", action="append", help="lembaga: sumber publik; boleh diulang")
    n.add_argument(
        "--status", default="kandidat", help=f"lembaga: {listed(STANDARDISATION_STATUSES)} (bawaan: kandidat)"
    )
    n.add_argument("--tahun", type=int, help="lembaga: tahun terstandar")
    n.add_argument("--ringkasan", help="program")
    n.add_argument("--tujuan", help="program")
    n.add_argument("--sasaran", help="program")
    n.add_argument("--durasi", help="program")
    n.add_argument("--langkah", action="append", help='program: "Judul: uraian"; boleh diulang')
    n.add_argument("--indikator", action="append", help="program; boleh diulang")
    n.add_argument("--sumber-daya", dest="sumber_daya", action="append", help="program; boleh diulang")
    n.add_argument("--tanya", action="store_true", help="tanyakan isian yang belum diberikan")
    n.set_defaults(run=cmd_new)
    i = sub.add_parser(
        "impor",
        parents=[common],
        help="masukkan data lembaga dari lembar kerja (.xlsx, .ods, .csv) ke data/lembaga/",
    )
    i.add_argument(
        "berkas", metavar="BERKAS", help="lembar kerja: templat lembaga.xlsx, lembaga.xlsx ekspor, .ods, .csv"
    )
    i.add_argument("--coba", action="store_true", help="tampilkan apa yang akan ditambah dan diubah tanpa menulis")
    i.set_defaults(run=cmd_import, checks_itself=True)  # reads and checks the content once, with the rows
    r = sub.add_parser(
        "rilis",
        parents=[common],
        help="simpan cuplikan kriteria dan langkah versi pedoman saat ini (guidelines/riwayat/)",
    )
    r.add_argument("versi", nargs="?", help="versi yang dirilis; harus sama dengan `versi` di guidelines/pedoman.yaml")
    r.set_defaults(run=cmd_release)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    if not getattr(args, "run", None):
        p.print_help(sys.stderr)
        return 2
    try:
        if getattr(args, "checks_itself", False):
            return args.run(args, None)
        content, issues = check_content(args.root)
        if issues:
            return report(issues, getattr(args, "format", "teks"))
        return args.run(args, content)
    except OSError as err:  # read-only folder, full disk...: one line an editor can act on, no traceback
        print(f"lplpp: {os_error_message(err)}", file=sys.stderr)
        return 1


_OS_ERRORS = {
    errno.EACCES: "tidak ada izin untuk menulis atau membaca di sini",
    errno.EPERM: "tidak ada izin untuk menulis atau membaca di sini",
    errno.EROFS: "folder ini hanya-baca",
    errno.ENOSPC: "disk penuh",
    errno.ENOENT: "folder atau berkas tidak ada",
    errno.EISDIR: "yang dituju adalah folder, bukan berkas",
    errno.ENOTDIR: "bagian dari jalurnya bukan folder",
}


def os_error_message(err: OSError) -> str:
    reason = _OS_ERRORS.get(err.errno or 0, err.strerror or str(err))
    where = f" ({err.filename})" if err.filename else ""
    return f"gagal{where}: {reason}. Pilih folder lain yang dapat ditulisi, atau periksa izinnya."


def run() -> None:
    """The `lplpp` command. Exits without freeing what the check loaded: at 10,000 institutions
    with their assessments, Python spends a quarter of a second taking apart millions of objects
    that the operating system reclaims at once anyway."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `lplpp check | head`: the reader has gone
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
