"""Reading N (factchecks/2026-12-07/reading-n.md), five minor findings. What the sheet can show:
a « confirmé » fact that two articles back does not carry a clause only one of them says (F1:
« d'après un article, le duo était donné favori », « a organisé pour lui, d'après un article, une
importante levée de fonds »); the founder is also the cofounder wherever he is named (F2)."""

from __future__ import annotations

import re

from explainer.load import load
from explainer.problems import Problems

ONE_ARTICLE = re.compile(r"(d'après|selon|pour) un article|un article (précise|rapporte|ajoute)")


def test_a_confirmed_fact_from_two_articles_says_nothing_only_one_says(real_root):
    """The Méthode: « Confirmé : au moins deux articles l'affirment … ». A fact resting on one
    article's quoted statement (the other route to « confirmé ») says whose article it is."""
    sheet = load(real_root, Problems()).sheet
    mixed = [
        f.id for f in sheet.facts
        if f.status == "confirmé" and len({s.article for s in f.sources}) >= 2
        and ONE_ARTICLE.search(" ".join(f.text.split()))
    ]
    assert mixed == []


def test_the_founder_is_named_with_clubic_s_cofounder(real_root):
    """F2: « Son fondateur, Larry Ellison » (home), « dont le fondateur » (the story's summary),
    « Fondateur d'Oracle » (his card) dropped Clubic's « co-fondée »."""
    sheet = load(real_root, Problems()).sheet
    texts = [sheet.story.summary, next(a.role for a in sheet.actors if a.id == "larry-ellison")]
    texts += [p for paragraphs in sheet.narrative.values() for p in paragraphs]
    for text in texts:
        flat = " ".join(text.split())
        for m in re.finditer(r"[Ff]ondateur", flat):
            assert "cofondateur" in flat[m.start(): m.end() + 20] or flat[max(0, m.start() - 2): m.start()] == "co", flat
