"""How the editorial rules read French: hedges in a quote's clause and sentence, direct
speech, content words shared by a fact and its quote."""

from __future__ import annotations

import pytest

from explainer import french
from explainer.quotes import ArticleText


ARTICLE = ArticleText(
    "Dimanche, le groupe a annoncé qu'il ne céderait pas sa filiale à Microsoft. "
    "Selon Reuters, une proposition de ByteDance serait que Oracle devienne partenaire. "
    "Aux Etats-Unis, près de 100 millions de particuliers consulteraient l'application. "
    "Le gouvernement avait averti en juillet sa volonté de bannir TikTok car l'application représenterait un danger. "
    "« Nous allons examiner cela », a indiqué Steven Mnuchin. "
    "ByteDance était déjà gêné par l'impossibilité potentielle de vendre son algorithme, le président ayant confirmé sa volonté de « fermer » l'application."
)


@pytest.mark.parametrize(
    ("quote", "hedged"),
    [
        ("il ne céderait pas sa filiale à Microsoft", False),  # future in the past after « a annoncé que »
        ("une proposition de ByteDance", True),  # « Selon Reuters » in the sentence, « serait » in the clause
        ("près de 100 millions de particuliers", True),  # the clause's verb is conditional
        ("en juillet sa volonté de bannir TikTok", False),  # « représenterait » is in the next clause (« car »)
        ("Nous allons examiner cela", False),
        ("l'impossibilité potentielle", True),  # a hedging word in the quote itself
        ("le président ayant confirmé sa volonté", False),  # « potentielle » qualifies another clause's noun
    ],
)
def test_quote_hedges(quote, hedged):
    ctx = french.context(ARTICLE, quote)
    assert ctx is not None
    assert bool(french.quote_hedges(ctx)) is hedged, french.quote_hedges(ctx)


def test_direct_speech_and_sentence():
    ctx = french.context(ARTICLE, "Nous allons examiner cela")
    assert ctx.direct_speech
    assert ctx.sentence == "« Nous allons examiner cela », a indiqué Steven Mnuchin."
    assert not french.context(ARTICLE, "une proposition de ByteDance").direct_speech


def test_conditional_forms_and_imperfects():
    words = french.conditional_words("serait aurait pourraient devrait consulteraient finirait espérait encadrait tirait ouvrait irait")
    assert words == ["serait", "aurait", "pourraient", "devrait", "consulteraient", "finirait", "irait"]


def test_site_voice_attributions():
    assert french.hedges("Selon un article, l'accord serait signé.", site_voice=True)
    assert french.hedges("Microsoft dit avoir été informé.", site_voice=True)
    assert not french.hedges("ByteDance a refusé l'offre de Microsoft.", site_voice=True)


def test_shared_content_words_after_normalisation():
    none = french.Synonyms([])
    assert french.shared_words("ByteDance a refusé les offres de Microsoft.", "rejeté les offres de Microsoft", none) == ["offres", "microsoft"]
    assert french.shared_words("Walmart et Oracle.", "la filiale américaine de ByteDance", none) == []
    assert french.shared_words("Le délai court jusqu'au 20 septembre.", "avant le 20 septembre", none) == ["20", "septembre"]
    assert french.shared_words("pour la première fois en douze ans", "depuis 12 ans", none) == ["12", "ans"]
    assert french.shared_words("Microsoft était le favori.", "tenir la corde", french.Synonyms([["favori", "corde"]])) == ["corde"]


def test_date_tokens():
    assert french.date_tokens("le week-end des 12 et 13 septembre 2020") == ["week-end", "12", "13", "septembre"]
    assert french.date_tokens("fin août 2020") == ["fin", "août"]
    assert french.has_token("Fin aout, le ministère", "août")
    assert french.has_token("le 1er mars", "1") and not french.has_token("le 12 mars", "1")


def _sentence_start_by_scanning(text: str, position: int) -> int:
    """The reading before the per-article index: every sentence end before the quote, in order."""
    start = 0
    for m in french._SENTENCE_END.finditer(text, 0, position):
        start = m.end()
    return start


def _inside_by_scanning(text: str, position: int) -> bool:
    """The reading before `_inside_quotation_marks` looked at the marks only: every character."""
    line_start = text.rfind("\n", 0, position) + 1
    guillemets = curly = 0
    straight = False
    for ch in text[line_start:position]:
        if ch == "«":
            guillemets += 1
        elif ch == "»":
            guillemets = max(0, guillemets - 1)
        elif ch == "“":
            curly += 1
        elif ch == "”":
            curly = max(0, curly - 1)
        elif ch == '"':
            straight = not straight
    return guillemets > 0 or curly > 0 or straight


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .!?…\n«»“”\"'", max_size=60), st.data())
def test_the_faster_readings_read_as_the_scans_did(text, data):
    """context() finds the sentence start by bisecting a per-article list of sentence ends and
    tells direct speech by the quotation marks alone: the same answers as scanning, anywhere."""
    position = data.draw(st.integers(0, len(text)))
    assert french._inside_quotation_marks(text, position) == _inside_by_scanning(text, position)
    if position < len(text) and not text[position].isspace():
        quote = text[position:position + 3].rstrip()
        if quote and not quote[0].isspace():
            article = ArticleText(text)
            span, ctx = article.find(quote), french.context(article, quote)
            if ctx is not None:  # where the article finds it (quotation marks and spaces normalised)
                start = _sentence_start_by_scanning(text, span.start)
                expected = text[start:span.start]
                assert ctx.before == expected[len(expected) - len(expected.lstrip()):]


NEGATED = ArticleText(
    "En signant ce partenariat, la maison mère évite donc de céder son algorithme. "
    "La firme américaine n'ayant pas la moindre expérience en médias sociaux, le choix étonne. "
    "Le projet ne sera pas officialisé avant que l'accord n'ait été approuvé par la Maison-Blanche. "
    "L'alliance n'aura donc pas suffi et le champ semble libre. "
    "L'application ne parle donc pas d'une vente directe. "
    "Ces outils ne peuvent être cédés sans l'accord des autorités chinoises. "
    "L'application serait bloquée si elle ne passait pas sous le contrôle d'une entreprise américaine."
)


@pytest.mark.parametrize(
    ("quote", "left_out"),
    [
        ("de céder son algorithme", "évite donc"),
        ("expérience en médias sociaux", "n'ayant pas la moindre"),
        ("contrôle d'une entreprise américaine", "ne passait pas sous le"),  # back to its « ne »
        ("l'accord des autorités chinoises", "sans"),
        ("évite donc de céder son algorithme", None),  # the quote carries the negation
        ("pas d'une vente directe", None),  # it opens on its own negation
        ("approuvé par la Maison-Blanche", None),  # « avant que … n'ait été »: the expletive « ne »
        ("le champ semble libre", None),  # « et » opens another clause
        ("la maison mère", None),
    ],
)
def test_a_negation_left_just_outside_a_quote(quote, left_out):
    assert french.negation_left_out(french.context(NEGATED, quote)) == left_out
