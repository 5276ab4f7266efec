"""Benchmarks that anyone can rerun: `make bench` (or `python -m macros.tools.bench check`).

Figures are printed as a small table; the README's performance section quotes them.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..content import load_content
from ..pages import published_address
from .synthetic import generate

REPO = Path(__file__).resolve().parents[2]


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
    print(
        f"lplpp check, real content + 10,000 generated lembaga: {seconds:.2f} s median of {runs}, "
        f"peak RSS {peak:.0f} MB (target < 5 s, < 500 MB)"
    )


def bench_records(runs: int) -> None:
    """The check with the records that come back: 514 follow-up records, 10,000 institutions x 3 assessments."""
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(REPO, Path(tmp), 10_000, followups=514, assessments=3)
        os.sync()  # the generator's 160 MB on disk first: the check is timed, not the write-back
        _run_alone([sys.executable, "-m", "macros.cli", "check", "--root", str(root)])  # warm-up, not counted
        times, peaks = [], []
        for _ in range(runs):
            seconds, code, peak = _run_alone([sys.executable, "-m", "macros.cli", "check", "--root", str(root)])
            assert code == 0
            times.append(seconds)
            peaks.append(peak)
    print(
        f"lplpp check, + 514 tindak-lanjut + 30,000 penilaian: {statistics.median(times):.2f} s median of {runs} "
        f"({min(times):.2f}-{max(times):.2f}), peak RSS {max(peaks):.0f} MB (target <= 8 s, <= 500 MB)"
    )


def bench_growth(runs: int, institutions: int = 10_000) -> None:
    """What the records that come back add to the build: the same generated directory without and with
    514 follow-up records and 3 self-assessments per institution (time, size of site/, /kemajuan/).
    Runs alternate between the two, so drift on the machine (this disk varies by 10 % from one
    build to the next) hits both alike; growth is the median of the paired ratios. Each build
    starts from an empty site folder, as on CI, with the disk's write-back done: deleting or
    writing out the previous 900 MB site is not building this one."""
    projects, sites = {}, {}
    times: dict[str, list[float]] = {"zonder": [], "met": []}
    with tempfile.TemporaryDirectory() as tmp:
        for name, extra in (("zonder", {}), ("met", {"followups": 514, "assessments": 3})):
            projects[name] = _project(Path(tmp, name))
            generate(REPO, projects[name], institutions, **extra)
            sites[name] = Path(tmp, name + "-site")
        for _ in range(runs):
            for name in times:
                shutil.rmtree(sites[name], ignore_errors=True)
                os.sync()  # the previous build's 900 MB still being written out would slow this one
                times[name].append(_build_time(projects[name] / "mkdocs.yml", sites[name]))
        (t0, t1), (s0, s1) = ([statistics.median(times[n]) for n in times], [_size_mb(sites[n]) for n in times])
        d0, d1 = (_size_mb(sites[n] / "data") for n in times)
        growth = statistics.median(m / z for z, m in zip(times["zonder"], times["met"], strict=True)) - 1
        kemajuan = _gzip_kb(sites["met"] / "kemajuan" / "index.html")
    print(
        f"build, {institutions:,} lembaga: {t0:.1f} s, site/ {s0:.0f} MB (data/ {d0:.0f} MB) -> with 514 tindak-lanjut "
        f"+ {3 * institutions:,} penilaian: {t1:.1f} s, {s1:.0f} MB (data/ {d1:.0f} MB); growth time "
        f"{growth:+.0%} (paired median of {runs}; target <= +15 %), size {s1 / s0 - 1:+.0%}; "
        f"/kemajuan/ {kemajuan:.1f} KB gzipped (< 60 KB)"
    )
    print("runs (s): " + ", ".join(f"{z:.1f} -> {m:.1f}" for z, m in zip(times["zonder"], times["met"], strict=True)))


def _project(dest: Path, institutions: int = 0) -> Path:
    """A copy of the project to build, optionally with generated institutions."""
    for part in ("docs", "macros", "guidelines", "data"):
        shutil.copytree(REPO / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    if institutions:
        generate(REPO, dest, institutions)
    return dest


def _static_config(project: Path, dumped: Path, name: str = "static") -> Path:
    """mkdocs.yml for the pages in `dumped` as plain Markdown: same theme and extensions, no macros, no hooks."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for block in (r"  - macros:\n(?:      .*\n|\s*\n)*", r"hooks:\n(?:  .*\n)*", r"watch:\n(?:  .*\n)*"):
        text = re.sub(block, "", text)
    text = text.replace("docs_dir: docs/pages", f"docs_dir: {dumped}")
    text = text.replace("custom_dir: docs/theme", f"custom_dir: {project / 'docs/theme'}")
    version = load_content(project).guideline
    text = text.replace(
        "extra:\n", f"extra:\n  pedoman: {{versi: '{version.version}', tanggal: '{version.date}', draf: true}}\n", 1
    )
    shutil.copytree(project / "docs/pages/assets", dumped / "assets", dirs_exist_ok=True)
    config = project / f"mkdocs-{name}.yml"
    config.write_text(text, encoding="utf-8")
    return config


