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


def test_a_value_mkdocs_refuses_is_located_with_mkdocs_reason(fixture_project, capsys):
    """Not a YAML error but a value MkDocs rejects: its reason, at the line of the key it names,
    and nothing written."""
    from explainer.cli import main
    from helpers import tree_digest

    config = fixture_project.path("config")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: peut-être"), encoding="utf-8")
    line = next(n for n, row in enumerate(config.read_text(encoding="utf-8").split("\n"), 1)
                if row.startswith("use_directory_urls:"))
    docs = tree_digest(fixture_project.path("docs"))
    assert main(["build", "--root", str(fixture_project.root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"mkdocs.yml:{line}:1: MkDocs refuse cette configuration : Config value 'use_directory_urls'"), err
    assert tree_digest(fixture_project.path("docs")) == docs
