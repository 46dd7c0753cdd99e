"""Template filters: French typography, Babel dates, escaping."""

import datetime as dt
import re
import markdown
import pytest

from explainer.dates import french as french_date
from explainer.dates import span as from_to
from explainer.text import NBSP, NNBSP, in_letters, md_escape, meta, typography


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Pourquoi?", f"Pourquoi{NNBSP}?"),
        ("Non ! Oui ; peut-être", f"Non{NNBSP}! Oui{NNBSP}; peut-être"),
        ("Réponse : oui", f"Réponse{NBSP}: oui"),
        ("à 09:11", "à 09:11"),  # a colon without a space (a time) is left alone
        ("« partenaire »", f"«{NBSP}partenaire{NBSP}»"),
        ("«partenaire»", f"«{NBSP}partenaire{NBSP}»"),
        ("l'application", "l’application"),
        ("aujourd'hui 'cité'", "aujourd’hui 'cité'"),  # only apostrophes between letters
    ],
)
def test_typography(raw, expected):
    assert typography(raw) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-09-13", "13 septembre 2020"),
        ("2020-09-01", "1er septembre 2020"),
        ("2020-08", "août 2020"),
        ("2020", "2020"),
        ("2020-09-14T09:11", f"14 septembre 2020 à 9{NBSP}h{NBSP}11"),  # French writes 9 h 11, not 09 h 11
        (dt.date(2020, 11, 12), "12 novembre 2020"),
        (None, "date inconnue"),
    ],
)
def test_french_dates(value, expected):
    assert french_date(value) == expected


@pytest.mark.parametrize(
    "first, last, expected",
    [("juillet 2020", "14 septembre 2020", "de juillet au 14 septembre 2020"),
     ("août 2020", "12 novembre 2020", "d’août au 12 novembre 2020"),
     ("3 août 2020", "octobre 2020", "du 3 août à octobre 2020"),
     ("3 août 2020", "janvier 2021", "du 3 août 2020 à janvier 2021"),
     ("juillet 2020", "septembre 2020", "de juillet à septembre 2020"),
     ("26 février 2021", "26 février 2021", "le 26 février 2021"),
     ("septembre 2020", "septembre 2020", "en septembre 2020"),
     ("le week-end des 12 et 13 septembre 2020", "novembre 2020", "du week-end des 12 et 13 septembre à novembre 2020")],
)
def test_a_period_in_french(first, last, expected):
    assert from_to(first, last) == expected


@pytest.mark.parametrize("n, feminine, expected", [(5, False, "cinq"), (1, True, "une"), (1, False, "un"),
                                                    (9, False, "neuf"), (16, False, "seize"), (17, False, "17"),
                                                    (1200, False, "1\u202f200")])
def test_counts_in_letters(n, feminine, expected):
    assert in_letters(n, feminine) == expected


def test_weekday_comes_from_babel():
    assert french_date("2020-09-14", with_weekday=True) == "lundi 14 septembre 2020"


# The site's extensions (mkdocs.yml), without pymdownx.escapeall: escaped text must read the
# same in any Python-Markdown engine (Zensical included), whose escapes are the standard ones.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.details"]
CONFIG: dict = {}


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "[clic](javascript:alert(1))",
        "**gras** _italique_ `code`",
        "{{ 7*7 }} {% if x %}",
        '--8<-- "/etc/passwd"',
        "!!! note",
        "{: onclick=alert(1) }",
        "a & b < c > d \" e ' f \\ g",
        "# titre",
        "1. liste",
        "- puce",
        "| a | b |",
    ],
)
def test_md_escape_shows_the_characters_themselves(text):
    html = markdown.markdown(str(md_escape(text)), extensions=EXTENSIONS, extension_configs=CONFIG)
    assert html.startswith("<p>") and html.endswith("</p>")
    assert "<script" not in html and "<a " not in html and "<strong>" not in html and "<code>" not in html
    import html as htmllib

    assert htmllib.unescape(html[3:-4]) == text


def test_md_escape_uses_only_escapes_every_engine_knows():
    import string

    from explainer.text import MD_ESCAPED

    escaped = str(md_escape(string.punctuation + " a=b ~x~ ^y^ :z: $w$ @v %u"))
    after_backslash = set(re.findall(r"\\(.)", escaped))
    standard = set(markdown.Markdown(extensions=["tables"]).ESCAPED_CHARS)
    assert set(MD_ESCAPED) | {">"} == standard
    assert after_backslash == standard - {">"}  # ">" is written &gt;, like every HTML special character
    assert "&#61;" in escaped and "~x~ ^y^ :z: $w$ @v %u" in escaped


@pytest.mark.parametrize(
    "text, shown",
    [
        ("    quatre espaces devant", "quatre espaces devant"),  # would be a code block
        ("deux espaces derrière  ", "deux espaces derrière"),  # would be a line break
        ("mots  \t séparés\n  large", "mots séparés large"),
    ],
)
def test_md_escape_keeps_one_space_between_words(text, shown):
    html = markdown.markdown("Avant.\n\n" + str(md_escape(text)), extensions=EXTENSIONS, extension_configs=CONFIG)
    assert html == f"<p>Avant.</p>\n<p>{shown}</p>"


def test_meta_is_one_line_escaped_and_shortened():
    assert meta('a\n"b" <c>') == "a &#34;b&#34; &lt;c&gt;"
    assert meta("un deux trois quatre", limit=12) == "un deux…"
