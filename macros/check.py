"""Check the loaded documents: first their shape (JSON Schema), then the rules a
schema cannot express (references exist, IDs unique and stable, dates real).

Each rule is a small generator of `Issue`s; all issues are collected and shown
together, so an editor fixes everything in one round.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeGuard

import fastjsonschema
from jsonschema import Draft202012Validator

from .labels import REGENCY_KINDS
from .load import MAX_ISSUES, Document, Issue, capped, field_name, lossy_reading
from .model import Answer

CRITERION, EVIDENCE_URL = Answer._fields.index("criterion_id"), Answer._fields.index("evidence_url")

GUIDELINE_FILES = (
    "pedoman",
    "bidang",
    "standar-layanan",
    "kriteria",
    "tahapan",
    "tindak-lanjut",
    "glosarium",
    "sinonim",
)

_TYPE_NAMES = {
    "string": "teks",
    "array": "daftar (butir diawali '- ')",
    "object": "bagian berisi 'kunci: nilai'",
    "integer": "bilangan bulat",
    "boolean": "true atau false",
    "number": "angka",
}


@dataclass
class Bundle:
    """Every document read from one content root, by role."""

    guideline: dict[str, Document] = field(default_factory=dict)  # file stem -> document
    regions: Document | None = None
    region_details: Document | None = None  # data/wilayah-rinci.yaml: kecamatan and desa names
    programs: dict[str, Document] = field(default_factory=dict)  # file stem -> document
    institutions: dict[str, Document] = field(default_factory=dict)
    releases: dict[str, Document] = field(default_factory=dict)  # version -> snapshot (guidelines/riwayat/)
    followups: dict[str, Document] = field(default_factory=dict)  # file stem (region code) -> data/tindak-lanjut/
    assessments: dict[tuple[str, str], Document] = field(default_factory=dict)  # (folder, file stem) -> penilaian
    shaped: set[str] = field(default_factory=set)  # paths of documents that passed the schema

    def ok(self, doc: Document | None) -> TypeGuard[Document]:
        return doc is not None and doc.path in self.shaped


# ------------------------------------------------------------------ schema


@cache
def validator(schema_file: Path) -> Draft202012Validator:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


@cache
def _fast_validator(schema_file: Path):
    # Compiled to Python code: ~10x faster than jsonschema on valid records, which is
    # nearly all of them. jsonschema then explains the few that fail, listing every error.
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"  # same keywords; the draft fastjsonschema knows
    return fastjsonschema.compile(_as_enums(schema))


def _as_enums(node):
    """A closed list with labels (`oneOf: [{const, title}]`) as the `enum` it means: the compiled
    oneOf tries every option and raises for all but one, which made it 5x slower per value."""
    if isinstance(node, list):
        return [_as_enums(item) for item in node]
    if not isinstance(node, dict):
        return node
    options = node.get("oneOf")
    if isinstance(options, list) and all(
        isinstance(o, dict) and "const" in o and set(o) <= {"const", "title"} for o in options
    ):
        node = {k: v for k, v in node.items() if k != "oneOf"} | {"enum": [o["const"] for o in options]}
    return {key: _as_enums(value) for key, value in node.items()}


def closest(value, candidates) -> str | None:
    match = difflib.get_close_matches(str(value), [str(c) for c in candidates], n=1, cutoff=0.6)
    return match[0] if match else None


def _suggest(value, candidates) -> str:
    guess = closest(value, candidates)
    return f"mungkin maksud Anda '{guess}'? " if guess else ""


def _example(schema: dict) -> str:
    examples = schema.get("examples") or []
    if examples and isinstance(examples[0], (str, int, bool)):
        return json.dumps(examples[0], ensure_ascii=False) if isinstance(examples[0], str) else str(examples[0]).lower()
    return "..."


def schema_issues(doc: Document, schema_file: Path) -> list[Issue]:
    try:
        _fast_validator(schema_file)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException as fast_error:
        issues: list[Issue] = []
        for error in validator(schema_file).iter_errors(doc.data):
            issues += _translate(doc, tuple(error.absolute_path), error)
            if len(issues) > MAX_ISSUES:
                break
        if not issues:  # the two validators disagree: never let a record through unexplained
            issues = [Issue(doc.path, 1, "-", f"tidak sesuai skema ({fast_error.message}).", "lihat data/schemas.")]
        return capped(sorted(set(issues)), doc.path)


def _translate(doc: Document, path: tuple, error) -> list[Issue]:
    kind, schema, value = error.validator, error.schema, error.instance
    here, line = field_name(path), doc.line_of(path)

    if kind == "required":
        out = []
        for key in error.validator_value:
            if isinstance(value, dict) and key not in value:
                sub = schema.get("properties", {}).get(key, {})
                out.append(
                    Issue(
                        doc.path,
                        line,
                        field_name(path + (key,)),
                        "wajib diisi tetapi tidak ada.",
                        f"tambahkan baris `{key}: {_example(sub)}` ({sub.get('description', '').rstrip('.')}).",
                    )
                )
        return out
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        unknown = [key for key in value if key not in known]
        # Only as many as will be shown: each costs a line lookup and a spelling suggestion.
        return [
            Issue(
                doc.path,
                doc.line_of(path + (key,)),
                field_name(path + (key,)),
                f"kunci '{key}' tidak dikenal.",
                f"{_suggest(key, known)}kunci yang dikenal di sini: {', '.join(known)}.",
            )
            for key in unknown[: MAX_ISSUES + 1]
        ]
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        node = doc.scalars.get(path)
        if "string" in expected and node is not None:
            if value is None:
                return [Issue(doc.path, line, here, "kosong.", "isi nilainya atau hapus barisnya bila tidak wajib.")]
            key = path[-1] if path and isinstance(path[-1], str) else "-"
            return [
                Issue(
                    doc.path,
                    line,
                    here,
                    lossy_reading(node) + ".",
                    f'tulis sebagai teks dalam tanda kutip: {key}: "{node.value}"'
                    if key != "-"
                    else f'tulis sebagai teks dalam tanda kutip: - "{node.value}"',
                )
            ]
        wanted = " atau ".join(_TYPE_NAMES.get(t, t) for t in expected)
        return [
            Issue(
                doc.path,
                line,
                here,
                f"harus berupa {wanted}.",
                f"contoh: {_example(schema)}"
                if _example(schema) != "..."
                else "lihat berkas lain di folder yang sama sebagai contoh.",
            )
        ]
    if kind == "enum":
        options = error.validator_value
        return [
            Issue(
                doc.path,
                line,
                here,
                f"nilai '{value}' tidak ada dalam daftar pilihan.",
                f"{_suggest(value, options)}pilih salah satu: {', '.join(map(str, options))}.",
            )
        ]
    if kind == "pattern":
        return [
            Issue(
                doc.path,
                line,
                here,
                f"bentuk nilai '{value}' tidak sesuai.",
                schema.get("patternErrorMessage", f"ikuti pola {error.validator_value}."),
            )
        ]
    if kind == "oneOf" and all("const" in option for option in error.validator_value):  # a closed list with labels
        options = {option["const"]: option.get("title", "") for option in error.validator_value}
        return [
            Issue(
                doc.path,
                line,
                here,
                f"nilai '{value}' tidak ada dalam daftar pilihan.",
                f"{_suggest(value, list(options))}pilih salah satu: "
                f"{', '.join(f'{const} ({title})' for const, title in options.items())}.",
            )
        ]
    if kind in ("oneOf", "anyOf"):
        return [
            Issue(
                doc.path,
                line,
                here,
                f"nilai {json.dumps(value, ensure_ascii=False)} tidak sesuai.",
                f"{schema.get('description', 'lihat contoh')}".rstrip(".") + ".",
            )
        ]
    if kind == "uniqueItems":
        return [Issue(doc.path, line, here, "ada butir yang ditulis lebih dari sekali.", "hapus butir yang sama.")]
    if kind in ("minItems", "maxItems"):
        return [
            Issue(
                doc.path,
                line,
                here,
                f"jumlah butir {len(value)}, seharusnya "
                f"{'paling sedikit' if kind == 'minItems' else 'paling banyak'} {error.validator_value}.",
                schema.get("description", ""),
            )
        ]
    if kind == "minLength":
        return [Issue(doc.path, line, here, "teks kosong.", "isi teksnya atau hapus barisnya bila tidak wajib.")]
    if kind in ("minimum", "maximum"):
        return [
            Issue(doc.path, line, here, f"nilai {value} di luar rentang yang wajar.", schema.get("description", ""))
        ]
    return [
        Issue(doc.path, line, here, f"tidak sesuai skema ({error.message}).", "lihat deskripsi kolom di data/schemas.")
    ]


# ------------------------------------------------------------------ rules


def _list(doc: Document, key: str) -> list[tuple[int, dict]]:
    items = doc.data.get(key, []) if isinstance(doc.data, dict) else []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _ids(doc: Document | None, key: str, ident: str = "id") -> set[str]:
    """IDs listed in a document, even one with shape errors (avoids cascades of 'does not exist')."""
    if doc is None:
        return set()
    return {item[ident] for _, item in _list(doc, key) if isinstance(item.get(ident), str)}


def rule_unique_ids(b: Bundle):
    for doc in b.guideline.values():
        if not b.ok(doc):
            continue
        for key, items in doc.data.items():
            if not isinstance(items, list):
                continue
            first: dict[str, int] = {}
            for index, item in _list(doc, key):
                ident = item.get("id")
                if ident is None:
                    continue
                if ident in first:
                    yield Issue(
                        doc.path,
                        doc.line_of((key, index, "id")),
                        field_name((key, index, "id")),
                        f"ID '{ident}' sudah dipakai di butir lain (baris {first[ident]}).",
                        "beri ID baru yang belum pernah dipakai; ID lama tidak boleh diganti artinya.",
                    )
                else:
                    first[ident] = doc.line_of((key, index, "id"))


def rule_id_matches_file(b: Bundle):
    for group in (b.programs, b.institutions):
        for stem, doc in group.items():
            if b.ok(doc) and doc.data["id"] != stem:
                yield Issue(
                    doc.path,
                    doc.line_of(("id",)),
                    "id",
                    f"ID '{doc.data['id']}' berbeda dengan nama berkas '{stem}.yaml'.",
                    f"samakan: tulis `id: {stem}` atau ganti nama berkas menjadi {doc.data['id']}.yaml.",
                )


def rule_stable_ids(b: Bundle):
    """A retired ID is never given a new meaning (printed checklists still carry it)."""
    for stem, key in (("kriteria", "kriteria"), ("tindak-lanjut", "langkah")):
        doc = b.guideline.get(stem)
        if not b.ok(doc):
            continue
        retired = {item["id"]: item for _, item in _list(doc, "ditarik")}
        for index, item in _list(doc, key):
            if item["id"] in retired:
                yield Issue(
                    doc.path,
                    doc.line_of((key, index, "id")),
                    field_name((key, index, "id")),
                    f"ID '{item['id']}' sudah ditarik pada versi {retired[item['id']]['versi']} dan tidak boleh dipakai lagi.",
                    "beri nomor baru setelah nomor terbesar yang pernah dipakai.",
                )


def _ref(doc: Document, path: tuple, value, known: set[str], what: str, where: str):
    if value not in known:
        yield Issue(
            doc.path,
            doc.line_of(path),
            field_name(path),
            f"{what} '{value}' tidak ada.",
            f"{_suggest(value, sorted(known))}{what} yang ada tercantum di {where}.",
        )


def rule_guideline_references(b: Bundle):
    fields = _ids(b.guideline.get("bidang"), "bidang")
    criteria_doc = b.guideline.get("kriteria")
    if b.ok(criteria_doc):
        aspects = _ids(criteria_doc, "aspek")
        for i, c in _list(criteria_doc, "kriteria"):
            yield from _ref(
                criteria_doc, ("kriteria", i, "aspek"), c["aspek"], aspects, "aspek", "bagian `aspek` di atas"
            )
            if c["aspek"] in aspects and not c["id"].startswith(c["aspek"] + "-"):
                yield Issue(
                    criteria_doc.path,
                    criteria_doc.line_of(("kriteria", i, "id")),
                    field_name(("kriteria", i, "id")),
                    f"ID '{c['id']}' tidak diawali kode aspeknya '{c['aspek']}'.",
                    f"kriteria baru di aspek ini diberi ID {c['aspek']}-NN.",
                )
            if fields and isinstance(c["berlaku"]["bidang"], list):
                for j, f in enumerate(c["berlaku"]["bidang"]):
                    yield from _ref(
                        criteria_doc,
                        ("kriteria", i, "berlaku", "bidang", j),
                        f,
                        fields,
                        "bidang",
                        "guidelines/bidang.yaml",
                    )
    steps = b.guideline.get("tindak-lanjut")
    stages = _ids(b.guideline.get("tahapan"), "tahapan")
    if b.ok(steps) and stages:
        for i, s in _list(steps, "langkah"):
            if "tahapan" in s:
                yield from _ref(
                    steps, ("langkah", i, "tahapan"), s["tahapan"], stages, "tahapan", "guidelines/tahapan.yaml"
                )


def rule_standard_complete(b: Bundle):
    doc = b.guideline.get("standar-layanan")
    if not b.ok(doc):
        return
    for i, c in _list(doc, "komponen"):
        if c["nomor"] != i + 1:
            yield Issue(
                doc.path,
                doc.line_of(("komponen", i, "nomor")),
                field_name(("komponen", i, "nomor")),
                f"komponen ke-{i + 1} bernomor {c['nomor']}.",
                "urutkan komponen sesuai UU 25/2009 Pasal 21 dan nomori 1-14.",
            )


def rule_regions(b: Bundle):
    doc = b.regions
    if not b.ok(doc):
        return
    provinces = _ids(doc, "provinsi", "kode")
    seen: dict[str, int] = {}
    for i, r in _list(doc, "kabupaten_kota"):
        path = ("kabupaten_kota", i)
        if r["kode"] in seen:
            yield Issue(
                doc.path,
                doc.line_of(path + ("kode",)),
                field_name(path + ("kode",)),
                f"kode '{r['kode']}' sudah dipakai (baris {seen[r['kode']]}).",
                "buat ulang berkas dengan `python -m macros.regions`.",
            )
        seen[r["kode"]] = doc.line_of(path + ("kode",))
        yield from _ref(doc, path + ("provinsi",), r["provinsi"], provinces, "provinsi", "bagian `provinsi`")
        if not r["kode"].startswith(r["provinsi"] + "."):
            yield Issue(
                doc.path,
                doc.line_of(path + ("kode",)),
                field_name(path + ("kode",)),
                f"kode '{r['kode']}' tidak diawali kode provinsinya '{r['provinsi']}'.",
                "periksa kode dan provinsinya.",
            )
        # Pages say "Kupang" for "Kota Kupang": the name starts with its kind's label.
        kind = REGENCY_KINDS.get(r["jenis"], "")
        if not r["nama"].startswith(kind + " ") or not r["nama"][len(kind) + 1 :].strip():
            yield Issue(
                doc.path,
                doc.line_of(path + ("nama",)),
                field_name(path + ("nama",)),
                f"nama '{r['nama']}' tidak diawali jenisnya ('{kind} ...').",
                f"tulis nama lengkap, misalnya '{kind} Kupang', atau periksa `jenis`.",
            )
    with_regencies = {r["provinsi"] for _, r in _list(doc, "kabupaten_kota")}
    for i, p in _list(doc, "provinsi"):
        if p["kode"] not in with_regencies:
            yield Issue(
                doc.path,
                doc.line_of(("provinsi", i, "kode")),
                field_name(("provinsi", i, "kode")),
                f"provinsi '{p['kode']}' tidak mempunyai kabupaten/kota.",
                "tambahkan kabupaten/kotanya, atau buat ulang berkas dengan `python -m macros.regions`.",
            )


def rule_record_references(b: Bundle):
    fields = _ids(b.guideline.get("bidang"), "bidang")
    criteria = _ids(b.guideline.get("kriteria"), "kriteria")
    programs = {
        doc.data["id"]
        for doc in b.programs.values()
        if isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str)
    }
    programs |= set(b.programs)
    regions = _ids(b.regions, "provinsi", "kode") | _ids(b.regions, "kabupaten_kota", "kode")
    for doc in b.programs.values():
        if not b.ok(doc):
            continue
        if fields:
            for j, f in enumerate(doc.data["bidang"]):
                yield from _ref(doc, ("bidang", j), f, fields, "bidang", "guidelines/bidang.yaml")
        if criteria:
            for j, c in enumerate(doc.data.get("kriteria_terkait", [])):
                yield from _ref(doc, ("kriteria_terkait", j), c, criteria, "kriteria", "guidelines/kriteria.yaml")
    for doc in b.institutions.values():
        if not b.ok(doc):
            continue
        d = doc.data
        if regions:
            yield from _region_ref(doc, ("wilayah",), d["wilayah"], regions)
            for j, code in enumerate(d.get("wilayah_kerja", [])):
                yield from _region_ref(doc, ("wilayah_kerja", j), code, regions)
        if fields:
            for path, values in (
                (("bidang",), d["bidang"]),
                (("standardisasi", "bidang"), d["standardisasi"].get("bidang", [])),
            ):
                for j, f in enumerate(values):
                    yield from _ref(doc, path + (j,), f, fields, "bidang", "guidelines/bidang.yaml")
        for j, p in enumerate(d.get("program", [])):
            yield from _ref(doc, ("program", j), p, programs, "templat program", "folder data/program")


def closest_region(code: str, codes) -> str | None:
    """The nearest known region code, looking first among the kabupaten/kota of the same province."""
    same_province = sorted(c for c in codes if c.startswith(code[:2] + ".") and len(c) == 5)
    return closest(code, same_province or sorted(codes))


def _region_ref(doc: Document, path: tuple, code: str, regions: set[str]):
    if code in regions:
        return
    yield Issue(
        doc.path,
        doc.line_of(path),
        field_name(path),
        f"kode wilayah '{code}' tidak ada dalam data/wilayah.yaml.",
        f"{_suggest_region(code, regions)}cari kode kabupaten/kota yang benar di data/wilayah.yaml "
        '(kode berbentuk "PP.RR").',
    )


def _suggest_region(code: str, regions) -> str:
    guess = closest_region(code, regions)
    return f"mungkin maksud Anda '{guess}'? " if guess else ""


def rule_dates(b: Bundle, today: dt.date | None = None):
    today = today or dt.date.today()
    targets: list[tuple[Document | None, tuple[str, ...]]] = [(b.guideline.get("pedoman"), ("tanggal",))]
    targets += [(doc, ("verifikasi", "tanggal")) for doc in b.institutions.values()]
    for doc, path in targets:
        if not b.ok(doc):
            continue
        value = doc.data
        for part in path:
            value = value[part]
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            yield Issue(
                doc.path,
                doc.line_of(path),
                field_name(path),
                f"'{value}' bukan tanggal yang ada.",
                'periksa bulan (01-12) dan tanggalnya, format "TTTT-BB-HH".',
            )
            continue
        if path[0] == "verifikasi" and day > today:
            yield Issue(
                doc.path,
                doc.line_of(path),
                field_name(path),
                f"tanggal verifikasi {value} ada di masa depan.",
                "tulis tanggal pemeriksaan terakhir yang sudah terjadi.",
            )
    for doc in b.institutions.values():
        if b.ok(doc) and doc.data["standardisasi"].get("tahun", 0) > today.year:
            path = ("standardisasi", "tahun")
            yield Issue(
                doc.path,
                doc.line_of(path),
                field_name(path),
                "tahun standardisasi ada di masa depan.",
                "tulis tahun lembaga ditetapkan terstandar.",
            )


def rule_releases(b: Bundle):
    """Snapshots are named by their version, and a released version's criteria and steps are
    never edited in place: changing them means raising the version (printouts name it)."""
    from .releases import Release, criterion_from_yaml, step_from_yaml, version_key

    pedoman, criteria, steps = (b.guideline.get(k) for k in ("pedoman", "kriteria", "tindak-lanjut"))
    for stem, doc in b.releases.items():
        if b.ok(doc) and doc.data["versi"] != stem:
            yield Issue(
                doc.path,
                doc.line_of(("versi",)),
                "versi",
                f"versi '{doc.data['versi']}' berbeda dengan nama berkas.",
                "cuplikan dibuat oleh `lplpp rilis`; jangan disunting atau diganti namanya.",
            )
    if not (b.ok(pedoman) and b.ok(criteria) and b.ok(steps)):
        return
    version = pedoman.data["versi"]
    released = [v for v in b.releases if b.ok(b.releases[v]) and b.releases[v].data["versi"] == v]
    newer = [v for v in released if version_key(v) > version_key(version)]
    if newer:
        yield Issue(
            pedoman.path,
            pedoman.line_of(("versi",)),
            "versi",
            f"versi {version} lebih rendah daripada " f"versi yang sudah dirilis ({max(newer, key=version_key)}).",
            "versi hanya boleh naik.",
        )
    if version in released:
        snapshot = Release.from_data(b.releases[version].data)
        current_criteria = {c["id"]: criterion_from_yaml(c) for _, c in _list(criteria, "kriteria")}
        current_steps = {s["id"]: step_from_yaml(s) for _, s in _list(steps, "langkah")}
        if snapshot.criteria != current_criteria or snapshot.steps != current_steps:
            yield Issue(
                pedoman.path,
                pedoman.line_of(("versi",)),
                "versi",
                f"kriteria atau langkah tindak lanjut berubah sejak versi {version} dirilis, tetapi versi belum dinaikkan.",
                "naikkan `versi` (mis. PATCH untuk perbaikan kata, MINOR untuk kriteria baru/berubah) dan "
                "`tanggal`, lalu jalankan `lplpp rilis`.",
            )


def rule_protected_location(b: Bundle):
    """A protected location (safe house) is never written down in the repository: pages leave it out,
    but the edit buttons lead to the YAML on GitHub, and Git keeps every version forever."""
    for doc in b.institutions.values():
        if not (b.ok(doc) and doc.data.get("lokasi_rahasia") is True):
            continue
        for key in ("alamat", "koordinat"):
            if key in doc.data:
                yield Issue(
                    doc.path,
                    doc.line_of((key,)),
                    key,
                    "lokasinya dirahasiakan (lokasi_rahasia: true), jadi alamat dan koordinatnya tidak boleh "
                    "disimpan di repositori: riwayat Git dapat dibaca siapa saja dan menyimpannya selamanya.",
                    f"hapus baris `{key}`; alamat lokasi yang dilindungi disimpan Dinas secara luring. Bila sudah "
                    'terlanjur masuk ke Git, ikuti CONTRIBUTING.md bagian "Alamat lokasi yang dilindungi".',
                )


def _key(name: str) -> str:
    """How search compares names: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def rule_region_aliases(b: Bundle):
    """An alias finds one region: it is no other region's name, short name or alias."""
    doc = b.regions
    if not b.ok(doc):
        return
    owner: dict[str, tuple[str, int]] = {}  # name -> (code, line) of the region it names
    for key in ("provinsi", "kabupaten_kota"):
        for i, r in _list(doc, key):
            short = r["nama"].removeprefix(REGENCY_KINDS.get(r.get("jenis", ""), "-") + " ")  # "Sumba Timur"
            for name in {r["nama"], short} | ({r["singkatan"]} if r.get("singkatan") else set()):
                owner.setdefault(_key(name), (r["kode"], doc.line_of((key, i, "nama"))))
    for key in ("provinsi", "kabupaten_kota"):
        for i, r in _list(doc, key):
            for j, alias in enumerate(r.get("alias") or []):
                path = (key, i, "alias", j)
                taken = owner.get(_key(alias))
                if taken and taken[0] != r["kode"]:
                    yield Issue(
                        doc.path,
                        doc.line_of(path),
                        field_name(path),
                        f"alias '{alias}' sudah menjadi nama atau alias wilayah {taken[0]} (baris {taken[1]}).",
                        "satu alias hanya boleh menunjuk satu wilayah; hapus salah satunya.",
                    )
                else:
                    owner[_key(alias)] = (r["kode"], doc.line_of(path))


