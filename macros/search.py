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
from importlib.metadata import version
from pathlib import Path

from . import cache as build_cache
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
    listed = sorted(words)
    inputs = [STEMMER, listed, sorted(keep)]
    return build_cache.remembered("stems", inputs, lambda: _stem_table(listed, keep), Path(__file__))


STEMMER = f"PySastrawi {version('PySastrawi')}"


def _stem_table(words: list[str], keep: set[str]) -> dict[str, str]:
    stem = _stemmer().stem
    table: dict[str, list[str]] = {}
    for word in words:
        if word in keep or not WORD.fullmatch(word):
            continue
        root = stem(word)
        if root != word and ROOT.fullmatch(root):
            table.setdefault(root, []).append(word)
    return {root: " ".join(forms) for root, forms in sorted(table.items())}


def search_data(entries: Iterable[dict], content: Content) -> dict:
    synonyms = {
        word: [" ".join(p.casefold().split()) for p in phrases] for word, phrases in content.guideline.synonyms.items()
    }
    return {"stems": stem_table(index_words(entries), place_words(content)), "synonyms": synonyms, "aliases": ALIAS_DIR}


# ------------------------------------------------------------------ place names

ALIAS_DIR = "assets/wilayah-alias"  # one JSON file per first three letters (shard_of), fetched when needed


def place_key(name: str) -> str:
    """How a place name is looked up: lower case, single spaces."""
    return " ".join(name.casefold().split())


@cache
def shard_of(key: str) -> str:
    """The file a name is in: its first three letters or digits ("soe" for "Soe", "lab" for
    "Labuan Bajo"); shorter names have a file of their own."""
    return NOT_ALNUM.sub("", key)[:3] or "_"


NOT_ALNUM = re.compile(r"[^a-z0-9]")


KINDS = {"alias": "a", "kecamatan": "k", "desa": "d"}


def place_aliases(content: Content) -> dict[str, dict[str, list[str]]]:
    """shard -> {name as looked up: [name as written, kind + code, ...]}. Kinds: "a" a short name
    kept in data/wilayah.yaml (code of a province or a kabupaten/kota), "k" a kecamatan, "d" a
    desa/kelurahan (code of their kabupaten/kota). "Kota Soe", a kecamatan, is also "Soe"."""
    rows: list[tuple[str, str, str]] = []
    for province in content.provinces.values():
        rows += [(a, "alias", province.code) for a in province.aliases]
    for regency in content.regencies.values():
        rows += [(a, "alias", regency.code) for a in regency.aliases]
    for code, places in content.places.items():
        rows += [(name, "kecamatan", code) for name in places["kecamatan"]]
        rows += [(name, "desa", code) for name in places["desa"]]
    shards: dict[str, dict[str, list[str]]] = {}
    for name, kind, code in rows:
        key = " ".join(name.casefold().split())
        for k in (key, key[5:]) if kind == "kecamatan" and key.startswith("kota ") else (key,):
            found = shards.setdefault(shard_of(k), {}).setdefault(k, [name])
            if (tag := KINDS[kind] + code) not in found:
                found.append(tag)
    return shards


def write_place_aliases(site: Path, content: Content) -> None:
    inputs = [
        [[p.code, p.aliases] for p in content.provinces.values()],
        [[r.code, r.aliases] for r in content.regencies.values()],
        content.places,
    ]
    build_cache.put_files(
        site / ALIAS_DIR,
        "place-names",
        inputs,
        # bytes: no newline or encoding layer
        lambda: {f"{shard}.json": _json(names).encode("ascii") for shard, names in place_aliases(content).items()},
        SHARD_FILE,  # a cache is never trusted with a path
        Path(__file__),
    )


SHARD_FILE = re.compile(r"(?:[a-z0-9]{1,3}|_)\.json")


def _json(data) -> str:
    """ASCII-only JSON: no character of a name can end a literal or a script early."""
    return json.dumps(data, ensure_ascii=True, allow_nan=False, separators=(",", ":"), sort_keys=True)


def append_to_lunr_file(site: Path, data: dict) -> None:
    """The data goes at the end of the built copy of lunr.id.min.js, as a JSON literal (ASCII
    only, so no character can end the literal or the script early)."""
    with open(site / LUNR_FILE, "a", encoding="utf-8") as fh:
        fh.write(f"\nlunr.id && lunr.id.load({_json(data)});\n")
