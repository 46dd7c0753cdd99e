"""The writer guards its output, and concurrent builds never leave a mixed site."""

from __future__ import annotations

import os
import threading
import pytest

from explainer.pipeline import run_build
from explainer.write import GENERATED_MARKER, WriteError, write_docs


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


def test_the_generated_configuration_escapes_the_story_and_stays_valid_yaml(tmp_path):
    """The story's identity and nav titles reach the generated MkDocs configuration as valid
    YAML, nav titles HTML-escaped (Material prints them unescaped)."""
    import yaml

    from explainer.siteconfig import SiteConfig, generated_config

    config = SiteConfig(site_url="https://example.org/x/", site_name='Le « port » : "quais"\\', feed_id="tag:example.org,2026:x",
                        redirected=frozenset(), description="Deux lignes\net # pas un commentaire")
    text = generated_config(tmp_path / "mkdocs.yml", config, [('<script>"a"\\b\nc', "a.md")])
    data = yaml.safe_load(text)
    assert data["INHERIT"] == "mkdocs.yml"
    # HTML-escaped: the theme prints them as they are, in the page and its attributes
    assert data["site_name"] == 'Le « port » : &quot;quais&quot;\\' and data["site_description"] == "Deux lignes\net # pas un commentaire"
    assert data["site_url"] == "https://example.org/x/" and data["extra"] == {"locale": "fr_FR", "feed_id": "tag:example.org,2026:x"} and data["theme"] == {"language": "fr"}
    assert data["nav"] == [{'&lt;script&gt;"a"\\b c': "a.md"}]


def test_concurrent_builds_leave_one_whole_site(fixture_project):
    """Two builds of different stories at once: the site is exactly one of them, never a mix."""
    root = fixture_project.root
    assert run_build(fixture_project).ok
    facts = root / "facts.yml"
    story_a = facts.read_text(encoding="utf-8")
    # B differs in its publication date, which every page carries (article:published_time);
    # the story's title no longer reaches every page (the site's name names them)
    story_b = story_a.replace('published: "2021-03-02"', 'published: "2021-03-01"')
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
        built_b = 'article:published_time" content="2021-03-01"' in index
        assert built_b == ('published: "2021-03-01"' in docs_index)  # the site matches the last generated pages
        for page in (root / "site").rglob("index.html"):
            assert ('article:published_time" content="2021-03-01"' in page.read_text(encoding="utf-8")) == built_b, page
        assert not list(root.glob(".site-new-*")) and not list(root.glob(".site-old-*"))


def test_a_hand_written_page_in_the_way_is_reported_not_a_traceback(fixture_project, capsys):
    from explainer.cli import main

    (fixture_project.root / "docs" / "acteurs.md").write_text("# à la main\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(fixture_project.root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "docs/acteurs.md:1:1: page écrite à la main à l'adresse d'une page générée : renommez-la ou déplacez-la"


# --- hardening, round two (issue 18): the swap of site/ and what killed builds leave ---------


def _whole_site(site) -> bool:
    return (site / "index.html").is_file() and (site / "acteurs" / "index.html").is_file() and (site / "sitemap.xml").is_file()


def test_site_is_whole_at_every_step_of_the_swap(fixture_project, monkeypatch):
    """A build killed between any two filesystem operations of the swap still leaves a whole
    site/ (before: `site` was renamed away, then the new one renamed in: a kill between the
    two left no site/ at all)."""
    import explainer.publish

    root = fixture_project.root
    assert run_build(fixture_project).ok
    facts = root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("les pêcheurs demandent un délai.",
                                                               "les pêcheurs demandent un délai (B).", 1),
                     encoding="utf-8")  # the story's summary: the home page prints it
    states = []

    def watched(real):
        def call(*args, **kwargs):
            out = real(*args, **kwargs)
            if any("site" in os.path.basename(str(a)) for a in args):
                states.append((real.__name__, _whole_site(root / "site")))
            return out
        return call

    monkeypatch.setattr(os, "rename", watched(os.rename))
    monkeypatch.setattr(os, "replace", watched(os.replace))
    if hasattr(explainer.publish, "exchange"):
        monkeypatch.setattr(explainer.publish, "exchange", watched(explainer.publish.exchange))
    assert run_build(fixture_project).ok
    monkeypatch.undo()
    assert states, "the swap was not observed"
    assert all(whole for _, whole in states), states
    assert "(B)" in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_what_killed_builds_left_is_removed(fixture_project):
    """kill -9 leaves `.site-new-*` (a half-built site) or, between two renames, `.site-old-*`;
    the next build (which holds the lock, so no other build owns them) removes them."""
    root = fixture_project.root
    assert run_build(fixture_project).ok
    for name in (".site-new-k1ll3d", ".site-old-4242"):
        (root / name / "assets").mkdir(parents=True)
        (root / name / "assets" / "big.bin").write_bytes(b"x" * 1000)
    (root / ".site-new-file").write_text("x", encoding="utf-8")
    assert run_build(fixture_project).ok
    assert not list(root.glob(".site-*"))


