"""Read one YAML file into plain Python values, remembering where each value stood.

Every problem becomes an `Issue` that names file, line and field, in Bahasa
Indonesia, with a fix. Nothing is silently changed: a value that YAML would turn
into something else than what the editor typed is kept as typed *and* flagged
later by the schema check (see `lossy_reading`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"
_PLAIN_WORDS = re.compile(r"[A-Za-z][A-Za-z_ -]*")
_YAML11_WORDS = {"yes", "no", "true", "false", "on", "off", "null"}  # plain words PyYAML reads as non-text


_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster than pure Python


class _Loader(_Base):
    def resolve(self, kind, value, implicit):
        # Most scalars are keys and words; settle them without the resolver's regex list
        # (a third of the load time at 10,000 records). Everything else gets the full resolver.
        if kind is yaml.ScalarNode and (
            not implicit[0] or (_PLAIN_WORDS.fullmatch(value) and value.lower() not in _YAML11_WORDS)
        ):
            return _STR
        return super().resolve(kind, value, implicit)


_scalars = yaml.constructor.SafeConstructor()

Path_ = tuple  # a field path inside a document: ("kriteria", 3, "id")

# YAML 1.2 reads these as numbers; PyYAML (YAML 1.1) sometimes keeps them as text
# (e.g. 0380821). Other tools follow 1.2, so we read them as numbers everywhere and
# let the schema ask for quotes: one reading, whatever tool an editor uses.
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")

MAX_BYTES = 2_000_000  # no legitimate content file comes near this
MAX_DEPTH = 32  # real content nests 5 levels; libyaml's composer recurses in C and crashes near 10,000
MAX_ISSUES = 50  # per file: a hostile file cannot flood the output or the time to produce it
MAX_ITEMS = 1_000  # per list (the longest real one has 514): keeps jsonschema's uniqueItems from going quadratic

# Characters YAML does not allow in a file (its "printable" set), and, inside text, the C0/C1 controls
# that a double-quoted escape ("\0", "\e") can still produce. Tab and line breaks are fine.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_MESSAGE_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


# In double quotes YAML reads U+0085/U+2028/U+2029 as line breaks (folded away) and refuses DEL,
# C1 controls and noncharacters: written as \u escapes, a value reads back exactly.
_YAML_QUOTE_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_quoted(value) -> str:
    """A string (or list of strings) as a YAML flow value that reads back exactly as it was."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)  # JSON is YAML; JSON escapes C0 controls
    return _YAML_QUOTE_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, order=True)
class Issue:
    path: str  # relative to the content root, with forward slashes
    line: int
    field: str  # dotted field path, or "-" for the whole file
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        text = f"{text} Perbaikan: {self.hint}" if self.hint else text
        return printable(text)


def printable(text: str) -> str:
    """Values quoted from a file must not drive the editor's terminal (ESC sequences) or split the line."""
    return _MESSAGE_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


@dataclass
class Document:
    path: str
    data: Any = None  # what the YAML holds: checked by the schema before anyone relies on its shape
    file: Path | str | None = None  # a str after crossing a process boundary (cheaper to pickle)
    scalars: dict = field(default_factory=dict)  # field path -> plain ScalarNode read as non-text
    _root: object = field(default=None, repr=False, compare=False)

    def __getstate__(self):  # documents cross process boundaries without their node tree
        return {**self.__dict__, "_root": None, "file": None if self.file is None else str(self.file)}

    @property
    def root(self):
        """The YAML node tree, composed again only when a line number is asked for:
        keeping 10,000 trees alive costs more than re-reading the few files with errors."""
        if self._root is None and self.file is not None:
            self._root = yaml.compose(Path(self.file).read_bytes().decode("utf-8-sig"), Loader=_Loader)
        return self._root

    def line_of(self, path: Path_) -> int:
        """Line of a field (its key, or its list item), or of its nearest ancestor that exists."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else 1
        for part in path:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
                if pair is None:
                    break
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line


def field_name(path: Path_) -> str:
    """("kriteria", 3, "id") -> "kriteria[3].id" (0-based index, as editors count list items from the key)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "-"


