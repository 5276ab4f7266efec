"""Search quality in a real Chromium: recall@5 and mean reciprocal rank over the query set
in tests/search_queries.yaml, typed into Material's search box as a reader would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

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
        page.keyboard.press("Escape")
        page.locator("input[name=query]").focus()
        page.locator("input[name=query]").fill("")
        page.keyboard.type(item["kueri"])
        page.wait_for_timeout(350)  # Material searches on keyup; the worker answers within milliseconds
        hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
        # Material adds ?h=<terms> for highlighting on the target page; the location is path + anchor.
        locations = [
            (lambda u: u.path.lstrip("/") + (f"#{u.fragment}" if u.fragment else ""))(urlsplit(href)) for href in hrefs
        ]
        outcomes.append(Outcome(item["kueri"], item["halaman"], list(dict.fromkeys(locations))))
    return outcomes


def scores(outcomes: list[Outcome]) -> tuple[float, float]:
    """recall@5 and mean reciprocal rank (over the first 5 results)."""
    ranks = [o.rank for o in outcomes]
    recall = sum(1 for r in ranks if r and r <= 5) / len(ranks)
    mrr = sum(1 / r for r in ranks if r and r <= 5) / len(ranks)
    return recall, mrr
