"""The whole build: a good story builds with --strict; a broken one names file and line and
leaves the last good site/ exactly as it was."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from explainer.cli import main
from explainer.pipeline import run_build
from explainer.write import has_marker


def tree_digest(folder: Path) -> str:
    """Names, types, modes, contents and link targets of a whole tree (links not followed)."""
    h = hashlib.sha256()
    h.update(oct(folder.lstat().st_mode).encode())
    if folder.is_symlink():
        return h.hexdigest() + os.readlink(folder)
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(base) / name
            info = path.lstat()
            h.update(f"{path.relative_to(folder)}\0{oct(info.st_mode)}\0".encode())
            if stat.S_ISLNK(info.st_mode):
                h.update(os.readlink(path).encode())
            elif stat.S_ISREG(info.st_mode):
                h.update(path.read_bytes())
    return h.hexdigest()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_story_builds_strict(fixture_project):
    result = run_build(fixture_project)
    assert result.ok, (result.problems.items, result.mkdocs_warnings)
    site = fixture_project.path("site")
    for page in ("", "acteurs/", "echeances/", "regles-chinoises/", "role-oracle/", "divergences/",
                 "questions/", "sources/", "methode/", "glossaire/", "journal/"):
        assert (site / page / "index.html").is_file(), page
    for md in fixture_project.path("docs").glob("*.md"):
        assert has_marker(md.read_text(encoding="utf-8")), md


BROKEN = [
    pytest.param(
        "facts.yml", "quote: le 2 mars\n", "quote: le 3 mars\n",
        "facts.yml:101:16: citation introuvable dans alpha (alpha.txt) ; passage le plus proche : « le 2 mars, »",
        id="misquote",
    ),
    pytest.param(
        "facts.yml", "    status: rapporté\n    updated:", "    status: rapporté\n    status: confirmé\n    updated:",
        "facts.yml:91:5: clé « status » en double (déjà définie ligne 90) : gardez-en une seule",
        id="duplicate-key",
    ),
    pytest.param(
        "facts.yml", "  - id: quai\n", "\t- id: quai\n",
        "facts.yml:143:1: tabulation dans l'indentation : YAML n'accepte que des espaces",
        id="yaml-syntax-tab",
    ),
    pytest.param(
        "seeds/articles.yml", "file: beta.txt", "file: betta.txt",
        "seeds/articles.yml:12:11: file : article « betta.txt » introuvable dans seeds/ : vouliez-vous dire « beta.txt » ?",
        id="missing-article",
    ),
    pytest.param(
        "seeds/beta.txt", "fermés", "ferm\udce9s",
        "seeds/beta.txt:1:23: l'article n'est pas en UTF-8 : réenregistrez-le en UTF-8",
        id="undecodable-article",
    ),
]


@pytest.mark.parametrize("file, old, new, message", BROKEN)
def test_broken_input_is_reported_and_site_untouched(fixture_project, capsys, file, old, new, message):
    root = fixture_project.root
    assert main(["build", "--root", str(root), "--quiet"]) == 0
    before = tree_digest(root / "site")
    path = root / file
    if "\udce9" in new:  # write a Latin-1 byte into the article
        raw = path.read_bytes().replace(old.encode(), new.encode("utf-8", "surrogateescape"), 1)
        path.write_bytes(raw)
    else:
        edit(path, old, new)
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [message, "1 problème : le site n'a pas été modifié."]
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