def capped(issues: list[Issue], rel: str) -> list[Issue]:
    """At most MAX_ISSUES issues for one file, then one line that says how many more."""
    if len(issues) <= MAX_ISSUES:
        return issues
    shown = sorted(issues)[:MAX_ISSUES]
    return shown + [
        Issue(
            rel,
            shown[-1].line,
            "-",
            f"... dan kesalahan lain di berkas ini (hanya {MAX_ISSUES} pertama yang ditampilkan).",
            "perbaiki kesalahan di atas, lalu jalankan `lplpp check` lagi.",
        )
    ]


class _AliasUsed(Exception):
    def __init__(self, line: int):
        self.line = line


def read_document(file: Path, rel: str) -> tuple[Document, list[Issue]]:
    with file.open("rb") as stream:
        raw = stream.read(MAX_BYTES + 1)  # never more: the size is checked on what was read
    return parse_document(raw, rel, file)


def parse_document(raw: bytes, rel: str, file: Path | None = None) -> tuple[Document, list[Issue]]:
    """A document from the bytes of a file (read_document), or of a file about to be written."""
    doc = Document(rel, file=file)
    if len(raw) > MAX_BYTES:
        return doc, [
            Issue(
                rel,
                1,
                "-",
                f"berkas terlalu besar (lebih dari {MAX_BYTES:,} byte).",
                "pecah isinya menjadi beberapa berkas.",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex().upper()
        return doc, [
            Issue(
                rel,
                line,
                "-",
                f"berkas bukan teks UTF-8 (byte 0x{byte} di baris {line}).",
                "simpan ulang berkas dengan encoding UTF-8 (di editor: Save with Encoding > UTF-8).",
            )
        ]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return doc, [
            Issue(
                rel,
                1,
                "-",
                "berkas kosong.",
                "isi berkas sesuai formatnya (lihat berkas lain di folder yang sama), atau hapus berkasnya.",
            )
        ]
    if bad := _UNPRINTABLE.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        return doc, [
            Issue(
                rel,
                line,
                "-",
                f"berkas mengandung karakter kendali tak terlihat (U+{ord(bad.group()):04X}) di baris {line}.",
                "hapus karakter tersebut (sering ikut saat menyalin dari dokumen lain), lalu simpan ulang.",
            )
        ]
    if (data := plain_records(text)) is not None:  # the common, simple shape: read without a node tree
        doc.data = data
        return doc, []
    try:
        if too_deep := _too_deep(text):
            return doc, [
                Issue(
                    rel,
                    too_deep,
                    "-",
                    f"susunan bertingkat lebih dari {MAX_DEPTH} tingkat.",
                    "isi portal hanya bertingkat beberapa tingkat; periksa kurung [ ] { } dan indentasi.",
                )
            ]
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return doc, [_syntax_issue(rel, text, err)]
    except yaml.YAMLError as err:  # pragma: no cover - libyaml always gives marks
        return doc, [Issue(rel, 1, "-", f"YAML tidak dapat dibaca: {err}", "periksa susunan berkas.")]
    issues: list[Issue] = []
    try:
        doc.data = _convert(root, (), doc, issues, set())
    except _AliasUsed as err:
        return Document(rel), [
            Issue(
                rel,
                err.line,
                "-",
                "anchor/alias YAML (& dan *) tidak diizinkan.",
                "tulis nilainya secara lengkap di setiap tempat, tanpa & dan *.",
            )
        ]
    return doc, capped(issues, rel)


# ------------------------------------------------------------------ fast path
# Records written by the portal's own forms (self-assessments, follow-up records) are a top-level
# mapping of plain words or double-quoted text, and lists of such mappings; there are tens of
# thousands of them. `plain_records` reads exactly that shape, ASCII only, line by line, and
# returns None for anything else (a tab, a flow collection, a block scalar, an escape, an anchor,
# a tag, a duplicate key, a word YAML reads as a boolean or null, a value starting with a digit...),
# which then goes through the full reader. tests/test_fast_reader.py checks, on real, generated and
# mutated files, that it never reads a file differently from the full reader.
_FAST_PLAIN = r"""[^\s#"'`{}\[\]\\|>&*!%@:]"""
_FAST_COLON = r":(?=[^ \n])"  # never ": " (a key) nor " #" (a comment)
_FAST_REST = (
    rf"{_FAST_PLAIN}*+(?:{_FAST_COLON}{_FAST_PLAIN}*+)*+"  # the rest of a word, unrolled: no per-character alternation
)
_FAST_WORDS = "|".join(sorted(_YAML11_WORDS))
_FAST_VALUE = (
    r'"[^"\\\n]*+"'  # double-quoted, no escapes
    rf"|(?!(?i:{_FAST_WORDS}) *(?:\n|$))"  # not a word YAML reads as a boolean or null
    rf"[A-Za-z]{_FAST_REST}(?: ++(?:{_FAST_PLAIN}|{_FAST_COLON}){_FAST_REST})*+"  # plain words; atomic: linear time
)
_FAST_LINE = rf"( *+)(- )?([a-z_]++):(?: ++({_FAST_VALUE}))? *+"
# One match per line (a comment, a record line, or blank); a line that fits none has no match.
_FAST_LINES = re.compile(rf"^(?> *+#[^\n]*+|{_FAST_LINE}| *+)(?:\n|\Z)", re.M)
_FAST_ASCII = re.compile(r"[\x20-\x7e\n]*")
_intern = __import__("sys").intern


def plain_records(text: str) -> dict | None:
    """The data of a file in the simple record shape, or None (read it with the full reader)."""
    if len(text) > 400_000 or not _FAST_ASCII.fullmatch(text):
        return None
    lines = _FAST_LINES.findall(text)
    if len(lines) != text.count("\n") + 1:  # a line outside the shape: read the whole file fully
        return None
    data: dict = {}
    items: list | None = None  # the list being filled, under the last top-level key without value
    item: dict | None = None
    indent = -1
    for spaces_text, dash, key, raw in lines:
        if not key:  # a comment or a blank line
            continue
        spaces = len(spaces_text)
        key = _intern(key)
        value = (raw[1:-1] if raw[0] == '"' else _intern(raw) if len(raw) <= 16 else raw) if raw else None
        if spaces == 0 and not dash:  # a top-level key
            if key in data or (items is not None and not items):
                return None
            if value is None:
                items, item, indent = [], None, -1
                data[key] = items
            else:
                items = item = None
                data[key] = value
            continue
        if items is None or value is None:
            return None
        if dash:
            if indent == -1 and spaces in (0, 2):
                indent = spaces
            if spaces != indent:
                return None
            item = {key: value}
            items.append(item)
        elif item is None or spaces != indent + 2 or key in item:
            return None
        else:
            item[key] = value
    if items is not None and not items:
        return None
    return data or None


# Nesting needs brackets, indentation, or compact indicators in a row ("- - -", "? ? ?"): a file
# with few brackets, little indentation and no such run is shallower than MAX_DEPTH.
_MAYBE_DEEP = re.compile(r"^ {10,}|[-?][ \t]+[-?][ \t]", re.M)


def _too_deep(text: str) -> int | None:
    """Line where nesting passes MAX_DEPTH, or None; most files skip the event scan (see _MAYBE_DEEP)."""
    if text.count("[") + text.count("{") <= 8 and not _MAYBE_DEEP.search(text):
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):  # events come one by one: no recursion
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _convert(node, path: Path_, doc: Document, issues: list[Issue], seen: set[int]):
    # An alias makes libyaml hand back the same node object twice. Refusing the
    # second visit keeps "billion laughs" files from expanding: the walk touches
    # each node of the (small) graph once.
    if id(node) in seen:
        raise _AliasUsed(node.start_mark.line + 1)
    seen.add(id(node))
    kind = node.__class__
    if node.tag not in _ALLOWED_TAGS:
        issues.append(
            Issue(
                doc.path,
                node.start_mark.line + 1,
                field_name(path),
                f"tag YAML '{node.tag}' tidak diizinkan.",
                "hapus tag yang diawali tanda seru (!); tulis nilainya sebagai teks biasa.",
            )
        )
        return None
    if kind is yaml.MappingNode:
        result = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if id(key_node) in seen:
                raise _AliasUsed(key_node.start_mark.line + 1)
            seen.add(id(key_node))
            if key_node.__class__ is not yaml.ScalarNode:
                issues.append(
                    Issue(
                        doc.path,
                        key_node.start_mark.line + 1,
                        field_name(path),
                        "nama kunci harus berupa teks biasa.",
                        "tulis nama kunci tanpa [ ] atau { }.",
                    )
                )
                continue
            key = key_node.value
            if key in lines:
                issues.append(
                    Issue(
                        doc.path,
                        key_node.start_mark.line + 1,
                        field_name(path + (key,)),
                        f"kunci '{key}' ditulis dua kali dalam bagian yang sama (pertama di baris {lines[key]}).",
                        "gabungkan isinya ke satu kunci dan hapus yang lain.",
                    )
                )
                continue
            lines[key] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, path + (key,), doc, issues, seen)
        return result
    if kind is yaml.SequenceNode:
        if len(node.value) > MAX_ITEMS:
            issues.append(
                Issue(
                    doc.path,
                    node.start_mark.line + 1,
                    field_name(path),
                    f"daftar ini berisi {len(node.value):,} butir; paling banyak {MAX_ITEMS:,}.",
                    "periksa apakah daftarnya tertulis benar, atau pecah isinya ke beberapa berkas.",
                )
            )
            return None
        return [_convert(item, path + (index,), doc, issues, seen) for index, item in enumerate(node.value)]
    try:
        value = _scalar(node, path, doc)
    except (yaml.YAMLError, ValueError):  # e.g. `!!int abc`
        issues.append(
            Issue(
                doc.path,
                node.start_mark.line + 1,
                field_name(path),
                f"nilai '{node.value}' tidak dapat dibaca.",
                "tulis nilainya sebagai teks dalam tanda kutip.",
            )
        )
        return None
    if value.__class__ is float and not math.isfinite(value):
        issues.append(
            Issue(
                doc.path,
                node.start_mark.line + 1,
                field_name(path),
                f"'{node.value}' bukan angka yang terhingga.",
                "tulis angka biasa, misalnya -10.1783.",
            )
        )
        return None
    if node.style == '"' and (bad := _TEXT_CONTROL.search(value)):
        issues.append(
            Issue(
                doc.path,
                node.start_mark.line + 1,
                field_name(path),
                f"teks mengandung karakter kendali tak terlihat (U+{ord(bad.group()):04X}).",
                "hapus escape seperti \\0, \\e atau \\x.. dari teks dalam tanda kutip ganda.",
            )
        )
        return None
    return value


