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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lplpp", description="Alat portal pedoman LP-LPP.")
    sub = p.add_subparsers(dest="command", metavar="PERINTAH")
    c = sub.add_parser("check", help="periksa semua berkas isi (pedoman, lembaga, program, wilayah)")
    c.add_argument("--root", type=_root, default=Path("."), help="folder isi portal (bawaan: folder ini)")
    c.set_defaults(run=cmd_check)
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
