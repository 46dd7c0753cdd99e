"""The narrative (`narrative:` in facts.yml, explainer/narrative.py): every sentence rests on
the facts it names, says no more than they do, and the build turns each reference into a
link that shows the fact's status.

Bad passages: the exact message of `make check` on the fixture story with one mistake (each
row is a row of BAD_INPUT.md). Good passages: variations that check clean."""

from __future__ import annotations

import re
import shutil
import pytest

from explainer import narrative
from explainer.cli import main
from helpers import FIXTURES


FIRST = "      La mairie fermerait les quais le 2 mars [fermeture-quais, date-fermeture]. Les pêcheurs demandent\n"


SECOND = "      Les articles divergent sur la date : dès lundi, selon la préfecture\n      [prefecture-lundi, date-fermeture].\n"


THEME = "  echeances:\n"


BAD = [
    ("narrative-no-reference",
     "un délai jusqu'au 9 mars [delai-pecheurs].", "un délai jusqu'au 9 mars.",
     ["facts.yml:150:82: phrase sans référence : « Les pêcheurs demandent un délai jusqu'au 9 mars. » : ajoutez entre "
      "crochets l'id du fait (ou des faits) sur lequel elle repose, avant le point, ex. « … a refusé l'offre "
      "[id-du-fait]. »"]),
    ("narrative-unknown-id",
     "9 mars [delai-pecheurs]", "9 mars [delai-pecheur]",
     ["facts.yml:151:33: référence « delai-pecheur » inconnue (ni un fait ni une divergence) : vouliez-vous dire "
      "« delai-pecheurs » ?"]),
    ("narrative-old-id",
     "  - id: delai-pecheurs\n", "  - id: delai-pecheurs\n    aliases: [delai]\n",
     None),  # built below: the narrative names the old id
    ("narrative-not-an-id",
     "9 mars [delai-pecheurs]", "9 mars [Les Pêcheurs]",
     ["facts.yml:150:82: phrase sans référence : « Les pêcheurs demandent un délai jusqu'au 9 mars. » : ajoutez entre "
      "crochets l'id du fait (ou des faits) sur lequel elle repose, avant le point, ex. « … a refusé l'offre "
      "[id-du-fait]. »",
      "facts.yml:151:32: « [Les Pêcheurs] » : les crochets sont réservés aux références ; écrivez-y l'id d'un fait "
      "(minuscules, chiffres et tirets, plusieurs séparés par des virgules : [id-1, id-2]), ou retirez les crochets"]),
    ("narrative-certain",
     FIRST, "      La mairie fermera les quais le 2 mars [fermeture-quais, date-fermeture]. Les pêcheurs demandent\n",
     ["facts.yml:150:7: phrase affirmative : « La mairie fermera les quais le 2 mars. », mais le fait "
      "« fermeture-quais » est seulement « rapporté » : dites-la comme les articles, au conditionnel (« serait », "
      "« aurait », « pourrait »), avec « selon … » ou « d'après un article », ou appuyez-la sur un fait confirmé"]),
    ("narrative-contested-alone",
     SECOND, "      Selon la préfecture, les quais seraient fermés dès lundi [prefecture-lundi].\n",
     ["facts.yml:153:65: le fait « prefecture-lundi » est contesté : la phrase doit dire que les articles divergent ; "
      "ajoutez dans la même phrase la divergence qui montre les versions des articles : [date-fermeture]"]),
    # issue 23: a sentence stating what a disagreement disputes carries it, even when the fact it
    # rests on is only rapporté (« ByteDance a refusé l'offre de Microsoft et de Walmart »)
    ("narrative-disputed-unnamed",
     FIRST, "      La mairie fermerait les quais le 2 mars [fermeture-quais]. Les pêcheurs demandent\n",
     ["facts.yml:150:48: le fait « fermeture-quais » est en cause dans la divergence « date-fermeture » : la phrase "
      "qui s'appuie sur lui doit le dire ; ajoutez dans la même phrase la divergence qui montre les versions des "
      "articles : [date-fermeture]"]),
    ("narrative-disagreement-certain",
     SECOND, "      La date change [date-fermeture].\n",
     ["facts.yml:153:7: phrase affirmative : « La date change. », mais la divergence « date-fermeture » montre que "
      "les articles ne s'accordent pas : dites-la comme les articles, au conditionnel (« serait », « aurait », "
      "« pourrait »), avec « selon … » ou « d'après un article », ou appuyez-la sur un fait confirmé"]),
    ("narrative-unknown-page",
     THEME, "  echeance:\n",
     ["facts.yml:155:3: passage « echeance » : ce n'est ni « accueil » (la page d'accueil) ni un thème : "
      "vouliez-vous dire « echeances » ?"]),
    ("narrative-too-long",
     THEME, THEME + "".join("    - D'après un article, la mairie avait d'abord parlé du 1er mars [mairie-premier-mars].\n"
                            for _ in range(3)),
     ["facts.yml:159:7: passage « echeances » : 4 paragraphes, mais l'ouverture d'une page de thème en compte au plus 3 : "
      "resserrez, le détail est dans les faits (vocabulary.paragraphs)"]),
]


