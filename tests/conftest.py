from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import ROOT, make_project  # noqa: E402


@pytest.fixture
def fixture_project(tmp_path):
    """A throw-away copy of the small fixture story, with the real templates and config."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def real_copy(tmp_path_factory, real_root):
    """A copy of the real project (sources, config, templates), built once for the session."""
    import shutil

    from explainer.pipeline import Project, run_build

    dest = tmp_path_factory.mktemp("real") / "project"
    ignore = shutil.ignore_patterns(".venv", ".git", "site", ".site-*", "__pycache__", ".pytest_cache", "node_modules",
                                    "screenshots", "*.md")
    shutil.copytree(real_root, dest, ignore=ignore)
    shutil.copytree(real_root / "docs" / "assets", dest / "docs" / "assets", dirs_exist_ok=True)
    project = Project(root=dest)
    result = run_build(project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    return project
