"""The fast reader for simple records (load.plain_records) never reads a file differently from the
full reader: on real, example, generated and mutated files it either gives the same data or declines."""

from __future__ import annotations

import random

import yaml
from conftest import REPO

from macros import load
from macros.tools import synthetic


def full_reading(text: str):
    doc = load.Document("x")
    try:
        root = yaml.compose(text, Loader=load._Loader)
    except yaml.YAMLError:
        return "error"
    issues: list = []
    try:
        data = load._convert(root, (), doc, issues, set())
    except load._AliasUsed:
        return "error"
    return "error" if issues else data


def corpus(tmp_path) -> list[str]:
    out = synthetic.generate(REPO, tmp_path / "syn", 4, followups=3, assessments=2)
    files = [*out.glob("data/penilaian/*/*.yaml"), *out.glob("data/tindak-lanjut/*.yaml")]
    files += [*REPO.glob("data/**/*.yaml"), *REPO.glob("guidelines/*.yaml")]
    return [f.read_text(encoding="utf-8") for f in files]


# Characters and fragments that change how YAML reads a line.
HOSTILE = [
    "#",
    " #",
    ":",
    ": ",
    "'",
    '"',
    "\\",
    "\t",
    "\r",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "|",
    ">",
    "-",
    "- ",
    "? ",
    "%",
    "@",
    "`",
    ",",
    "\u2028",
    "\u0085",
    "\u00e9",
    "yes",
    "No",
    "null",
    "~",
    "true",
    "On",
    "0",
    "1.5",
    "0x10",
    "2026-11-28",
    ".inf",
    "=",
    "<<",
    "---",
    "...",
    "\n",
    "\n  ",
    "\n    ",
    "\n- ",
    " ",
    "  ",
]


def test_fast_reader_agrees_with_the_full_reader(tmp_path):
    texts = corpus(tmp_path)
    accepted = 0
    for text in texts:
        fast = load.plain_records(text)
        if fast is not None:
            accepted += 1
            assert fast == full_reading(text)
    assert accepted >= 10  # the generated assessments and follow-up records take the fast path
    rng = random.Random(14)
    simple = [t for t in texts if load.plain_records(t) is not None]
    checked = 0
    for _ in range(6000):
        text = rng.choice(simple)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(HOSTILE) + text[at + rng.choice((0, 0, 1)) :]
        fast = load.plain_records(text)
        if fast is not None:
            checked += 1
            assert fast == full_reading(text), text
    assert checked > 500  # many mutations keep the simple shape, and still read the same
