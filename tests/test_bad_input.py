"""Every kind of bad input an editor can produce: the exact message, exit code 1, and an
untouched site/. Each row here is a row of BAD_INPUT.md."""

from __future__ import annotations

import shutil

import pytest

from explainer.cli import main
from explainer.dates import EDTF_RULE
from explainer.pipeline import run_build
from test_build import tree_digest

ONE = "1 problème : le site n'a pas été modifié."

# (name, file, text to replace or None for the whole file, replacement, expected lines)
CASES = [
    ("yaml-syntax-unclosed-quote", "facts.yml", "title: Les quais de Brest", 'title: "Les quais de Brest',
     ["facts.yml:4:20: erreur de syntaxe YAML : texte inattendu : un guillemet n'est pas refermé, ou la ligne est mal indentée (vérifiez aussi la ligne précédente)"]),
    ("yaml-syntax-colon", "facts.yml", "role: Elle décide de la fermeture.", "role: Elle décide : la fermeture.",
     ["facts.yml:30:23: erreur de syntaxe YAML : deux-points inattendu : mettez la valeur entre guillemets si elle contient « : »"]),
    ("yaml-syntax-indentation", "facts.yml", "    kind: administration", "   kind: administration",
     ["facts.yml:28:4: erreur de syntaxe YAML : indentation incohérente : alignez cette ligne sur ses voisines (même nombre d'espaces)"]),
    ("yaml-syntax-list-indentation", "facts.yml", "  - id: pecheurs", " - id: pecheurs",
     ["facts.yml:36:2: erreur de syntaxe YAML : élément de liste mal indenté : alignez les « - »"]),
    ("tab", "facts.yml", "  - id: quai\n", "\t- id: quai\n",
     ["facts.yml:137:1: tabulation dans l'indentation : YAML n'accepte que des espaces"]),
    ("duplicate-key", "facts.yml", "    status: rapporté\n    updated:", "    status: rapporté\n    status: confirmé\n    updated:",
     ["facts.yml:87:5: clé « status » en double (déjà définie ligne 86) : gardez-en une seule"]),
    ("unknown-key", "facts.yml", "    status: contesté\n    sources:", "    status: contesté\n    soruces:",
     ["facts.yml:76:5: clé « sources » obligatoire manquante : ajoutez-la",
      "facts.yml:80:5: clé inconnue « soruces » : vouliez-vous dire « sources » ? (clés permises : actors, aliases, id, sources, status, text, themes, updated)"]),
    ("wrong-type-list", "facts.yml", "themes: [echeances]\n    sides", "themes: echeances\n    sides",
     ["facts.yml:101:13: themes : liste attendue (des lignes commençant par « - »)"]),
    ("wrong-type-number", "facts.yml", "title: Les quais de Brest", "title: 42",
     ["facts.yml:2:10: title : texte attendu, trouvé « 42 » : mettez la valeur entre guillemets"]),
    ("missing-value", "facts.yml", "title: Les quais de Brest", "title:",
     ["facts.yml:2:9: title : valeur manquante : écrivez un texte après « title: » (ou supprimez la clé si elle est facultative)"]),
    ("empty-text", "facts.yml", "title: Les quais de Brest", 'title: ""',
     ["facts.yml:2:10: title : ne doit pas être vide"]),
    ("yaml11-no-as-status", "facts.yml", "status: rapporté\n    updated", "status: no\n    updated",
     ["facts.yml:86:13: status : valeur « no » non permise ; valeurs permises : confirmé, rapporté, contesté"]),
    ("yaml11-on-as-kind", "facts.yml", "kind: autre", "kind: on",
     ["facts.yml:38:11: kind : valeur « on » non permise ; valeurs permises : personne, entreprise, gouvernement, administration, investisseur, autre"]),
    ("yaml11-sexagesimal-date", "facts.yml", 'as_of: "2021-03-01"', "as_of: 12:30",
     ["facts.yml:5:10: as_of : date attendue au format AAAA-MM-JJ (ou AAAA-MM si l'article ne donne que le mois)"]),
    ("impossible-date", "facts.yml", 'as_of: "2021-03-01"', 'as_of: "2020-09-31"',
     ["facts.yml:5:10: as_of : la date 2020-09-31 n'existe pas dans le calendrier"]),
    ("date-trailing-newline", "facts.yml", 'as_of: "2021-03-01"', 'as_of: "2021-03-01\\n"',
     ["facts.yml:5:10: as_of : date attendue au format AAAA-MM-JJ (ou AAAA-MM si l'article ne donne que le mois)"]),
    ("date-full-width-digits", "facts.yml", 'date: "2021-02-26"', 'date: "２０２１-０２-２６"',
     ["facts.yml:44:11: date : " + EDTF_RULE]),
    ("date-interval-reversed", "facts.yml", 'date: "2021-02-26"', 'date: "2021-02-27/2021-02-26"',
     ["facts.yml:44:11: date : la période 2021-02-27/2021-02-26 finit (2021-02-26) avant de commencer (2021-02-27) : inversez les deux dates"]),
    ("empty-file", "facts.yml", None, "", ["facts.yml:1:1: le fichier est vide"]),
    ("comment-only-file", "facts.yml", None, "# rien\n", ["facts.yml:1:1: le fichier est vide"]),
    ("enormous-file", "facts.yml", None, "# " + "x" * 5_000_001 + "\n",
     ["facts.yml:1:1: fichier trop gros (5 000 004 octets, maximum 5 000 000) : découpez-le ou allégez-le"]),
    ("not-a-mapping", "facts.yml", None, "- a\n- b\n", ["facts.yml:1:1: document : ensemble de clés attendu (« clé: valeur »)"]),
    ("yaml-tag", "facts.yml", "title: Les quais de Brest", 'title: !!python/object/apply:os.system ["true"]',
     ["facts.yml:2:10: étiquette YAML « !!python/object/apply:os.system » non permise : écrivez une valeur simple, sans « ! »"]),
    ("yaml-alias", "facts.yml", "title: Les quais de Brest", "title: &t Les quais de Brest\n  scope2: *t",
     ["facts.yml:3:11: erreur de syntaxe YAML : les alias YAML (*nom) ne sont pas permis : recopiez la valeur"]),
    ("id-used-twice", "facts.yml", "  - id: quai\n", "  - id: fermeture-quais\n",
     ["facts.yml:137:9: id « fermeture-quais » déjà utilisé ligne 60 (facts) : chaque id doit être unique"]),
    ("unknown-reference", "facts.yml", "facts: [delai-pecheurs]", "facts: [delai-pecheur]",
     ["facts.yml:111:13: fait « delai-pecheur » inconnu : vouliez-vous dire « delai-pecheurs » ?"]),
    ("unknown-article", "facts.yml", "{article: beta, quote: seront", "{article: gamma, quote: seront",
     ["facts.yml:106:29: article « gamma » inconnu (articles : alpha, beta)"]),
    ("slug-path", "facts.yml", "- id: quai\n", "- id: ../x\n",
     ["facts.yml:137:9: id : identifiant « ../x » invalide : minuscules, chiffres et tirets, sans accent ni espace (ex. « refus-microsoft »)"]),
    ("slug-space", "facts.yml", "- id: quai\n", "- id: le quai\n",
     ["facts.yml:137:9: id : identifiant « le quai » invalide : minuscules, chiffres et tirets, sans accent ni espace (ex. « refus-microsoft »)"]),
    ("slug-uppercase", "facts.yml", "- id: quai\n", "- id: Quai\n",
     ["facts.yml:137:9: id : identifiant « Quai » invalide : minuscules, chiffres et tirets, sans accent ni espace (ex. « refus-microsoft »)"]),
    ("control-character", "facts.yml", "title: Les quais de Brest", "title: Les quais\x07 de Brest",
     ["facts.yml:2:19: caractère de contrôle invisible (U+0007) : supprimez-le (il vient souvent d'un copier-coller)"]),
    ("glossary-term-bracket", "facts.yml", "term: quais", "term: quais]",
     ["facts.yml:138:11: term : « quais] » : un terme du glossaire ne peut contenir ni crochet, ni barre oblique inverse, ni astérisque, ni retour à la ligne"]),
    ("glossary-term-backslash", "facts.yml", "term: quais", "term: 'quais\\'",
     ["facts.yml:138:11: term : « quais\\ » : un terme du glossaire ne peut contenir ni crochet, ni barre oblique inverse, ni astérisque, ni retour à la ligne"]),
    ("misquote", "facts.yml", "quote: le 2 mars\n", "quote: le 3 mars\n",
     ["facts.yml:97:16: citation introuvable dans alpha (alpha.txt) ; passage le plus proche : « le 2 mars, »"]),
    ("missing-article", "seeds/articles.yml", "file: beta.txt", "file: betta.txt",
     ["seeds/articles.yml:12:11: file : article « betta.txt » introuvable dans seeds/ : vouliez-vous dire « beta.txt » ?"]),
    ("article-line-range", "seeds/articles.yml", 'text: ["1-3"]\n    note', 'text: ["1-30"]\n    note',
     ["seeds/articles.yml:19:12: text : la plage 1-30 dépasse la fin de beta.txt (4 lignes)"]),
    ("article-path", "seeds/articles.yml", "file: beta.txt", "file: ../beta.txt",
     ["seeds/articles.yml:12:11: file : « ../beta.txt » : nom de fichier .txt simple attendu, sans dossier"]),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from helpers import make_project

    project = make_project(tmp_path_factory.mktemp("bad") / "project")
    assert run_build(project).ok
    return project.root


@pytest.mark.parametrize("name, file, old, new, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input(built, tmp_path, capsys, name, file, old, new, expected):
    root = tmp_path / "project"
    shutil.copytree(built, root)
    before = tree_digest(root / "site")
    path = root / file
    if old is None:
        path.write_text(new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    n = len(expected)
    footer = ONE if n == 1 else f"{n} problèmes : le site n'a pas été modifié."
    assert capsys.readouterr().err.splitlines() == expected + [footer]
    assert tree_digest(root / "site") == before


def _article_cases():
    def renamed(root):
        (root / "seeds" / "beta.txt").rename(root / "seeds" / "beta-old.txt")

    def latin1(root):
        path = root / "seeds" / "beta.txt"
        path.write_bytes(path.read_bytes().replace("fermés".encode(), "fermés".encode("latin-1"), 1))

    def unreadable(root):  # a folder where the article should be: reading it fails even as root
        (root / "seeds" / "beta.txt").unlink()
        (root / "seeds" / "beta.txt").mkdir()

    return [
        ("article-renamed", renamed,
         ["seeds/articles.yml:12:11: file : article « beta.txt » introuvable dans seeds/ : vouliez-vous dire « beta-old.txt » ?"]),
        ("article-not-utf8", latin1, ["seeds/beta.txt:1:23: l'article n'est pas en UTF-8 : réenregistrez-le en UTF-8"]),
        ("article-unreadable", unreadable,
         ["seeds/beta.txt:1:1: article illisible (c'est un dossier) : vérifiez qu'il s'agit d'un fichier texte lisible"]),
    ]


@pytest.mark.parametrize("name, damage, expected", _article_cases(), ids=[c[0] for c in _article_cases()])
def test_bad_article(built, tmp_path, capsys, name, damage, expected):
    root = tmp_path / "project"
    shutil.copytree(built, root)
    before = tree_digest(root / "site")
    damage(root)
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    assert capsys.readouterr().err.splitlines() == expected + [ONE]
    assert tree_digest(root / "site") == before


def test_every_row_is_documented(real_root):
    doc = (real_root / "BAD_INPUT.md").read_text(encoding="utf-8")
    for name in [c[0] for c in CASES] + [c[0] for c in _article_cases()]:
        assert f"| `{name}` |" in doc, name