def _floor_docs(dumped: Path, floor: Path) -> Path:
    """The engine floor: the same URLs, titles and nav, each page a one-line body."""
    for page in dumped.rglob("*.md"):
        front, _, _ = page.read_text(encoding="utf-8").removeprefix("---\n").partition("---\n")
        target = floor / page.relative_to(dumped)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{front}---\nIsi.\n", encoding="utf-8")
    shutil.copytree(dumped / "assets", floor / "assets", dirs_exist_ok=True)
    return floor


def _bare_checklists_config(project: Path) -> Path:
    """The real build with every checklist left empty: the difference is what checklists cost."""
    (project / "bench_bare.py").write_text(
        "from macros import pages\npages.Renderer.checklist = lambda self, regency: ''\n", encoding="utf-8"
    )
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = project / "mkdocs-bare.yml"
    config.write_text(text.replace("hooks:\n", "hooks:\n  - bench_bare.py\n"), encoding="utf-8")
    return config


def _build_cmd(config: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]


def _build_time(config: Path, out: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(
        _build_cmd(config, out),
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), 9)) / 1024


def page_weight_kb(site: Path, url: str) -> float:
    """Gzipped bytes a first visit fetches: the HTML, its CSS, JS and icons. Search (worker and
    index) loads on first use; tests/test_browser.py measures both cases in Chromium."""
    page = site / url / "index.html"
    html = page.read_text(encoding="utf-8")
    assets = re.findall(
        r'<(?:script|img)[^>]+src="([^"]+)"|<link[^>]+rel="(?:stylesheet|icon)"[^>]+href="([^"]+)"', html
    )
    files = {page} | {(page.parent / (a or b)).resolve() for a, b in assets}
    return sum(_gzip_kb(f) for f in files)


def bench_build(runs: int) -> None:
    """Full build of the real content vs. the same pages as static Markdown, paired runs."""
    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        project = _project(tmp / "project")
        real = project / "mkdocs.yml"
        _build_time(real, tmp / "site", {"LPLPP_DUMP_MARKDOWN": str(tmp / "static-docs")})
        static = _static_config(project, tmp / "static-docs")
        floor = _static_config(project, _floor_docs(tmp / "static-docs", tmp / "floor-docs"), "floor")
        bare = _bare_checklists_config(project)
        ours, cold, plain, without, floors = [], [], [], [], []
        for run in range(runs):  # alternate, so drift on the machine hits all sides alike
            ours.append(_build_time(real, tmp / "site"))  # what the build kept from the last run
            # As on a new machine: nothing kept (QR codes, stems, place names, templates, pages).
            cold.append(_build_time(real, tmp / "site-cold", {"XDG_CACHE_HOME": str(tmp / f"cache-{run}")}))
            plain.append(_build_time(static, tmp / "site-static"))
            without.append(_build_time(bare, tmp / "site-bare", {"XDG_CACHE_HOME": str(tmp / f"cache-bare-{run}")}))
            floors.append(_build_time(floor, tmp / "site-floor"))
        site = tmp / "site"
        a, b, c = statistics.median(ours), statistics.median(plain), statistics.median(without)
        ratio = statistics.median(o / f for o, f in zip(ours, floors, strict=True))
        cold_ratio = statistics.median(o / f for o, f in zip(cold, floors, strict=True))
        print(
            f"engine floor (same URLs, titles and nav, one-line bodies, no hooks or macros): "
            f"{statistics.median(floors):.2f} s; full build / floor, paired median {ratio:.2f} (target <= 1.30); "
            f"with nothing kept from an earlier build {cold_ratio:.2f} ({statistics.median(cold):.2f} s)"
        )
        print(
            f"full build, real content ({sum(1 for _ in site.rglob('index.html'))} pages): {a:.2f} s median of {runs} "
            f"(target < 10 s); same pages as static Markdown: {b:.2f} s; ratio {a / b:.2f} (target <= 1.10)"
        )
        print(
            f"the 514 checklists (and 38 province bundles) add {statistics.median(cold) - c:.2f} s to a build "
            "with nothing kept (target < 5 s)"
        )
        print(f"site/ size: {_size_mb(site):.1f} MB (target < 60 MB)")
        for url in ("wilayah/53/71", "lembaga/yagat", "pedoman/kriteria"):
            print(
                f"first visit to /{url}/ (search loads on first use): {page_weight_kb(site, url):.1f} KB gzipped "
                "(target < 80 KB)"
            )
        print(f"search_index.json: {_gzip_kb(site / 'search/search_index.json'):.1f} KB gzipped (target < 120 KB)")


