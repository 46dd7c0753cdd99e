"""The whole build: a good story builds with --strict; a broken one names file and line and
leaves the last good site/ exactly as it was."""

from __future__ import annotations

from explainer.cli import main
from explainer.pipeline import run_build
from explainer.write import has_marker
from helpers import edit, tree_digest


def test_fixture_story_builds_strict(fixture_project):
    result = run_build(fixture_project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    site = fixture_project.path("site")
    for page in ("", "acteurs/", "echeances/", "reglement/", "role-du-port/", "divergences/",
                 "questions/", "sources/", "methode/", "glossaire/", "journal/"):
        assert (site / page / "index.html").is_file(), page
    for md in fixture_project.path("docs").glob("*.md"):
        assert has_marker(md.read_text(encoding="utf-8")), md


#: Bad input is tabled in test_bad_input.py (exact messages, site untouched); the one case here
#: is the one written as bytes.
def test_an_article_not_in_utf8_is_reported_and_site_untouched(fixture_project, capsys):
    root = fixture_project.root
    assert main(["build", "--root", str(root), "--quiet"]) == 0
    before = tree_digest(root / "site")
    path = root / "seeds" / "beta.txt"
    path.write_bytes(path.read_bytes().replace("fermés".encode(), b"ferm\xe9s", 1))  # a Latin-1 byte
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["seeds/beta.txt:1:23: l'article n'est pas en UTF-8 : réenregistrez-le en UTF-8",
                   "1 problème : le site n'a pas été modifié."]
    assert tree_digest(root / "site") == before


def test_mkdocs_failure_leaves_site_untouched(fixture_project, capsys):
    root = fixture_project.root
    assert main(["build", "--root", str(root), "--quiet"]) == 0
    before = tree_digest(root / "site")
    # a template that links to a page that does not exist: MkDocs --strict refuses it
    edit(root / "templates" / "methode.md.j2", '[Sources]({{ site.link(site.page("sources.md"), page) }})', "[Sources](nulle-part.md)")
    result = run_build(fixture_project)
    assert not result.ok
    assert any("nulle-part.md" in w for w in result.mkdocs_warnings)
    assert tree_digest(root / "site") == before
    assert not list(root.glob(".site-new-*"))


def test_full_text_is_off_by_default(fixture_project):
    assert run_build(fixture_project).ok
    html = (fixture_project.path("site") / "sources" / "index.html").read_text(encoding="utf-8")
    assert "Publicité" not in html  # not quoted, so not published
    assert "Texte intégral" not in html