def test_a_build_killed_between_two_renames_gets_its_site_back(fixture_project, capsys):
    """Where a filesystem cannot exchange two folders, the old site waits in `.site-old-*` for
    an instant: if the build dies there, the next run (even one that fails) puts it back."""
    from explainer.cli import main

    root = fixture_project.root
    assert run_build(fixture_project).ok
    expected = (root / "site" / "index.html").read_bytes()
    os.rename(root / "site", root / ".site-old-31337")
    facts = root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("status: rapporté", "status: no", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    assert (root / "site" / "index.html").read_bytes() == expected
    assert not list(root.glob(".site-*"))


def test_sigterm_removes_the_staging_folder(fixture_project):
    """A cancelled CI job (SIGTERM) unwinds the build: no `.site-new-*` is left, site/ is whole."""
    import signal
    import subprocess
    import sys
    import time

    from helpers import ROOT

    root = fixture_project.root
    assert run_build(fixture_project).ok
    facts = root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("Les quais de Brest", "Les quais de Brest (C)", 1),
                     encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(ROOT / "build_site.py"), "build", "--quiet", "--root", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(root.glob(".site-new-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the build ended before its staging folder was seen"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err, err
    assert not list(root.glob(".site-new-*"))
    assert _whole_site(root / "site")


def test_a_damaged_generated_page_is_regenerated(fixture_project):
    """A generated page saved in Latin-1 by some tool is still ours: it is rebuilt, not
    reported as hand-written (before: « page écrite à la main »)."""
    root = fixture_project.root
    assert run_build(fixture_project).ok
    page = root / "docs" / "acteurs.md"
    good = page.read_bytes()
    page.write_bytes(good.decode("utf-8").encode("latin-1", errors="replace"))
    result = run_build(fixture_project)
    assert result.ok, result.problems.items
    assert page.read_bytes() == good


def test_without_rename_exchange_the_swap_still_leaves_one_whole_site(fixture_project, monkeypatch):
    """Where the filesystem cannot exchange two folders (renameat2 refused), two renames are
    used: the build still ends with the new site and nothing left over."""
    import explainer.publish

    root = fixture_project.root
    assert run_build(fixture_project).ok
    calls = []
    monkeypatch.setattr(explainer.publish, "exchange", lambda a, b: calls.append((a, b)) or False)
    facts = root / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('published: "2021-03-02"', 'published: "2021-03-01"', 1),
                     encoding="utf-8")
    assert run_build(fixture_project).ok
    assert calls, "the exchange was not attempted"
    assert _whole_site(root / "site")
    assert "2021-03-01" in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert not list(root.glob(".site-*"))


def test_a_protected_project_folder_is_a_message(fixture_project, monkeypatch, capsys):
    """The lock cannot be created (a read-only or `chattr +i` project): a located message."""
    import errno

    import explainer.pipeline
    from explainer.cli import main

    def refused(root):
        raise PermissionError(errno.EPERM, "Operation not permitted", str(root / ".build.lock"))

    monkeypatch.setattr(explainer.pipeline, "build_lock", refused)
    capsys.readouterr()
    assert main(["build", "--root", str(fixture_project.root)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        ".build.lock:1:1: impossible de poser le verrou du build (opération interdite : le fichier ou le dossier est "
        "protégé (chattr +i ?) ; retirez la protection)",
        "1 problème : le site n'a pas été modifié.",
    ]
