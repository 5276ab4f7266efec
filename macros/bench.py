"""Benchmarks that anyone can rerun: `make bench` (or `python -m macros.bench check`).

Figures are printed as a small table; the README's performance section quotes them.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .synthetic import generate

REPO = Path(__file__).resolve().parent.parent


def _timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds over runs, and peak RSS in MB of the command and its workers."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak_kb / 1024


def bench_check(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(REPO, Path(tmp), 10_000)
        seconds, peak = _timed([sys.executable, "-m", "macros.cli", "check", "--root", str(root)], runs)
    print(f"lplpp check, real content + 10,000 generated lembaga: {seconds:.2f} s median of {runs}, "
          f"peak RSS {peak:.0f} MB (target < 5 s, < 500 MB)")


BENCHES = {"check": bench_check}


def main() -> int:
    p = argparse.ArgumentParser(description="Benchmarks of the LP-LPP portal.")
    p.add_argument("names", nargs="*", choices=[*BENCHES, []], default=list(BENCHES))
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    for name in args.names or BENCHES:
        BENCHES[name](args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
