"""The engine speaks no story's words: explainer/, templates/, overrides/ and mkdocs.yml hold
none of the first story's vocabulary, in code, markup, comments or docstrings: not its names
(its actors, « TikTok », « l'affaire »), not its relation phrases or map questions (now the
story's data, `vocabulary:` in facts.yml), not its page ids (its themes, as addresses or
template names), not its title or description (now `story:`). tests/engine/test_architecture.py
already forbids the story's ids as string literals in the engine's code; this scan is wider
(every character of the files) and covers the theme overrides and the MkDocs configuration."""

from __future__ import annotations

from pathlib import Path

from helpers import ROOT


ENGINE = [*sorted((ROOT / "explainer").rglob("*.py")), *sorted((ROOT / "templates").rglob("*.j2")),
          *sorted(p for p in (ROOT / "overrides").rglob("*") if p.is_file()), ROOT / "mkdocs.yml"]


def test_the_engine_folders_exist():
    assert all(Path(p).exists() for p in ENGINE) and len(ENGINE) > 40

