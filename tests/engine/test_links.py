"""Permanent addresses: the manifest is enforced, aliases keep old links landing, and every
element has a « citer » control."""

from __future__ import annotations

import pytest

from explainer.cli import main
from explainer.siteconfig import Identity, read_site_config
from explainer.pipeline import run_build
from helpers import edit


def test_renaming_an_id_without_alias_fails_naming_it(fixture_project, capsys):
    root = fixture_project.root
    assert main(["links", "--root", str(root), "--update"]) == 0
    manifest = (root / "links.txt").read_text(encoding="utf-8")
    assert "/echeances/#fermeture-quais" in manifest and "/acteurs/#mairie" in manifest
    edit(root / "facts.yml", "fermeture-quais", "quais-fermes", count=-1)
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    line = manifest.splitlines().index("/echeances/#fermeture-quais") + 1
    assert (
        f"links.txt:{line}:1: l'adresse « /echeances/#fermeture-quais » est publiée et ne le serait plus : "
        "l'id « fermeture-quais » a disparu. Gardez-le dans « aliases: » de l'élément qui le remplace (ou rétablissez-le)"
    ) in err.splitlines()
    # `links --update` refuses too: removals always need an alias or a redirect
    assert main(["links", "--root", str(root), "--update"]) == 1
    assert "/echeances/#fermeture-quais" in (root / "links.txt").read_text(encoding="utf-8")


def test_an_alias_keeps_the_old_address(fixture_project):
    root = fixture_project.root
    assert main(["links", "--root", str(root), "--update"]) == 0
    edit(root / "facts.yml", "  - id: fermeture-quais\n", "  - id: quais-fermes\n    aliases: [fermeture-quais]\n", count=-1)
    edit(root / "facts.yml", "fermeture-quais", "quais-fermes", count=-1)  # every reference follows the rename…
    edit(root / "facts.yml", "aliases: [quais-fermes]", "aliases: [fermeture-quais]", count=-1)  # …but the alias keeps the old id
    result = run_build(fixture_project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    html = (root / "site" / "echeances" / "index.html").read_text(encoding="utf-8")
    assert 'id="quais-fermes"' in html and 'id="fermeture-quais"' in html


def test_a_redirect_covers_a_moved_page(tmp_path):
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config.write_text(
        "plugins:\n  - search\n  - redirects:\n      redirect_maps:\n        ancien.md: acteurs.md\n",
        encoding="utf-8",
    )
    identity = Identity(title="x", description="", site_url="https://example.org/x/", feed_id=None)
    assert read_site_config(config, identity).redirected == {"ancien.md"}


def test_an_element_that_changes_page_is_reported_as_moved(fixture_project, capsys):
    root = fixture_project.root
    assert main(["links", "--root", str(root), "--update"]) == 0
    edit(root / "facts.yml", "themes: [echeances, acteurs]", "themes: [acteurs, echeances]", count=-1)
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "« fermeture-quais » a changé de page (désormais /acteurs/#fermeture-quais)" in err


BROKEN_YAML = [
    ("colon in a value", "site_description: Qui voulait quoi: avant quand\n"),
    ("unclosed quote", 'site_description: "Qui voulait quoi\nsite_url: x\n'),
    ("tab indentation", "theme:\n\tname: material\n"),
    ("bad indentation", "theme:\n  name: material\n    x: 1\n  y: 2\n"),
    ("unclosed bracket", "plugins: [search\nsite_url: x\n"),
    ("dash in a mapping", "theme:\n  name: material\n- search\n"),
]


@pytest.mark.parametrize("name, text", BROKEN_YAML, ids=[c[0] for c in BROKEN_YAML])
def test_mkdocs_yml_syntax_errors_read_as_facts_yml_ones(tmp_path, name, text):
    from explainer.siteconfig import ConfigError, read_site_config
    from explainer.yamlsource import parse

    (tmp_path / "mkdocs.yml").write_text("site_name: Essai\n" + text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        read_site_config(tmp_path / "mkdocs.yml")
    [expected] = parse("site_name: Essai\n" + text)[1]
    assert (raised.value.line, raised.value.col, str(raised.value)) == (expected.line, expected.col, expected.message)
    assert "vérifiez l'indentation et les guillemets de cette ligne" not in expected.message, "an explained mistake"

