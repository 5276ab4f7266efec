"""The one path from files to model: load -> check -> model.

`lplpp check`, the MkDocs build and the exports all call `load_content`, so an
error an editor sees in the check is exactly the one the build stops on.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import check, model
from .load import Document, Issue, read_document
from .releases import Release, version_key

SCHEMAS = Path("data/schemas")


class ContentError(Exception):
    """The content has errors; `issues` lists every one of them."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__(f"{len(issues)} kesalahan pada isi:\n" + "\n".join(map(str, issues)))


@dataclass
class Summary:
    criteria: int
    followups: int
    provinces: int
    regencies: int
    institutions: int
    programs: int

    def __str__(self) -> str:
        return (
            f"{self.criteria} kriteria, {self.followups} langkah tindak lanjut, {self.provinces} provinsi, "
            f"{self.regencies} kabupaten/kota, {self.institutions} lembaga, {self.programs} templat program"
        )


# What may stand in each content folder. Anything else is reported, never skipped in silence:
# a record saved as .yml or in a subfolder would otherwise vanish while the check says OK.
# A folder's subfolders are a fixed set or, for data/penilaian/ (one folder per institution), a pattern.
IDENT = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
LAYOUT: dict[str, tuple[set[str] | None, set[str] | re.Pattern]] = {
    "guidelines": ({f"{stem}.yaml" for stem in check.GUIDELINE_FILES}, {"riwayat"}),
    "guidelines/riwayat": (None, set()),
    "data": ({"wilayah.yaml", "wilayah-rinci.yaml"}, {"schemas", "lembaga", "program", "tindak-lanjut", "penilaian"}),
    "data/lembaga": (None, set()),
    "data/program": (None, set()),
    "data/tindak-lanjut": (None, set()),
    "data/penilaian": (set(), IDENT),  # only _contoh.yaml and one folder per institution
}
ASSESSMENTS = "data/penilaian"


def _assessment_folders(root: Path) -> list[Path]:
    folder = root / ASSESSMENTS
    if not folder.is_dir() or folder.is_symlink():
        return []
    names = (e.name for e in os.scandir(folder) if e.is_dir(follow_symlinks=False) and IDENT.fullmatch(e.name))
    return [folder / name for name in sorted(names)]


SCANNED = ("guidelines", "data", "docs")  # no symlinks anywhere under these


def layout_issues(root: Path) -> list[Issue]:
    """Symlinks anywhere in the content and the pages, and files the build would not read."""
    issues = []
    for top in SCANNED:
        if (root / top).is_symlink():
            issues.append(_symlink_issue(top))
            continue
        issues += [_symlink_issue(rel) for rel in _symlinks(root / top, top)]
    layout = dict(LAYOUT) | {
        f"{ASSESSMENTS}/{sub.name}": (None, set()) for sub in _assessment_folders(root)
    }  # fmt: skip
    for folder, (names, subfolders) in layout.items():
        if not (root / folder).is_dir() or (root / folder).is_symlink():
            continue
        for entry in sorted(os.scandir(root / folder), key=lambda e: e.name):
            rel = f"{folder}/{entry.name}"
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                allowed = (
                    subfolders.fullmatch(entry.name)
                    if isinstance(subfolders, re.Pattern)
                    else (entry.name in subfolders)
                )
                if not allowed and isinstance(subfolders, re.Pattern):
                    issues.append(
                        Issue(
                            rel,
                            1,
                            "-",
                            "nama folder ini bukan ID lembaga, jadi isinya tidak dibaca.",
                            "nama folder penilaian sama persis dengan ID lembaganya (huruf kecil, angka, tanda minus), "
                            "misalnya data/penilaian/yao/.",
                        )
                    )
                elif not allowed:
                    issues.append(
                        Issue(
                            rel,
                            1,
                            "-",
                            "subfolder ini tidak dibaca; isinya tidak akan tampil di portal.",
                            f"pindahkan berkasnya langsung ke {folder}/ dan hapus subfolder ini.",
                        )
                    )
            elif names is None:  # a record folder: every <id>.yaml, plus _*.yaml templates for editors
                if not entry.name.endswith(".yaml"):
                    issues.append(
                        Issue(
                            rel,
                            1,
                            "-",
                            "berkas ini tidak dibaca: hanya berkas berakhiran .yaml yang dimuat.",
                            f"ganti nama berkas menjadi {entry.name.split('.')[0] or 'nama'}.yaml "
                            "(huruf kecil, akhiran .yaml), atau hapus bila tidak diperlukan.",
                        )
                    )
            elif entry.name not in names and not entry.name.startswith("_"):
                issues.append(
                    Issue(
                        rel,
                        1,
                        "-",
                        "berkas ini tidak dikenal dan tidak dibaca.",
                        f"berkas yang dibaca di {folder}/: {', '.join(sorted(names))}."
                        if names
                        else f"simpan penilaian di {folder}/<id-lembaga>/<TTTT-BB-HH>.yaml.",
                    )
                )
    return issues


