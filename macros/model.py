"""The typed model every output reads: plain dataclasses, English names.

The YAML keys editors see are Indonesian; `build_*` functions below are the one
place where the two vocabularies meet. They run only on documents that passed
the check, so they index without defensive code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from . import labels


@dataclass
class Province:
    code: str
    name: str
    abbreviation: str | None
    regencies: list[Regency] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # short names people use ("Jabar")


@dataclass
class Regency:
    code: str  # "53.71"
    name: str  # "Kota Kupang"
    kind: str  # a key of labels.REGENCY_KINDS
    province: Province
    aliases: list[str] = field(default_factory=list)  # short names people use ("TTS")

    @property
    def url(self) -> str:
        return "wilayah/" + self.code.replace(".", "/") + "/"


@dataclass
class Field:
    id: str
    name: str
    description: str
    origin_note: str


@dataclass
class Criterion:
    id: str
    aspect_id: str
    question: str
    evidence: list[str]
    fields: list[str] | None  # None: applies to every field
    products: list[str] | None  # None: applies to every service product
    note: str | None


@dataclass
class Aspect:
    id: str
    name: str
    description: str
    criteria: list[Criterion] = field(default_factory=list)


@dataclass
class FollowUpStep:
    id: str
    title: str
    description: str
    output: str
    stage_id: str | None


@dataclass
class Party:
    id: str
    name: str
    description: str


@dataclass
class Stage:
    id: str
    name: str
    purpose: str
    roles: dict[str, str]  # party id -> what that party does
    output: str


@dataclass
class Component:
    id: str
    number: int
    name: str
    group: str  # a key of labels.COMPONENT_GROUPS
    description: str


@dataclass
class ServiceProduct:
    id: str
    name: str
    meaning: str
    examples: list[str]
    standard: dict[str, str]  # component id -> standard text


@dataclass
class Term:
    id: str
    term: str
    expansion: str | None
    meaning: str


@dataclass
class LegalBasis:
    id: str
    title: str
    relevance: str
    status: str  # a key of labels.LEGAL_STATUSES

    @property
    def confirmed(self) -> bool:
        return self.status == "terkonfirmasi"


@dataclass
class Definition:
    id: str
    term: str
    meaning: str


@dataclass
class Principle:
    id: str
    name: str
    meaning: str


@dataclass
class Guideline:
    version: str
    date: str
    status: str  # a key of labels.GUIDELINE_STATUSES
    title: str
    publisher: str
    draft_note: str
    background: str
    purposes: list[str]
    audience: list[str]
    legal_bases: list[LegalBasis]
    definitions: list[Definition]
    principles: list[Principle]
    fields: list[Field]
    components: list[Component]
    products: list[ServiceProduct]
    aspects: list[Aspect]
    criteria: list[Criterion]
    parties: list[Party]
    stages: list[Stage]
    followups: list[FollowUpStep]
    glossary: list[Term]
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # everyday word (lower case) -> guideline terms

    @property
    def is_draft(self) -> bool:
        return self.status == "draf"

    @property
    def version_text(self) -> str:
        """ "versi 0.1.0 (draf), 28 November 2026", as checklists and the booklet print it."""
        status = labels.GUIDELINE_STATUSES[self.status].lower()
        return f"versi {self.version} ({status}), {labels.indonesian_date(self.date)}"


@dataclass
class ProgramStep:
    title: str
    description: str


@dataclass
class Program:
    id: str
    name: str
    summary: str
    goal: str
    beneficiaries: str
    duration: str
    fields: list[str]
    products: list[str]
    steps: list[ProgramStep]
    indicators: list[str]
    resources: list[str]
    related_criteria: list[str]


@dataclass
class SourceRef:
    description: str
    url: str | None


@dataclass
class Institution:
    id: str
    name: str
    acronym: str | None
    kind: str
    region_code: str  # kabupaten/kota code, or a province code when the district is unknown
    work_region_codes: list[str]
    address: str | None  # None as well when the location is confidential
    coordinates: tuple[float, float] | None  # (latitude, longitude); None as well when confidential
    confidential_location: bool
    description: str
    fields: list[str]
    products: list[str]
    program_ids: list[str]
    status: str  # a key of labels.STANDARDISATION_STATUSES
    standardised_year: int | None
    standardised_fields: list[str]
    sources: list[SourceRef]
    verification_status: str
    verified_on: dt.date
    verification_note: str | None
    contact: dict[str, str]

    @property
    def province_code(self) -> str:
        return self.region_code[:2]

    @property
    def region_codes(self) -> list[str]:
        """Where it is based, then where else it works."""
        return [self.region_code, *self.work_region_codes]

    def needs_reverification(self, today: dt.date, months: int) -> bool:
        """Not checked against its sources for more than `months` months."""
        age = (today.year - self.verified_on.year) * 12 + today.month - self.verified_on.month
        return age > months or (age == months and today.day > self.verified_on.day)


@dataclass(slots=True)
class StepReport:
    """What a kabupaten/kota reported about one follow-up step."""

    step_id: str
    status: str  # a key of labels.STEP_STATUSES
    date: dt.date
    note: str | None
    evidence_url: str | None


@dataclass
class FollowUpRecord:
    """data/tindak-lanjut/<PP.RR>.yaml: one kabupaten/kota's follow-up after the Bimtek."""

    region_code: str
    version: str
    reporter: str  # a key of labels.REPORTERS: an office, never a person
    updated: dt.date
    steps: list[StepReport]

    def done(self) -> list[StepReport]:
        return [s for s in self.steps if s.status == DONE]


