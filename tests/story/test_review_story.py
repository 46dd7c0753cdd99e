"""The review sheet (`make review`): golden copy for the fixture story, and a sheet with: this story's acceptance tests (the engine's are in tests/engine/test_review.py)."""

from __future__ import annotations

from explainer.review import OUTPUT


def test_review_sheet_is_not_published(real_root):
    assert f"/{OUTPUT}" in (real_root / ".gitignore").read_text(encoding="utf-8").split()

