"""The engine speaks no story's words: explainer/, templates/, overrides/ and mkdocs.yml hold: this story's acceptance tests (the engine's are in tests/engine/test_engine_words.py)."""

from __future__ import annotations

import functools
import re

import yaml

from helpers import ROOT
from test_engine_words import ENGINE  # the engine's tests' helpers (tests/engine/test_engine_words.py)


NAMED = ("TikTok", "ByteDance", "Oracle", "Microsoft", "Walmart", "Trump", "affaire")


@functools.cache
def first_story_words() -> tuple[set[str], set[str], set[str]]:
    """(names, phrases, page ids) of the first story, read from its facts.yml (libyaml's reader:
    the same tree, read once)."""
    sheet = yaml.load((ROOT / "facts.yml").read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    vocab = sheet["vocabulary"]
    names = {*NAMED, *(a["name"] for a in sheet["actors"])}
    phrases = {v["label"] for v in [*vocab["relations"], *vocab["deal_roles"]] if len(v["label"].split()) > 1}
    phrases |= {q["title"] for q in vocab["map_questions"]} | {sheet["story"]["title"], sheet["story"]["description"]}
    pages = {t["id"] for t in sheet["themes"]}
    return names, phrases, pages


@functools.lru_cache
def _any_name(names: frozenset[str]) -> re.Pattern[str]:
    """One pattern that finds a text where any of the names is (the same rule as each name's)."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(names)))})(?!\w)", re.I)


def mentions(text: str, names: set[str], phrases: set[str], pages: set[str]) -> list[str]:
    # each name looked for on its own only in a text where one is (the engine's files have none:
    # one search per file, not one per name and file)
    found = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.I)] \
        if _any_name(frozenset(names)).search(text) else []
    straight = text.replace("’", "'")
    found += [p for p in phrases if p.replace("’", "'") in straight]
    # a page id as a page: an address (/acteurs/, acteurs.md, #…), a template or card name (acteurs.md.j2, acteurs.png)
    found += [p for p in pages if re.search(rf"(?<![\w-]){re.escape(p)}(?:/|\.md|\.png|\.html|#)", text)
              or ("-" in p and re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text))]
    return sorted(set(found))


def test_the_engine_holds_no_word_of_the_first_story():
    names, phrases, pages = first_story_words()
    assert len(names) > 15 and len(phrases) > 15 and {"acteurs", "echeances"} <= pages  # the scan knows the story
    found = {}
    for path in ENGINE:
        hits = mentions(path.read_text(encoding="utf-8"), names, phrases, pages)
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert found == {}


def test_the_scan_finds_the_first_story_s_words():
    """The scan can fail: each kind of word is found where the engine once had it."""
    names, phrases, pages = first_story_words()
    samples = {
        'SLUG_RULE = "ex. « refus-microsoft »"': "Microsoft",
        "<li>Revenir à l’accueil : l’affaire en quelques paragraphes.</li>": "affaire",
        '"examinera-l-accord-de": "examinera l’accord de",': "examinera l’accord de",
        'THEME_TEMPLATES = {"actors": "acteurs.md.j2", "deadlines": "echeances.md.j2"}': "echeances",
        '<a href="{{ base }}acteurs/">': "acteurs",
        "# « partenaire de » + « Oracle » → « partenaire d’Oracle »": "Oracle",
    }
    for text, word in samples.items():
        assert word in mentions(text, names, phrases, pages), (text, word)
    # and the engine's own words are not taken for the story's
    assert mentions("Les acteurs : qui ils sont. Les échéances, la frise.", names, phrases, pages) == []

