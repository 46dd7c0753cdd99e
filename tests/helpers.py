"""Shared test helpers: assemble a throw-away project around a fixture story."""

from __future__ import annotations

import shutil
from pathlib import Path

from explainer.pipeline import Project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(tmp: Path, story: str | Path = "story") -> Project:
    """Copy a fixture story plus the real templates and site configuration into `tmp`; return its Project."""
    source = FIXTURES / story if isinstance(story, str) else story
    shutil.copytree(source, tmp, dirs_exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp / "overrides", dirs_exist_ok=True)
    shutil.copytree(ROOT / "templates", tmp / "templates", dirs_exist_ok=True)
    shutil.copytree(ROOT / "docs" / "assets", tmp / "docs" / "assets", dirs_exist_ok=True)
    return Project(root=tmp)
