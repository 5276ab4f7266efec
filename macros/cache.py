"""Build results that depend only on their inputs, kept between builds: the Indonesian stem
table (Sastrawi on ~1,500 words) and the place-name files (90,000 names). Both take longer to
make than the rest of a build's own work. Kept outside the repository, so a pull request cannot
plant one: $XDG_CACHE_HOME/lplpp/, or ~/.cache/lplpp/ (the QR codes' cache is there too)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

KEPT = 3  # results per name: builds that alternate (the site, a bench's variant of it) keep theirs


def folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lplpp"


def remembered(name: str, inputs: Any, make: Callable[[], Any], code: Path | None = None) -> Any:
    """make(), or what it returned before for the same JSON-serialisable inputs and the same text
    of the module `code` that makes it (a changed rule makes it anew)."""
    source = code.read_bytes() if code else b""
    digest = hashlib.sha256(source + json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    file = folder() / f"{name}.json"
    stored: dict = {}
    try:
        stored = dict(json.loads(file.read_text(encoding="utf-8")))
        if digest in stored:
            return stored[digest]
    except (OSError, ValueError, TypeError):
        stored = {}  # none yet, unreadable, or another version: made anew
    value = make()
    stored = {k: stored[k] for k in list(stored)[-(KEPT - 1) :]} | {digest: value}
    try:  # replaced atomically: a half-written file is never read
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=file.parent, delete=False, encoding="utf-8") as out:
            json.dump(stored, out, ensure_ascii=False)
        os.replace(out.name, file)
    except OSError:
        pass  # a read-only home: the next build makes it again, nothing else changes
    return value
