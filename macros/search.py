"""What the browser's search needs beyond Material's index, made at build time.

The Indonesian lunr file (docs/theme/assets/javascripts/lunr/min/lunr.id.min.js) stems from a
table, not from affix rules alone: every word of the search index is stemmed here with
Sastrawi's dictionary stemmer (PySastrawi), and the words whose root differs are appended to
the copy of that file in site/, with the synonyms editors keep in guidelines/sinonim.yaml.
Words of place names stay as they are ("Temanggung" is no form of "tanggung").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .model import Content

LUNR_FILE = Path("assets/javascripts/lunr/min/lunr.id.min.js")
# What Material's tokenizer and our trimmer make of the index text (lunr.id.min.js).
TAG = re.compile(r"<[^>]*>")
SEPARATOR = re.compile(r"[\s\-]+")
TRIM = re.compile(r"^[^a-z0-9\u00c0-\u024f]+|[^a-z0-9\u00c0-\u024f]+$")
WORD = re.compile(r"[a-z]{4,}")  # codes, numbers, short words and odd tokens are not stemmed
ROOT = re.compile(r"[a-z]{3,}")


def index_words(entries: Iterable[dict]) -> set[str]:
    """The lower-case words of the search index, as the browser tokenizes them."""
    words = set()
    for entry in entries:
        for field in ("title", "text"):
            for token in SEPARATOR.split(TAG.sub(" ", str(entry.get(field, "")))):
                if word := TRIM.sub("", token.lower()):
                    words.add(word)
    return words


def place_words(content: Content) -> set[str]:
    """Words of province and kabupaten/kota names: names, never stemmed into topic words."""
    names = [p.name for p in content.provinces.values()] + [r.name for r in content.regencies.values()]
    return {TRIM.sub("", w) for name in names for w in SEPARATOR.split(name.lower())}


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def stem_table(words: Iterable[str], keep: set[str]) -> dict[str, str]:
    """root -> the words (space-separated) that stem to it, for every word whose root differs."""
    stem = _stemmer().stem
    table: dict[str, list[str]] = {}
    for word in sorted(words):
        if word in keep or not WORD.fullmatch(word):
            continue
        root = stem(word)
        if root != word and ROOT.fullmatch(root):
            table.setdefault(root, []).append(word)
    return {root: " ".join(forms) for root, forms in sorted(table.items())}


def search_data(entries: Iterable[dict], content: Content) -> dict:
    return {"stems": stem_table(index_words(entries), place_words(content))}


def append_to_lunr_file(site: Path, data: dict) -> None:
    """The data goes at the end of the built copy of lunr.id.min.js, as a JSON literal (ASCII
    only, so no character can end the literal or the script early)."""
    path = site / LUNR_FILE
    literal = json.dumps(data, ensure_ascii=True, allow_nan=False, separators=(",", ":"), sort_keys=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\nlunr.id && lunr.id.load({literal});\n")
