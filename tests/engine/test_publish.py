"""The publish stage's preparation of MkDocs' theme: the same files, listed faster."""

from __future__ import annotations

import jinja2
import pytest

from explainer.publish import visible_files
from helpers import ROOT


FILES = [
    "main.html",
    "partials/header.html",
    "assets/javascripts/bundle.js",
    ".icons/material/tiktok.svg",  # a hidden folder at the top
    "assets/.cache/x.css",  # a hidden folder further down
    ".DS_Store",  # a hidden file at the top
    "assets/.hidden.js",  # a hidden file further down
    "a.b/c.d.html",  # dots inside names are not hidden
]


def _hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/"))


@pytest.fixture()
def theme_dirs(tmp_path):
    first, second = tmp_path / "overrides", tmp_path / "theme"
    for name in FILES:
        for top in (first, second):
            (top / name).parent.mkdir(parents=True, exist_ok=True)
            (top / name).write_text("x", encoding="utf-8")
    (second / "only-in-theme.html").write_text("x", encoding="utf-8")
    return [str(first), str(second)]


def test_visible_files_are_jinjas_list_without_hidden_names(theme_dirs):
    jinja_list = jinja2.FileSystemLoader(theme_dirs).list_templates()
    assert visible_files(theme_dirs) == [name for name in jinja_list if not _hidden(name)]
    assert "only-in-theme.html" in visible_files(theme_dirs)
    assert "a.b/c.d.html" in visible_files(theme_dirs)
    assert not [name for name in visible_files(theme_dirs) if _hidden(name)]


def test_mkdocs_copies_the_same_theme_files_with_the_short_list(tmp_path):
    """On the real mkdocs.yml and theme: the static files MkDocs takes from the theme are the
    same whether it lists every file (14,000 icons included) or the visible ones only."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from explainer.publish import _prepare_theme
    from explainer.siteconfig import mkdocs_log

    with mkdocs_log():
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), site_name="x")
    plain = Files([])
    plain.add_files_from_theme(config.theme.get_env(), config)
    _prepare_theme(config.theme, tmp_path / "cache")
    prepared = Files([])
    prepared.add_files_from_theme(config.theme.get_env(), config)
    assert len(plain) > 20  # the theme's scripts, stylesheets, fonts, images
    assert sorted((f.src_uri, f.abs_src_path) for f in prepared) == sorted((f.src_uri, f.abs_src_path) for f in plain)


def test_a_copy_of_a_built_project_finds_its_templates_compiled(tmp_path, monkeypatch):
    """The compiled templates in `.cache/` (ours and the theme's) are known by their path in the
    project: a copy of a built project elsewhere compiles no more than a rebuild in place (the
    Atom feed's template, kept in no cache), and compiles again a template whose source changed
    there."""
    import shutil

    from explainer.pipeline import Project, run_build
    from helpers import edit, make_project

    first = make_project(tmp_path / "first")
    shutil.rmtree(first.root / ".cache", ignore_errors=True)
    assert run_build(first).ok
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    shutil.copytree(first.root, tmp_path / "elsewhere" / "second", symlinks=True)
    assert run_build(first).ok
    in_place, compiled[:] = list(compiled), []
    assert len(in_place) <= 1  # the feed
    second = Project(root=tmp_path / "elsewhere" / "second")
    assert run_build(second).ok
    assert compiled == in_place
    edit(second.path("templates") / "_page.md.j2", "\n", "\n\n")
    compiled.clear()
    assert run_build(second).ok
    assert sorted(compiled) == sorted(in_place + ["_page.md.j2"])