def bench_print(runs: int) -> None:
    """The NTT province bundle (22 checklists) to PDF with headless Chromium."""
    from ..pdf import chromium, print_pdf, serve

    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        _build_time(REPO / "mkdocs.yml", tmp / "site")
        with serve(tmp / "site") as base, chromium() as browser:
            page = browser.new_page()
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                print_pdf(page, base, "wilayah/53/cetak/", "a4", tmp / "ntt.pdf")
                times.append(time.perf_counter() - started)
            booklet = []
            for _ in range(runs):
                started = time.perf_counter()
                print_pdf(page, base, "pedoman/cetak/", "a4", tmp / "pedoman.pdf")
                booklet.append(time.perf_counter() - started)
        for name, label, seconds, target in (
            ("ntt.pdf", "NTT bundle", times, "30 s"),
            ("pedoman.pdf", "guideline booklet", booklet, "20 s, < 3 MB"),
        ):
            info = subprocess.run(["pdfinfo", str(tmp / name)], capture_output=True, text=True).stdout
            pages = re.search(r"Pages:\s+(\d+)", info)
            count = pages.group(1) if pages else "?"
            print(
                f"{label} to PDF: {statistics.median(seconds):.1f} s median of {runs} ({count} A4 sheets, "
                f"{(tmp / name).stat().st_size / 2**20:.2f} MB; target < {target})"
            )


