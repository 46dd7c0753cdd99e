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
