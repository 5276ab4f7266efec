"""Open data that passes the standards' own validators: the Frictionless data package validated by
frictionless itself, and the HSDS 3.0 exports checked against the specification's official schema
files (tests/fixtures/hsds-3.0, copied unchanged: see README.txt there)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from conftest import REPO, lplpp
from frictionless import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from macros.content import load_content

HSDS = REPO / "tests/fixtures/hsds-3.0"
OFFICIAL = {path.stem: json.loads(path.read_text("utf-8")) for path in HSDS.glob("*.json")}
REGISTRY = Registry().with_resources(
    (f"{name}.json", Resource.from_contents(schema, default_specification=DRAFT202012))
    for name, schema in OFFICIAL.items()
)
CONTENT = load_content(REPO)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ekspor")
    result = lplpp("export", "--out", out, "--site-url", "https://lplpp.example.id/")
    assert result.returncode == 0, result.stderr
    return out


def _errors(report) -> list:
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("package", ["datapackage.json", "hsds/datapackage.json"])
def test_frictionless_validates_the_data_package(exported: Path, package: str):
    report = validate(str(exported / package))
    assert report.valid, _errors(report)
    descriptor = json.loads((exported / package).read_text("utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    created = dt.datetime.fromisoformat(descriptor["created"])  # RFC 3339: a date and time with its offset
    assert created.utcoffset() == dt.timedelta(0)
    listed = {r["path"] for r in descriptor["resources"]}
    assert all((exported / package).parent.joinpath(path).is_file() for path in listed)


def test_region_codes_are_a_foreign_key_that_frictionless_enforces(exported: Path, tmp_path: Path):
    descriptor = json.loads((exported / "datapackage.json").read_text("utf-8"))
    keys = {
        (fk["fields"][0], fk["reference"]["resource"])
        for r in descriptor["resources"]
        for fk in r["schema"].get("foreignKeys", [])
    }
    assert ("kode_kabupaten_kota", "wilayah") in keys and ("kode_provinsi", "wilayah") in keys
    # An institution pointing at a region the region table lacks is caught by the validator.
    broken = tmp_path / "rusak"
    broken.mkdir()
    for path in exported.glob("*.*"):
        (broken / path.name).write_bytes(path.read_bytes())
    regions = (broken / "wilayah.csv").read_bytes()
    assert b"\r\n53.71," in regions  # Kota Kupang, where yagat is
    (broken / "wilayah.csv").write_bytes(regions.replace(b"\r\n53.71,", b"\r\n99.99,"))
    report = validate(str(broken / "datapackage.json"))
    assert not report.valid
    assert any(e[2] == "foreign-key" for e in _errors(report))


def _typed(value: str, field: dict):
    if field["type"] == "number":
        return float(value)
    return value


def _check_formats(record: dict, schema: dict) -> None:
    for name, value in record.items():
        prop = schema["properties"][name]
        if name == "id" or name.endswith("_id"):
            assert str(uuid.UUID(value)) == value  # HSDS 3.0: identifiers are UUIDs
        if prop.get("format") == "uri":
            assert urlsplit(value).scheme in ("http", "https") and urlsplit(value).netloc, value
        if prop.get("datapackage_type") == "date":
            dt.date.fromisoformat(value)


def test_hsds_tabular_form_matches_the_official_schemas(exported: Path):
    package = json.loads((exported / "hsds/datapackage.json").read_text("utf-8"))
    checker = jsonschema.FormatChecker()
    ids: dict[str, set[str]] = {}
    for resource in package["resources"]:
        schema = OFFICIAL[resource["name"]]
        assert resource["path"] == schema["path"]  # the specification's file names
        text = (exported / "hsds" / resource["path"]).read_text("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows, resource["name"]
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert set(fields) <= set(schema["properties"]), set(fields) - set(schema["properties"])
        for field in fields.values():  # the same types as the specification
            official = schema["properties"][field["name"]]
            assert field["type"] == official.get("datapackage_type", official["type"]), field["name"]
        tabular = {**schema, "required": schema["required"] + schema.get("tabular_required", [])}
        validator = jsonschema.Draft202012Validator(tabular, registry=REGISTRY, format_checker=checker)
        for row in rows:
            record = {k: _typed(v, fields[k]) for k, v in row.items() if v != ""}
            errors = [e.message for e in validator.iter_errors(record)]
            assert not errors, (resource["name"], record, errors)
            _check_formats(record, schema)
        ids[resource["name"]] = {row["id"] for row in rows}
    assert len(ids["organization"]) == len(CONTENT.institutions)
    assert len(ids["service"]) == sum(len(i.products) for i in CONTENT.institutions.values())


def test_hsds_json_is_the_specifications_service_list(exported: Path):
    page = json.loads((exported / "hsds.json").read_text("utf-8"))
    # HSDS 3.0's API answers /services with a Page: these fields, the services in `contents`.
    assert page["total_items"] == page["size"] == len(page["contents"]) > 0
    assert (page["page_number"], page["total_pages"], page["first_page"], page["last_page"], page["empty"]) == (
        1,
        1,
        True,
        True,
        False,
    )
    validator = jsonschema.Draft202012Validator(
        OFFICIAL["service"], registry=REGISTRY, format_checker=jsonschema.FormatChecker()
    )
    for service in page["contents"]:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(service)]
        assert not errors, errors
        assert service["organization"]["id"] == service["organization_id"]
        assert all(link["location"]["id"] == link["location_id"] for link in service["service_at_locations"])
        _check_formats({k: v for k, v in service.items() if isinstance(v, str)}, OFFICIAL["service"])
        _check_formats(service["organization"], OFFICIAL["organization"])


def test_confidential_locations_stay_out_of_hsds(exported: Path):
    hidden = [i for i in CONTENT.institutions.values() if i.confidential_location]
    text = (exported / "hsds/locations.csv").read_text("utf-8") + (exported / "hsds.json").read_text("utf-8")
    for inst in hidden:
        assert inst.address is None and inst.coordinates is None  # the model drops them, the exports follow
    assert "lintang" not in text
