"""Bounded work on big input (issue 18, D13): the cost is counted, not timed, so these tests
hold on a loaded machine. Timings are in scripts/bench_bad_input.py (a table, not a test)."""

from __future__ import annotations

import difflib
import pytest

from explainer import quotes
from explainer.problems import Problem, Problems
from explainer.quotes import ArticleText


class TooMuchWork(Exception):
    pass


def test_collecting_problems_is_linear(monkeypatch):
    """20,000 problems took 104 s: each was compared with every earlier one (`not in list`)."""
    n = 5_000
    calls = {"eq": 0}
    real_eq = Problem.__eq__

    def counted(self, other):
        calls["eq"] += 1
        if calls["eq"] > 10 * n:
            raise TooMuchWork(f"more than {10 * n} comparisons for {n} problems")
        return real_eq(self, other)

    monkeypatch.setattr(Problem, "__eq__", counted)
    problems = Problems()
    for i in range(n):
        problems.add("facts.yml", i + 1, 5, f"status : valeur « no{i} » non permise")
    for i in range(n):  # the same problems again: reported once each
        problems.add("facts.yml", i + 1, 5, f"status : valeur « no{i} » non permise")
    assert len(problems) == n


def big_article(sentences: int = 60_000) -> str:
    """About 4.9 MB of distinct numbered sentences, on one line."""
    return " ".join(f"Phrase {i} : TikTok, Oracle et Washington négocient encore, selon la presse du jour." for i in range(sentences))


def test_closest_passage_search_is_bounded(monkeypatch):
    """A 4,000-character misquote against a 4.9 MB article took over 120 s: SequenceMatcher
    compared the quote with the whole article. The search now compares at most
    CLOSEST_BUDGET-sized pairs, and still finds the passage."""
    text = big_article()
    assert len(text.encode()) > 4_800_000
    at = text.index("Phrase 31000 :")
    quote = text[at : at + 4_000]
    misquote = quote[:2_000] + "#" + quote[2_001:]
    limit = 50_000_000  # characters × characters; the old search asked for 2 × 10^10

    class Counted(difflib.SequenceMatcher):
        def __init__(self, isjunk=None, a="", b="", autojunk=True):
            if len(a) * len(b) > limit:
                raise TooMuchWork(f"SequenceMatcher on {len(a)} × {len(b)} characters")
            super().__init__(isjunk, a, b, autojunk)

    monkeypatch.setattr(quotes.difflib, "SequenceMatcher", Counted)
    suggestion = ArticleText(text).closest(misquote, limit=10_000)
    assert suggestion.startswith("Phrase 31000 :"), suggestion[:80]
    assert quote[:1_900] in suggestion


@pytest.mark.parametrize("article, quote, expected", [
    ("Le port de Brest fermera ses quais le 2 mars.", "fermera ses quais le 3 mars", "fermera ses quais le 2 mars."),
    ("Un.  Deux\n\ntrois   quatre cinq.", "trois quatre six", "trois quatre cinq."),
])
def test_small_articles_keep_the_exact_search(article, quote, expected):
    assert ArticleText(article).closest(quote) == expected


def _walk(text: str) -> list[int] | None:
    """The character-by-character map the fast one replaces (reference)."""
    import unicodedata

    chars, origin, previous_space = [], [], True
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFC", ch).translate(quotes._TRANSLATE):
            if c.isspace():
                if previous_space:
                    continue
                c, previous_space = " ", True
            else:
                previous_space = False
            chars.append(c)
            origin.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return origin if "".join(chars) == quotes.normalise(text) else None


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab é’«»\"' \n\t\r\u00a0\u202f\u2028.x") + ["e\u0301", "\u0301"]), max_size=60).map("".join))
def test_the_fast_map_back_to_the_article_is_the_character_walk(text):
    """Mapping a match back to the article's own characters no longer walks the article one
    character at a time (10 s for 4.9 MB); it must give the same positions."""
    origin = ArticleText(text)._origin
    expected = _walk(text)
    assert (None if origin is None else [origin[i] for i in range(len(origin))]) == expected