DONE = "selesai"  # the step status that counts as done on the progress pages


class Answer(NamedTuple):
    """One criterion answered in a self-assessment (a tuple: there are hundreds of thousands)."""

    criterion_id: str
    answer: str  # a key of labels.ANSWERS
    evidence: str | None
    evidence_url: str | None
    note: str | None


@dataclass(slots=True)
class Assessment:
    """data/penilaian/<lembaga>/<TTTT-BB-HH>.yaml: one self-assessment of one institution on one date."""

    institution_id: str
    date: dt.date
    version: str
    answers: list[Answer]
    note: str | None


@dataclass
class Content:
    guideline: Guideline
    provinces: dict[str, Province]  # code -> province, in Kemendagri order
    regencies: dict[str, Regency]  # code -> kabupaten/kota
    region_source: dict[str, str]
    institutions: dict[str, Institution]  # id -> institution, sorted by name
    programs: dict[str, Program]  # id -> template, sorted by name
    releases: list = field(default_factory=list)  # releases.Release, newest first
    places: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # regency code -> kecamatan, desa
    followup_records: dict[str, FollowUpRecord] = field(default_factory=dict)  # region code -> record
    assessments: dict[str, list[Assessment]] = field(default_factory=dict)  # institution id -> oldest first

    def institutions_in(self, region_code: str) -> list[Institution]:
        """Institutions based in, or working in, a kabupaten/kota or (for a 2-digit code) a province."""
        return self._by_region.get(region_code, [])

    @cached_property
    def _by_region(self) -> dict[str, list[Institution]]:
        index: dict[str, list[Institution]] = {}
        for inst in self.institutions.values():
            codes = {inst.region_code, *inst.work_region_codes}
            for code in sorted(codes | {c[:2] for c in codes}):
                index.setdefault(code, []).append(inst)
        return index


# ----------------------------------------------------------------- builders


def _all_or(value) -> list[str] | None:
    return None if value == "semua" else list(value)


def build_guideline(docs: dict[str, dict]) -> Guideline:
    """docs: guideline file stem -> data."""
    p, k = docs["pedoman"], docs["kriteria"]
    aspects = {a["id"]: Aspect(a["id"], a["nama"], a["keterangan"]) for a in k["aspek"]}
    criteria = []
    for c in k["kriteria"]:
        criterion = Criterion(
            c["id"],
            c["aspek"],
            c["pertanyaan"],
            list(c["bukti"]),
            _all_or(c["berlaku"]["bidang"]),
            _all_or(c["berlaku"]["produk_layanan"]),
            c.get("keterangan"),
        )
        criteria.append(criterion)
        aspects[c["aspek"]].criteria.append(criterion)
    t = docs["tahapan"]
    return Guideline(
        version=p["versi"],
        date=p["tanggal"],
        status=p["status"],
        title=p["judul"],
        publisher=p["penerbit"],
        draft_note=p["catatan_draf"],
        background=p["latar_belakang"],
        purposes=list(p["tujuan"]),
        audience=list(p["sasaran_pengguna"]),
        legal_bases=[LegalBasis(d["id"], d["judul"], d["relevansi"], d["status"]) for d in p["dasar_hukum"]],
        definitions=[Definition(d["id"], d["istilah"], d["arti"]) for d in p["definisi"]],
        principles=[Principle(d["id"], d["nama"], d["arti"]) for d in p["prinsip"]],
        fields=[Field(b["id"], b["nama"], b["keterangan"], b["asal"]) for b in docs["bidang"]["bidang"]],
        components=[
            Component(c["id"], c["nomor"], labels.COMPONENTS[c["id"]], c["kelompok"], c["keterangan"])
            for c in docs["standar-layanan"]["komponen"]
        ],
        products=[
            ServiceProduct(
                s["id"], labels.SERVICE_PRODUCTS[s["id"]], s["pengertian"], list(s["contoh"]), dict(s["standar"])
            )
            for s in docs["standar-layanan"]["produk"]
        ],
        aspects=list(aspects.values()),
        criteria=criteria,
        parties=[Party(x["id"], labels.PARTIES[x["id"]], x["keterangan"]) for x in t["pihak"]],
        stages=[Stage(s["id"], s["nama"], s["tujuan"], dict(s["peran"]), s["hasil"]) for s in t["tahapan"]],
        followups=[
            FollowUpStep(s["id"], s["judul"], s["uraian"], s["hasil"], s.get("tahapan"))
            for s in docs["tindak-lanjut"]["langkah"]
        ],
        glossary=[Term(g["id"], g["istilah"], g.get("kepanjangan"), g["arti"]) for g in docs["glosarium"]["istilah"]],
        synonyms={s["kata"].casefold(): list(s["berarti"]) for s in docs["sinonim"]["sinonim"]},
    )


