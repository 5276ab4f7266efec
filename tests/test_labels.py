"""Every closed value is written once, in a JSON Schema, with its Indonesian label; code reads it there."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO

from macros import labels

SCHEMAS = sorted((REPO / "data/schemas").glob("*.schema.json"))


def closed_lists(node, path=()):
    if isinstance(node, dict):
        if "enum" in node or ("oneOf" in node and any("const" in o for o in node["oneOf"])):
            yield path, node
        for key, value in node.items():
            yield from closed_lists(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from closed_lists(value, path + (index,))


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_every_closed_value_has_a_label(schema):
    for path, node in closed_lists(json.loads(schema.read_text(encoding="utf-8"))):
        assert "enum" not in node, f"{schema.name} {path}: write the list as oneOf [{{const, title}}]"
        for option in node["oneOf"]:
            if "const" in option:
                assert isinstance(option.get("title"), str) and option["title"].strip(), (schema.name, path, option)


def test_closed_lists_are_not_written_again_in_code():
    """No module spells out most of a closed list: lists and labels come from macros.labels
    (a value used for behaviour, such as `status == "terstandar"`, is fine)."""
    lists = [
        {o["const"] for o in node["oneOf"] if "const" in o}
        for schema in SCHEMAS
        for _, node in closed_lists(json.loads(schema.read_text(encoding="utf-8")))
    ]
    for path in (REPO / "macros").glob("*.py"):
        literals = set(re.findall(r"""["']([a-z-]+)["']""", path.read_text(encoding="utf-8")))
        for values in lists:
            found = values & literals
            assert len(found) < max(2, len(values) // 2 + 1), (path.name, sorted(found))


def test_guideline_names_come_from_the_schema_labels():
    from macros.content import load_content

    guideline = load_content(REPO).guideline
    assert {p.id: p.name for p in guideline.products} == labels.SERVICE_PRODUCTS
    assert {c.id: c.name for c in guideline.components} == labels.COMPONENTS
    assert {p.id: p.name for p in guideline.parties} == labels.PARTIES
