"""Macro output on hand-written pages, kept out of Jinja and Markdown.

A macro runs while its page is still Jinja and Markdown *source*; whatever it returned
would be read again by Markdown (a `[x](javascript:…)` or a line break in a value
would become markup). So a macro returns a placeholder made of letters and digits
only, which neither interpreter changes, and `fill` puts the finished, escaped HTML
in its place once Markdown is done. Headings inside fragments then join the page's
table of contents through `toc_tokens`.
"""

from __future__ import annotations

import html as html_lib
import re
import secrets
from html.parser import HTMLParser

_fragments: dict[str, str] = {}
_nonce = secrets.token_hex(4)  # new per process: no text can aim at a placeholder in advance
_PLACEHOLDER = re.compile(r"(<p>)?lplpp([0-9a-f]{8})n([0-9]+)z(</p>)?")


def clear() -> None:
    """Forget the previous build's fragments (`mkdocs serve` rebuilds in the same process)."""
    _fragments.clear()


def placeholder(fragment: str) -> str:
    """Register finished HTML; return the token that stands for it in the page source."""
    key = str(len(_fragments))
    _fragments[key] = fragment
    return f"lplpp{_nonce}n{key}z"


def fill(page_html: str) -> tuple[str, bool]:
    """Replace every placeholder (a paragraph of its own becomes the fragment itself) in one
    pass, so text inside a fragment is never scanned for placeholders again."""
    filled = False

    def fill(match: re.Match) -> str:
        nonlocal filled
        opening, nonce, key, closing = match.groups()
        if nonce != _nonce or key not in _fragments:
            return match.group(0)
        filled = True
        fragment = _fragments[key]
        if opening and closing:
            return fragment if fragment.lstrip().startswith("<") else f"<p>{fragment}</p>"
        return (opening or "") + fragment + (closing or "")

    return _PLACEHOLDER.sub(fill, page_html), filled


_HEADING = {f"h{n}" for n in range(1, 7)}


class _Headings(HTMLParser):
    """Section headings, in order: those with an id and a permalink (item headings, such as
    criteria, have none), and the page title (h1)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (level, id, text)
        self._open: dict | None = None  # the heading being read
        self._in_permalink = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _HEADING and attributes.get("id"):
            self._open = {"level": int(tag[1]), "id": attributes["id"], "text": [], "linked": False}
        elif self._open and tag == "a" and "headerlink" in (attributes.get("class") or "").split():
            self._open["linked"] = True
            self._in_permalink += 1

    def handle_endtag(self, tag):
        if self._open and tag == f"h{self._open['level']}":
            if self._open["linked"] or self._open["level"] == 1:
                self.found.append(
                    (self._open["level"], self._open["id"], " ".join("".join(self._open["text"]).split()))
                )
            self._open = None
        elif tag == "a" and self._in_permalink:
            self._in_permalink -= 1

    def handle_data(self, data):
        if self._open and not self._in_permalink:
            self._open["text"].append(data)


def toc_tokens(page_html: str) -> list[dict]:
    """Table-of-contents tokens (as Python-Markdown's toc gives them) for every heading with an id."""
    parser = _Headings()
    parser.feed(page_html)
    root: list[dict] = []
    stack: list[dict] = []
    for level, ident, text in parser.found:
        token = {"level": level, "id": ident, "name": html_lib.escape(text, quote=False), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
