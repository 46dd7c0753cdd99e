"""Quote verification: what counts as verbatim, and the suggestion for a near miss."""

import pytest

from explainer.quotes import ArticleText, normalise


ARTICLE = (
    "Selon cet accord, la société dirigée par Larry Ellison – soutien de Donald Trump – gérera "
    "toutes les opérations. Le risque d’un «no-deal» est donc encore bien réel.\n"
    "L'application a déposé une plainte à l'encontre d'un décret signé par Donald Tump."
)


@pytest.mark.parametrize(
    "quote",
    [
        "la société dirigée par Larry Ellison",  # exact
        "la société  dirigée\npar Larry Ellison",  # whitespace runs and line breaks
        "la société\u00a0dirigée par\u202fLarry Ellison",  # no-break spaces
        "la socie\u0301te\u0301 dirigée par Larry Ellison",  # decomposed accents (NFD)
        "Le risque d'un «no-deal»",  # straight apostrophe for a curly one
        'Le risque d’un "no-deal"',  # straight quotation marks for « »
        "Le risque d’un “no-deal”",  # English quotation marks for « »
        "L’application a déposé une plainte",  # curly apostrophe for a straight one
        "signé par Donald Tump.",  # the article's typo is kept
        "signé par Donald Tump [sic].",  # and may be marked by the editor's [sic]
        "Donald Tump [sic]",
        "  gérera toutes les opérations.  ",  # surrounding spaces
    ],
)
def test_found(quote):
    assert ArticleText(ARTICLE).contains(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "la Société dirigée par Larry Ellison",  # case is not normalised
        "la societe dirigee par Larry Ellison",  # accents are not stripped
        "signé par Donald Trump.",  # correcting the typo is a misquote
        "signé par Donald Trump [sic].",  # [sic] does not excuse a correction
        "Le risque d’un « no-deal »",  # spaces inside « » that the article does not have
        "la société dirigée par Larry Ellison, soutien de Donald Trump",  # punctuation changed
        "gérera toutes les opérations. L'application",  # skips text between the two
        "",
    ],
)
def test_not_found(quote):
    assert not ArticleText(ARTICLE).contains(quote)


def test_found_span_points_at_the_original_characters():
    text = ArticleText(ARTICLE)
    span = text.find("Le risque d'un \"no-deal\"")
    assert ARTICLE[span.start : span.end] == "Le risque d’un «no-deal»"


@pytest.mark.parametrize(
    "quote, expected",
    [
        ("signé par Donald Trump.", "signé par Donald Tump."),
        ("la societe dirigee par Larry Ellison", "la société dirigée par Larry Ellison"),
        ("Le risque d'un no-deal est donc bien réel", "Le risque d’un «no-deal» est donc encore bien"),
    ],
)
def test_closest_passage_is_suggested_in_the_articles_own_characters(quote, expected):
    assert ArticleText(ARTICLE).closest(quote) == expected


def test_normalise_changes_only_what_is_allowed():
    assert normalise("  a\u00a0\u202f b\n’«»“”  ") == "a b '\"\"\"\""
    assert normalise("É") == normalise("E\u0301")
    assert normalise("Éa-b.") == "Éa-b."


from hypothesis import given, settings, strategies as st  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402

from explainer.quotes import _TRANSLATE  # noqa: E402

#: What pasted French text is made of around the characters normalise changes.
_PIECES = st.sampled_from(list("ab é  \t\n\r\u00a0\u202f\u2009\u2028’'`´′‘ʼ«»“”„‟″\"\u00ad\u200b\u200c\u200d\u2060\ufeff") + ["e\u0301", "[sic]"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_normalise_is_its_definition(text):
    """normalise replaces only what is there (for speed): the same text as the definition
    the module's docstring gives, in one pass over every character."""
    assert normalise(text) == re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(_TRANSLATE)).strip()


from explainer.rules import QUALIFIER_WORDS, QUALIFIERS  # noqa: E402

#: Pieces of the qualifiers (every word they start with, their digits and spaces) and of
#: the text around them, to build sentences where a qualifier may start anywhere.
_QUALIFIER_PIECES = st.sampled_from([
    "pour ", "d'", "quelques ", "plusieurs ", "centaines", "milliers", "dizaines", "1", "12", "3,5", " ", "\u202f",
    "de ", "millions", "milliard", "dollars", "euros", "%", "utilisateurs", "fois", "à condition", "si ", "celle", "un",
    "l'", "sauf", "au minimum", "tout au moins", "seulement", "uniquement", "minoritaire", "minorité", "majoritaire",
    "américains", "US", "nord-américaine", "australien", "néo-zélandais", "jusqu'", "au", "à", "er", "septembre",
    "dès ", "lundi", "x", "é", "B", "Z", "-", ".", "« ", "٣",
    # whole qualifiers, so each alternative is met often
    "pour quelques centaines de millions de dollars", "d'un milliard", "20 %", "100 millions d'utilisateurs",
    "à condition que", "si celle-ci", "jusqu'au 15 septembre", "jusqu'à lundi 12 novembre", "dès demain",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(_QUALIFIER_PIECES, max_size=16).map("".join))
def test_qualifiers_find_what_their_words_find(text):
    """QUALIFIERS skips the positions no qualifier starts at (for speed): it finds the same
    qualifiers, at the same places, as the bare pattern."""
    bare = re.compile(QUALIFIER_WORDS)
    assert [(m.span(), m.group(0)) for m in QUALIFIERS.finditer(text)] == [(m.span(), m.group(0)) for m in bare.finditer(text)]
