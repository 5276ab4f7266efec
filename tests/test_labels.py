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
    for path in (REPO / "macros").rglob("*.py"):
        literals = set(re.findall(r"""["']([a-z-]+)["']""", path.read_text(encoding="utf-8")))
        for values in lists:
            found = values & literals
            assert len(found) < max(2, len(values) // 2 + 1), (path.name, sorted(found))


def test_copies_of_a_closed_list_agree_value_for_value_and_label_for_label():
    """A list written in several schemas (the service products) is the same list everywhere."""
    lists = [
        (schema.name, path, {o["const"]: o["title"] for o in node["oneOf"] if "const" in o})
        for schema in SCHEMAS
        for path, node in closed_lists(json.loads(schema.read_text(encoding="utf-8")))
    ]
    copies = 0
    for name_a, path_a, a in lists:
        for name_b, path_b, b in lists:
            if (name_a, path_a) < (name_b, path_b) and len(a.keys() & b.keys()) >= 2:
                assert a == b, (name_a, path_a, name_b, path_b)
                copies += 1
    assert copies >= 6  # the four product lists, pairwise


def test_model_names_and_ids_come_from_the_schema_labels():
    from macros.content import load_content

    guideline = load_content(REPO).guideline
    assert [p.id for p in guideline.products] == list(labels.SERVICE_PRODUCTS)
    assert [c.id for c in guideline.components] == list(labels.COMPONENTS)
    assert [p.id for p in guideline.parties] == list(labels.PARTIES)
    assert guideline.products[1].name == labels.SERVICE_PRODUCTS["konsultasi"]