def _scalar(node, path: Path_, doc: Document):
    text = node.value
    if node.style:  # quoted or block scalar: always text, exactly as written
        return text
    value: object
    if _INT.fullmatch(text):
        value = int(text, 10)
    elif _FLOAT.fullmatch(text):
        value = float(text)
    elif node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        # Dates stay as the text typed ("2024-06-01"); the schema checks their shape.
        return text
    else:
        value = _scalars.construct_object(node)  # bool, null, octal/hex/sexagesimal int, .inf ...
    doc.scalars[path] = node
    return value


def lossy_reading(node) -> str:
    """Explain, for an editor, what YAML made of an unquoted value."""
    text = node.value
    value = _scalar(node, (), Document(""))
    if isinstance(value, bool):
        return f"ditulis {text} tanpa tanda kutip sehingga dibaca sebagai nilai benar/salah ({str(value).lower()})"
    if value is None:
        return "kosong" if not text else f"ditulis {text} tanpa tanda kutip sehingga dibaca sebagai nilai kosong"
    shown = repr(value) if isinstance(value, float) else str(value)
    lost = ""
    if shown != text.lstrip("+"):
        if text.lstrip("+-").startswith("0") and not text.lstrip("+-").startswith("0."):
            lost = ": angka 0 di depan hilang"
        elif "." in text and text.endswith("0"):
            lost = ": angka 0 di belakang hilang"
        else:
            lost = f": tertulis {text}, terbaca {shown}"
    return f"ditulis {text} tanpa tanda kutip sehingga dibaca sebagai angka {shown}{lost}"


