"""QR codes as inline SVG, made at build time (no network, no service), and remembered.

Encoding 514 codes is a sixth of a build, and the codes only change when a URL does. So
each SVG is kept in a cache file outside the repository (a pull request cannot plant one):
$XDG_CACHE_HOME/lplpp/, or ~/.cache/lplpp/. The key names the encoder and its settings.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from pathlib import Path

import segno

from . import cache

ERROR, MASK = "m", 2  # a fixed mask: evaluating all eight costs 4x the time; scanners read any
SCALE, BORDER = 1, 2
_VERSION = f"segno {segno.__version__} error={ERROR} mask={MASK} scale={SCALE} border={BORDER}"


def default_cache_file() -> Path:
    return cache.folder() / "qr.json"


class QrCodes:
    def __init__(self, cache_file: Path | None = None):
        self.cache_file = cache_file
        self._svgs: dict[str, str] = {}
        self._used: set[str] = set()
        self._new = False
        if cache_file is not None:
            try:
                stored = json.loads(cache_file.read_text(encoding="utf-8"))
                if stored.get("version") == _VERSION:
                    self._svgs = dict(stored["svg"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass  # no cache yet, or one from another version: codes are made anew

    def svg(self, url: str, label: str) -> str:
        """The QR code of url as inline SVG, named `label` for screen readers."""
        self._used.add(url)
        if url not in self._svgs:
            code = segno.make_qr(url, error=ERROR, mask=MASK)
            self._svgs[url] = code.svg_inline(scale=SCALE, border=BORDER, omitsize=True, dark="#000", light="#fff")
            self._new = True
        return self._svgs[url].replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)

    def save(self) -> None:
        """Write the codes this build used, when any was new (atomically: a half-written file is
        never read). Codes of URLs no longer printed, such as another site_url's, are dropped."""
        # A build that printed no code (a variant without checklists) leaves the cache as it is.
        if self.cache_file is None or not self._used or not (self._new or self._svgs.keys() - self._used):
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.cache_file.parent, delete=False, encoding="utf-8") as out:
                json.dump({"version": _VERSION, "svg": {url: self._svgs[url] for url in self._used}}, out)
            os.replace(out.name, self.cache_file)
            self._new = False
        except OSError:
            pass  # a read-only home: the next build encodes again, nothing else changes
