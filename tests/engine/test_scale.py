"""A guard that needs no clock: no stage's work grows faster than the story.

The work of each stage (plan, each picture, each page's template, the link cards' keys) is
counted, not timed: every Python and C function call the stage makes (`sys.setprofile`), on
two synthetic stories (`scripts/synthetic.py`), one four times the other. A stage whose
work is linear in the story does at most about four times the work on the larger one (its
fixed part makes it less); one that compares every pair of items (a layout search that
redraws the whole map for every swap, a template that scans every actor for each actor)
does up to sixteen times. The bound leaves room for n log n and for the fixed part of a
small story: GROWTH × 4.

Counting calls is deterministic: the machine's load changes nothing.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
import pytest

from explainer import cards
from explainer.check import check
from explainer.diagrams import Diagrams
from explainer.load import load
from explainer.problems import Problems
from explainer.render import environment
from explainer.site import Settings, Site
from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import generate  # noqa: E402

SMALL, LARGE = 40, 160
#: How much faster than the story a stage's work may grow (n log n and fixed costs fit under it).


GROWTH = 1.5


def calls(fn) -> int:
    """How many function calls `fn()` makes (Python and C): its work, without a clock."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(previous)
    return count


LOADED: dict = {}


@functools.cache
def story(n: int, folder: Path) -> tuple[Site, Path]:
    generate(n, folder / f"story-{n}")
    problems = Problems()
    loaded = load(folder / f"story-{n}", problems)
    assert loaded is not None, problems
    check(loaded, problems)
    assert not problems, [str(p) for p in problems.items[:5]]
    site = Site(loaded, Settings())
    LOADED[id(site)] = loaded
    return site, folder / f"story-{n}" / "templates"


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale")
    return story(SMALL, folder), story(LARGE, folder)


def actors_page(site: Site):
    return site.showing("actors")


def deadlines_page(site: Site):
    return site.showing("deadlines")


STAGES = {
    "plan": lambda site, t: Site(LOADED[id(site)], Settings()),
    "actor maps (layouts tried, crossings counted)": lambda site, t: Diagrams(site).actor_maps(actors_page(site)),
    "actor list": lambda site, t: Diagrams(site).actor_list(actors_page(site)),
    "timeline": lambda site, t: Diagrams(site).timeline(deadlines_page(site)),
    "compact timeline": lambda site, t: Diagrams(site).timeline_compact(site.page("index.md")),
    "link cards' keys": lambda site, t: [cards.card(site, p).key() for p in site.pages],
}


@functools.cache
def _environment(templates: Path):
    """One Jinja environment per story, as `render.py` makes one per build."""
    return environment(templates)


def render_page(site: Site, templates: Path, path: str) -> None:
    """One page's template, as `render.py` renders it (the JSON-LD aside)."""
    from explainer import structured

    page = site.page(path)
    env = _environment(templates)
    card = cards.card(site, page)
    env.get_template(page.template).render(
        site=site, page=page, story=site.story, theme=page.theme, article_id=page.article,
        diagrams=Diagrams(site), jsonld="", dates=structured.dates(site), cite=lambda a: "",
        card=card, card_url=None, card_size=(cards.WIDTH, cards.HEIGHT), share_title=card.title,
    )


def all_source_pages(site: Site, templates: Path) -> None:
    for page in site.pages:
        if page.article:
            render_page(site, templates, page.path)


#: Pages whose template is measured on its own (the ones that list a whole table).
PAGES = ["index.md", "showing:actors", "showing:deadlines", "divergences.md", "questions.md", "sources.md", "journal.md"]


def page_stage(spec: str):
    def run(site: Site, templates: Path):
        if spec.startswith("showing:"):
            path = site.showing(spec.split(":")[1]).path
        else:
            path = spec
        render_page(site, templates, path)

    return run


@pytest.mark.parametrize(
    "stage",
    [*STAGES, *(f"page {p}" for p in PAGES), "every source page"],
)
def test_no_stage_grows_faster_than_the_story(stories, stage):
    (small, small_t), (large, large_t) = stories
    if stage in STAGES:
        fn = STAGES[stage]
    elif stage == "every source page":
        fn = all_source_pages
    else:
        fn = page_stage(stage.removeprefix("page "))
    # the same work once before counting: caches (compiled templates, fonts) are not the story's work
    fn(small, small_t)
    fn(large, large_t)
    work_small = calls(lambda: fn(small, small_t))
    work_large = calls(lambda: fn(large, large_t))
    ratio = work_large / work_small
    assert ratio <= GROWTH * LARGE / SMALL, (
        f"{stage}: {work_small} calls at {SMALL} articles, {work_large} at {LARGE}: "
        f"×{ratio:.1f} for ×{LARGE // SMALL} the story"
    )
