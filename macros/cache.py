"""Build results that depend only on their inputs, kept between builds: the Indonesian stem
table (Sastrawi on ~1,500 words), the place-name files (90,000 names), the compiled page
templates, and the checked content with the pages generated from it. Each takes longer to make
than to keep. Kept outside the repository, so a pull
request cannot plant one: $XDG_CACHE_HOME/lplpp/, or ~/.cache/lplpp/ (the QR codes' cache is
there too)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache

SYNTAX_OPTIONS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
)  # fmt: skip

T = TypeVar("T")

KEPT = 3  # results per name: builds that alternate (the site, a bench's variant of it) keep theirs


def folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lplpp"


def remembered(name: str, inputs: Any, make: Callable[[], Any], code: Path | None = None) -> Any:
    """make(), or what it returned before for the same JSON-serialisable inputs and the same text
    of the module `code` that makes it (a changed rule makes it anew)."""
    digest = _digest(inputs, code)
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


def _digest(inputs: Any, code: Path | None) -> str:
    source = code.read_bytes() if code else b""
    return hashlib.sha256(source + json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def put_files(
    dest: Path, name: str, inputs: Any, make: Callable[[], dict[str, bytes]], allowed: re.Pattern, code: Path | None
) -> None:
    """The files make() returns ({file name: bytes}) in `dest`, as hard links to copies kept for the
    same inputs and code. Making a file costs far more than linking one on some disks (0.75 ms
    against 0.01 ms on the machines here: 2,661 place-name files took 2 s). Nothing in the build
    writes into these files after (macros.site refuses a page or asset of docs/ at their paths); a
    name from the cache must match `allowed` before it is a path."""
    kept = folder() / name / _digest(inputs, code)
    if not kept.is_dir():
        files = make()
        try:
            _keep(kept, files)
        except OSError:  # a read-only home: written directly, as without a cache
            _write_all(dest, files)
            return
    dest.mkdir(parents=True, exist_ok=True)
    try:
        os.utime(kept)  # the newest stays when older results are dropped
        for entry in os.listdir(kept):
            if not allowed.fullmatch(entry):
                raise ValueError(f"unexpected file {entry!r} in the build cache {kept}")
            target = dest / entry
            target.unlink(missing_ok=True)  # a `--dirty` rebuild: never write through an older link
            try:
                os.link(kept / entry, target)
            except OSError:  # another file system, or no hard links there
                shutil.copyfile(kept / entry, target)
    except FileNotFoundError:  # another build dropped it meanwhile
        _write_all(dest, make())


def _keep(kept: Path, files: dict[str, bytes]) -> None:
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=kept.parent, prefix=".partial-"))
    _write_all(partial, files)
    for entry in files:  # read-only: a site file written in place would change the kept copy
        (partial / entry).chmod(0o444)
    try:
        os.rename(partial, kept)  # whole or not at all: a half-written folder is never linked
    except OSError:  # a concurrent build kept the same
        shutil.rmtree(partial, ignore_errors=True)
    results = sorted((p for p in kept.parent.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in results[:-KEPT]:
        shutil.rmtree(old, ignore_errors=True)


def _write_all(dest: Path, files: dict[str, bytes]) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for entry, data in files.items():
        target = dest / entry
        target.unlink(missing_ok=True)  # never through a link into a kept copy
        target.write_bytes(data)


def compiled_templates(env: Environment) -> FileSystemBytecodeCache | None:
    """Jinja's compiled templates, per template and source text, in a folder of their own for each
    set of the environment's syntax options and Jinja version (Jinja keys on the source only):
    compiling Material's and our templates is a tenth of a build that renders them."""
    options = [getattr(env, o) for o in SYNTAX_OPTIONS] + [jinja2.__version__, sorted(env.extensions)]
    target = folder() / "jinja" / hashlib.sha256(repr(options).encode()).hexdigest()[:16]
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(target))


# Above this many content files (a generated directory of thousands of institutions) the kept
# results would weigh hundreds of megabytes: the build makes them anew instead.
MAX_INPUT_FILES = 5_000
MAX_KEPT_BYTES = 128 * 2**20
PACKAGE = Path(__file__).resolve().parent


def inputs_digest(root: Path, *settings: Any) -> str | None:
    """A digest of everything the content and the generated pages are made from: every file under
    data/ and guidelines/, the names (and symlinks) under docs/ that the content check reads, the
    code and templates that make them (with mkdocs.yml and its hooks), and `settings` (the
    build's options, today's date). None when there are too many files to keep results for."""
    named: list[tuple[list, Path | None]] = []  # (what is hashed by name, the file whose bytes are hashed too)
    for part in ("data", "guidelines", "docs"):
        named.append(([part, (root / part).is_symlink()], None))
        for folder, subfolders, files in os.walk(root / part):  # a symlink is named, never entered
            subfolders.sort()
            for name in sorted(subfolders + files):
                path = Path(folder, name)
                link = path.is_symlink()
                read = part != "docs" and name in files and not link
                named.append(([path.relative_to(root).as_posix(), link], path if read else None))
            if len(named) > MAX_INPUT_FILES:
                return None
    # One JSON line per entry, a file by its own digest: no two trees hash the same by moving
    # bytes from one file to the next. The code: this package, mkdocs.yml with the hooks it names,
    # the pinned libraries and the Python that runs them.
    digest = hashlib.sha256(json.dumps([repr(settings), sys.version], sort_keys=True).encode() + b"\n")
    code = [p for p in sorted(PACKAGE.rglob("*")) if p.suffix in (".py", ".html", ".css", ".js") and p.is_file()]
    config = root / "mkdocs.yml"
    if config.is_file():
        text = config.read_text(encoding="utf-8")
        hooks = re.findall(r"^\s*-\s*(\S+\.py)\s*$", text, re.M)
        code += [config, root / "requirements.lock", *(root / hook for hook in hooks)]
    named += [(["code", path.as_posix()], path) for path in code]
    for what, file in named:
        content = file.read_bytes() if file and file.is_file() else None
        entry = [what, hashlib.sha256(content).hexdigest() if content is not None else None]
        digest.update(json.dumps(entry).encode() + b"\n")
    return digest.hexdigest()


def kept(name: str, digest: str | None, make: Callable[[], T]) -> T:
    """make(), or what it returned before for the same digest (None: always made). Pickled, so
    only this user's cache folder is ever read: a pull request cannot plant a file there."""
    if digest is None:
        return make()
    file = folder() / name / f"{digest}.pickle"
    try:
        with open(file, "rb") as stored:
            value = pickle.load(stored)
        os.utime(file)
        return value
    except Exception:  # none yet, half-written by a build that was stopped, or another version
        pass
    value = make()
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) > MAX_KEPT_BYTES:
        return value
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=file.parent, delete=False, suffix=".partial") as out:
            out.write(data)
        os.replace(out.name, file)
        for old in sorted(file.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEPT]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: made again next time
    return value
