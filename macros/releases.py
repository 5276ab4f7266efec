"""The guideline's history: a snapshot of criteria and follow-up steps per released
version (guidelines/riwayat/<versi>.yaml, written by `lplpp rilis`), and what changed
between any released version and the current one, by ID.

Printed checklists carry their version; the "Perubahan" page answers "what changed
since the version on my sheet".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .load import yaml_quoted
from .model import Guideline

FOLDER = Path("guidelines/riwayat")


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def criterion_record(c) -> dict:
    return {
        "id": c.id,
        "aspek": c.aspect_id,
        "pertanyaan": c.question,
        "bukti": list(c.evidence),
        "bidang": "semua" if c.fields is None else list(c.fields),
        "produk_layanan": "semua" if c.products is None else list(c.products),
    }


def step_record(s) -> dict:
    return {"id": s.id, "judul": s.title, "uraian": s.description, "hasil": s.output}


# The same records read straight from the guideline's YAML (the check runs before the model exists).
def criterion_from_yaml(c: dict) -> dict:
    return {
        "id": c["id"],
        "aspek": c["aspek"],
        "pertanyaan": c["pertanyaan"],
        "bukti": list(c["bukti"]),
        "bidang": c["berlaku"]["bidang"],
        "produk_layanan": c["berlaku"]["produk_layanan"],
    }


def step_from_yaml(s: dict) -> dict:
    return {k: s[k] for k in ("id", "judul", "uraian", "hasil")}


@dataclass
class Release:
    version: str
    date: str
    criteria: dict[str, dict]  # id -> record as in the snapshot file
    steps: dict[str, dict]

    @classmethod
    def from_data(cls, data: dict) -> Release:
        return cls(
            data["versi"],
            data["tanggal"],
            {c["id"]: c for c in data["kriteria"]},
            {s["id"]: s for s in data["langkah"]},
        )

    @classmethod
    def of(cls, guideline: Guideline) -> Release:
        """The current guideline, in snapshot form."""
        return cls(
            guideline.version,
            guideline.date,
            {c.id: criterion_record(c) for c in guideline.criteria},
            {s.id: step_record(s) for s in guideline.followups},
        )


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)  # (id, names of the fields that changed)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def compare(old: dict[str, dict], new: dict[str, dict]) -> Changes:
    changes = Changes(added=[i for i in new if i not in old], removed=[i for i in old if i not in new])
    for ident in new:
        if ident in old and old[ident] != new[ident]:
            changes.changed.append((ident, [k for k in new[ident] if old[ident].get(k) != new[ident][k]]))
    return changes


def differs(release: Release, guideline: Guideline) -> bool:
    current = Release.of(guideline)
    return release.criteria != current.criteria or release.steps != current.steps


def snapshot_text(guideline: Guideline) -> str:
    """The snapshot file. Every string is written quoted and escaped, so it reads back exactly."""
    q = yaml_quoted
    lines = [
        "# yaml-language-server: $schema=../../data/schemas/riwayat.schema.json",
        f"# Cuplikan pedoman versi {guideline.version}, dibuat oleh `lplpp rilis`. Jangan disunting.",
        f"versi: {q(guideline.version)}",
        f"tanggal: {q(guideline.date)}",
        "kriteria:",
    ]
    for c in guideline.criteria:
        r = criterion_record(c)
        lines += [
            f"  - id: {q(r['id'])}",
            f"    aspek: {q(r['aspek'])}",
            f"    pertanyaan: {q(r['pertanyaan'])}",
            f"    bukti: {q(r['bukti'])}",
            f"    bidang: {q(r['bidang'])}",
            f"    produk_layanan: {q(r['produk_layanan'])}",
        ]
    lines.append("langkah:")
    for s in guideline.followups:
        r = step_record(s)
        lines += [
            f"  - id: {q(r['id'])}",
            f"    judul: {q(r['judul'])}",
            f"    uraian: {q(r['uraian'])}",
            f"    hasil: {q(r['hasil'])}",
        ]
    return "\n".join(lines) + "\n"
