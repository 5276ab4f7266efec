"""Search quality in a real Chromium: recall@5, mean reciprocal rank and precision over the
query set in tests/search_queries.yaml, typed into Material's search box as a reader would.

    python -m macros.tools.search_eval [SITE_DIR]   # builds into a temporary folder without one
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

QUERIES = Path(__file__).resolve().parents[2] / "tests" / "search_queries.yaml"


@dataclass
class Outcome:
    query: str
    expected: list[str]
    results: list[str]  # result locations, best first

    @property
    def rank(self) -> int | None:
        for position, location in enumerate(self.results, 1):
            if any(location.startswith(prefix) for prefix in self.expected):
                return position
        return None

    @property
    def is_topic(self) -> bool:
        """A query for the guideline or a program: not for a place, nor for an institution (whose
        province page rightly lists it)."""
        return not any(prefix.startswith((REGION, "lembaga/")) for prefix in self.expected)

    @property
    def wrong_regions(self) -> list[str]:
        """Region pages in the top 5 of a topic query."""
        return [r for r in self.results[:5] if r.startswith(REGION)] if self.is_topic else []


REGION = "wilayah/"


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def run_queries(page, base: str, queries: list[dict]) -> list[Outcome]:
    page.goto(base, wait_until="networkidle")
    # Search loads on first use: open it once and wait until it answers.
    page.locator("input[name=query]").focus()
    page.keyboard.type("lembaga")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    outcomes = []
    for item in queries:
        page.locator("input[name=query]").fill("")
        page.locator("input[name=query]").focus()
        page.keyboard.type(item["kueri"])
        hrefs = settled_results(page)
        # Material adds ?h=<terms> for highlighting on the target page; the location is path + anchor.
        locations = [
            (lambda u: u.path.lstrip("/") + (f"#{u.fragment}" if u.fragment else ""))(urlsplit(href)) for href in hrefs
        ]
        outcomes.append(Outcome(item["kueri"], item["halaman"], list(dict.fromkeys(locations))))
    return outcomes


# The results a reader sees: Material folds a page's further sections into "more" (closed).
VISIBLE_LINKS = "links => links.filter(a => a.checkVisibility()).map(a => a.href)"


def settled_results(page, least_ms: int = 200, most_ms: int = 3000) -> list[str]:
    """Result links once the list has stopped changing (Material searches on every keystroke
    and renders results in frames; a loaded machine may take longer than usual)."""
    page.wait_for_timeout(least_ms)
    last, stable, waited = None, 0, least_ms
    while waited < most_ms:
        hrefs = page.eval_on_selector_all(".md-search-result__link", VISIBLE_LINKS)
        meta = page.inner_text(".md-search-result__meta")
        stable = stable + 1 if (hrefs, meta) == last else 0
        counted = re.search(r"[1-9]\d*", meta)  # "10 dokumen ditemukan": the links are still coming
        if stable >= 2 and (hrefs or not counted):
            return hrefs
        last = (hrefs, meta)
        page.wait_for_timeout(50)
        waited += 50
    return last[0] if last else []


def scores(outcomes: list[Outcome]) -> tuple[float, float, float]:
    """recall@5, mean reciprocal rank (over the first 5 results) and precision: the share of
    topic queries with no region page in their top 5."""
    ranks = [o.rank for o in outcomes]
    recall = sum(1 for r in ranks if r and r <= 5) / len(ranks)
    mrr = sum(1 / r for r in ranks if r and r <= 5) / len(ranks)
    topics = [o for o in outcomes if o.is_topic]
    precision = sum(1 for o in topics if not o.wrong_regions) / len(topics)
    return recall, mrr, precision


def report(outcomes: list[Outcome]) -> str:
    recall, mrr, precision = scores(outcomes)
    lines = [
        f"{len(outcomes)} queries: recall@5 {recall:.2f}, MRR {mrr:.2f}, "
        f"precision (topic queries without a region page in the top 5) {precision:.2f}"
    ]
    for o in outcomes:
        if not o.rank or o.rank > 5 or o.wrong_regions:
            lines.append(f"  {o.query!r}: rank {o.rank}, top 5 {o.results[:5]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import sys
    import tempfile

    from ..pdf import chromium, serve

    args = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args[0]) if args else Path(tmp) / "site"
        if not args:
            import os
            import subprocess

            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "-q",
                    "-f",
                    str(QUERIES.parents[1] / "mkdocs.yml"),
                    "-d",
                    str(site),
                ],
                check=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        with serve(site) as base, chromium() as browser:
            print(report(run_queries(browser.new_page(), base, load_queries())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# From the last keystroke of a query to the next frame after Material put its results in the list.
ARM_TIMER = """() => {
    window.__lpT0 = window.__lpT1 = null;
    addEventListener("keydown", () => { window.__lpT0 = performance.now(); }, {once: true, capture: true});
    const list = document.querySelector(".md-search-result__list");
    const seen = new MutationObserver(() => {
        if (window.__lpT0 === null || !list.querySelector(".md-search-result__link")) return;
        seen.disconnect();
        requestAnimationFrame(() => { window.__lpT1 = performance.now(); });
    });
    seen.observe(list, {childList: true, subtree: true});
}"""


def latencies(page, base: str, queries: list[str]) -> tuple[float, list[float]]:
    """Milliseconds from the keystroke to the first result on screen: the first search of a
    fresh page (the worker, the index and the stem table load then), and each query after it
    (the last letter typed after the rest; place names fetch their file of names then)."""
    page.goto(base, wait_until="networkidle")
    box = page.locator("input[name=query]")
    box.focus()
    page.evaluate(ARM_TIMER)
    page.keyboard.type("pengaduan")
    page.wait_for_function("window.__lpT1 !== null", timeout=20_000)
    cold = page.evaluate("window.__lpT1 - window.__lpT0")
    warm = []
    for query in queries:
        box.fill("")
        box.focus()
        page.keyboard.type(query[:-1])
        settled_results(page)
        page.evaluate(ARM_TIMER)
        page.keyboard.type(query[-1])
        try:
            page.wait_for_function("window.__lpT1 !== null", timeout=5_000)
        except PlaywrightTimeout:  # no result at all for this query (an older build)
            continue
        warm.append(page.evaluate("window.__lpT1 - window.__lpT0"))
    return cold, warm
