"""A newsroom starts a second explainer from a copy of this one, as the README's « Starting a
second explainer » says: it replaces facts.yml (whose story: gives the site's name, address
and feed id) and seeds/, deletes links.txt and journal.json, and builds. Nothing of the first story may be left on the new
site (its pages, names, addresses, feed id), and the engine needs no other change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
import yaml

from explainer.load import load
from explainer.pipeline import Project, run_build, run_links
from explainer.problems import Problems
from helpers import FIXTURES, ROOT

#: What a newsroom's copy leaves out: tools, the built site, caches and this project's tests.
#: docs/ is copied whole, old generated pages, exports and link cards included: the build
#: must remove what the new story no longer publishes.


LEFT_OUT = (".venv", ".git", "site", ".site-*", "__pycache__", ".pytest_cache", ".cache", ".hypothesis",
            "node_modules", "screenshots", "bench", "tests", ".build.lock", "review.html")

NEW_NAME = "Les quais de Brest"  # the fixture story's title: the site's name
NEW_URL = "https://redaction.example.fr/quais-de-brest/"
NEW_FEED = "tag:redaction.example.fr,2026-12-01:quais-de-brest"
#: The files that carry the project's words (the theme's own scripts and styles do not).
TEXT_FILES = (".html", ".xml", ".json", ".txt", ".yml")


def first_story_traces() -> set[str]:
    """What only the first story says: its site's name, address and feed id, its story title,
    its actors' names, its articles' outlets and titles, and its ids that have a dash."""
    traces = set()
    loaded = load(ROOT, Problems())
    assert loaded is not None
    sheet = loaded.sheet
    traces |= {sheet.story.title, sheet.story.feed_id, sheet.story.site_url.rstrip("/")}
    traces |= {actor.name for actor in sheet.actors}
    for article in yaml.safe_load((ROOT / "seeds" / "articles.yml").read_text(encoding="utf-8"))["articles"]:
        traces |= {str(article[key]) for key in ("outlet", "title") if article.get(key)}
    traces |= {ident for _, _, item in sheet.elements() for ident in (item.id, *item.aliases) if "-" in ident}
    return traces


def start_second_explainer(dest: Path) -> Project:
    """The README's steps, done the way a newsroom would."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*LEFT_OUT))  # 1. a copy of the project
    story = FIXTURES / "story"
    shutil.copy(story / "facts.yml", dest / "facts.yml")  # 2. the new story's fact sheet
    shutil.rmtree(dest / "seeds")  # 3. its articles
    shutil.copytree(story / "seeds", dest / "seeds")
    # 4. its name, description, address and feed id are the story's own (story: in facts.yml):
    # mkdocs.yml, the engine's settings, is not edited
    (dest / "links.txt").unlink()  # 5. the first story's addresses
    (dest / "journal.json").unlink()  # 5. and its journal (issue 26)
    return Project(root=dest)


def test_a_copy_of_the_project_tells_another_story(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    traces = first_story_traces()
    assert len(traces) > 20  # the scan knows the first story: its names, outlets, ids…
    old_pages = {line.split("#")[0] for line in (ROOT / "links.txt").read_text(encoding="utf-8").split("\n")
                 if line.startswith("/")}

    project = start_second_explainer(tmp_path / "quais")
    linked = run_links(project, update=True)
    assert not linked.problems, linked.problems.items
    result = run_build(project)
    assert not result.problems, result.problems.items
    site = project.root / "site"

    # the new story is there, under its own name and address
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Les quais de Brest" in home and NEW_NAME in home
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{NEW_FEED}" in feed
    # its journal starts with it: nothing recorded, the new story's sheet as published
    import json

    started = json.loads((project.root / "journal.json").read_text(encoding="utf-8"))
    assert started["entries"] == [] and set(started["published"]["articles"]) == {"alpha", "beta"}
    assert NEW_URL in (site / "sitemap.xml").read_text(encoding="utf-8")

    # no page of the first story is left, in docs/ or on the site
    new_pages = {line.split("#")[0] for line in (project.root / "links.txt").read_text(encoding="utf-8").split("\n")
                 if line.startswith("/")}
    gone = sorted(old_pages - new_pages)
    assert gone, "the two stories should not publish the same pages"
    for page in gone:
        assert not (site / page.strip("/") / "index.html").exists(), page
        assert not (project.root / "docs" / (page.strip("/") + ".md")).exists(), page
    cards = {card.stem for card in (project.root / "docs" / "cartes").rglob("*.png")}
    assert cards and cards <= {page.strip("/").replace("/", "-") or "index" for page in new_pages}, sorted(cards)

    # and nothing the first story says: not its name, address, feed id, actors, outlets or ids
    found = {}
    for path in [project.root / ".mkdocs.generated.yml", *sorted(site.rglob("*"))]:
        if path.suffix in TEXT_FILES and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".yml":  # its comments are the engine's notes (« no Google Fonts »), not the story
                text = re.sub(r"(^|\s)#.*$", "", text, flags=re.M)
            hits = sorted(trace for trace in traces if trace in text)
            if hits:
                found[str(path.relative_to(project.root))] = hits
    assert found == {}
    assert "Le rôle du port" in (project.root / ".mkdocs.generated.yml").read_text(encoding="utf-8")  # the nav, generated
    assert (project.root / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()  # never rewritten