OLD_ID = ("9 mars [delai-pecheurs]", "9 mars [delai]",
          ["facts.yml:152:33: référence « delai » : c'est un ancien id, écrivez « delai-pecheurs »"])


GOOD = [
    # « selon » and « d'après » attribute; « un article » is the site's own way of saying so
    ("good-attributed", FIRST, "      Selon un article, la mairie fermera les quais le 2 mars [fermeture-quais, date-fermeture]. Les pêcheurs demandent\n"),
    # the references may follow the full stop, like a footnote call after the sentence
    ("good-reference-after-stop", "jusqu'au 9 mars [delai-pecheurs].", "jusqu'au 9 mars. [delai-pecheurs]"),
    # several references in one sentence, in one pair of brackets or in two
    ("good-two-references", "Les pêcheurs demandent\n      un délai jusqu'au 9 mars [delai-pecheurs].",
     "Selon un article, les pêcheurs demandent\n      un délai jusqu'au 9 mars [delai-pecheurs] [fermeture-quais, date-fermeture]."),
    # an abbreviation's full stop does not end the sentence
    ("good-abbreviation", "Les pêcheurs demandent\n      un délai", "M. Le Gall et les pêcheurs demandent\n      un délai"),
    # a confirmé fact may be told in the indicative
    ("good-confirmed-indicative", FIRST, "      La mairie fermerait les quais le 2 mars [fermeture-quais, date-fermeture]. Les pêcheurs ont demandé\n"),
    # no narrative at all: the home page shows the story's summary
    ("good-no-narrative", "narrative:\n", "unused_narrative:\n"),
]


def _project(tmp_path, old: str, new: str):
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "story", root)
    path = root / "facts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    if old == "narrative:\n":  # drop the whole section, up to the next one (the vocabulary, at the end)
        start = text.index("unused_narrative:")
        after = re.search(r"\n(?=\S)", text[start:])
        text = text[:start] + (text[start + after.end():] if after else "")
    path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("name, old, new, expected", BAD, ids=[c[0] for c in BAD])
def test_bad_narrative(tmp_path, capsys, name, old, new, expected):
    root = _project(tmp_path, old, new)
    if name == "narrative-old-id":
        path = root / "facts.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(OLD_ID[0], OLD_ID[1], 1), encoding="utf-8")
        expected = OLD_ID[2]
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 1
    n = len(expected)
    footer = "1 problème : le site n'a pas été modifié." if n == 1 else f"{n} problèmes : le site n'a pas été modifié."
    assert capsys.readouterr().err.splitlines() == expected + [footer]


@pytest.mark.parametrize("name, old, new", GOOD, ids=[c[0] for c in GOOD])
def test_good_narrative(tmp_path, capsys, name, old, new):
    root = _project(tmp_path, old, new)
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 0, capsys.readouterr().err


def test_every_row_is_documented(real_root):
    doc = (real_root / "BAD_INPUT.md").read_text(encoding="utf-8")
    for name, *_ in BAD:
        assert f"| `{name}` |" in doc, name


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Un [a]. Deux [b, c].", [("Un.", ["a"]), ("Deux.", ["b", "c"])]),
        # references after the full stop belong to the sentence before
        ("Un. [a] Deux [b].", [("Un.", ["a"]), ("Deux.", ["b"])]),
        # abbreviations and initials do not end a sentence
        ("M. Dupont et J. Doe le disent [a]. Fin [b].", [("M. Dupont et J. Doe le disent.", ["a"]), ("Fin.", ["b"])]),
        # a lower-case word after a full stop does not start a sentence (« 3.5 », « etc. »)
        ("Environ 3.5 millions, etc. selon lui [a].", [("Environ 3.5 millions, etc. selon lui.", ["a"])]),
        # a question, an exclamation, closing quotes
        ("Qui paiera ? Personne [a] ! « Rien. » Voilà [b].",
         [("Qui paiera ?", []), ("Personne !", ["a"]), ("« Rien. »", []), ("Voilà.", ["b"])]),
        # no full stop at the end
        ("Un [a]", [("Un", ["a"])]),
    ],
)
def test_sentences(paragraph, expected):
    got = [(s.plain, [i for r in s.refs for i in r.ids]) for s in narrative.sentences(paragraph)]
    assert got == expected


def test_pieces_drop_the_space_before_a_reference():
    assert narrative.pieces("Un mot [a, b]. Fin [c].") == [
        ("text", "Un mot"), ("refs", ("a", "b")), ("text", ". Fin"), ("refs", ("c",)), ("text", "."),
    ]


def test_locate_finds_a_sentence_in_a_folded_text():
    source = "narrative:\n  accueil:\n    - >-\n      Un deux trois.\n      Quatre cinq six.\n"
    paragraph = "Un deux trois. Quatre cinq six."
    assert narrative.locate(source, (3, 7), paragraph, paragraph.index("Quatre")) == (5, 7)
    assert narrative.locate(source, (3, 7), paragraph, 0) == (4, 7)
    # a text the source spells otherwise (an escape) falls back on the node's position
    assert narrative.locate(source, (3, 7), "Autre chose", 0) == (3, 7)

