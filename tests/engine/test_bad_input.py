"""Every kind of bad input an editor can produce: the exact message, exit code 1, and an
untouched site/. Each row here is a row of BAD_INPUT.md."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import pytest

from explainer.cli import main
from explainer.dates import EDTF_RULE
from explainer.yamlsource import DEEP_MESSAGE, MAX_DEPTH
from helpers import ROOT, tree_digest


TEMPLATE_LINES = len((ROOT / "templates" / "actors.md.j2").read_text(encoding="utf-8").splitlines())

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
     ["facts.yml:143:1: tabulation dans l'indentation : YAML n'accepte que des espaces"]),
    ("duplicate-key", "facts.yml", "    status: rapporté\n    updated:", "    status: rapporté\n    status: confirmé\n    updated:",
     ["facts.yml:91:5: clé « status » en double (déjà définie ligne 90) : gardez-en une seule"]),
    ("unknown-key", "facts.yml", "    status: contesté\n    sources:", "    status: contesté\n    soruces:",
     ["facts.yml:80:5: clé « sources » obligatoire manquante : ajoutez-la",
      "facts.yml:84:5: clé inconnue « soruces » : vouliez-vous dire « sources » ? (clés permises : actors, aliases, id, sources, status, text, themes, updated)"]),
    ("wrong-type-list", "facts.yml", "themes: [echeances]\n    sides", "themes: echeances\n    sides",
     ["facts.yml:105:13: themes : liste attendue (des lignes commençant par « - »)"]),
    ("wrong-type-number", "facts.yml", "title: Les quais de Brest", "title: 42",
     ["facts.yml:2:10: title : texte attendu, trouvé « 42 » : mettez la valeur entre guillemets"]),
    ("missing-value", "facts.yml", "title: Les quais de Brest", "title:",
     ["facts.yml:2:9: title : valeur manquante : écrivez un texte après « title: » (ou supprimez la clé si elle est facultative)"]),
    ("empty-text", "facts.yml", "title: Les quais de Brest", 'title: ""',
     ["facts.yml:2:10: title : ne doit pas être vide"]),
    ("yaml11-no-as-status", "facts.yml", "status: rapporté\n    updated", "status: no\n    updated",
     ["facts.yml:90:13: status : valeur « no » non permise ; valeurs permises : confirmé, rapporté, contesté"]),
    ("yaml11-on-as-kind", "facts.yml", "kind: autre", "kind: on",
     ["facts.yml:38:11: kind : valeur « on » non permise ; valeurs permises : personne, entreprise, gouvernement, administration, investisseur, autre"]),
    ("yaml11-sexagesimal-date", "facts.yml", 'as_of: "2021-02-26"', "as_of: 12:30",
     ["facts.yml:5:10: as_of : date attendue au format AAAA-MM-JJ (ou AAAA-MM si l'article ne donne que le mois)"]),
    ("impossible-date", "facts.yml", 'as_of: "2021-02-26"', 'as_of: "2020-09-31"',
     ["facts.yml:5:10: as_of : la date 2020-09-31 n'existe pas dans le calendrier"]),
    ("locale-not-french", "facts.yml", 'as_of: "2021-02-26"', 'as_of: "2021-02-26"\n  locale: en_US',
     ["facts.yml:6:11: locale : « en_US » : le site ne s'écrit qu'en français ; écrivez fr_FR, fr_BE, fr_CA, fr_CH…"]),
    ("date-trailing-newline", "facts.yml", 'as_of: "2021-02-26"', 'as_of: "2021-03-01\\n"',
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
     ["facts.yml:143:9: id « fermeture-quais » déjà utilisé ligne 62 (facts) : chaque id doit être unique ; choisissez-en un autre (par exemple « fermeture-quais-2 »), sans toucher à celui de la ligne 62, déjà publié"]),
    ("theme-shows-missing", "facts.yml", "    shows: actors\n", "",
     ["facts.yml:15:3: aucune page ne montre la carte et les fiches des acteurs : ajoutez « shows: actors » au thème "
      "dont la page doit les montrer"]),
    ("theme-shows-twice", "facts.yml", "    shows: deadlines", "    shows: actors",
     ["facts.yml:15:3: aucune page ne montre les échéances, la frise et la chronologie : ajoutez « shows: deadlines » "
      "au thème dont la page doit les montrer",
      "facts.yml:22:12: « shows: actors » est déjà donné au thème « acteurs » : une seule page montre la carte et les "
      "fiches des acteurs"]),
    ("unknown-reference", "facts.yml", "facts: [delai-pecheurs]", "facts: [delai-pecheur]",
     ["facts.yml:117:13: fait « delai-pecheur » inconnu : vouliez-vous dire « delai-pecheurs » ?"]),
    ("unknown-article", "facts.yml", "{article: beta, quote: seront", "{article: gamma, quote: seront",
     ["facts.yml:111:29: article « gamma » inconnu (articles : alpha, beta)"]),
    ("slug-path", "facts.yml", "- id: quai\n", "- id: ../x\n",
     ["facts.yml:143:9: id : identifiant « ../x » invalide : minuscules, chiffres et tirets, sans accent ni espace (ex. « offre-refusee »)"]),
    ("slug-space", "facts.yml", "- id: quai\n", "- id: le quai\n",
     ["facts.yml:143:9: id : identifiant « le quai » invalide : minuscules, chiffres et tirets, sans accent ni espace (ex. « offre-refusee »)"]),
    ("slug-uppercase", "facts.yml", "- id: quai\n", "- id: Quai\n",
     ["facts.yml:143:9: id : identifiant « Quai » invalide : minuscules, chiffres et tirets, sans accent ni espace (ex. « offre-refusee »)"]),
    ("control-character", "facts.yml", "title: Les quais de Brest", "title: Les quais\x07 de Brest",
     ["facts.yml:2:19: caractère de contrôle invisible (U+0007) : supprimez-le (il vient souvent d'un copier-coller)"]),
    ("glossary-term-bracket", "facts.yml", "term: quais", "term: quais]",
     ["facts.yml:144:11: term : « quais] » : un terme du glossaire ne peut contenir ni crochet, ni barre oblique inverse, ni astérisque, ni retour à la ligne"]),
    ("glossary-term-backslash", "facts.yml", "term: quais", "term: 'quais\\'",
     ["facts.yml:144:11: term : « quais\\ » : un terme du glossaire ne peut contenir ni crochet, ni barre oblique inverse, ni astérisque, ni retour à la ligne"]),
    ("glossary-unsourced", "facts.yml", "    general: true\n", "",
     ["facts.yml:145:17: définition de « quais » sans citation : citez l'article dont elle vient (sources:), ou ajoutez « general: true » si c'est une définition générale du site (elle sera signalée comme telle)"]),
    ("glossary-sourced-and-general", "facts.yml", "    general: true\n",
     "    general: true\n    sources:\n      - {article: alpha, quote: ferme ses quais}\n",
     ["facts.yml:146:14: « quais » cite un article et se dit définition générale du site : gardez les citations (et retirez « general: true ») ou l'inverse"]),
    ("misquote", "facts.yml", "quote: le 2 mars\n", "quote: le 3 mars\n",
     ["facts.yml:101:16: citation introuvable dans alpha (alpha.txt) ; passage le plus proche : « le 2 mars, »"]),
    ("missing-article", "seeds/articles.yml", "file: beta.txt", "file: betta.txt",
     ["seeds/articles.yml:12:11: file : article « betta.txt » introuvable dans seeds/ : vouliez-vous dire « beta.txt » ?"]),
    ("article-line-range", "seeds/articles.yml", 'text: ["1-3"]\n    note', 'text: ["1-30"]\n    note',
     ["seeds/articles.yml:19:12: text : la plage 1-30 dépasse la fin de beta.txt (3 lignes) : écrivez « 1-3 »"]),
    # issue 26: the newline ending the last line does not start a fourth line
    ("article-line-range-exact", "seeds/articles.yml", 'text: ["1-3"]\n    note', 'text: ["1-4"]\n    note',
     ["seeds/articles.yml:19:12: text : la plage 1-4 dépasse la fin de beta.txt (3 lignes) : écrivez « 1-3 »"]),
    ("updated-before-publication", "facts.yml", 'updated: "2021-03-03"', 'updated: "2021-02-27"',
     ["facts.yml:91:14: mise à jour « 2021-02-27 » antérieure à la première publication du site (2021-03-02) : « updated » est "
      "une date du calendrier du site (le jour où vous modifiez le fait), pas celle de l'actualité ; supprimez la ligne (le "
      "journal date lui-même chaque changement) ou écrivez la date du jour, AAAA-MM-JJ"]),
    ("stale-article-count", "facts.yml", "les pêcheurs demandent un délai.\n", "les pêcheurs demandent un délai, selon trois articles.\n",
     ["facts.yml:3:12: story.summary dit « trois articles », mais seeds/articles.yml en compte 2 : écrivez « deux articles »"]),
    ("article-path", "seeds/articles.yml", "file: beta.txt", "file: ../beta.txt",
     ["seeds/articles.yml:12:11: file : « ../beta.txt » : nom de fichier .txt simple attendu, sans dossier"]),
    # --- hardening, round two (issue 18) ---
    # D2: deep nesting is refused at the first node deeper than MAX_DEPTH, whichever parser reads it
    ("yaml-deep-nesting", "facts.yml", None, "story: " + "[" * 1000 + "]" * 1000 + "\n",
     [f"facts.yml:1:{len('story: ') + MAX_DEPTH + 1}: {DEEP_MESSAGE}"]),
    ("yaml-deep-nesting-then-alias", "facts.yml", None, "story: " + "[" * 330 + "]" * 330 + "\na: &x 1\nb: *x\n",
     [f"facts.yml:1:{len('story: ') + MAX_DEPTH + 1}: {DEEP_MESSAGE}"]),
    ("yaml-deep-nesting-unclosed", "facts.yml", None, "story: " + "[" * 10_000 + "\n",
     [f"facts.yml:1:{len('story: ') + MAX_DEPTH + 1}: {DEEP_MESSAGE}"]),
    ("yaml-deep-nesting-blocks", "facts.yml", None, "".join(" " * i + "a:\n" for i in range(2000)),
     [f"facts.yml:{MAX_DEPTH + 2}:{MAX_DEPTH + 2}: {DEEP_MESSAGE}"]),
    ("articles-deep-nesting", "seeds/articles.yml", None, "articles: " + "{a: " * 1000 + "1" + "}" * 1000 + "\n",
     [f"seeds/articles.yml:1:{len('articles: ') + 4 * MAX_DEPTH + 1}: {DEEP_MESSAGE}"]),
    # D7: control characters written as escapes are refused like typed ones, at the escape
    ("control-character-escape", "facts.yml", "title: Les quais de Brest", 'title: "Les quais\\0 de Brest"',
     ["facts.yml:2:20: caractère de contrôle invisible (U+0000, écrit « \\0 ») : supprimez-le"]),
    ("control-character-escape-feed", "facts.yml", "summary: Première publication.", 'summary: "Première\\x01 publication."',
     ["facts.yml:11:25: caractère de contrôle invisible (U+0001, écrit « \\x01 ») : supprimez-le"]),
    ("control-character-escape-esc", "facts.yml", "role: Elle décide de la fermeture.", 'role: "Elle décide\\e[31m de la fermeture."',
     ["facts.yml:30:23: caractère de contrôle invisible (U+001B, écrit « \\e ») : supprimez-le"]),
    ("lone-surrogate", "facts.yml", "title: Les quais de Brest", 'title: "Les quais \\ud800"',
     ["facts.yml:2:21: caractère invalide (U+D800, écrit « \\ud800 ») : une moitié de paire UTF-16 seule n'est pas un caractère ; supprimez-la"]),
    # D8: NEL and the Unicode line separators, at the line an editor shows, named
    ("line-separator-nel", "facts.yml", "story:\n", "story:\n  # note\x85suite\n",
     ["facts.yml:2:9: caractère invisible « passage à la ligne » (NEL, U+0085, souvent un « … » collé depuis un ancien "
      "codage) : YAML le lit comme un saut de ligne ; remplacez-le par une espace (ou un vrai retour à la ligne)"]),
    ("line-separator-u2028", "facts.yml", "role: Elle décide de la fermeture.", "role: Elle décide\u2028de la fermeture.",
     ["facts.yml:30:22: caractère invisible « séparateur de ligne » (U+2028) : YAML le lit comme un saut de ligne ; "
      "remplacez-le par une espace (ou un vrai retour à la ligne)"]),
    # D6: glossary terms that collide with Markdown's internal placeholders
    ("glossary-term-digits", "facts.yml", "term: quais", 'term: "45"',
     ["facts.yml:144:11: term : « 45 » : un terme du glossaire doit contenir au moins une lettre (Markdown réserve "
      "les nombres seuls à son usage interne)"]),
    ("glossary-term-placeholder", "facts.yml", "term: quais", "term: wzxhzdk",
     ["facts.yml:144:11: term : « wzxhzdk » : mot réservé par Markdown pour son usage interne, choisissez un autre terme"]),
    # D15: messages
    ("huge-number", "facts.yml", "title: Les quais de Brest", "title: " + "9" * 5000,
     ["facts.yml:2:10: title : nombre de 5 000 chiffres, trop long pour être lu : mettez la valeur entre guillemets "
      "si c'est un texte, ou raccourcissez-la"]),
    ("second-document", "facts.yml", "    definition: Bords aménagés d'un port.\n",
     "    definition: Bords aménagés d'un port.\n---\nstory: {}\n",
     ["facts.yml:146:1: erreur de syntaxe YAML : un second document YAML commence ici (« --- ») : un fichier n'en "
      "contient qu'un ; supprimez cette ligne et ce qui la suit, ou fusionnez les deux"]),
    ("null-choice", "seeds/articles.yml", "language: fr", "language: null",
     ["seeds/articles.yml:8:15: language : valeur manquante : choisissez parmi fr, en"]),
    ("yaml-bad-escape-length", "facts.yml", "title: Les quais de Brest", 'title: "Les quais \\x4"',
     ["facts.yml:2:23: erreur de syntaxe YAML : séquence « \\x », « \\u » ou « \\U » incomplète entre guillemets "
      "doubles : doublez la barre (\\\\) ou utilisez des guillemets simples"]),
    ('newsroom-corrections-address', "facts.yml", '  published: "2021-03-02"\n', '  published: "2021-03-02"\n  newsroom:\n    name: La Gazette des quais\n    corrections: "javascript:alert(1)"\n',
     ["facts.yml:9:18: corrections : « javascript:alert(1) » : adresse http(s) complète attendue, par exemple https://domaine.example/chemin/"]),
    ('newsroom-corrections-mailto', "facts.yml", '  published: "2021-03-02"\n', '  published: "2021-03-02"\n  newsroom:\n    name: La Gazette des quais\n    corrections: "mailto:a@b.fr?subject=x"\n',
     ["facts.yml:9:18: corrections : « mailto:a@b.fr?subject=x » : écrivez mailto: suivi d'une seule adresse électronique (mailto:corrections@exemple.fr)"]),
]


#: The editorial rules (explainer/rules.py, issue 13): each rule broken once on the fixture story.
RULE_CASES = [
    ('rule-side-confirmed', "facts.yml", '    status: rapporté\n    sources:\n      - article: alpha\n        quote: Le port', '    status: confirmé\n    sources:\n      - article: alpha\n        quote: Le port',
     ["facts.yml:66:13: fait « fermeture-quais » marqué « confirmé », mais la divergence « date-fermeture » le range d'un de ses côtés (côté 1) : marquez-le « rapporté » ou « contesté »"]),
    ('rule-contested-unlinked', "facts.yml", '        facts: [prefecture-lundi]\n', '',
     ["facts.yml:83:13: fait « prefecture-lundi » marqué « contesté », mais aucune divergence ne le cite : ajoutez-le aux `facts:` de la divergence qui montre les versions des articles (ou de l'un de ses côtés), ou changez son statut"]),
    ('rule-hedged-confirmed', "facts.yml", 'disagreements:', '  - id: quais-lundi\n    text: Selon la préfecture, les quais de Brest seront fermés dès lundi.\n    themes: [acteurs]\n    status: confirmé\n    sources:\n      - article: beta\n        quote: les quais de Brest seront fermés dès lundi\ndisagreements:',
     ["facts.yml:105:13: fait « quais-lundi » marqué « confirmé », mais toutes ses citations sont au conditionnel ou attribuées (« selon ») : marquez-le « rapporté », ou citez un passage qui l'affirme"]),
    ('rule-hedged-indicative', "facts.yml", 'disagreements:', '  - id: quais-lundi\n    text: Les quais de Brest seront fermés dès lundi.\n    themes: [acteurs]\n    status: rapporté\n    sources:\n      - article: beta\n        quote: les quais de Brest seront fermés dès lundi\ndisagreements:',
     ["facts.yml:103:11: fait « quais-lundi » écrit à l'indicatif, mais toutes ses citations sont au conditionnel ou attribuées (« selon ») : reformulez-le au conditionnel, ou avec « selon … »"]),
    ('rule-confirmed-evidence', "facts.yml", 'disagreements:', '  - id: delai-demande\n    text: Les pêcheurs demandent un délai.\n    themes: [acteurs]\n    status: confirmé\n    sources:\n      - article: alpha\n        quote: demandent un délai jusqu’au 9 mars\ndisagreements:',
     ["facts.yml:105:13: fait « delai-demande » marqué « confirmé », mais seul l'article alpha l'affirme sans conditionnel ni « selon », et aucune déclaration n'est citée entre guillemets : confirmé demande deux articles qui l'affirment, ou une déclaration officielle citée ; marquez-le « rapporté », ou citez un second article"]),
    ('rule-event-indicative', "facts.yml", '    title: La mairie annonce la fermeture\n    actors: [mairie]\n    facts: [fermeture-quais]', '    title: La mairie annonce la fermeture\n    actors: [mairie]\n    facts: [prefecture-lundi]',
     ["facts.yml:44:11: date « 26 février 2021 » déduite : aucune citation ne donne « 26 », « février », et l'article alpha ne rapporte pas cet élément ; une date tirée d'un autre article, d'un jour de la semaine, d'un mot comme « alors » ou « ce week-end » n'est pas une date des articles : écrivez date: null (l'événement est alors listé à part, sans être dessiné sur la frise) et gardez dans date_note ce que les articles permettent d'en dire, avec son incertitude",
      "facts.yml:48:12: événement « annonce-fermeture » titré à l'indicatif, mais toutes les citations de ses faits sont au conditionnel ou attribuées (« selon ») : reformulez le titre au conditionnel, ou avec « selon … »"]),
    ('rule-relation-settled', "facts.yml", '      - type: s-opposerait-a', '      - type: s-oppose',
     ['facts.yml:33:15: relation « s-oppose » (« s’oppose à ») établie par le fait « fermeture-quais », « rapporté » : un verbe qui affirme demande un fait confirmé ; écrivez par exemple « s-opposerait-a » (« s’opposerait à »), ou appuyez la relation sur un fait confirmé']),
    ('rule-relation-retired', "facts.yml", '      - type: s-opposerait-a', '      - type: regule',
     ["facts.yml:33:15: type : « regule » n'existe plus : « contrôle » ne dit pas ce que fait l'acteur : écrivez « examinera-l-accord-de », « encadre-les-exportations-de » ou un autre type qui le dit"]),
    ('rule-deal-role-settled', "facts.yml", '        role: cede', '        role: a-cede',
     ['facts.yml:130:15: rôle « a-cede » (« a cédé ») rapporté par le fait « fermeture-quais », « rapporté » : un rôle qui affirme demande un fait confirmé ; écrivez par exemple « cede » (« céderait »)']),
    ('rule-deal-role-retired', "facts.yml", '        role: rachete', '        role: controle',
     ["facts.yml:126:15: role : « controle » n'existe plus : « contrôlerait » se lit comme une prise de contrôle : écrivez « rachete », « technique » ou un autre rôle qui dit ce qu'il ferait"]),
    ('rule-unsupported-quote', "facts.yml", '        quote: le 2 mars\n', '        quote: a annoncé la mairie\n',
     ["facts.yml:101:16: la citation « a annoncé la mairie » ne partage aucun mot avec ce qu'elle doit appuyer (ni acteur, ni nombre, ni date, ni mot clé) : citez le passage de alpha qui le dit, ou déclarez dans `synonyms:` deux mots équivalents"]),
    ('date-period-without-wording', "facts.yml", 'date: "2021-02-26"', 'date: "2021-02-22/2021-02-28"',
     ["facts.yml:44:11: date « 2021-02-22/2021-02-28 » : une période ou une saison s'écrit avec la formulation de l'article ; ajoutez `date_text` (ex. « fin août 2020 », « le week-end des 12 et 13 septembre 2020 »)"]),
    ('date-wording-mismatch', "facts.yml", 'date: "2021-02-26"', 'date: "2021-02"\n    date_text: fin février 2021',
     ['facts.yml:45:16: date_text « fin février 2021 » désigne du 21 au 28 février 2021, mais date « 2021-02 » désigne du 1er au 28 février 2021 : accordez-les (pour « fin février 2021 », date: "2021-02-21/2021-02-28")']),
    ('date-not-a-week-end', "facts.yml", 'date: "2021-02-26"', 'date: "2021-02-26/2021-02-27"\n    date_text: le week-end des 26 et 27 février 2021',
     ['facts.yml:45:16: date_text : « le week-end des 26 et 27 février 2021 » : vendredi 26 février 2021 et samedi 27 février 2021 ne forment pas un week-end']),
    ('date-worked-out-without-basis', "facts.yml", '    date_basis: alpha\n    kind: annonce', '    kind: annonce',
     ["facts.yml:44:11: date « 26 février 2021 » : aucune citation des faits de cet élément ne donne « 26 », « février » : citez le passage qui la donne, ou nommez l'article sur lequel elle repose (date_basis)"]),
    ('date-basis-unknown', "facts.yml", '    date_basis: alpha\n    kind: annonce', '    date_basis: gamma\n    kind: annonce',
     ['facts.yml:46:17: article « gamma » inconnu (articles : alpha, beta)']),
    ('disagreement-unknown-fact', "facts.yml", '        facts: [prefecture-lundi]', '        facts: [prefecture-lund]',
     ["facts.yml:83:13: fait « prefecture-lundi » marqué « contesté », mais aucune divergence ne le cite : ajoutez-le aux `facts:` de la divergence qui montre les versions des articles (ou de l'un de ses côtés), ou changez son statut", 'facts.yml:112:17: fait « prefecture-lund » inconnu : vouliez-vous dire « prefecture-lundi » ?']),
]

#: Issue 23 (« say no more than the articles, round 3 »): each new rule broken once. The first
#: two rows are the issue's editor cases: a disagreement's subject switched to confirmé, and a
#: single-source rapporté fact in the indicative with no « selon ».
ROUND3_CASES = [
    ('subject-confirmed', "facts.yml", '    themes: [echeances]\n    sides:', '    themes: [echeances]\n    facts: [delai-pecheurs]\n    sides:',
     ["facts.yml:74:13: fait « delai-pecheurs » marqué « confirmé », mais la divergence « date-fermeture » porte sur lui (il est dans ses `facts:`) : les articles ne s'accordent pas à son sujet ; marquez-le « contesté » (ou « rapporté »), ou retirez-le des `facts:` de la divergence s'il n'est pas en cause", "facts.yml:152:33: le fait « delai-pecheurs » est en cause dans la divergence « date-fermeture » : la phrase qui s'appuie sur lui doit le dire ; ajoutez dans la même phrase la divergence qui montre les versions des articles : [date-fermeture]"]),
    ('single-source-indicative', "facts.yml", '    text: "Selon un article, la mairie fermera les quais le 2 mars."', '    text: "La mairie fermera les quais le 2 mars."',
     ["facts.yml:63:11: fait « fermeture-quais » « rapporté » qui repose sur le seul article alpha, mais son texte ne le dit pas : écrivez « Selon un article, … » (ou « d'après … », ou nommez le média), pour que le lecteur le sache sans ouvrir la citation"]),
    ('single-source-other-article', "facts.yml", "    text: Selon un article, la mairie avait d'abord parlé du 1er mars.", "    text: La mairie avait d'abord parlé du 1er mars.",
     ["facts.yml:88:11: fait « mairie-premier-mars » « rapporté » qui repose sur le seul article beta, mais son texte ne le dit pas : écrivez « Selon un article, … » (ou « d'après … », ou nommez le média), pour que le lecteur le sache sans ouvrir la citation"]),
    ('confirmed-conditional', "facts.yml", "    text: Les pêcheurs demandent un délai jusqu'au 9 mars.", "    text: Les pêcheurs demanderaient un délai jusqu'au 9 mars.",
     ["facts.yml:74:13: fait « delai-pecheurs » marqué « confirmé », mais son texte est au conditionnel (« demanderaient ») : un fait confirmé s'énonce sans réserve ; marquez-le « rapporté » (« contesté » s'il montre une divergence), ou ne gardez dans ce fait que ce que les articles affirment tous"]),
    ('confirmed-says-diverge', "facts.yml", "    text: Les pêcheurs demandent un délai jusqu'au 9 mars.", "    text: Les pêcheurs demandent un délai jusqu'au 9 mars ; les articles ne s'accordent pas sur la date.",
     ["facts.yml:74:13: fait « delai-pecheurs » marqué « confirmé », mais son texte dit que les articles divergent (« ne s'accordent pas ») : un fait confirmé s'énonce sans réserve ; marquez-le « rapporté » (« contesté » s'il montre une divergence), ou ne gardez dans ce fait que ce que les articles affirment tous"]),
    ('date-inferred-other-article', "facts.yml", '    date_basis: alpha\n    kind: annonce', '    date_basis: beta\n    kind: annonce',
     ["facts.yml:44:11: date « 26 février 2021 » déduite : aucune citation ne donne « 26 », « février », et l'article beta ne rapporte pas cet élément ; une date tirée d'un autre article, d'un jour de la semaine, d'un mot comme « alors » ou « ce week-end » n'est pas une date des articles : écrivez date: null (l'événement est alors listé à part, sans être dessiné sur la frise) et gardez dans date_note ce que les articles permettent d'en dire, avec son incertitude"]),
    ('date-inferred-weekday', "facts.yml", 'date: "2021-02-26"\n    date_note:', 'date: "2021-02-25"\n    date_note:',
     ["facts.yml:44:11: date « 25 février 2021 » déduite : aucune citation ne donne « 25 », « février », et l'article alpha n'est pas daté de ce jour ; une date tirée d'un autre article, d'un jour de la semaine, d'un mot comme « alors » ou « ce week-end » n'est pas une date des articles : écrivez date: null (l'événement est alors listé à part, sans être dessiné sur la frise) et gardez dans date_note ce que les articles permettent d'en dire, avec son incertitude"]),
    # a period with the article's wording, which no quote gives (issue 13's good case: the
    # wording rules still pass, but « fin février » no longer rests on the article's dateline)
    ('date-inferred-period', "facts.yml", 'date: "2021-02-26"', 'date: "2021-02-21/2021-02-28"\n    date_text: fin février 2021',
     ["facts.yml:44:11: date « fin février 2021 » déduite : aucune citation ne donne « fin », « février », et l'article alpha n'est pas daté de ce jour ; une date tirée d'un autre article, d'un jour de la semaine, d'un mot comme « alors » ou « ce week-end » n'est pas une date des articles : écrivez date: null (l'événement est alors listé à part, sans être dessiné sur la frise) et gardez dans date_note ce que les articles permettent d'en dire, avec son incertitude"]),
    ('as-of-after-articles', "facts.yml", 'as_of: "2021-02-26"', 'as_of: "2021-03-01"',
     ['facts.yml:5:10: as_of « 2021-03-01 » : aucun article n\'est daté ainsi (le dernier, alpha, est daté du 26 février 2021) : l\'état des connaissances est la date du dernier article ; écrivez as_of: "2021-02-26"']),
    ('as-of-before-an-article', "facts.yml", 'period: {start: "2021-02-26", end: "2021-02-26"}\n  as_of: "2021-02-26"', 'period: {start: "2021-02-25", end: "2021-02-25"}\n  as_of: "2021-02-25"',
     ['facts.yml:5:10: as_of « 2021-02-25 » : l\'article alpha est daté du 26 février 2021, qui peut être après le 25 février 2021 : l\'état des connaissances est la date du dernier article ; écrivez as_of: "2021-02-26"', "facts.yml:44:11: événement daté après la date « as_of » (2021-02-25) : le récit s'y arrête ; corrigez la date de l'événement, ou ajoutez l'article qui le rapporte (as_of suit le plus récent)"]),
    ('journal-no-longer-confirmed', "facts.yml", "      summary: Première publication.\n", "      summary: Première publication.\n    - date: \"2021-03-03\"\n      summary: Correction, la demande des pêcheurs n'est plus dite confirmée.\n      ids: [delai-pecheurs]\n",
     ["facts.yml:13:16: journal, entrée « 2021-03-03 » : elle dit qu'un fait n'est plus « confirmé », mais le fait « delai-pecheurs », qu'elle concerne (ids:), est « confirmé » : corrigez son statut, ou le texte de l'entrée"]),
    ('journal-now-confirmed', "facts.yml", "      summary: Première publication.\n", "      summary: Première publication.\n    - date: \"2021-03-03\"\n      summary: La fermeture des quais est désormais confirmée.\n      ids: [fermeture-quais]\n",
     ["facts.yml:13:16: journal, entrée « 2021-03-03 » : elle dit qu'un fait est désormais « confirmé », mais le fait « fermeture-quais », qu'elle concerne (ids:), est « rapporté » : corrigez son statut, ou le texte de l'entrée"]),
]

#: Outlets found outside the articles: two files change (the article's metadata and the sheet).
OUTLET_CASES = [
    ('outlet-outside-named', [("seeds/articles.yml", "    outlet: La Gazette\n", "    outlet: La Gazette\n    outlet_from: comparaison\n"),
                              ("facts.yml", "D'après un article, la mairie avait d'abord parlé", "D'après La Gazette, la mairie avait d'abord parlé")],
     ["facts.yml:156:7: « La Gazette » : aucun article ne donne ce nom de média (il a été établi par comparaison, hors des articles) : nommez l'article par son code, « ALPHA », ou dites dans la même phrase que le média a été identifié par comparaison"]),
    ('outlet-outside-attribution', [("seeds/articles.yml", "    outlet: La Gazette\n", "    outlet: La Gazette\n    outlet_from: comparaison\n"),
                                    ("facts.yml", '    text: "Selon un article, la mairie fermera les quais le 2 mars."', '    text: "La Gazette : la mairie fermera les quais le 2 mars."')],
     ["facts.yml:63:11: fait « fermeture-quais » « rapporté » qui repose sur le seul article alpha, mais son texte ne le dit pas : écrivez « Selon un article, … » (ou « d'après … », ou nommez le média), pour que le lecteur le sache sans ouvrir la citation", "facts.yml:63:11: « La Gazette » : aucun article ne donne ce nom de média (il a été établi par comparaison, hors des articles) : nommez l'article par son code, « ALPHA », ou dites dans la même phrase que le média a été identifié par comparaison"]),
]

#: A quote that starts right after the negation of its sentence (« évite donc » | « de céder son
#: algorithme »): read alone it says the reverse (fact-check of 7 December 2026, after issue 23).
NEGATION_CASES = [
    ('negation-left-out', [("seeds/alpha.txt", "jusqu’au 9 mars.", "jusqu’au 9 mars. La mairie ne dit pas si elle fermera le port."),
                           ("facts.yml", "        quote: Le port de Brest fermera ses quais le 2 mars, a annoncé la mairie.\n",
                            "        quote: Le port de Brest fermera ses quais le 2 mars, a annoncé la mairie.\n      - article: alpha\n        quote: si elle fermera le port\n")],
     ["facts.yml:71:16: la citation « si elle fermera le port » commence juste après « ne dit pas » : lue seule, elle dit le contraire de sa phrase ; citez « ne dit pas si elle fermera le port »"]),
]

#: The same rules kept: each variation builds (the fixture story itself keeps every rule).
GOOD_CASES = [
    # a hedged fact in hedged words
    ("good-hedged-wording", "disagreements:", "  - id: quais-lundi\n    text: Selon la préfecture, les quais de Brest seraient fermés dès lundi.\n"
     "    themes: [acteurs]\n    status: rapporté\n    sources:\n      - article: beta\n        quote: les quais de Brest seront fermés dès lundi\ndisagreements:"),
    # a settled relation verb on a confirmé fact (the fixture's own relation is hedged, on a rapporté fact)
    ("good-settled-verb-on-confirmed-fact", "      - type: s-opposerait-a\n        target: pecheurs\n        fact: fermeture-quais",
     "      - type: s-oppose\n        target: pecheurs\n        fact: delai-pecheurs"),
    # a quote supported through a declared synonym (appended to the sheet)
    ("good-synonym", "        quote: le 2 mars\n", "        quote: a annoncé la mairie\n"),
    # issue 23: a confirmé fact a nuance is about (a nuance is not a disagreement)
    ("good-nuance-subject-confirmed", '    themes: [echeances]\n    sides:', '    themes: [echeances]\n    nuance: true\n    facts: [delai-pecheurs]\n    sides:'),
    # issue 23: a single-source fact that names its outlet (given by the article) instead of « selon »
    ("good-single-source-outlet", '    text: "Selon un article, la mairie fermera les quais le 2 mars."', '    text: "La Gazette : la mairie fermera les quais le 2 mars."'),
    # issue 23: the speaker's own conditional, in the quote, in a confirmé fact
    ("good-confirmed-quoted-conditional", "    text: Les pêcheurs demandent un délai jusqu'au 9 mars.",
     "    text: Les pêcheurs ont déclaré qu'ils voudraient un délai jusqu'au 9 mars."),
    # issue 23: an inferred date is no date: the event is listed apart with its reasoning
    ("good-inferred-undated", 'date: "2021-02-26"\n    date_note: L\'article alpha, publié le 26 février 2021, rapporte l\'annonce de la mairie.\n    date_basis: alpha',
     'date: null\n    date_note: Un article dit « lundi », sans dire lequel.'),
    # issue 23: a journal entry that says a status changed, and the fact has that status
    ("good-journal-status", "      summary: Première publication.\n", "      summary: Première publication.\n    - date: \"2021-03-03\"\n"
     "      summary: Correction, la fermeture des quais n'est plus dite confirmée.\n      ids: [fermeture-quais]\n"),
]

@pytest.fixture(scope="module")
def built(built_fixture):
    """The built fixture project the cases copy (`_copy_built`: site/ and .cache/ linked):
    whole and unchanged once they are all done."""
    before = {folder: tree_digest(built_fixture / folder) for folder in ("site", ".cache")}
    yield built_fixture
    assert {folder: tree_digest(built_fixture / folder) for folder in ("site", ".cache")} == before


@pytest.mark.parametrize("name, file, old, new, expected", CASES + RULE_CASES + ROUND3_CASES, ids=[c[0] for c in CASES + RULE_CASES + ROUND3_CASES])
def test_bad_input(built, tmp_path, capsys, name, file, old, new, expected):
    _assert_refused(built, tmp_path, capsys, [(file, old, new)], expected)


def _assert_refused(built, tmp_path, capsys, edits, expected):
    """A copy of the built fixture project, each (file, old, new) edit applied (old None: the
    file's whole text is new): the build fails with exactly `expected`, and site/ is untouched."""
    root = tmp_path / "project"
    _copy_built(built, root)
    before = tree_digest(root / "site")
    for file, old, new in edits:
        path = root / file
        if old is None:
            path.write_text(new, encoding="utf-8")
            continue
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 1
    n = len(expected)
    footer = ONE if n == 1 else f"{n} problèmes : le site n'a pas été modifié."
    assert capsys.readouterr().err.splitlines() == expected + [footer]
    assert tree_digest(root / "site") == before


def _copy_built(built, root):
    """A copy of the built project whose site/ and .cache/ are hard links to the built one's
    files (a third of the copying's time): a build never writes a file of either in place (a
    new site is written beside the old and swapped in; a cache file is written under another
    name and renamed), and a refused build writes nothing. Were one written in place, the
    site/ digests compared here would tell first. The texts the cases edit are copies."""
    shutil.copytree(built, root, ignore=shutil.ignore_patterns("site", ".cache"))
    for folder in ("site", ".cache"):
        if (built / folder).is_dir():
            shutil.copytree(built / folder, root / folder, copy_function=os.link)


def _project_cases():
    """(name, damage(root, outside), expected lines or expected(root, outside)): a change to the
    project's files rather than to a text; `outside` is a folder beside the project."""

    def renamed(root, outside):
        (root / "seeds" / "beta.txt").rename(root / "seeds" / "beta-old.txt")

    def latin1(root, outside):
        path = root / "seeds" / "beta.txt"
        path.write_bytes(path.read_bytes().replace("fermés".encode(), "fermés".encode("latin-1"), 1))

    def unreadable(root, outside):  # a folder where the article should be: reading it fails even as root
        (root / "seeds" / "beta.txt").unlink()
        (root / "seeds" / "beta.txt").mkdir()

    def link(name, target):
        def damage(root, outside):
            path = root / name
            goal = target(root, outside) if callable(target) else target
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            path.symlink_to(goal)
        return damage

    def outside_copy(name):
        def target(root, outside):
            copy = outside / name.replace("/", "-")
            if (root / name).is_dir():
                shutil.copytree(root / name, copy)
            else:
                copy.write_bytes((root / name).read_bytes() + b"\nOUTSIDE-SECRET-LINE un deux trois\n")
            return copy
        return target

    def fifo(name):
        def damage(root, outside):
            (root / name).unlink()
            os.mkfifo(root / name)
        return damage

    def remove(name):
        def damage(root, outside):
            path = root / name
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        return damage

    def seeds_file(root, outside):
        shutil.rmtree(root / "seeds")
        (root / "seeds").write_text("pas un dossier\n", encoding="utf-8")

    def nul_in_article(root, outside):
        path = root / "seeds" / "alpha.txt"
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[2] = lines[2][:4] + "\x00" + lines[2][4:]
        path.write_text("\n".join(lines), encoding="utf-8")

    def links_latin1(root, outside):
        (root / "links.txt").write_bytes("/acteurs/\n/caf\u00e9/\n".encode("latin-1"))

    def links_folder(root, outside):
        (root / "links.txt").unlink(missing_ok=True)  # the build that made `built` wrote it (issue 26)
        (root / "links.txt").mkdir()

    def article_gone(root, outside):  # an article id that links.txt lists is no longer in seeds/articles.yml
        (root / "links.txt").write_text("/sources/#gamma\n", encoding="utf-8")

    def site_link(root, outside):
        (outside / "precious.txt").write_text("precious\n", encoding="utf-8")
        shutil.rmtree(root / "site")
        (root / "site").symlink_to(outside)

    def asset_link(root, outside):
        (outside / "secret.txt").write_text("OUTSIDE-SECRET\n", encoding="utf-8")
        (root / "docs" / "assets" / "secret.txt").symlink_to(outside / "secret.txt")

    def docs_fifo(root, outside):
        os.mkfifo(root / "docs" / "notes.md")

    def retitle(root):
        """An edit that changes every generated page: the first publication date is in each
        page's front matter (the story's title no longer is: the site's name names pages)."""
        path = root / "facts.yml"
        path.write_text(path.read_text(encoding="utf-8").replace('published: "2021-03-02"', 'published: "2021-03-01"', 1),
                        encoding="utf-8")

    def immutable(name, edit=False):
        """`chattr +i`: not even root may rename or replace it (undone after the test)."""
        def damage(root, outside, ctx):
            if edit:
                retitle(root)
            path = root / name
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
                # no chattr here (another filesystem): the same refusal, simulated where the build meets it
                def refuse(*args, **kwargs):
                    raise PermissionError(errno.EPERM, "Operation not permitted")

                ctx.monkeypatch.setattr(os, "rename", _only_for(os.rename, path, refuse))
                ctx.monkeypatch.setattr(os, "replace", _only_for(os.replace, path, refuse))
                ctx.monkeypatch.setattr("explainer.publish.exchange", _only_for(lambda a, b: False, path, refuse), raising=False)
                return
            ctx.finalizers.append(lambda: subprocess.run(["chattr", "-i", str(path)], capture_output=True))
        return damage

    def disk_full(where):
        """The disk fills up while MkDocs writes the new site, or while the pages are written."""
        def damage(root, outside, ctx):
            def full(*args, **kwargs):
                raise OSError(errno.ENOSPC, "No space left on device")

            if where == "mkdocs":
                import mkdocs.utils

                ctx.monkeypatch.setattr(mkdocs.utils, "write_file", full)
            else:
                retitle(root)
                ctx.monkeypatch.setattr(os, "replace", _only_for(os.replace, root / "docs" / "acteurs.md", full))
        return damage

    def mkdocs_syntax(root, outside):
        path = root / "mkdocs.yml"
        lines = path.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("copyright:"))
        lines[at] = "copyright: Les citations: à leurs auteurs"
        path.write_text("\n".join(lines), encoding="utf-8")

    def docs_latin1(root, outside):
        (root / "docs" / "acteurs.md").write_bytes("# Acteurs écrits à la main\n".encode("latin-1"))

    def template_syntax(root, outside):
        path = root / "templates" / "actors.md.j2"
        path.write_text(path.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")

    refused = "hors du projet : le build ne lit rien hors du projet ; remplacez le lien par une copie du fichier"
    fifo_article = "article illisible (c'est un tube nommé) : vérifiez qu'il s'agit d'un fichier texte lisible"
    fifo_file = "fichier illisible (c'est un tube nommé) : vérifiez qu'il s'agit d'un fichier texte lisible"
    seeds_rule = ("il doit se trouver à la racine du projet, avec articles.yml (la liste des articles) et les "
                  "fichiers des articles")
    return [
        ("article-renamed", renamed,
         ["seeds/articles.yml:12:11: file : article « beta.txt » introuvable dans seeds/ : vouliez-vous dire « beta-old.txt » ?"]),
        ("article-not-utf8", latin1, ["seeds/beta.txt:1:23: l'article n'est pas en UTF-8 : réenregistrez-le en UTF-8"]),
        ("article-unreadable", unreadable,
         ["seeds/beta.txt:1:1: article illisible (c'est un dossier) : vérifiez qu'il s'agit d'un fichier texte lisible"]),
        # --- hardening, round two (issue 18) ---
        # D3: a link out of the project is refused, located, and nothing behind it is read
        ("article-link-outside", link("seeds/beta.txt", outside_copy("seeds/beta.txt")),
         lambda root, outside: [f"seeds/beta.txt:1:1: lien symbolique vers « {outside / 'seeds-beta.txt'} », {refused}"]),
        ("article-link-passwd", link("seeds/beta.txt", "/etc/passwd"),
         [f"seeds/beta.txt:1:1: lien symbolique vers « /etc/passwd », {refused}"]),
        ("article-link-environ", link("seeds/beta.txt", "/proc/self/environ"),
         [f"seeds/beta.txt:1:1: lien symbolique vers « /proc/self/environ », {refused}"]),
        ("facts-link-outside", link("facts.yml", outside_copy("facts.yml")),
         lambda root, outside: [f"facts.yml:1:1: lien symbolique vers « {outside / 'facts.yml'} », {refused}"]),
        ("seeds-link-outside", link("seeds", outside_copy("seeds")),
         lambda root, outside: [f"seeds/articles.yml:1:1: lien symbolique vers « {outside / 'seeds' / 'articles.yml'} », {refused}"]),
        # D4: special files are refused before anything is read (the build neither hangs nor fills the memory)
        ("article-dev-zero", link("seeds/beta.txt", "/dev/zero"),
         [f"seeds/beta.txt:1:1: lien symbolique vers « /dev/zero », {refused}"]),
        ("article-fifo", fifo("seeds/beta.txt"), [f"seeds/beta.txt:1:1: {fifo_article}"]),
        ("facts-fifo", fifo("facts.yml"), [f"facts.yml:1:1: {fifo_file}"]),
        ("articles-fifo", fifo("seeds/articles.yml"), [f"seeds/articles.yml:1:1: {fifo_file}"]),
        # D7: a control character in an article's text (it would be published with --full-text)
        ("article-control-character", nul_in_article,
         ["seeds/alpha.txt:3:5: caractère de contrôle invisible (U+0000) dans le texte de l'article : supprimez-le "
          "(le texte cité et publié doit être lisible)"]),
        # D15: seeds/ missing or not a folder, articles.yml missing
        ("seeds-missing", remove("seeds"), [f"seeds/articles.yml:1:1: dossier seeds/ introuvable : {seeds_rule}"]),
        ("seeds-is-a-file", seeds_file, [f"seeds/articles.yml:1:1: dossier seeds/ n'est pas un dossier : {seeds_rule}"]),
        ("articles-yml-missing", remove("seeds/articles.yml"),
         ["seeds/articles.yml:1:1: fichier introuvable : la liste des articles doit se trouver dans seeds/"]),
        # D12: links.txt unreadable
        ("links-not-utf8", links_latin1, ["links.txt:2:5: le fichier n'est pas en UTF-8 : réenregistrez-le en UTF-8"]),
        ("links-is-a-folder", links_folder,
         ["links.txt:1:1: fichier illisible (c'est un dossier) : vérifiez qu'il s'agit d'un fichier texte lisible"]),
        # D15: the advice for a vanished article id is one that works (articles have no « aliases: »)
        ("article-id-gone", article_gone,
         ["links.txt:1:1: l'adresse « /sources/#gamma » est publiée et ne le serait plus : l'article « gamma » a disparu "
          "de seeds/articles.yml. Un article n'a pas d'« aliases: » : gardez son id (« id: gamma »), même si son fichier "
          "ou ses métadonnées changent"]),
        # D5: site/ or docs/ leading out of the project: refused, nothing outside is touched
        ("site-link-outside", site_link,
         lambda root, outside: [f"site:1:1: « site » est un lien symbolique (vers « {outside} ») : le build ne construit "
                                "le site que dans le projet ; supprimez le lien, le build recrée le dossier"]),
        ("docs-link-outside", link("docs", outside_copy("docs")),
         lambda root, outside: [f"docs:1:1: lien symbolique vers « {outside / 'docs'} », hors du projet : le build ne lit "
                                "ni n'écrit rien hors du projet ; remplacez le lien par un vrai dossier"]),
        ("docs-asset-link-outside", asset_link,
         lambda root, outside: [f"docs/assets/secret.txt:1:1: lien symbolique vers « {outside / 'secret.txt'} », hors du "
                                "projet : le site publierait ce qu'il y a derrière ; remplacez le lien par une copie du fichier"]),
        ("docs-fifo", docs_fifo,
         ["docs/notes.md:1:1: fichier spécial (c'est un tube nommé) : le build ne lit que des fichiers ordinaires ; supprimez-le"]),
        # D12: a protected site/ or page, a full disk, a template mistake: a message, never a traceback
        ("site-protected", immutable("site"),
         ["site:1:1: le nouveau site n'a pas pu être écrit ni mis en place (opération interdite : le fichier ou le dossier "
          "est protégé (chattr +i ?) ; retirez la protection) ; l'ancien est resté en place"]),
        ("docs-page-protected", immutable("docs/acteurs.md", edit=True),
         ["docs/acteurs.md:1:1: impossible d'écrire ce fichier généré (opération interdite : le fichier ou le dossier est "
          "protégé (chattr +i ?) ; retirez la protection)"]),
        ("disk-full-site", disk_full("mkdocs"),
         ["site:1:1: le nouveau site n'a pas pu être écrit ni mis en place (disque plein : libérez de la place) ; "
          "l'ancien est resté en place"]),
        ("disk-full-docs", disk_full("docs"),
         ["docs/acteurs.md:1:1: impossible d'écrire ce fichier généré (disque plein : libérez de la place)"]),
        ("template-syntax-error", template_syntax,
         lambda root, outside: [
             f"templates/actors.md.j2:{TEMPLATE_LINES + 1}:1: erreur de syntaxe dans le gabarit (Jinja : « Expected an "
             "expression, got 'end of statement block' ») : corrigez la balise {% … %} ou {{ … }} de cette ligne"]),
        ("mkdocs-yml-syntax", mkdocs_syntax,
         lambda root, outside: [
             f"mkdocs.yml:{_line_of(root / 'mkdocs.yml', 'copyright:')}:{len('copyright: Les citations') + 1}: erreur de syntaxe YAML : deux-points "
             "inattendu : mettez la valeur entre guillemets si elle contient « : »"]),
        # D15: a damaged page where a generated one goes is not called hand-written
        ("docs-page-not-utf8", docs_latin1,
         ["docs/acteurs.md:1:1: page illisible (pas en UTF-8) à l'adresse d'une page générée : supprimez-la, le build la "
          "régénère (ou réenregistrez-la en UTF-8 et renommez-la)"]),
    ]


def _line_of(path, start: str) -> int:
    """The line number of the first line of `path` that starts with `start` (the fixtures move)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def _only_for(real, path, fake):
    """`real`, except for calls that name `path` (as source or target), which go to `fake`."""
    def call(*args, **kwargs):
        if any(str(a) == str(path) for a in args):
            return fake(*args, **kwargs)
        return real(*args, **kwargs)
    return call


@pytest.fixture
def deadline():
    """A build that hangs (a FIFO read without O_NONBLOCK) fails the test instead of blocking the run."""
    import signal

    class Hung(BaseException):  # not an OSError: the build must not be able to catch it
        pass

    def expired(signum, frame):
        raise Hung("the build is still running after 120 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


class Ctx:
    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.finalizers: list = []


@pytest.mark.parametrize("name, damage, expected", _project_cases(), ids=[c[0] for c in _project_cases()])
def test_bad_project(built, tmp_path, capsys, deadline, monkeypatch, name, damage, expected):
    root = tmp_path / "project"
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copytree(built, root)
    before = tree_digest(root / "site")
    ctx = Ctx(monkeypatch)
    try:
        if damage.__code__.co_argcount == 3:
            damage(root, outside, ctx)
        else:
            damage(root, outside)
        site_before = tree_digest(root / "site")  # the damage may be the site itself
        outside_before = tree_digest(outside)
        if callable(expected):
            expected = expected(root, outside)
        capsys.readouterr()
        assert main(["build", "--root", str(root)]) == 1
        err = capsys.readouterr().err
        assert err.splitlines() == expected + [ONE]
        assert "OUTSIDE-SECRET" not in err and "root:x:0:0" not in err
        assert tree_digest(root / "site") == site_before
        if not (root / "site").is_symlink():
            assert tree_digest(root / "site") == before
        assert tree_digest(outside) == outside_before  # nothing outside the project was written or deleted
        leftovers = [p.name for p in root.glob(".site-*")] + [p.name for p in root.rglob("*.tmp")]
        assert not leftovers, leftovers
    finally:
        monkeypatch.undo()
        for undo in ctx.finalizers:
            undo()


@pytest.mark.parametrize("name, edits, expected", OUTLET_CASES + NEGATION_CASES, ids=[c[0] for c in OUTLET_CASES + NEGATION_CASES])
def test_outlet_outside(built, tmp_path, capsys, name, edits, expected):
    """Cases where an article and the sheet both change: an outlet identified by comparison
    outside the articles is never named as if an article gave it (issue 23); a quote never
    starts right after its sentence's negation."""
    _assert_refused(built, tmp_path, capsys, edits, expected)


def test_every_row_is_documented_once(real_root):
    doc = (real_root / "BAD_INPUT.md").read_text(encoding="utf-8")
    names = [c[0] for c in CASES + RULE_CASES + ROUND3_CASES + OUTLET_CASES + NEGATION_CASES] + [c[0] for c in _project_cases()]
    assert len(names) == len(set(names)), "a case is listed twice"
    for name in names:
        assert f"| `{name}` |" in doc, name


@pytest.mark.parametrize("name, old, new", GOOD_CASES, ids=[c[0] for c in GOOD_CASES])
def test_rules_kept(built, tmp_path, capsys, name, old, new):
    root = tmp_path / "project"
    _copy_built(built, root)
    path = root / "facts.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if name == "good-synonym":
        text += "synonyms:\n  - [date, annoncé]\n"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--root", str(root)]) == 0, capsys.readouterr().err
