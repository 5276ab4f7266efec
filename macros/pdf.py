"""Print checklists to PDF with headless Chromium (Debian's `chromium`; no browser download).

    lplpp pdf --wilayah 53.71 --wilayah 53.01     two kabupaten/kota
    lplpp pdf --wilayah 53                        every kabupaten/kota of a province, one file each
    lplpp pdf --wilayah 53 --bundel               the province bundle as one file
    lplpp pdf --wilayah 53 --kertas f4            on F4 paper (215 x 330 mm)
    lplpp pdf --pedoman --program                 the guideline booklet and every program worksheet

The site is built first (or taken from --site), served on a loopback port, and each page
printed with the page's own print stylesheet, exactly as a browser's "Print" would.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Job:
    url: str  # site-relative page URL
    filename: str


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# File names of the PDFs (`lplpp pdf` and the published /unduh/ folder), without paper and ".pdf":
# the pages link to /unduh/<stem>.pdf (A4) and /unduh/<stem>-f4.pdf.
def region_stem(region) -> str:
    """53.71-kota-kupang (a kabupaten/kota), 53-nusa-tenggara-timur (a province's bundle)."""
    return f"{region.code}-{slug(region.name)}"


def booklet_stem(version: str) -> str:
    return f"pedoman-{version}"


def program_stem(program_id: str) -> str:
    return f"program-{program_id}"


def pdf_name(stem: str, paper: str) -> str:
    return f"{stem}{'' if paper == 'a4' else '-' + paper}.pdf"


def jobs_for(
    content, codes: list[str], bundle: bool, paper: str, booklet: bool = False, programs: bool = False
) -> list[Job]:
    jobs = []
    if booklet:
        jobs.append(Job("pedoman/cetak/", pdf_name(booklet_stem(content.guideline.version), paper)))
    if programs:
        jobs += [Job(f"program/{p}/", pdf_name(program_stem(p), paper)) for p in content.programs]
    for code in codes:
        if len(code) == 2:
            province = content.provinces[code]
            if bundle:
                jobs.append(Job(f"wilayah/{code}/cetak/", pdf_name(region_stem(province), paper)))
            else:
                jobs += [Job(r.url, pdf_name(region_stem(r), paper)) for r in province.regencies]
        else:
            regency = content.regencies[code]
            jobs.append(Job(regency.url, pdf_name(region_stem(regency), paper)))
    return list(dict.fromkeys(jobs))


@contextlib.contextmanager
def serve(site: Path):
    """Serve a built site on a free loopback port for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, as a static host would send them
    (so page-weight and slow-link measurements see real transfer sizes)."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv")

    def log_message(self, *args):  # keep the progress line readable
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in self.COMPRESSIBLE
            or not path.is_file()
            or not self.path.split("?")[0].endswith(("/", path.name))
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def record_transfers(page) -> dict[str, int]:
    """Bytes on the wire per path for a Playwright page (`serve` gzips text, as a static host would)."""
    from urllib.parse import urlsplit

    sizes: dict[str, int] = {}

    def done(response):
        length = response.header_value("content-length")
        sizes[urlsplit(response.url).path] = int(length) if length else len(response.body())

    page.on("response", done)
    return sizes


@contextlib.contextmanager
def chromium():
    """A headless Chromium from the system package, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(
            f"Chromium tidak ditemukan di {CHROMIUM}. Pasang paket Debian `chromium` "
            "(make test memasangnya), atau tunjuk lokasinya dengan CHROMIUM=/path/ke/chromium."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def print_pdf(page, base: str, url: str, paper: str, target: Path) -> None:
    page.goto(f"{base}{url}?kertas={paper}", wait_until="load")
    page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
    if page.locator(".lp-toc a").count():
        # Chromium ignores target-counter(): read the sheet of each chapter from this print,
        # write it into the contents and print again (the numbers do not move any chapter).
        sheets = destination_pages(target)
        page.evaluate(
            """sheets => document.querySelectorAll(".lp-toc a").forEach(a => {
                 const sheet = sheets[decodeURIComponent(a.hash.slice(1))];
                 if (sheet) a.dataset.halaman = sheet;
               })""",
            sheets,
        )
        page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)


def destination_pages(pdf: Path) -> dict[str, int]:
    """The sheet each link target (#id) of a PDF printed by Chromium is on, from poppler's pdfinfo."""
    listing = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {m[2]: int(m[1]) for m in re.finditer(r'^\s*(\d+) \[.*\] "(.*)"$', listing, re.M)}


def build_site(root: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LPLPP_CETAK": "1"}  # refuses a local address
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(1)


def run(
    content,
    root: Path,
    codes: list[str],
    bundle: bool,
    paper: str,
    out: Path,
    site: Path | None,
    booklet: bool = False,
    programs: bool = False,
) -> int:
    jobs = jobs_for(content, codes, bundle, paper, booklet, programs)
    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            print("Membangun situs ...", file=sys.stderr)
            site = Path(tmp) / "site"
            build_site(root, site)
        print_jobs(site, jobs, paper, out)
    return 0


def print_jobs(site: Path, jobs: list[Job], paper: str, out: Path) -> None:
    """Print pages of a built site to PDF files, with progress on stderr."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        for done, job in enumerate(jobs, 1):
            print_pdf(page, base, job.url, paper, out / job.filename)
            left = (time.monotonic() - started) / done * (len(jobs) - done)
            line = f"{done}/{len(jobs)} selesai · {job.filename} · sisa ± {left:.0f} dtk"
            # One line rewritten in place on a terminal; one line per file in a log.
            print(
                f"\r{line}   " if sys.stderr.isatty() else line,
                end="" if sys.stderr.isatty() else "\n",
                file=sys.stderr,
                flush=True,
            )
    print(f"\n{len(jobs)} berkas PDF di {out}/ ({time.monotonic() - started:.1f} dtk).", file=sys.stderr)
