"""Element kinds and references are declared once, in explainer/model.py, and every stage
walks the same declaration: FactSheet.elements(), .citations(), .references()."""

from __future__ import annotations

import dataclasses
import json
import typing
import pytest
from pydantic import BaseModel
from test_diagrams import project_with
from explainer import model
from explainer.check import check
from explainer.load import load
from explainer.problems import Problems

#: Slug fields that name something other than an element of the sheet, and why.


NOT_ELEMENT_REFERENCES = {
    ("Article", "id"): "the article's own id",
    ("Source", "article"): "an article: checked with its quote",
    ("Change", "id"): "the change's own id",
    ("Event", "date_basis"): "an article: checked by the editorial rules",
    ("Deadline", "date_basis"): "an article: checked by the editorial rules",
    ("DeadlineStep", "date_basis"): "an article: checked by the editorial rules",
    ("FactSheet", "narrative"): "its keys: « accueil » or a theme, checked by explainer/narrative.py",
    # the story's vocabulary: words, not elements (no page, no address); checked by check_vocabulary
    ("Verb", "hedged"): "a verb of the vocabulary",
    ("RelationVerb", "hedged"): "a verb of the vocabulary",
    ("RelationVerb", "question"): "a map question of the vocabulary",
    ("Vocabulary", "retired_relations"): "its keys: relation types no longer declared",
    ("Vocabulary", "retired_deal_roles"): "its keys: deal roles no longer declared",
    ("Relation", "type"): "a relation verb of the vocabulary",
    ("DealParty", "role"): "a deal role of the vocabulary",
}


def models() -> list[type[BaseModel]]:
    return [v for v in vars(model).values() if isinstance(v, type) and issubclass(v, model.Model) and v is not model.Model]


def names_a_slug(annotation) -> bool:
    text = repr(annotation)
    return model.SLUG_PATTERN in text or "pattern='^[a-z0-9]+" in text


def test_every_id_field_is_a_declared_reference_or_said_not_to_be():
    """A new field holding ids (`facts: list[Slug]`) must say what it names (`list[FactId]`),
    or the cross-reference check would silently skip it."""
    undeclared = []
    for cls in models():
        hints = typing.get_type_hints(cls, include_extras=True)
        for name in cls.model_fields:
            if name in ("id", "aliases") and (cls.__name__, name) not in NOT_ELEMENT_REFERENCES:
                continue
            if names_a_slug(hints[name]) and model._ref_of(hints[name]) is None:
                if (cls.__name__, name) not in NOT_ELEMENT_REFERENCES:
                    undeclared.append(f"{cls.__name__}.{name}")
    assert undeclared == []


def test_every_kind_of_element_is_a_section_of_the_sheet():
    sections = {
        name
        for name, field in model.FactSheet.model_fields.items()
        if typing.get_origin(field.annotation) is list
        and isinstance(typing.get_args(field.annotation)[0], type)
        and "id" in getattr(typing.get_args(field.annotation)[0], "model_fields", {})
    }
    assert sections == set(model.ELEMENTS)
    for section, (_, titled_by) in model.ELEMENTS.items():
        element = typing.get_args(model.FactSheet.model_fields[section].annotation)[0]
        assert titled_by in element.model_fields, section
        assert "aliases" in element.model_fields, section


def loaded_fixture(tmp_path):
    project = project_with(tmp_path)
    problems = Problems()
    loaded = load(project.root, problems)
    assert loaded is not None and not problems
    return loaded


def test_citations_are_every_source_of_the_sheet(tmp_path):
    sheet = loaded_fixture(tmp_path).sheet
    dumped = json.dumps(sheet.model_dump())
    assert len(list(sheet.citations())) == dumped.count('"quote": ') > 0
    for path, source, owner in sheet.citations():
        section, index = path[:2]
        assert getattr(sheet, section)[index].id == owner
        assert path[-2] == "sources" and isinstance(source, model.Source)