def _symlinks(folder: Path, rel: str) -> list[str]:
    """Symlinks under folder, never followed; scandir answers from the directory entry, without a stat."""
    found, pending = [], [(str(folder), rel)]
    while pending:
        path, prefix = pending.pop()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                found.append(f"{prefix}/{entry.name}")
            elif entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, f"{prefix}/{entry.name}"))
    return sorted(found)


def _symlink_issue(rel: str) -> Issue:
    return Issue(
        rel,
        1,
        "-",
        "tautan simbolik (symlink) tidak diizinkan: portal hanya membaca berkas biasa di dalam repositori.",
        "ganti tautan ini dengan berkas biasa berisi teksnya sendiri.",
    )


def _records(folder: Path) -> list[Path]:
    # Files starting with "_" are templates for editors (e.g. _contoh.yaml), never content.
    if not folder.is_dir() or folder.is_symlink():
        return []
    names = sorted(
        e.name
        for e in os.scandir(folder)
        if e.name.endswith(".yaml") and not e.name.startswith("_") and not e.is_symlink()
    )
    return [folder / name for name in names]


def _read_shaped(root: Path, file: Path, schema: str) -> tuple[Document | None, list[Issue]]:
    """Read one file and check its shape; the document is None when it could not be read."""
    rel = _relative(file, root)
    if file.is_symlink():  # never read: it may lead out of the repository (reported by layout_issues)
        return None, []
    if not file.is_file():
        return None, [Issue(rel, 1, "-", "berkas wajib ini tidak ada.", "pulihkan berkasnya dari riwayat Git.")]
    doc, issues = read_document(file, rel)
    if issues or doc.data is None:
        return None, issues
    issues = check.schema_issues(doc, root / SCHEMAS / f"{schema}.schema.json")
    if not issues and schema in COMPACT:
        doc.data = COMPACT[schema](doc.data)
    return doc, issues


# Record kinds that come by the tens of thousands keep their long lists as tuples, not dicts,
# from the moment their shape is known: 1.2 million answers as dicts were most of 1 GB.
COMPACT = {"penilaian": model.compact_assessment}


def _relative(file: Path, root: Path) -> str:
    """file's path under root, with forward slashes (Path.relative_to costs more than reading the file)."""
    text, base = str(file), str(root)
    if base == ".":
        return Path(text).as_posix() if not file.is_absolute() else file.relative_to(Path.cwd()).as_posix()
    if text.startswith(base + os.sep):
        return Path(text[len(base) + 1 :]).as_posix()
    return file.relative_to(root).as_posix()


def _read_chunk(root: Path, files: list[Path], schema: str):
    return [_read_shaped(root, file, schema) for file in files]


PARALLEL_FROM = 2000  # records; below this, starting worker processes costs more than it saves
CHUNK = 500


class _RecordReader:
    """Reads folders of records: when there are many, on every core, in one pool shared by all
    folders, while the main process reads the guideline."""

    def __init__(self, root: Path, total: int):
        self.root = root
        self.parallel = total >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, files: list[Path], schema: str) -> Callable[[], list]:
        """Start reading; the returned function gives each file's (document, issues) in order."""
        if not self.parallel or len(files) < CHUNK:
            results = _read_chunk(self.root, files, schema)
            return lambda: results
        if self.pool is None:
            # forkserver, not fork: `mkdocs serve` has threads running, and forking those is unsafe.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            self.pool = ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=context, initializer=gc.disable)
        futures = [
            self.pool.submit(_read_chunk, self.root, files[i : i + CHUNK], schema) for i in range(0, len(files), CHUNK)
        ]
        return lambda: [result for future in futures for result in future.result()]