def rule_region_details(b: Bundle):
    doc = b.region_details
    if not b.ok(doc) or not b.ok(b.regions):
        return
    known = _ids(b.regions, "kabupaten_kota", "kode")
    for code in doc.data["kabupaten_kota"]:
        if code not in known:
            path = ("kabupaten_kota", code)
            yield Issue(
                doc.path,
                doc.line_of(path),
                field_name(path),
                f"kode '{code}' tidak ada di data/wilayah.yaml.",
                "buat ulang kedua berkas dari versi idn-area-data yang sama dengan `python -m macros.regions`.",
            )


def rule_synonyms(b: Bundle):
    doc = b.guideline.get("sinonim")
    if not b.ok(doc):
        return
    first: dict[str, int] = {}
    for i, s in _list(doc, "sinonim"):
        path = ("sinonim", i, "kata")
        word = _key(s["kata"])
        if word in first:
            yield Issue(
                doc.path,
                doc.line_of(path),
                field_name(path),
                f"kata '{s['kata']}' sudah tercantum (baris {first[word]}).",
                "gabungkan istilahnya di `berarti` butir yang pertama, lalu hapus butir ini.",
            )
        else:
            first[word] = doc.line_of(path)


# ------------------------------------------------------------------ records that come back


@dataclass
class _Version:
    date: dt.date | None
    criteria: set[str]
    steps: set[str]