def replaced(value, path: tuple, new):
    """`value` (a frozen model or a list) with the item at `path` replaced by `new`."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, list):
        if head == len(value) and not rest:
            return [*value, new]  # a field the fixture leaves empty gets one id
        return [replaced(v, rest, new) if i == head else v for i, v in enumerate(value)]
    return value.model_copy(update={head: replaced(getattr(value, head), rest, new)})


def declared_fields(sheet) -> dict[tuple, tuple[tuple, model.Ref]]:
    """One occurrence of each reference field of the sheet: field (path without indices) -> (path, ref)."""
    out: dict[tuple, tuple[tuple, model.Ref]] = {}
    for path, _, ref in sheet.references():
        out.setdefault(tuple(p for p in path if isinstance(p, str)), (path, ref))
    return out


def declared_patterns(cls: type[BaseModel] = model.FactSheet, prefix: tuple = ()):
    """Every reference field the model declares, as (field path without indices, Ref), read from the types."""
    hints = typing.get_type_hints(cls, include_extras=True)
    for name in cls.model_fields:
        ref = model._ref_of(hints[name])
        if ref is not None:
            yield prefix + (name,), ref
            continue
        stack = [hints[name]]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                yield from declared_patterns(tp, prefix + (name,))
            else:
                stack.extend(typing.get_args(tp))


def test_the_declaration_covers_the_old_hand_written_checks():
    fields = {field for field, _ in declared_patterns()}
    assert {("facts", "themes"), ("facts", "actors"), ("story", "essentials"), ("story", "changes", "ids"),
            ("actors", "relations", "target"), ("actors", "relations", "fact"), ("events", "actors"),
            ("events", "facts"), ("deadlines", "actors"), ("deadlines", "facts"), ("deadlines", "history", "fact"),
            ("disagreements", "themes"), ("questions", "facts"), ("deals", "facts"), ("deals", "parties", "actor"),
            ("deals", "parties", "fact")} <= fields


def where_to_break(sheet) -> list[tuple[tuple, model.Ref, bool]]:
    """A path to break for every declared reference field: one the fixture uses, or else one
    made on its first element (then not in the YAML: the message is checked, not its line)."""
    used = declared_fields(sheet)
    out = []
    for field, ref in declared_patterns():
        if field in used:
            out.append((used[field][0], ref, True))
            continue
        path: tuple = ()
        for name in field:
            path += (name,)
            value = getattr(_at(sheet, path[:-1]), name)
            if isinstance(value, list):
                path += (0,)
        out.append((path, ref, False))
    return out


def _at(value, path: tuple):
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


@pytest.mark.parametrize("kind", ["unknown", "alias"])
def test_a_wrong_id_in_any_reference_field_is_reported_on_its_line(tmp_path, kind):
    """The walk is driven by the declaration: break each declared field in turn."""
    loaded = loaded_fixture(tmp_path)
    sheet = loaded.sheet
    tested = 0
    for path, ref, in_yaml in where_to_break(sheet):
        if kind == "alias":
            if ref.section is None:
                continue
            target = getattr(sheet, ref.section)[0]
            broken = replaced(replaced(sheet, (ref.section, 0, "aliases"), ["ancien-nom"]), path, "ancien-nom")
            expected = f"{ref.label} « ancien-nom » est un ancien id : écrivez « {target.id} »"
        else:
            broken = replaced(sheet, path, "nulle-part")
            expected = f"{ref.label} « nulle-part » inconnu"
        problems = Problems()
        check(dataclasses.replace(loaded, sheet=broken), problems)
        line, col = loaded.sheet_doc.where(path)
        found = [p for p in problems.items if expected in p.message and (not in_yaml or (p.line, p.col) == (line, col))]
        assert found, (path, [str(p) for p in problems.items])
        tested += 1
    assert tested >= len(list(declared_patterns())) - (kind == "alias")
