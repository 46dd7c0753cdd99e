"""This story's fact sheet names the JSON Schema editors' tools read (the engine's schema tests
are in tests/engine/test_schema.py)."""


def test_fact_sheet_names_its_schema(real_root):
    first = (real_root / "facts.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=docs/schema/facts.schema.json"