def _versions(b: Bundle) -> dict[str, _Version]:
    """Every version a record may name: the released snapshots and the current guideline."""
    found: dict[str, _Version] = {}
    for stem, doc in b.releases.items():
        if b.ok(doc) and doc.data["versi"] == stem:
            found[stem] = _Version(_date_or_none(doc.data["tanggal"]), _ids(doc, "kriteria"), _ids(doc, "langkah"))
    pedoman = b.guideline.get("pedoman")
    if b.ok(pedoman):
        criteria, steps = b.guideline.get("kriteria"), b.guideline.get("tindak-lanjut")
        found[pedoman.data["versi"]] = _Version(
            _date_or_none(pedoman.data["tanggal"]), _ids(criteria, "kriteria"), _ids(steps, "langkah")
        )
    return found


def _date_or_none(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _day(doc: Document, path: tuple, earliest: dt.date | None, today: dt.date, since: str):
    """The date at path, or an issue when it does not exist, lies in the future or before `earliest`."""
    value = doc.data
    for part in path:
        value = value[part]
    day = _date_or_none(value)
    if day is None:
        return None, Issue(
            doc.path,
            doc.line_of(path),
            field_name(path),
            f"'{value}' bukan tanggal yang ada.",
            'periksa bulan (01-12) dan tanggalnya, format "TTTT-BB-HH".',
        )
    if day > today:
        return day, Issue(
            doc.path,
            doc.line_of(path),
            field_name(path),
            f"tanggal {value} ada di masa depan.",
            "catat hanya yang sudah terjadi, dengan tanggal terjadinya.",
        )
    if earliest is not None and day < earliest:
        return day, Issue(
            doc.path,
            doc.line_of(path),
            field_name(path),
            f"tanggal {value} lebih awal daripada {since} ({earliest.isoformat()}).",
            "periksa tahunnya, atau pilih versi pedoman yang berlaku pada tanggal itu.",
        )
    return day, None


def _version_ref(doc: Document, versions: dict[str, _Version]):
    version = doc.data["versi_pedoman"]
    if version in versions:
        return versions[version], None
    known = sorted(versions, key=lambda v: tuple(int(x) for x in v.split(".")))
    return None, Issue(
        doc.path,
        doc.line_of(("versi_pedoman",)),
        "versi_pedoman",
        f"versi pedoman '{version}' tidak dikenal.",
        f"{_suggest(version, known)}tulis versi yang tercetak di daftar periksa; versi yang ada: {', '.join(known)}.",
    )


def _once_each(doc: Document, key: str, ident: str, values: list[str], known: set[str] | None, what: str, version: str):
    """Every item names an ID of the version, and no ID is answered twice."""
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        path = (key, index, ident)
        if known is not None and value not in known:
            yield Issue(
                doc.path,
                doc.line_of(path),
                field_name(path),
                f"{what} '{value}' tidak ada di pedoman versi {version}.",
                f"{_suggest(value, sorted(known))}pakai ID yang tercetak pada daftar periksa versi {version}.",
            )
        if value in first:
            yield Issue(
                doc.path,
                doc.line_of(path),
                field_name(path),
                f"{what} '{value}' sudah dijawab di butir lain (baris {doc.line_of((key, first[value], ident))}).",
                f"satu {what} hanya dijawab sekali: gabungkan kedua butir.",
            )
        else:
            first[value] = index  # its line is looked up only for a message


def rule_followup_records(b: Bundle, today: dt.date | None = None):
    """data/tindak-lanjut/<PP.RR>.yaml: the region exists and is the file's, steps exist in the version
    named and appear once, dates happened, and not before the guideline existed."""
    today = today or dt.date.today()
    if not b.followups:
        return
    versions = _versions(b)
    regencies = _ids(b.regions, "kabupaten_kota", "kode")
    earliest = min((v.date for v in versions.values() if v.date is not None), default=None)
    for stem, doc in b.followups.items():
        if not b.ok(doc):
            continue
        code = doc.data["wilayah"]
        if code != stem:
            yield Issue(
                doc.path,
                doc.line_of(("wilayah",)),
                "wilayah",
                f"kode '{code}' berbeda dengan nama berkas '{stem}.yaml'.",
                f'samakan: tulis `wilayah: "{stem}"` atau ganti nama berkas menjadi {code}.yaml.',
            )
        if regencies and code not in regencies:
            yield Issue(
                doc.path,
                doc.line_of(("wilayah",)),
                "wilayah",
                f"kode kabupaten/kota '{code}' tidak ada dalam data/wilayah.yaml.",
                f"{_suggest_region(code, regencies)}catatan tindak lanjut dibuat per kabupaten/kota "
                '(kode berbentuk "PP.RR").',
            )
        version, issue = _version_ref(doc, versions)
        if issue:
            yield issue
        steps = [item["langkah"] for item in doc.data["langkah"]]
        yield from _once_each(
            doc, "langkah", "langkah", steps, version.steps if version else None, "langkah", doc.data["versi_pedoman"]
        )
        updated, issue = _day(doc, ("diperbarui",), earliest, today, "pedoman pertama terbit")
        if issue:
            yield issue
        for index, _ in _list(doc, "langkah"):
            path = ("langkah", index, "tanggal")
            day, issue = _day(doc, path, earliest, today, "pedoman pertama terbit")
            if issue:
                yield issue
            elif day and updated and day > updated:
                yield Issue(
                    doc.path,
                    doc.line_of(("diperbarui",)),
                    "diperbarui",
                    f"tanggal pembaruan {updated.isoformat()} lebih awal daripada tanggal langkah "
                    f"(baris {doc.line_of(path)}, {day.isoformat()}).",
                    "tulis tanggal terakhir catatan ini diubah.",
                )


def rule_assessments(b: Bundle, today: dt.date | None = None):
    """data/penilaian/<lembaga>/<TTTT-BB-HH>.yaml: the institution exists and is the folder's, the date is
    the file's, criteria exist in the version named and are answered once, and a protected location's
    evidence links stay out of the repository."""
    today = today or dt.date.today()
    if not b.assessments:
        return
    versions = _versions(b)
    institutions = {stem: doc for stem, doc in b.institutions.items() if b.ok(doc)}
    for (folder, stem), doc in b.assessments.items():
        if not b.ok(doc):
            continue
        d = doc.data
        if d["lembaga"] != folder:
            yield Issue(
                doc.path,
                doc.line_of(("lembaga",)),
                "lembaga",
                f"lembaga '{d['lembaga']}' berbeda dengan nama foldernya '{folder}'.",
                f"samakan: tulis `lembaga: {folder}` atau simpan berkas di data/penilaian/{d['lembaga']}/.",
            )
        if folder not in b.institutions:
            yield Issue(
                doc.path,
                doc.line_of(("lembaga",)),
                "lembaga",
                f"lembaga '{folder}' tidak ada di data/lembaga/.",
                f"{_suggest(folder, sorted(b.institutions))}nama folder penilaian sama dengan ID lembaganya; "
                "daftarkan lembaganya lebih dulu.",
            )
        if d["tanggal"] != stem:
            yield Issue(
                doc.path,
                doc.line_of(("tanggal",)),
                "tanggal",
                f"tanggal '{d['tanggal']}' berbeda dengan nama berkas '{stem}.yaml'.",
                f'samakan: tulis `tanggal: "{stem}"` atau ganti nama berkas menjadi {d["tanggal"]}.yaml.',
            )
        version, issue = _version_ref(doc, versions)
        if issue:
            yield issue
        answers = d["jawaban"]  # plain tuples in Answer's order since the schema passed (content.COMPACT)
        yield from _once_each(
            doc,
            "jawaban",
            "kriteria",
            [a[CRITERION] for a in answers],
            version.criteria if version else None,
            "kriteria",
            d["versi_pedoman"],
        )
        since = f"terbitnya pedoman versi {d['versi_pedoman']}"
        _, issue = _day(doc, ("tanggal",), version.date if version else None, today, since)
        if issue:
            yield issue
        owner = institutions.get(folder)
        if owner is not None and owner.data.get("lokasi_rahasia") is True:
            for index, answer in enumerate(answers):
                if answer[EVIDENCE_URL] is not None:
                    path = ("jawaban", index, "tautan")
                    yield Issue(
                        doc.path,
                        doc.line_of(path),
                        field_name(path),
                        "lokasi lembaga ini dirahasiakan (lokasi_rahasia: true), jadi tautan bukti tidak "
                        "diterbitkan: dokumen di balik tautan dapat menunjukkan tempatnya.",
                        "hapus baris `tautan`; uraikan buktinya di `bukti` tanpa alamat atau tautan.",
                    )


RULES: list[Callable[[Bundle], Iterable[Issue]]] = [
    rule_unique_ids,
    rule_id_matches_file,
    rule_stable_ids,
    rule_guideline_references,
    rule_standard_complete,
    rule_regions,
    rule_record_references,
    rule_dates,
    rule_releases,
    rule_protected_location,
    rule_region_aliases,
    rule_region_details,
    rule_synonyms,
    rule_followup_records,
    rule_assessments,
]


def rule_issues(bundle: Bundle) -> list[Issue]:
    """Every rule's issues, at most MAX_ISSUES (and a closing line) per file."""
    by_file: dict[str, list[Issue]] = {}
    for rule in RULES:
        for issue in rule(bundle):
            found = by_file.setdefault(issue.path, [])
            if len(found) <= MAX_ISSUES:
                found.append(issue)
    return [issue for path, found in by_file.items() for issue in capped(found, path)]
