"""`lplpp`: the command editors, CI and the build share.

Exit codes: 0 clean, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import check_content, summarise


def _root(text: str) -> Path:
    root = Path(text)
    if not (root / "guidelines").is_dir() or not (root / "data").is_dir():
        raise argparse.ArgumentTypeError(f"'{text}' bukan folder isi portal (harus berisi guidelines/ dan data/)")
    return root


def cmd_check(args) -> int:
    content, issues = check_content(args.root)
    if issues:
        for issue in issues:
            print(issue)
        print(f"\n{len(issues)} kesalahan. Perbaiki baris yang disebut, lalu jalankan `lplpp check` lagi.", file=sys.stderr)
        return 1
    print(f"OK: {summarise(content)}.")
    return 0


def cmd_pdf(args) -> int:
    from . import pdf
    from .check import closest

    content, issues = check_content(args.root)
    if issues:
        return cmd_check(args)
    for code in args.wilayah:
        known = content.provinces if len(code) == 2 else content.regencies
        if code not in known:
            guess = closest(code, known)
            print(f"lplpp pdf: kode wilayah '{code}' tidak ada" + (f"; mungkin '{guess}'?" if guess else "."), file=sys.stderr)
            return 2
        if args.bundel and len(code) != 2:
            print(f"lplpp pdf: --bundel hanya untuk kode provinsi (dua angka), bukan '{code}'.", file=sys.stderr)
            return 2
    return pdf.run(content, args.root, args.wilayah, args.bundel, args.kertas, args.out, args.site)


def cmd_export(args) -> int:
    from .export import write_all

    content, issues = check_content(args.root)
    if issues:
        return cmd_check(args)
    for path in write_all(content, args.out, args.site_url):
        print(path)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lplpp", description="Alat portal pedoman LP-LPP.")
    sub = p.add_subparsers(dest="command", metavar="PERINTAH")
    c = sub.add_parser("check", help="periksa semua berkas isi (pedoman, lembaga, program, wilayah)")
    c.add_argument("--root", type=_root, default=Path("."), help="folder isi portal (bawaan: folder ini)")
    c.set_defaults(run=cmd_check)
    d = sub.add_parser("pdf", help="cetak daftar periksa kabupaten/kota ke PDF dengan Chromium")
    d.add_argument("--wilayah", action="append", required=True, metavar="KODE",
                   help='kode kabupaten/kota ("53.71") atau provinsi ("53"); boleh diulang')
    d.add_argument("--bundel", action="store_true", help="satu berkas per provinsi (halaman /wilayah/PP/cetak/)")
    d.add_argument("--kertas", choices=["a4", "f4"], default="a4", help="ukuran kertas (bawaan: a4)")
    d.add_argument("--out", type=Path, default=Path("pdf"), help="folder hasil (bawaan: pdf/)")
    d.add_argument("--site", type=Path, help="situs yang sudah dibangun (bawaan: bangun dulu)")
    d.add_argument("--root", type=_root, default=Path("."), help="folder isi portal (bawaan: folder ini)")
    d.set_defaults(run=cmd_pdf)
    e = sub.add_parser("export", help="tulis data terbuka: CSV, JSON, datapackage.json, HSDS 3.0")
    e.add_argument("--out", type=Path, default=Path("ekspor"), help="folder hasil (bawaan: ekspor/)")
    e.add_argument("--site-url", default="http://127.0.0.1:8000/", help="alamat portal untuk kolom url")
    e.add_argument("--root", type=_root, default=Path("."), help="folder isi portal (bawaan: folder ini)")
    e.set_defaults(run=cmd_export)
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
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
