"""The JSON Schemas editors use are current, and the project never reads ../shared."""

import json
import re

from explainer.model import schemas


def test_committed_schemas_are_current(real_root):
    for name, content in schemas().items():
        committed = (real_root / "docs" / "schema" / name).read_text(encoding="utf-8")
        assert committed == content, f"docs/schema/{name} is stale: run `make site` and commit it"
        json.loads(committed)


def test_nothing_reads_shared(real_root):
    pattern = re.compile(r"\.\./shared|/work/shared")
    for folder in ("explainer", "templates", "scripts", "overrides"):
        for path in (real_root / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".j2", ".html", ".sh", ".js"}:
                assert not pattern.search(path.read_text(encoding="utf-8")), path
    for name in ("Makefile", "build_site.py", "mkdocs.yml", ".ci/run"):
        assert not pattern.search((real_root / name).read_text(encoding="utf-8")), name


def test_schemas_speak_french_to_editors():
    """Hover and completion in editors: every field and model has a French title and a
    description, never pydantic's English default (« Country », « Applies To »)."""
    from explainer.schema_fr import FIELDS, MODELS

    french_titles = {t for t, _ in FIELDS.values()} | {t for t, _ in MODELS.values()}
    for name, content in schemas().items():
        schema = json.loads(content)
        found = []

        def walk(node, where, found=found):
            if isinstance(node, dict):
                for key, prop in node.get("properties", {}).items():
                    found.append((f"{where}.{key}", prop.get("title"), prop.get("description")))
                for key, value in node.items():
                    walk(value, f"{where}/{key}", found)
            elif isinstance(node, list):
                for value in node:
                    walk(value, where, found)

        walk(schema, name)
        found += [(f"{name}#{k}", v.get("title"), v.get("description")) for k, v in schema["$defs"].items()]
        found.append((name, schema.get("title"), schema.get("description")))
        assert len(found) > 10
        for where, title, description in found:
            assert title in french_titles, (where, title)
            assert description and not re.search(r"\b(the|of|and|which|whole)\b", description), (where, description)


def test_the_schemas_kept_between_builds_are_the_models(tmp_path, monkeypatch):
    import pydantic

    from explainer.write import cached_schemas

    cache = tmp_path / "schema"
    assert cached_schemas(cache) == schemas()
    (kept,) = cache.glob("*.json")
    assert cached_schemas(cache) == schemas()  # read back
    kept.write_text('{"facts.schema.json": ', encoding="utf-8")  # cut short
    assert cached_schemas(cache) == schemas()
    kept.write_text('["not", "a", "mapping"]', encoding="utf-8")
    assert cached_schemas(cache) == schemas()
    assert [p.name for p in cache.iterdir()] == [kept.name]  # rewritten in place, no temporary file left
    monkeypatch.setattr(pydantic, "VERSION", "0.0.0-other")  # another pydantic: another file
    assert cached_schemas(cache) == schemas()
    assert len(list(cache.glob("*.json"))) == 2


def test_the_schemas_without_a_writable_cache(tmp_path):
    from explainer.write import cached_schemas

    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    assert cached_schemas(blocked / "schema") == schemas()  # a file where the folder goes


def test_each_title_and_description_is_written_once():
    """Titles are schema_fr's; a field's description is model.py's (`Field(description=…)`) or,
    for a field no model describes, schema_fr's: never both (issue 25: `wants` was written
    twice, `country` worded two ways)."""
    from explainer import model
    from explainer.schema_fr import FIELDS

    own: dict[str, set[str]] = {}  # field name -> its descriptions in model.py
    bare: set[str] = set()  # field names some model leaves undescribed
    for cls in (model.FactSheet, model.ArticleList):
        schema = cls.model_json_schema()
        for definition in [schema, *schema.get("$defs", {}).values()]:
            for name, prop in definition.get("properties", {}).items():
                if "description" in prop:
                    own.setdefault(name, set()).add(prop["description"])
                else:
                    bare.add(name)
    dead = sorted(name for name, (_title, fallback) in FIELDS.items() if fallback is not None and name not in bare)
    assert dead == []  # a description nothing reads drifts from the one editors see
    lacking = sorted(name for name in bare if FIELDS[name][1] is None)
    assert lacking == []
