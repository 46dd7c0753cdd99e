"""The « citer » control (issues 24 and 26): one per element, an inline SVG icon, the permanent
address under the site's configured address, ready-made citations that paste unchanged, and
every kind of element highlighted where a link lands."""

from __future__ import annotations

import html
import re
import markdown
import pytest

from explainer import cite


NASTY = [
    "Simple titre",
    "A | B }} C = D {{x}} [[lien]] ''gras'' ~~~~ <ref>note</ref> & fin",
    "Crochets [1] et (parenthèses) *étoiles* _soulignés_ `code` \\ barre",
    "« L’accord » : 100 % = rien ; a|b",
]


def citation(title: str) -> cite.Citation:
    return cite.Citation(url="https://example.org/site/page/#id-1", title=title, site="Le site | nom",
                         publisher="La rédaction = nous", date="2026-11-29", accessed="2026-12-07")


def mediawiki_params(text: str) -> dict[str, str]:
    """A `{{Lien web |a=b |c=d}}` call read as MediaWiki reads it: the template ends at the first
    `}}`, parameters are split at every `|`, a name ends at the first `=`; values are then
    shown with their character references decoded."""
    assert text.startswith("{{Lien web ") and text.endswith("}}")
    inner = text[len("{{Lien web ") : -2]
    assert "}}" not in inner and "{{" not in inner and "[[" not in inner and "<" not in inner
    assert "''" not in inner and "~~~" not in inner
    params = {}
    for part in inner.split("|")[1:]:
        name, _, value = part.partition("=")
        params[name.strip()] = html.unescape(value.strip())
    return params


@pytest.mark.parametrize("title", NASTY)
def test_a_mediawiki_citation_pastes_unchanged(title):
    params = mediawiki_params(citation(title).mediawiki)
    assert params == {
        "titre": " ".join(title.split()), "url": "https://example.org/site/page/#id-1", "site": "Le site | nom",
        "éditeur": "La rédaction = nous", "date": "2026-11-29", "consulté le": "2026-12-07",
    }


def test_the_mediawiki_reader_sees_a_broken_citation():
    """The reader above is strict: an unescaped `|` or `=` gives it other parameters."""
    assert mediawiki_params("{{Lien web |titre=a | b |url=x}}") != {"titre": "a | b", "url": "x"}
    assert mediawiki_params("{{Lien web |titre=a = b}}") == {"titre": "a = b"}  # a second = stays in the value…
    assert "titre" not in mediawiki_params("{{Lien web |titre a=b}}")  # …but the name ends at the first


@pytest.mark.parametrize("title", NASTY)
def test_a_markdown_citation_is_one_link_with_the_element_s_words(title):
    out = markdown.markdown(citation(title).markdown)
    links = re.findall(r'<a href="([^"]+)">(.*?)</a>', out)
    assert len(links) == 1
    href, text = links[0]
    assert href == "https://example.org/site/page/#id-1"
    assert html.unescape(re.sub(r"<[^>]+>", "", text)) == " ".join(title.split())


@pytest.mark.parametrize("title", NASTY)
def test_a_confluence_citation_is_one_link_with_the_element_s_words(title):
    text = citation(title).confluence
    # Confluence wiki markup: [text|url], where \ escapes the next character
    m = re.match(r"\[((?:\\.|[^\\\]|])*)\|([^\]]+)\]", text)
    assert m, text
    assert re.sub(r"\\(.)", r"\1", m.group(1)) == " ".join(title.split())
    assert m.group(2) == "https://example.org/site/page/#id-1"


def test_an_address_with_spaces_or_brackets_stays_one_address():
    c = cite.Citation(url="https://example.org/a b/(x)|y", title="t", site="s", publisher=None, date="d", accessed="a")
    assert "https://example.org/a%20b/%28x%29%7Cy" in c.mediawiki and "éditeur" not in c.mediawiki
    assert "(https://example.org/a%20b/%28x%29%7Cy)" in c.markdown



from hypothesis import given, settings, strategies as st  # noqa: E402

from explainer.cite import _MARKDOWN_IN_ATTRIBUTE  # noqa: E402


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("[]()*_\\`{}|~:!#&<>\"'; a1é«»") + ["&#35;", "&amp;"]), max_size=20).map("".join))
def test_attribute_is_one_pass_of_its_table(text):
    """cite.attribute replaces character by character (for speed): the same string as one
    pass of its table over the HTML-escaped text, a reference it writes never read again."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
    assert cite.attribute(text) == escaped.translate(_MARKDOWN_IN_ATTRIBUTE)