_SYNTAX = [
    # (fragment of the parser's problem text, what it means, how to fix it);
    # "cannot start any token" (a tab or a stray character) is decided in _syntax_issue.
    ("end of stream", "tanda kutip tidak ditutup.", "tutup tanda kutip (\" atau ') di akhir nilai teks."),
    (
        "mapping values are not allowed",
        "tanda titik dua (:) di tempat yang tidak diharapkan.",
        "jika teks mengandung ': ', apit seluruh teks dengan tanda kutip; jika tidak, periksa indentasi.",
    ),
    (
        "did not find expected key",
        "indentasi tidak cocok dengan baris di atasnya.",
        "samakan jumlah spasi di awal baris dengan kunci lain di bagian yang sama.",
    ),
    (
        "expected <block end>",
        "indentasi tidak cocok dengan baris di atasnya.",
        "samakan jumlah spasi di awal baris dengan kunci lain di bagian yang sama.",
    ),
    (
        "did not find expected '-'",
        "butir daftar tidak sejajar.",
        "setiap butir daftar diawali '- ' dengan indentasi yang sama.",
    ),
    (
        "did not find expected ',' or ']'",
        "daftar dalam kurung siku [ ] tidak ditutup.",
        "tutup daftar dengan ] di baris yang sama, atau tulis tiap butir di baris sendiri dengan '- '.",
    ),
    ("did not find expected ',' or '}'", "kurung kurawal { } tidak ditutup.", "tutup dengan } atau tulis per baris."),
    (
        "special characters are not allowed",
        "berkas mengandung karakter kendali yang tidak terlihat.",
        "hapus karakter tersebut (sering ikut saat menyalin dari dokumen lain).",
    ),
    (
        "could not find expected ':'",
        "baris ini tidak berbentuk 'kunci: nilai'.",
        "tambahkan titik dua setelah nama kunci, atau apit teks panjang dengan tanda kutip.",
    ),
    (
        "found undefined alias",
        "anchor/alias YAML (& dan *) tidak diizinkan.",
        "tulis nilainya secara lengkap, tanpa & dan *.",
    ),
]


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(lines: list[str]) -> int | None:
    """First line whose value opens a quote that the same line does not close."""
    for number, line in enumerate(lines, 1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        closing = re.search(r'(?<!\\)"' if quote == '"' else r"'(?!')", rest.replace("''", ""))
        if not closing:
            return number
    return None


def _syntax_issue(rel: str, text: str, err: yaml.MarkedYAMLError) -> Issue:
    problem = err.problem or ""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    if "end of stream" in problem and err.context_mark is not None and "quoted" in (err.context or ""):
        line = err.context_mark.line + 1  # where the quote was opened, not the end of the file
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    opened = _unclosed_quote(lines[:line])
    if opened:  # the parser stumbles later, where the stray quote finally closes: point at the cause
        return Issue(
            rel, opened, "-", "tanda kutip tidak ditutup.", "tutup tanda kutip (\" atau ') di akhir nilai teks."
        )
    if "cannot start any token" in problem:
        if "\t" in source_line:
            return Issue(
                rel,
                line,
                "-",
                "karakter tab dipakai untuk indentasi; YAML hanya menerima spasi.",
                "ganti setiap tab di awal baris dengan spasi (2 spasi per tingkat).",
            )
        return Issue(
            rel,
            line,
            "-",
            "ada karakter yang tidak boleh mengawali nilai (misalnya @ atau `).",
            "apit nilai teks dengan tanda kutip.",
        )
    for fragment, message, hint in _SYNTAX:
        if fragment in problem:
            return Issue(rel, line, "-", message, hint)
    return Issue(
        rel,
        line,
        "-",
        f"susunan YAML tidak valid ({problem}).",
        "periksa indentasi dan tanda kutip di baris ini dan baris sebelumnya.",
    )
