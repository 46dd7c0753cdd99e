"""mkdocs.yml is read by MkDocs' own loader, once per build (explainer/siteconfig.py)."""

from __future__ import annotations

import mkdocs.config
import pytest

from explainer.pipeline import run_generate, run_links
from explainer.siteconfig import read_site_config


@pytest.mark.parametrize("value", [None, "", "https://example.org/dossier", "https://example.org/dossier/"])
def test_site_url_is_what_mkdocs_reads(fixture_project, monkeypatch, value):
    """`!ENV [SITE_URL, default]`: unset, empty or set, the generator sees what MkDocs sees."""
    if value is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", value)
    config = fixture_project.path("config")
    mkdocs_url = mkdocs.config.load_config(config_file=str(config)).site_url
    ours = read_site_config(config).site_url
    expected = mkdocs_url or "/"
    assert ours == (expected if expected.endswith("/") else expected + "/")
    if value:
        assert ours == value.rstrip("/") + "/"


def test_mkdocs_yml_is_read_once_per_build(fixture_project, monkeypatch):
    calls = []
    real = mkdocs.config.load_config

    def counting(*args, **kwargs):
        calls.append(kwargs.get("config_file"))
        return real(*args, **kwargs)

    monkeypatch.setattr(mkdocs.config, "load_config", counting)
    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    assert len(calls) == 1
    calls.clear()
    assert not run_links(fixture_project, update=True).problems
    assert len(calls) == 1


def test_links_runs_through_the_pipeline(fixture_project):
    result = run_links(fixture_project, update=True)
    assert not result.problems and result.site is not None
    listed = (fixture_project.root / "links.txt").read_text(encoding="utf-8")
    assert result.added and all(address in listed for address in result.added)
    assert run_links(fixture_project, update=True).added == []  # nothing new the second time
    assert not run_links(fixture_project).problems