def read_bundle(root: Path) -> tuple[check.Bundle, list[Issue]]:
    """Read and shape-check every content file under root."""
    root = Path(root)
    bundle, issues = check.Bundle(), []

    def keep(doc: Document | None, found: list[Issue]) -> Document | None:
        issues.extend(found)
        if doc is not None and not found:
            bundle.shaped.add(doc.path)
        return doc

    def by_stem(file: Path) -> str:
        return file.stem

    folders: list[tuple[list[Path], str, dict, Callable[[Path], Any]]] = [
        (_records(root / "data" / "lembaga"), "lembaga", bundle.institutions, by_stem),
        (_records(root / "data" / "program"), "program", bundle.programs, by_stem),
        (_records(root / "data" / "tindak-lanjut"), "tindak-lanjut-wilayah", bundle.followups, by_stem),
    ]
    assessed = _assessment_folders(root)  # one folder per institution assessed, each of one or more files
    with _RecordReader(root, sum(len(files) for files, *_ in folders) + len(assessed)) as reader:
        pending = [(files, reader.submit(files, schema), target, key) for files, schema, target, key in folders]
        files = [f for sub in assessed for f in _records(sub)]  # listed while the workers read the others
        pending.append((files, reader.submit(files, "penilaian"), bundle.assessments, _assessment_key))
        for stem in check.GUIDELINE_FILES:
            if doc := keep(*_read_shaped(root, root / "guidelines" / f"{stem}.yaml", stem)):
                bundle.guideline[stem] = doc
        issues += layout_issues(root)
        bundle.regions = keep(*_read_shaped(root, root / "data" / "wilayah.yaml", "wilayah"))
        bundle.region_details = keep(*_read_shaped(root, root / "data" / "wilayah-rinci.yaml", "wilayah-rinci"))
        for file in _records(root / "guidelines" / "riwayat"):
            if doc := keep(*_read_shaped(root, file, "riwayat")):
                bundle.releases[file.stem] = doc
        for files, results, target, key in pending:
            for file, result in zip(files, results(), strict=True):
                if doc := keep(*result):
                    target[key(file)] = doc
    return bundle, issues


def _assessment_key(file: Path) -> tuple[str, str]:
    return file.parent.name, file.stem


def check_content(root: Path) -> tuple[model.Content | None, list[Issue]]:
    # Loading makes millions of small acyclic objects; the cyclic GC would rescan them
    # all again and again (half the run time at 10,000 records) and free nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        bundle, issues = read_bundle(root)
        issues += check.rule_issues(bundle)
        if issues:
            return None, sorted(issues)
        return _build(bundle), []
    finally:
        if gc_was_enabled:
            gc.enable()


def load_content(root: Path) -> model.Content:
    content, issues = check_content(root)
    if issues or content is None:
        raise ContentError(issues)
    return content


def summarise(content: model.Content) -> Summary:
    g = content.guideline
    return Summary(
        len(g.criteria),
        len(g.followups),
        len(content.provinces),
        len(content.regencies),
        len(content.institutions),
        len(content.programs),
    )


def _build(bundle: check.Bundle) -> model.Content:
    """The model of a bundle that passed every check (so every document is there)."""
    assert bundle.regions is not None and bundle.region_details is not None
    docs = {stem: doc.data for stem, doc in bundle.guideline.items()}
    provinces, regencies = model.build_regions(bundle.regions.data)
    programs = [model.build_program(d.data) for d in bundle.programs.values()]
    institutions = [model.build_institution(d.data) for d in bundle.institutions.values()]
    assessments: dict[str, list[model.Assessment]] = {}
    for (folder, _), doc in sorted(bundle.assessments.items()):  # oldest first, per institution
        assessments.setdefault(folder, []).append(model.build_assessment(doc.data))
    releases = sorted(
        (Release.from_data(d.data) for d in bundle.releases.values()),
        key=lambda r: version_key(r.version),
        reverse=True,
    )
    return model.Content(
        guideline=model.build_guideline(docs),
        releases=releases,
        provinces=provinces,
        regencies=regencies,
        region_source=dict(bundle.regions.data["sumber"]),
        places=model.build_places(bundle.region_details.data),
        institutions={i.id: i for i in sorted(institutions, key=lambda i: i.name.casefold())},
        programs={p.id: p for p in sorted(programs, key=lambda p: p.name.casefold())},
        followup_records={
            code: model.build_followup_record(bundle.followups[code].data) for code in sorted(bundle.followups)
        },
        assessments=assessments,
    )
