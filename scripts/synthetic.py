#!/usr/bin/env python3
"""Generate a synthetic story in the real format, for benchmarks.

    .venv/bin/python scripts/synthetic.py 1000 /tmp/story-1000

N articles (seeds/NNNN.txt + seeds/articles.yml) and a fact sheet with about 5 facts per
article whose quotes are verbatim sentences of the articles, N/5 actors with relations,
N events, N/50 deadlines (each moved once), N/10 disagreements, N/20 questions, a glossary,
and themes growing like the square root of N (a newsroom adds themes far more slowly than
articles). The site configuration (mkdocs.yml, overrides/, templates/, docs/assets/) is
copied from this project, so the folder builds with `build_site.py build --root DIR`.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import add_engine  # noqa: E402

WORDS = (
    "accord données réseau application groupe partenaire cession marché serveurs sécurité contrôle "
    "négociation décret échéance algorithme exportation liste autorités utilisateurs activités filiale "
    "participation offre rachat technologie nuage plateforme gouvernement ministère enquête annonce "
    "communiqué président direction investisseurs capital stratégie concurrence croissance publicité"
).split()
#: The synthetic story's themes whose page shows the actors and the deadlines (`shows:`).
PAGE_THEMES = {"personnes": "actors", "calendrier": "deadlines"}
KINDS = ["personne", "entreprise", "gouvernement", "administration", "investisseur"]
# hedged relation types: the generated facts are all « rapporté » (their quotes say « selon »)
RELATIONS = ["possederait", "dirigerait", "se-tournerait-vers", "pourrait-investir-dans", "soutiendrait", "s-opposerait-a", "heberge"]
#: The synthetic story's vocabulary (`vocabulary:` in facts.yml): its hedged verbs, in three map questions.
VOCABULARY = {
    "relations": [
        {"id": ident, "label": label, "settled": False, "question": question} for ident, label, question in (
            ("possederait", "posséderait", "liens"), ("dirigerait", "dirigerait", "liens"),
            ("se-tournerait-vers", "se tournerait vers", "negociations"),
            ("pourrait-investir-dans", "pourrait investir dans", "negociations"), ("soutiendrait", "soutiendrait", "liens"),
            ("s-opposerait-a", "s’opposerait à", "autorites"), ("heberge", "hébergerait les données de", "negociations"))
    ],
    "map_questions": [{"id": "negociations", "title": "Qui négocie avec qui"},
                      {"id": "autorites", "title": "Qui décide et qui encadre"},
                      {"id": "liens", "title": "Qui possède, dirige ou soutient qui"}],
    "actor_groups": "country",
}
EVENT_KINDS = ["annonce", "decision", "negociation", "reglementation", "justice", "declaration"]


def sentence(rng: random.Random, article: int, index: int) -> str:
    words = rng.sample(WORDS, 9)
    return f"Le dossier {article} point {index} concerne {words[0]} et {words[1]} selon {words[2]}, avec {' '.join(words[3:9])}."


def generate(n: int, dest: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "seeds").mkdir(parents=True)
    add_engine(dest)

    start = dt.date(2020, 1, 1)
    articles, sentences = [], {}
    for a in range(n):
        aid = f"a{a:04d}"
        lines = [f"Article de synthèse numéro {a}", ""]
        sents = [sentence(rng, a, i) for i in range(20)]
        for p in range(4):
            lines += [" ".join(sents[p * 5 : p * 5 + 5]), ""]
        text = "\n".join(lines)
        (dest / "seeds" / f"{aid}.txt").write_text(text, encoding="utf-8")
        sentences[aid] = sents
        articles.append({
            "id": aid, "file": f"{aid}.txt", "title": f"Article de synthèse numéro {a}",
            "outlet": f"Média {a % 7}" if a % 3 else None, "author": None,
            "published": (start + dt.timedelta(days=a % 300)).isoformat(), "language": "fr", "url": None,
            "text": [f"1-{len(text.splitlines())}"],  # the file's lines, exactly (a range past its end is refused)
        })
    (dest / "seeds" / "articles.yml").write_text(yaml.safe_dump({"articles": articles}, allow_unicode=True, sort_keys=False), encoding="utf-8")

    themes = [*PAGE_THEMES] + [f"theme-{t}" for t in range(int(math.sqrt(n)) + 2)]
    n_actors = max(5, n // 5)
    actor_ids = [f"acteur-{i}" for i in range(n_actors)]
    facts = []
    for a, art in enumerate(articles):
        for k in range(5):
            fid = f"fait-{a}-{k}"
            facts.append({
                "id": fid, "text": f"Fait {k} rapporté par l'article {a} sur le dossier {a}, point {k * 3}.",
                "themes": rng.sample(themes, 2), "actors": rng.sample(actor_ids, min(2, n_actors)),
                "status": "rapporté",
                "sources": [{"article": art["id"], "quote": sentences[art["id"]][k * 3]}],
            })
    fact_ids = [f["id"] for f in facts]
    actors = []
    for i, aid in enumerate(actor_ids):
        others = [o for o in actor_ids if o != aid]
        actors.append({
            "id": aid, "name": f"Acteur {i}", "kind": KINDS[i % len(KINDS)], "country": rng.choice(["US", "CN", "FR", None]),
            "role": f"Rôle de l'acteur {i}.", "wants": None if i % 4 == 0 else f"Ce que veut l'acteur {i}.",
            "relations": [{"type": rng.choice(RELATIONS), "target": rng.choice(others), "fact": rng.choice(fact_ids)}
                          for _ in range(2)],
        })
    events = []
    for e in range(n):
        events.append({
            "id": f"evenement-{e}", "date": (start + dt.timedelta(days=e % 300)).isoformat(),
            "date_note": "Date de synthèse.", "date_basis": articles[(e * 5) % len(fact_ids) // 5]["id"],
            "kind": rng.choice(EVENT_KINDS), "title": f"Événement {e}, selon un article",
            "actors": rng.sample(actor_ids, 1), "facts": [fact_ids[(e * 5) % len(fact_ids)]],
        })
    deadlines = []
    for d in range(max(2, n // 50)):
        # issue 23: a date no quote gives must be the reporting article's own date: the deadline is
        # the date of article d + 1, its earlier date that of article d (each cited by its fact)
        first, then = articles[d % len(articles)], articles[(d + 1) % len(articles)]
        deadlines.append({
            "id": f"echeance-{d}", "title": f"Échéance {d}", "date": then["published"],
            "applies_to": f"Ce qui doit être fait avant l'échéance {d}.", "actors": rng.sample(actor_ids, 1),
            "facts": [f"fait-{(d + 1) % len(articles)}-0"], "date_note": "Date de synthèse.", "date_basis": then["id"],
            "history": [{"date": first["published"], "fact": f"fait-{d % len(articles)}-0",
                         "note": "Date de synthèse.", "date_basis": first["id"]}],
        })
    disagreements = []
    for d in range(max(1, n // 10)):
        a1, a2 = rng.sample(range(n), 2) if n > 1 else (0, 0)
        disagreements.append({
            "id": f"divergence-{d}", "title": f"Sur quoi les articles divergent-ils ({d}) ?", "themes": rng.sample(themes, 1),
            "sides": [{"claim": f"Première version : le dossier {a1}.", "sources": [{"article": articles[a1]["id"], "quote": sentences[articles[a1]["id"]][1]}]},
                      {"claim": f"Seconde version : le dossier {a2}.", "sources": [{"article": articles[a2]["id"], "quote": sentences[articles[a2]["id"]][2]}]}],
        })
    questions = [{"id": f"question-{q}", "question": f"Que deviendra le point {q} ?", "context": "Les articles ne le disent pas.",
                  "facts": [rng.choice(fact_ids)]} for q in range(max(1, n // 20))]
    glossary = [{"id": f"terme-{i}", "term": w, "definition": f"Définition de « {w} ».", "general": True} for i, w in enumerate(WORDS[:10])]
    as_of = max(dt.date.fromisoformat(a["published"]) for a in articles)  # issue 23: the latest article's date
    sheet = {
        "story": {
            "title": f"Histoire de synthèse ({n} articles)", "summary": "Une histoire générée pour mesurer la construction du site.",
            "site_url": "https://redaction.example.fr/synthese/", "feed_id": "tag:redaction.example.fr,2026-11-25:synthese",
            "period": {"start": start.isoformat(), "end": as_of.isoformat()}, "as_of": as_of.isoformat(),
            "published": "2026-11-25", "essentials": fact_ids[:5], "scope": "Rien au-delà des articles générés.",
            "changes": [{"date": "2026-11-25", "summary": "Première publication."}],
        },
        "vocabulary": VOCABULARY,
        "themes": [{"id": t, "title": t.replace("-", " ").capitalize(), "description": f"Le thème {t}.",
                    **({"shows": PAGE_THEMES[t]} if t in PAGE_THEMES else {})} for t in themes],
        "actors": actors, "events": events, "deadlines": deadlines, "facts": facts,
        "disagreements": disagreements, "questions": questions, "glossary": glossary,
    }
    (dest / "facts.yml").write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