def build_regions(data: dict) -> tuple[dict[str, Province], dict[str, Regency]]:
    provinces = {
        p["kode"]: Province(p["kode"], p["nama"], p.get("singkatan"), aliases=list(p.get("alias", [])))
        for p in data["provinsi"]
    }
    regencies = {}
    for r in data["kabupaten_kota"]:
        regency = Regency(r["kode"], r["nama"], r["jenis"], provinces[r["provinsi"]], list(r.get("alias", [])))
        provinces[r["provinsi"]].regencies.append(regency)
        regencies[r["kode"]] = regency
    return provinces, regencies


PLACE_SEPARATOR = "; "  # data/wilayah-rinci.yaml: names on one line per kabupaten/kota


def build_places(data: dict) -> dict[str, dict[str, list[str]]]:
    """Regency code -> {"kecamatan": [...], "desa": [...]} (desa includes kelurahan)."""
    return {
        code: {kind: [n for n in names.get(kind, "").split(PLACE_SEPARATOR) if n] for kind in ("kecamatan", "desa")}
        for code, names in data["kabupaten_kota"].items()
    }


def build_program(data: dict) -> Program:
    return Program(
        id=data["id"],
        name=data["nama"],
        summary=data["ringkasan"],
        goal=data["tujuan"],
        beneficiaries=data["sasaran"],
        duration=data["durasi"],
        fields=list(data["bidang"]),
        products=list(data["produk_layanan"]),
        steps=[ProgramStep(s["judul"], s["uraian"]) for s in data["langkah"]],
        indicators=list(data["indikator"]),
        resources=list(data["sumber_daya"]),
        related_criteria=list(data.get("kriteria_terkait", [])),
    )


def build_institution(data: dict) -> Institution:
    std, ver = data["standardisasi"], data["verifikasi"]
    confidential = bool(data.get("lokasi_rahasia", False))
    return Institution(
        id=data["id"],
        name=data["nama"],
        acronym=data.get("singkatan"),
        kind=data["jenis"],
        region_code=data["wilayah"],
        work_region_codes=list(data.get("wilayah_kerja", [])),
        # The one place a confidential location is dropped: every page, index and export reads the model.
        address=None if confidential else data.get("alamat"),
        coordinates=None
        if confidential or "koordinat" not in data
        else (data["koordinat"]["lintang"], data["koordinat"]["bujur"]),
        confidential_location=confidential,
        description=data["keterangan"],
        fields=list(data["bidang"]),
        products=list(data["produk_layanan"]),
        program_ids=list(data.get("program", [])),
        status=std["status"],
        standardised_year=std.get("tahun"),
        standardised_fields=list(std.get("bidang", [])),
        sources=[SourceRef(s["keterangan"], s.get("url")) for s in data["sumber"]],
        verification_status=ver["status"],
        verified_on=dt.date.fromisoformat(ver["tanggal"]),
        verification_note=ver.get("catatan"),
        contact=dict(data.get("kontak", {})),
    )


def build_followup_record(data: dict) -> FollowUpRecord:
    return FollowUpRecord(
        region_code=data["wilayah"],
        version=data["versi_pedoman"],
        reporter=data["pelapor"],
        updated=dt.date.fromisoformat(data["diperbarui"]),
        steps=[
            StepReport(
                s["langkah"], s["status"], dt.date.fromisoformat(s["tanggal"]), s.get("catatan"), s.get("tautan")
            )
            for s in data["langkah"]
        ],
    )


def compact_assessment(data: dict) -> dict:
    """The same record with its answers as plain tuples in `Answer`'s order (content.COMPACT): plain tuples
    cross process boundaries several times faster than named ones."""
    answers = [
        (a["kriteria"], a["jawaban"], a.get("bukti"), a.get("tautan"), a.get("catatan")) for a in data["jawaban"]
    ]
    return {**data, "jawaban": answers}


def build_assessment(data: dict) -> Assessment:
    return Assessment(
        institution_id=data["lembaga"],
        date=dt.date.fromisoformat(data["tanggal"]),
        version=data["versi_pedoman"],
        answers=[Answer._make(a) for a in data["jawaban"]],  # tuples in Answer's order (compact_assessment)
        note=data.get("catatan"),
    )
