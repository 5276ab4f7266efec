"""The one path from files to model: load -> check -> model.

`lplpp check`, the MkDocs build and the exports all call `load_content`, so an
error an editor sees in the check is exactly the one the build stops on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import check, model
from .load import Issue, read_document

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
        return (f"{self.criteria} kriteria, {self.followups} langkah tindak lanjut, {self.provinces} provinsi, "
                f"{self.regencies} kabupaten/kota, {self.institutions} lembaga, {self.programs} templat program")


def _records(folder: Path) -> list[Path]:
    # Files starting with "_" are templates for editors (e.g. _contoh.yaml), never content.
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_")) if folder.is_dir() else []


def read_bundle(root: Path) -> tuple[check.Bundle, list[Issue]]:
    """Read and shape-check every content file under root."""
    root = Path(root)
    bundle, issues = check.Bundle(), []
    schemas = root / SCHEMAS

    def read(file: Path, schema: str):
        rel = file.relative_to(root).as_posix()
        if not file.is_file():
            issues.append(Issue(rel, 1, "-", "berkas wajib ini tidak ada.", "pulihkan berkasnya dari riwayat Git."))
            return None
        doc, found = read_document(file, rel)
        issues.extend(found)
        if found or doc.data is None:
            return None
        shape = check.schema_issues(doc, schemas / f"{schema}.schema.json")
        issues.extend(shape)
        if not shape:
            bundle.shaped.add(doc.path)
        return doc

    for stem in check.GUIDELINE_FILES:
        doc = read(root / "guidelines" / f"{stem}.yaml", stem)
        if doc:
            bundle.guideline[stem] = doc
    for extra in sorted((root / "guidelines").glob("*.yaml")):
        if extra.stem not in check.GUIDELINE_FILES and not extra.name.startswith("_"):
            issues.append(Issue(extra.relative_to(root).as_posix(), 1, "-", "berkas pedoman ini tidak dikenal.",
                                f"isi pedoman hanya dibaca dari: {', '.join(s + '.yaml' for s in check.GUIDELINE_FILES)}."))
    bundle.regions = read(root / "data" / "wilayah.yaml", "wilayah")
    for file in _records(root / "data" / "program"):
        if doc := read(file, "program"):
            bundle.programs[file.stem] = doc
    for file in _records(root / "data" / "lembaga"):
        if doc := read(file, "lembaga"):
            bundle.institutions[file.stem] = doc
    return bundle, issues


def check_content(root: Path) -> tuple[model.Content | None, list[Issue]]:
    bundle, issues = read_bundle(root)
    issues += check.rule_issues(bundle)
    if issues:
        return None, sorted(issues)
    return _build(bundle), []


def load_content(root: Path) -> model.Content:
    content, issues = check_content(root)
    if issues:
        raise ContentError(issues)
    return content


def summarise(content: model.Content) -> Summary:
    g = content.guideline
    return Summary(len(g.criteria), len(g.followups), len(content.provinces), len(content.regencies),
                   len(content.institutions), len(content.programs))


def _build(bundle: check.Bundle) -> model.Content:
    docs = {stem: doc.data for stem, doc in bundle.guideline.items()}
    lines = {stem: doc.line_of for stem, doc in bundle.guideline.items()}
    provinces, regencies = model.build_regions(bundle.regions.data)
    programs = [model.build_program(d.data, model.Origin(d.path)) for d in bundle.programs.values()]
    institutions = [model.build_institution(d.data, model.Origin(d.path)) for d in bundle.institutions.values()]
    return model.Content(
        guideline=model.build_guideline(docs, lines),
        provinces=provinces, regencies=regencies, region_source=dict(bundle.regions.data["sumber"]),
        institutions={i.id: i for i in sorted(institutions, key=lambda i: i.name.casefold())},
        programs={p.id: p for p in sorted(programs, key=lambda p: p.name.casefold())},
    )
