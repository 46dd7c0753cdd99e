"""Every JSON-LD block of the built site against the schema.org vocabulary (a local, trimmed
copy: tests/fixtures/schemaorg/vocabulary.json, remade by scripts/trim_schemaorg.py; no
network): known types, properties used on types they belong to, values of a type their
range allows. And what the graph says is honest: no invented title, the page cites the
articles it quotes, deadlines are not events."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
import pytest


VOCAB = json.loads((Path(__file__).parents[1] / "fixtures" / "schemaorg" / "vocabulary.json").read_text(encoding="utf-8"))


SCHEMA = "https://schema.org/"


ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$")


@cache
def ancestors(cls: str) -> frozenset[str]:
    out = {cls}
    for parent in VOCAB["classes"].get(cls, []):
        out |= ancestors(parent)
    return frozenset(out)


def is_a(cls: str, wanted: str) -> bool:
    return wanted in ancestors(cls)


def literal_fits(value, ranges: list[str]) -> bool:
    """A JSON literal against a property's ranges (datatypes and their subclasses)."""
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, (int, float)):
        return any(is_a(r, "Number") for r in ranges) or "Number" in ranges
    if any(r == "Text" or is_a(r, "Text") for r in ranges):
        if ranges == ["URL"]:
            return value.startswith(("http://", "https://"))
        return True
    if "Date" in ranges and ISO_DATE.match(value):
        return True
    if "DateTime" in ranges and (ISO_DATETIME.match(value) or ISO_DATE.match(value)):
        return True
    return False


def problems(node: dict, where: str) -> list[str]:
    found = []
    types = node.get("@type")
    types = [types] if isinstance(types, str) else list(types or [])
    if not types:
        return [f"{where}: node without @type"]
    for t in types:
        if t not in VOCAB["classes"]:
            found.append(f"{where}: unknown type {t}")
    for key, value in node.items():
        if key in ("@context", "@type", "@id"):
            continue
        prop = VOCAB["properties"].get(key)
        if prop is None:
            found.append(f"{where}: unknown property {key}")
            continue
        if not any(is_a(t, d) for t in types for d in prop["domain"]):
            found.append(f"{where}: {key} does not apply to {types} (domain {prop['domain']})")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                sub = item.get("@type")
                sub = [sub] if isinstance(sub, str) else list(sub or [])
                if not any(is_a(s, r) for s in sub for r in prop["range"]):
                    found.append(f"{where}.{key}: {sub} not in range {prop['range']}")
                found += problems(item, f"{where}.{key}")
            elif isinstance(item, str) and item.startswith(SCHEMA):
                member = item[len(SCHEMA):]
                kinds = VOCAB["members"].get(member) or ([member] if member in VOCAB["classes"] else None)
                if kinds is None:
                    found.append(f"{where}.{key}: unknown schema.org term {member}")
                elif not any(is_a(k, r) for k in kinds for r in prop["range"]) and "URL" not in prop["range"]:
                    found.append(f"{where}.{key}: {member} ({kinds}) not in range {prop['range']}")
            elif not literal_fits(item, prop["range"]):
                found.append(f"{where}.{key}: literal {item!r} not in range {prop['range']}")
    return found


def validate(block: dict) -> list[str]:
    assert block.get("@context") in ("https://schema.org", "https://schema.org/")
    return [p for i, node in enumerate(block["@graph"]) for p in problems(node, f"@graph[{i}]")]


@pytest.mark.parametrize(
    "node, expected",
    [
        ({"@type": "Article", "headline": "x"}, []),
        ({"@type": "Articel"}, ["@graph[0]: unknown type Articel"]),
        ({"@type": "Article", "previousStartDat": "2020-09-15"}, ["@graph[0]: unknown property previousStartDat"]),
        ({"@type": "Action", "startDate": "2020-09-15"},
         ["@graph[0]: startDate does not apply to ['Action'] (domain ['CreativeWorkSeason', 'CreativeWorkSeries', "
          "'DatedMoneySpecification', 'EducationalOccupationalProgram', 'Event', 'Role', 'Schedule'])"]),
        ({"@type": "Event", "eventStatus": "https://schema.org/EventRescheduledX"},
         ["@graph[0].eventStatus: unknown schema.org term EventRescheduledX"]),
        ({"@type": "Action", "actionStatus": "https://schema.org/EventScheduled"},
         ["@graph[0].actionStatus: EventScheduled (['EventStatusType']) not in range ['ActionStatusType']"]),
        ({"@type": "Action", "endTime": "20 septembre"}, ["@graph[0].endTime: literal '20 septembre' not in range ['DateTime', 'Time']"]),
        ({"@type": "Article", "citation": {"@type": "Person", "name": "x"}},
         ["@graph[0].citation: ['Person'] not in range ['CreativeWork', 'Text']"]),
    ],
)
def test_the_validator_catches_what_a_schema_checker_would(node, expected):
    assert validate({"@context": "https://schema.org", "@graph": [node]}) == expected

