"""mkdocs.yml is read by MkDocs' own loader, once per build (explainer/siteconfig.py)."""

from __future__ import annotations

import mkdocs.config
import pytest

from explainer.pipeline import run_generate, run_links
from explainer.siteconfig import read_site_config


@pytest.mark.parametrize("value", [None, "", "https://example.org/dossier", "https://example.org/dossier/"])
def test_site_url_is_what_mkdocs_reads(fixture_project, monkeypatch, value):
    """SITE_URL unset (the story's site_url), empty (no address) or set: the generator sees what
    MkDocs sees in the configuration it builds with."""
    if value is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", value)
    result = run_generate(fixture_project)
    assert not result.problems, result.problems.items
    mkdocs_url = mkdocs.config.load_config(config_file=str(fixture_project.path("generated"))).site_url
    ours = read_site_config(fixture_project.path("config")).site_url
    expected = mkdocs_url or "/"
    assert ours == result.config.site_url == (expected if expected.endswith("/") else expected + "/")
    if value:
        assert ours == value.rstrip("/") + "/"
    elif value is None:
        assert ours == "https://redaction.example.fr/quais-de-brest/"  # the fixture story's own address


def test_mkdocs_yml_holds_no_story_and_is_never_rewritten(fixture_project, capsys):
    """The story's name, description, address and nav live in facts.yml and the plan: a key of
    theirs in mkdocs.yml is refused, located, with the fix; a build leaves mkdocs.yml as it was."""
    from explainer.cli import main

    config = fixture_project.path("config")
    before = config.read_bytes()
    assert main(["build", "--root", str(fixture_project.root), "--quiet"]) == 0
    assert config.read_bytes() == before
    config.write_text(before.decode("utf-8") + 'site_name: "Un autre nom"\n', encoding="utf-8")
    line = before.decode("utf-8").count("\n") + 1
    assert main(["check", "--root", str(fixture_project.root)]) == 0  # check does not read mkdocs.yml
    capsys.readouterr()
    assert main(["build", "--root", str(fixture_project.root), "--quiet"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"mkdocs.yml:{line}:1: « site_name » n'a pas sa place dans mkdocs.yml : le nom, la description et l'adresse du "
        "site viennent de story: dans facts.yml (title, description, site_url), la navigation du plan du site ; retirez cette clé")


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
