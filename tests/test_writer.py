"""The writer guards its output, and concurrent builds never leave a mixed site."""

from __future__ import annotations

import os
import threading

import pytest

from explainer.pipeline import run_build
from explainer.write import GENERATED_MARKER, WriteError, write_docs, write_nav

PAGE = GENERATED_MARKER + " test\n\n# Page\n"


@pytest.mark.parametrize("rel", ["../evil.md", "../../tmp/evil.md", "/etc/evil.md", "sub/../../evil.md"])
def test_refuses_to_write_outside_docs(tmp_path, rel):
    docs = tmp_path / "docs"
    with pytest.raises(WriteError, match="hors de docs"):
        write_docs({rel: PAGE}, docs)
    assert not (tmp_path / "evil.md").exists()


def test_refuses_to_write_a_page_twice(tmp_path):
    with pytest.raises(WriteError, match="deux fois"):
        write_docs({"a.md": PAGE, "./a.md": PAGE}, tmp_path / "docs")


def test_never_overwrites_a_hand_written_file(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Écrit à la main\n", encoding="utf-8")
    with pytest.raises(WriteError, match="écrite à la main"):
        write_docs({"a.md": PAGE}, docs)
    assert (docs / "a.md").read_text(encoding="utf-8") == "# Écrit à la main\n"


def test_removes_only_stale_generated_pages(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "old.md").write_text(PAGE, encoding="utf-8")
    (docs / "notes.md").write_text("# à la main\n", encoding="utf-8")
    changed = write_docs({"new.md": PAGE}, docs)
    assert sorted(changed) == ["new.md", "old.md"]
    assert not (docs / "old.md").exists() and (docs / "notes.md").exists()
    assert write_docs({"new.md": PAGE}, docs) == []  # unchanged files are not rewritten


def test_nav_titles_are_escaped_and_stay_valid_yaml(tmp_path):
    import yaml

    config = tmp_path / "mkdocs.yml"
    from explainer.write import NAV_BEGIN, NAV_END

    config.write_text(f"site_name: x\n{NAV_BEGIN}\nnav: []\n{NAV_END}\n", encoding="utf-8")
    assert write_nav(config, [('<script>"a"\\b\nc', "a.md")])
    nav = yaml.safe_load(config.read_text(encoding="utf-8"))["nav"]
    assert nav == [{'&lt;script&gt;"a"\\b c': "a.md"}]


def test_concurrent_builds_leave_one_whole_site(fixture_project):
    """Two builds of different stories at once: the site is exactly one of them, never a mix."""
    root = fixture_project.root
    assert run_build(fixture_project).ok
    facts = root / "facts.yml"
    story_a = facts.read_text(encoding="utf-8")
    story_b = story_a.replace("title: Les quais de Brest", "title: Les quais de Brest (B)")
    results = []

    def build(text):
        tmp = facts.with_name(f".facts-{threading.get_ident()}.yml")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, facts)  # an editor's save is atomic; the builds race, not the writes
        results.append(run_build(fixture_project))

    for _ in range(3):
        threads = [threading.Thread(target=build, args=(t,)) for t in (story_a, story_b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(r.ok for r in results), [(r.problems.items, r.mkdocs_warnings) for r in results]
        index = (root / "site" / "index.html").read_text(encoding="utf-8")
        docs_index = (root / "docs" / "index.md").read_text(encoding="utf-8")
        built_b = "(B)" in index
        assert built_b == ("(B)" in docs_index)  # the site matches the last generated pages
        for page in (root / "site").rglob("index.html"):
            assert ("(B)" in page.read_text(encoding="utf-8")) == built_b, page
        assert not list(root.glob(".site-new-*")) and not list(root.glob(".site-old-*"))


def test_a_hand_written_page_in_the_way_is_reported_not_a_traceback(fixture_project, capsys):
    from explainer.cli import main

    (fixture_project.root / "docs" / "acteurs.md").write_text("# à la main\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(fixture_project.root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "docs/acteurs.md:1:1: page écrite à la main à l'adresse d'une page générée : renommez-la ou déplacez-la"
