"""Reading L (factchecks/2026-12-07/reading-l.md), seven minor findings: a summary that made one
article two, a side that read the Wall Street Journal's « laquelle » as ByteDance, a « divergence »
with one reason in it, a divergence whose note called its sides compatible, an article shown on
one side only, statuses that did not follow one rule, and a feed note that dropped « certains ».
Read on the real story's fact sheet and its built copy."""

from __future__ import annotations

import html
import re

from explainer.load import load
from explainer.problems import Problems


def _sheet(real_root):
    return load(real_root, Problems()).sheet


def _sources(fact):
    return {s.article for s in fact.sources}


def test_a_summary_says_two_articles_only_when_its_facts_rest_on_two(real_root):
    """F1: « …, d'après un article, …, selon un autre » over two facts that each rest on A003
    alone. A narrative sentence that says « un autre » cannot rest its one-article facts on a
    single article."""
    sheet = _sheet(real_root)
    facts = {f.id: f for f in sheet.facts}
    for theme, paragraphs in sheet.narrative.items():
        for paragraph in paragraphs:
            for sentence in re.split(r"(?<=[.])\s", " ".join(paragraph.split())):
                if not re.search(r"\b(selon|d'après) un autre\b", sentence):
                    continue
                ids = [i.strip() for group in re.findall(r"\[([^\]]+)\]", sentence) for i in group.split(",")]
                single = [_sources(facts[i]) for i in ids if i in facts and len(_sources(facts[i])) == 1]
                assert len(single) < 2 or len(set().union(*single)) >= 2, (theme, sentence)


def test_every_fact_a_divergence_side_contradicts_is_contested(real_root):
    """F6: the Méthode's rule, now one: « contesté » when another article says the contrary.
    Walmart still in talks (Clubic) and Walmart beaten (three others) contradict each other; both
    were rapporté while the 10, 13 September and 12 November facts in the same situation were
    contesté. Reading M then found « pas de prolongation » contradicted by no article."""
    facts = {f.id: f for f in _sheet(real_root).facts}
    for ident in ("walmart-discussion", "walmart-desillusion", "walmart-oracle-parts", "catz-ceo-oracle",
                  "decret-vente-12-novembre", "trump-10-septembre", "microsoft-informe-dimanche"):
        assert facts[ident].status == "contesté", ident
    # reading M, F1 and F2: Walmart's possible stake faces the same « désillusion » as its talks,
    # and A002's « actuel CEO » the « dirigée par Larry Ellison » of two others; F3: no article
    # says there will be an extension after Donald Trump's « pas de prolongation » (A000's
    # postponement came before it), so it stays rapporté
    assert facts["pas-de-prolongation"].status == "rapporté"


def test_sides_and_notes_say_what_the_articles_say(real_root):
    """F2, F3, F4, F5 on the Divergences page."""
    by_id = {d.id: d for d in _sheet(real_root).disagreements}
    parts = by_id["qui-prend-des-parts"].sides[0].claim
    assert "propriétaire de l'application, que Sequoia" in " ".join(parts.split())  # F2: « laquelle », the application
    assert by_id["echec-microsoft"].nuance  # F3: one reason (A002), no second version of it
    usage = by_id["usage-donnees-oracle"]
    assert "compatibles" not in usage.note  # F4: a divergence whose note said its sides agree
    assert all("oracle-gestion-donnees" not in side.facts for side in usage.sides)
    accepts = by_id["washington-acceptera"]
    assert sum(any(s.article == "a002" for s in side.sources) for side in accepts.sides) == 2  # F5: A002 argues both ways


def test_the_feed_keeps_certains_and_the_attribution(real_copy):
    """F7: the journal note's full text (the feed's entry) said « Les officiels chinois
    refuseraient… » for A003's « Certains officiels chinois »."""
    feed = html.unescape((real_copy.path("site") / "feed.xml").read_text(encoding="utf-8")).replace("’", "'")
    assert "Les officiels chinois refuseraient" not in feed
    assert "Certains officiels chinois, d'après un article" in feed
