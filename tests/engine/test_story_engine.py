"""The engine holds no story: a copy of the project in which only the story's own files are
replaced (facts.yml, seeds/; links.txt and journal.json removed, since they record the first
story's publications) checks and builds another story, with no edit to the engine
(explainer/, templates/, overrides/, mkdocs.yml), and its built site holds no word of the
first story.

The second story (tests/fixtures/tours/) differs on every axis the engine could have
hard-wired: another city (its actors are all of one country), other themes (financement,
calendrier, riverains: no page « acteurs » or « échéances »), other relation verbs
(« finance »), other map questions, its own house-style counts (2 to 4 essentials), other
deadlines, its own identity (title, description, address, feed id, desk)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
import yaml

from explainer.load import load
from explainer.pipeline import Project, run_build, run_check, run_links
from explainer.problems import Problems
from helpers import FIXTURES, ROOT

#: The story's own files: what a newsroom replaces (facts.yml, seeds/) or deletes (links.txt,
#: journal.json: the first story's addresses and journal).


STORY_FILES = ("facts.yml", "seeds", "links.txt", "journal.json")
#: Tools, outputs and caches a copy leaves out (the tests are this project's, not the engine's).
NOT_COPIED = (".venv", ".git", "site", ".site-*", "__pycache__", ".pytest_cache", ".cache", ".hypothesis", ".build",
              "node_modules", "screenshots", "bench", "tests", ".build.lock", "review.html", *STORY_FILES)
#: The engine: what the second story must build with, unchanged.
ENGINE = ("explainer", "templates", "overrides", "mkdocs.yml")
#: The files of the built site that carry words (the theme's own scripts and styles do not).
TEXT_FILES = (".html", ".xml", ".json", ".txt", ".yml", ".md")

#: Words of the first story that no other story's site may print (names, its verbs' nouns,
#: the word its prose uses for the whole story), matched as whole words, any case.
FIRST_STORY_WORDS = ("TikTok", "ByteDance", "Oracle", "Microsoft", "Walmart", "Trump", "Mnuchin", "Washington",
                     "affaire", "Pékin", "Chine", "chinois", "américain", "américaines")
#: The first story's theme pages, as addresses and files (the page ids the engine once had).
FIRST_STORY_PAGES = ("acteurs", "echeances", "role-oracle", "regles-chinoises")


def first_story_traces() -> set[str]:
    """What only the first story says, read from its own files: its title, summary and
    description, its address and feed id, its actors' names, its articles' outlets and titles,
    and its ids that have a dash."""
    loaded = load(ROOT, Problems())
    assert loaded is not None
    sheet = loaded.sheet
    story = sheet.story
    traces = {story.title, " ".join(story.summary.split()[:8]), " ".join(story.description.split()[:8]),
              story.site_url.rstrip("/"), story.feed_id}
    traces |= {actor.name for actor in sheet.actors}
    for article in yaml.safe_load((ROOT / "seeds" / "articles.yml").read_text(encoding="utf-8"))["articles"]:
        traces |= {str(article[key]) for key in ("outlet", "title") if article.get(key)}
    traces |= {ident for _, _, item in sheet.elements() for ident in (item.id, *item.aliases) if "-" in ident}
    return traces


def digest(root: Path, names: tuple[str, ...]) -> dict[str, str]:
    """Each file of the engine, by path, and a hash of its bytes."""
    out = {}
    for name in names:
        paths = [root / name] if (root / name).is_file() else sorted((root / name).rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def copy_with_story(dest: Path, story: Path) -> Project:
    """A copy of the project with only the story's files replaced."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_COPIED))
    shutil.copy(story / "facts.yml", dest / "facts.yml")
    shutil.copytree(story / "seeds", dest / "seeds")
    return Project(root=dest)


def words_of_the_first_story(text: str, traces: set[str]) -> list[str]:
    hits = [w for w in FIRST_STORY_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)]
    hits += [p for p in FIRST_STORY_PAGES if re.search(rf"(?<![\w-]){p}(?:/|\.md|\.png|\.html)", text)]
    hits += sorted(t for t in traces if t in text)
    return hits


def test_another_story_builds_with_the_engine_unchanged(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    traces = first_story_traces()
    assert len(traces) > 20 and "Oracle" in " ".join(traces)  # the scan knows the first story
    engine_before = digest(ROOT, ENGINE)

    project = copy_with_story(tmp_path / "tours", FIXTURES / "tours")
    checked = run_check(project)
    assert not checked.problems, checked.problems.items
    linked = run_links(project, update=True)
    assert not linked.problems, linked.problems.items
    result = run_build(project)
    assert not result.problems and not result.mkdocs_warnings, (result.problems.items, result.mkdocs_warnings)

    # the engine was used as it is: not one byte of explainer/, templates/, overrides/, mkdocs.yml changed
    assert digest(project.root, ENGINE) == engine_before

    site = project.root / "site"
    sheet = yaml.safe_load((FIXTURES / "tours" / "facts.yml").read_text(encoding="utf-8"))
    story = sheet["story"]
    home = (site / "index.html").read_text(encoding="utf-8")
    # the new story, under its own name, description and address
    assert f" - {story['title']}</title>" in home.replace("’", "'")
    missing = (site / "404.html").read_text(encoding="utf-8").replace("’", "'")
    assert f"Page introuvable - {story['title']}</title>" in missing
    assert f'<meta name="description" content="{story["description"]}"' in missing
    assert story["site_url"] in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<id>{story['feed_id']}" in (site / "feed.xml").read_text(encoding="utf-8")
    # its themes are its pages, its verb is on its map, its desk under its titles
    for theme in ("financement", "calendrier", "riverains"):
        assert (site / theme / "index.html").is_file(), theme
    actors_page = (site / "financement" / "index.html").read_text(encoding="utf-8")
    assert "Qui finance qui" in actors_page and ">finance<" in actors_page
    assert "Service Métropole" in home
    # actors of one country are not drawn in one « France » box: the story groups them by kind
    groups = re.findall(r'class="dg-t-group">([^<]*)<', actors_page)
    assert groups and "France" not in groups and "Administration ou agence" in groups, groups
    assert "Les acteurs par sorte d’acteur" in actors_page and "par pays" not in actors_page

    # and nothing of the first story: not a word, a page, an address, a description, a name
    found = {}
    for path in sorted([*site.rglob("*"), *(project.root / "docs").rglob("*.md"),
                          project.root / ".mkdocs.generated.yml"]):
        if path.suffix in TEXT_FILES and path.is_file():
            hits = words_of_the_first_story(path.read_text(encoding="utf-8", errors="replace"), traces)
            if hits:
                found[str(path.relative_to(project.root))] = hits
    assert found == {}
    # its link cards are its own pages' (a card is a picture: checked by name)
    pages = {line.split("#")[0].strip("/") for line in (project.root / "links.txt").read_text(encoding="utf-8").split("\n")
             if line.startswith("/")}
    cards = {card.stem for card in (project.root / "docs" / "cartes").rglob("*.png")}
    assert cards and cards <= {page.replace("/", "-") or "index" for page in pages}, sorted(cards)


def test_the_scan_finds_the_first_story_on_its_own_site():
    """The scan above can fail: run on the first story's own words, it finds them."""
    traces = first_story_traces()
    sample = ('<a href="../acteurs/">Acteurs</a> <p>L’affaire TikTok : Oracle et ByteDance.</p>'
              f"<meta content=\"{sorted(traces)[0]}\">")
    assert {"affaire", "TikTok", "Oracle", "ByteDance", "acteurs"} <= set(words_of_the_first_story(sample, traces))
