"""Reading M (factchecks/2026-12-07/reading-m.md), seven minor findings. What can be read off the
sheet and the built Divergences page: every article a side rests on is named beside it (F7); the
Oracle-interest question is a nuance, Clubic reporting the doubts it was given as its own (F4);
the Audience opening credits the « occasion unique » to the candidates, not to the article (F5);
a count of articles on two sides says who holds both (F6)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from explainer.load import load
from explainer.problems import Problems


class _Sides(HTMLParser):
    """Each side's paragraph: its text, and the labels in its « side-sources » span."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sides: list[list[str]] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "span" and ("class", "side-sources") in attrs:
            self.sides.append([])
            self._depth = 1
        elif self._depth and tag == "span":
            self._depth += 1

    def handle_endtag(self, tag):
        if self._depth and tag == "span":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.sides[-1].append(data)


def test_every_article_a_side_rests_on_is_named_beside_it(real_copy, real_root):
    """F7: « Les activités américaines de TikTok. A004 · Clubic » over A000's passage, printed
    under it: the side's labels named only the articles whose passages a fact quotes."""
    sheet = load(real_root, Problems()).sheet
    label = {"a001": "Clubic"}
    expected = [
        {label.get(src.article, src.article.upper()) for src in side.sources}
        for d in sorted(sheet.disagreements, key=lambda d: d.nuance)  # the page's order
        for side in d.sides
    ]
    parser = _Sides()
    parser.feed((real_copy.path("site") / "divergences" / "index.html").read_text(encoding="utf-8"))
    shown = [set(re.findall(r"A00\d|Clubic", "".join(parts))) for parts in parser.sides]
    assert len(shown) == len(expected)
    assert [want - got for want, got in zip(expected, shown)] == [set()] * len(expected)


def test_the_oracle_interest_question_is_a_nuance_and_clubic_reports_the_doubt(real_root):
    """F4: Clubic's « on doute de la pertinence » is the tech world's doubt, which A003 reports
    too (« farfelue »); the two do not contradict each other."""
    usage = {d.id: d for d in load(real_root, Problems()).sheet.disagreements}["usage-donnees-oracle"]
    assert usage.nuance
    clubic = [side for side in usage.sides if any(s.article == "a001" for s in side.sources)]
    assert clubic and all("rapporte Clubic" in " ".join(side.claim.split()) for side in clubic)


def test_openings_credit_the_candidates_and_say_who_holds_both_sides(real_root):
    """F5: « Le succès de TikTok … a fait de son rachat une occasion unique » was the candidates'
    view (« y voyant une aubaine … unique »); F6: « pour trois … ; pour deux » counted Clubic twice
    without saying so."""
    sheet = load(real_root, Problems()).sheet
    text = " ".join(" ".join(p.split()) for paragraphs in sheet.narrative.values() for p in paragraphs)
    assert "a fait de son rachat une occasion unique" not in text
    assert "plusieurs candidats au rachat ont vu" in text
    for sentence in re.findall(r"[^.]*pour trois articles[^.]*pour deux[^.]*", text):
        assert "qui tient les deux positions" in sentence, sentence
