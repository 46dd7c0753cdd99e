"""Golden build: the Markdown generated for the small fixture story, compared file by file
with the checked-in tree in tests/fixtures/golden/.

After an intended change to the templates, regenerate and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/engine/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from explainer.pipeline import run_generate


GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"


def test_generated_markdown_matches_golden(fixture_project):
    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    docs = fixture_project.path("docs")
    produced = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
    assert produced, "nothing generated"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in produced.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(produced) == sorted(expected)
    for rel in expected:
        assert produced[rel] == expected[rel], f"{rel} differs from the golden copy"