def bench_scale(runs: int) -> None:
    """Build with 1,000 and 10,000 generated institutions: time, time per page, size."""
    per_page = {}
    for count in (1_000, 10_000):
        with tempfile.TemporaryDirectory() as tmp:
            project = _project(Path(tmp) / "project", count)
            seconds = min(_build_time(project / "mkdocs.yml", Path(tmp) / "site") for _ in range(max(1, runs // 3)))
            pages = sum(1 for _ in (Path(tmp) / "site").rglob("index.html"))
            per_page[count] = seconds / pages
            print(
                f"build with {count:,} generated lembaga: {seconds:.1f} s for {pages:,} pages "
                f"({per_page[count] * 1000:.1f} ms/page), site/ {_size_mb(Path(tmp) / 'site'):.0f} MB"
            )
    print(
        f"time per page at 10,000 / at 1,000: {per_page[10_000] / per_page[1_000]:.2f} (target <= 1.2; "
        "10,000 build target < 150 s, site/ < 500 MB)"
    )


def bench_directory(runs: int) -> None:
    """10,000 generated institutions: directory page weight, filter latency in Chromium, export time."""
    from ..export import write_all
    from ..pdf import chromium, serve

    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        project = _project(tmp / "project", 10_000)
        content = load_content(project)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            write_all(content, tmp / "ekspor", published_address(REPO))
            times.append(time.perf_counter() - started)
        print(
            f"exports (CSV, JSON, datapackage, HSDS) of 10,000 lembaga: {statistics.median(times):.2f} s "
            f"median of {runs} (target < 3 s; loading and checking the content not included)"
        )
        _build_time(project / "mkdocs.yml", tmp / "site")
        page_file = tmp / "site/lembaga/index.html"
        print(
            f"directory page with 10,000 lembaga: {page_file.stat().st_size / 2**20:.1f} MB, "
            f"{_gzip_kb(page_file):.0f} KB gzipped (target < 600 KB)"
        )
        with serve(tmp / "site") as base, chromium() as browser:
            page = browser.new_page()
            page.goto(base + "lembaga/", wait_until="load")
            latencies = []
            for text in ["ya", "yay", "yayasan perempuan k", "uji"][: max(runs, 3)] * 2:
                # From the keystroke to the next painted frame with the new rows.
                latencies.append(
                    page.evaluate(
                        """async (text) => {
                    const input = document.querySelector('.lp-filter input[name=q]');
                    input.focus();  // the reader is already in the box when the key goes down
                    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                    const started = performance.now();
                    input.value = text;
                    input.dispatchEvent(new Event('input', {bubbles: true}));
                    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                    return performance.now() - started;
                }""",
                        text,
                    )
                )
        print(
            f"first filter result on screen after a keystroke: median {statistics.median(latencies):.0f} ms, "
            f"max {max(latencies):.0f} ms over {len(latencies)} keystrokes (target < 200 ms): "
            + ", ".join(f"{x:.0f}" for x in latencies)
        )


def bench_search(runs: int) -> None:
    """Recall@5, MRR and precision over tests/search_queries.yaml: Material's default vs. Indonesian search."""
    from ..pdf import chromium, serve
    from .search_eval import load_queries, run_queries, scores

    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp:
        for label, indonesian in (("before (Material default, no stemming)", "false"), ("after (Indonesian)", "true")):
            site = Path(tmp) / indonesian
            _build_time(REPO / "mkdocs.yml", site, {"LPLPP_PENCARIAN_ID": indonesian})
            with serve(site) as base, chromium() as browser:
                recall, mrr, precision = scores(run_queries(browser.new_page(), base, queries))
            print(
                f"search {label}: recall@5 {recall:.2f}, MRR {mrr:.2f}, precision {precision:.2f} "
                f"over {len(queries)} queries"
            )


def bench_search_speed(runs: int) -> None:
    """Search in Chromium: bytes a first visit and a first search fetch (gzipped, worker and
    place-name files included), and the time from the keystroke to the first result on screen.
    LPLPP_BENCH_SITE=DIR measures an already built site instead (another commit's, to compare)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(os.environ.get("LPLPP_BENCH_SITE") or Path(tmp) / "site")
        if not os.environ.get("LPLPP_BENCH_SITE"):
            _build_time(REPO / "mkdocs.yml", site)
        measure_search_speed(site, runs)


def measure_search_speed(site: Path, runs: int) -> None:
    from ..pdf import chromium, record_transfers, serve
    from .search_eval import latencies

    queries = ["pengaduan", "kurikulum pelatihan", "pemberdayaan ekonomi", "KDRT", "Soe", "Labuan Bajo", "pengaduab"]
    names = sorted((site / "assets/wilayah-alias").glob("*.json"), key=lambda p: p.stat().st_size)
    with serve(site) as base, chromium() as browser:
        for url, query in (
            ("pedoman/kriteria/", "pengaduan"),
            ("wilayah/53/71/", "Soe"),
            ("", names[-1].stem if names else "tan"),
        ):
            context = browser.new_context()
            page = context.new_page()
            sizes = record_transfers(page)
            page.goto(base + url, wait_until="networkidle")
            first = sum(sizes.values()) / 1024
            page.keyboard.press("/")
            page.keyboard.type(query)
            page.wait_for_timeout(1500)
            print(
                f"/{url}: first visit {first:.0f} KB (target <= 80 KB); after a first search for "
                f"{query!r} {sum(sizes.values()) / 1024:.0f} KB (target <= 200 KB), gzipped"
            )
            context.close()
        colds, warms = [], []
        for _ in range(runs):
            context = browser.new_context()
            cold, warm = latencies(context.new_page(), base, queries)
            colds.append(cold)
            warms += warm
            context.close()
    print(
        f"first result on screen after the keystroke: first search of a page median {statistics.median(colds):.0f} ms "
        f"(max {max(colds):.0f}); later queries median {statistics.median(warms):.0f} ms, max {max(warms):.0f} ms "
        f"over {len(warms)} ({', '.join(queries)}; target < 300 ms)"
    )


def bench_against(runs: int, ref: str = "HEAD~1") -> None:
    """Full build of this checkout against a git ref (LPLPP_BENCH_REF, default HEAD~1), in
    alternating pairs so machine noise falls on both sides alike."""
    ref = os.environ.get("LPLPP_BENCH_REF", ref)
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp, "ref")
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(other), ref], check=True)
        try:
            pairs = []
            for _ in range(max(runs, 5)):
                # PYTHONPATH first: the installed (editable) `macros` package is this checkout's.
                before = _build_time(other / "mkdocs.yml", Path(tmp, "a"), {"PYTHONPATH": str(other)})
                after = _build_time(REPO / "mkdocs.yml", Path(tmp, "b"))
                pairs.append((before, after))
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(other)], check=True)
    ratio = statistics.median(after / before for before, after in pairs)
    print(
        f"full build, {ref} vs this checkout: {statistics.median(b for b, _ in pairs):.2f} s -> "
        f"{statistics.median(a for _, a in pairs):.2f} s, paired median ratio {ratio:.2f} over {len(pairs)} pairs"
    )


_PEAK = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def _run_alone(cmd: list[str]) -> tuple[float, int, float]:
    """Wall seconds, exit code and peak RSS (MB) of one command, measured on its own."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PEAK, *cmd], check=True, capture_output=True, text=True).stdout
    elapsed = time.perf_counter() - started
    code, peak_kb = out.split()
    return elapsed, int(code), int(peak_kb) / 1024


def bench_sheets(runs: int) -> None:
    """Spreadsheets: templates, lembaga.xlsx of 10,000 institutions, `lplpp impor` of 10,000 rows."""
    from ..sheets import write_assessment_template, write_directory, write_institution_template
    from .synthetic import spreadsheet

    content = load_content(REPO)
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            write_institution_template(content, Path(tmp, "lembaga.xlsx"))
            write_assessment_template(content, Path(tmp, "penilaian.xlsx"))
            times.append(time.perf_counter() - started)
        print(f"templates lembaga.xlsx + penilaian.xlsx: {statistics.median(times):.2f} s (target < 1 s)")
        big = load_content(generate(REPO, Path(tmp, "besar"), 10_000))
        started = time.perf_counter()
        write_directory(big, Path(tmp, "ekspor.xlsx"), published_address(REPO))
        print(f"lembaga.xlsx of 10,000 institutions: {time.perf_counter() - started:.2f} s")
        good = spreadsheet(REPO, Path(tmp, "baik.xlsx"), 10_000)
        bad = spreadsheet(REPO, Path(tmp, "salah.xlsx"), 10_000, bad=50)
        for label, file, expect in [
            ("10,000 new rows", good, 0),
            ("the same file again (nothing changes)", good, 0),
            ("10,000 rows, 50 bad cells (all reported)", bad, 1),
        ]:
            figures = []
            for run in range(runs if label != "10,000 new rows" else 1):
                root = Path(tmp, f"isi-{label[:6]}-{run}")
                if not root.exists():
                    for part in ("guidelines", "data"):
                        shutil.copytree(REPO / part, root / part)
                if label.startswith("the same"):
                    subprocess.run(
                        [sys.executable, "-m", "macros.cli", "impor", "--root", str(root), str(good)],
                        check=True,
                        capture_output=True,
                    )
                elapsed, code, peak = _run_alone(
                    [sys.executable, "-m", "macros.cli", "impor", "--root", str(root), str(file)]
                )
                assert code == expect, (label, code)
                figures.append((elapsed, peak))
            print(
                f"lplpp impor, {label}: {statistics.median(f[0] for f in figures):.2f} s, "
                f"peak RSS {max(f[1] for f in figures):.0f} MB (target <= 10 s, <= 500 MB)"
            )


BENCHES: dict[str, Callable[[int], None]] = {
    "check": bench_check,
    "records": bench_records,
    "growth": bench_growth,
    "build": bench_build,
    "print": bench_print,
    "directory": bench_directory,
    "search": bench_search,
    "searchspeed": bench_search_speed,
    "scale": bench_scale,
    "sheets": bench_sheets,
}


# Not in the default run: it needs a git ref to compare with.
EXTRA: dict[str, Callable[[int], None]] = {"against": bench_against}


def main() -> int:
    p = argparse.ArgumentParser(description="Benchmarks of the LP-LPP portal.")
    p.add_argument(
        "names", nargs="*", metavar="NAME", help=f"any of {', '.join([*BENCHES, *EXTRA])} (default: all but 'against')"
    )
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    for name in args.names or BENCHES:
        if name not in BENCHES | EXTRA:
            p.error(f"unknown benchmark {name!r}")
        (BENCHES | EXTRA)[name](args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
