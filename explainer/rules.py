"""Stage 2b, editorial rules: the site says no more than its articles.

Run after the structural checks (ids, references, verbatim quotes). Each rule adds a located
problem (`facts.yml:LINE:COL`, in French, with the fix); the review sheet
(`explainer/review.py`) shows the same findings next to each fact. The rules:

- `side-confirmed`: a fact a disagreement puts on one of its sides cannot be confirmé;
- `contested-unlinked`: a contesté fact is linked to the disagreement that shows its versions;
- `hedged-confirmed`: a confirmé fact whose every quote is hedged (conditional, « selon »…);
- `confirmed-evidence`: confirmé needs two articles that state it, or a quoted statement;
- `hedged-indicative`: a fact (or an event title) in the indicative whose every quote is hedged;
- `relation-settled`, `deal-role-settled`: a settled verb needs a confirmé fact;
- `unsupported-quote`: a quote that shares no content word with its fact (or side, or term);
- `date-text`, `date-text-mismatch`, `date-unsupported`: a period carries the article's
  wording, the wording and the EDTF value agree, and a date no quote gives says how it was
  worked out and from which article.

Every status requirement the Méthode page states is enforced here (see STATUSES in model.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import dates, french, model, suggest
from .load import Loaded

#: A settled relation type -> its hedged counterpart (suggested in the fix).
HEDGED_RELATION = {
    "possede": "possederait",
    "dirige": "dirigerait",
    "preside": "dirigerait",
    "partenaire": "pourrait-devenir-partenaire-de",
    "s-est-associe-a": "se-serait-associe-a",
    "investit": "pourrait-investir-dans",
    "soutient": "soutiendrait",
    "a-fait-partie-de-l-equipe-de": "aurait-fait-partie-de-l-equipe-de",
    "s-oppose": "s-opposerait-a",
    "conteste-le-decret-de": "s-opposerait-a",
    "menace-d-interdire": "menacerait-d-interdire",
    "examinera-l-accord-de": "examinerait-l-accord-de",
    "encadre-les-exportations-de": "encadrerait-les-exportations-de",
}
HEDGED_DEAL_ROLE = {"associe": "participation-possible", "a-cede": "cede", "a-rachete": "rachete"}

RANK = {"confirmé": 0, "rapporté": 1, "contesté": 2}


@dataclass
class QuoteReading:
    """One quote of a fact (or side, or term) as the rules read it."""

    path: tuple
    source: model.Source
    context: french.Context | None
    hedges: list[str]
    shared: list[str]  # content words shared with the claim it supports

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)


@dataclass
class Finding:
    path: tuple
    rule: str
    message: str
    owner: str = ""  # id of the element the finding is about (for the review sheet)


@dataclass
class Reading:
    """Everything the rules worked out, for the review sheet."""

    quotes: dict[str, list[QuoteReading]] = field(default_factory=dict)  # fact id, "side:<id>#<n>", "term:<id>" -> quotes
    findings: list[Finding] = field(default_factory=list)
    sides_of: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))  # fact -> [(disagreement, side)]
    about: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # fact -> [disagreement]
    unknown_wordings: list[tuple[str, str]] = field(default_factory=list)  # (element id, date_text) the site cannot read


def item_status(sheet: model.FactSheet, item: Any) -> str:
    """The status of an event, a deadline or a relation: that of its least certain fact."""
    facts = {f.id: f for f in sheet.facts}
    ids = list(getattr(item, "facts", None) or [item.fact])
    statuses = [facts[i].status for i in ids if i in facts]
    return max(statuses, key=RANK.__getitem__) if statuses else "rapporté"


class Rules:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.sheet = loaded.sheet
        self.facts = {f.id: f for f in self.sheet.facts}
        self.synonyms = french.Synonyms(self.sheet.synonyms)
        self.reading = Reading()

    def add(self, path: tuple, rule: str, message: str, owner: str = "") -> None:
        self.reading.findings.append(Finding(path, rule, message, owner))

    def run(self) -> Reading:
        self.check_links()
        self.read_quotes()
        self.check_statuses()
        self.check_wording()
        self.check_relations()
        self.check_deals()
        self.check_dates()
        return self.reading

    # --- links between facts and disagreements ------------------------------------------

    def _fact_ref(self, path: tuple, ident: str) -> bool:
        if ident in self.facts:
            return True
        close = self.loaded.hints.close("ids:facts", ident, self.facts)
        self.add(path, "reference", f"fait « {ident} » inconnu{suggest.hint(close)}")
        return False

    def check_links(self) -> None:
        for i, d in enumerate(self.sheet.disagreements):
            for j, fid in enumerate(d.facts):
                if self._fact_ref(("disagreements", i, "facts", j), fid):
                    self.reading.about[fid].append(d.id)
            for k, side in enumerate(d.sides):
                for j, fid in enumerate(side.facts):
                    if self._fact_ref(("disagreements", i, "sides", k, "facts", j), fid):
                        self.reading.sides_of[fid].append((d.id, k))
        for path, item, owner, _ in self.dated():
            if item.date_basis and item.date_basis not in self.loaded.articles and item.date_basis not in self.loaded.unreadable:
                close = self.loaded.hints.close("articles", item.date_basis, self.loaded.articles)
                hint = suggest.hint(close, f" (articles : {suggest.listing(self.loaded.articles)})")
                self.add(path + ("date_basis",), "reference", f"article « {item.date_basis} » inconnu{hint}", owner)

    # --- quotes ------------------------------------------------------------------------

    def _read(self, path: tuple, src: model.Source, claim: str) -> QuoteReading:
        article = self.loaded.articles.get(src.article)
        ctx = french.context(article.text, src.quote) if article else None
        hedges = french.quote_hedges(ctx) if ctx else []
        return QuoteReading(path, src, ctx, hedges, french.shared_words(claim, src.quote, self.synonyms))

    def read_quotes(self) -> None:
        names = {a.id: a.name for a in self.sheet.actors}
        for i, fact in enumerate(self.sheet.facts):
            claim = " ".join([fact.text, *(names.get(a, "") for a in fact.actors)])
            self.reading.quotes[fact.id] = [
                self._read(("facts", i, "sources", j), src, claim) for j, src in enumerate(fact.sources)
            ]
        for i, d in enumerate(self.sheet.disagreements):
            for k, side in enumerate(d.sides):
                key = f"side:{d.id}#{k}"
                self.reading.quotes[key] = [
                    self._read(("disagreements", i, "sides", k, "sources", j), src, side.claim) for j, src in enumerate(side.sources)
                ]
        for i, term in enumerate(self.sheet.glossary):
            claim = f"{term.term} {term.definition}"
            self.reading.quotes[f"term:{term.id}"] = [
                self._read(("glossary", i, "sources", j), src, claim) for j, src in enumerate(term.sources)
            ]
        for owner, readings in self.reading.quotes.items():
            for q in readings:
                if q.context is not None and not q.shared:
                    self.add(
                        q.path + ("quote",),
                        "unsupported-quote",
                        f"la citation « {q.source.quote} » ne partage aucun mot avec ce qu'elle doit appuyer "
                        f"(ni acteur, ni nombre, ni date, ni mot clé) : citez le passage de {q.source.article} qui le dit, "
                        "ou déclarez dans `synonyms:` deux mots équivalents",
                        owner.split(":", 1)[-1].split("#")[0],
                    )

    # --- statuses ------------------------------------------------------------------------

    def check_statuses(self) -> None:
        for i, fact in enumerate(self.sheet.facts):
            path = ("facts", i, "status")
            quotes = [q for q in self.reading.quotes[fact.id] if q.context is not None]
            if fact.status == "confirmé" and fact.id in self.reading.sides_of:
                d, k = self.reading.sides_of[fact.id][0]
                self.add(
                    path,
                    "side-confirmed",
                    f"fait « {fact.id} » marqué « confirmé », mais la divergence « {d} » le range d'un de ses côtés "
                    f"(côté {k + 1}) : marquez-le « rapporté » ou « contesté »",
                    fact.id,
                )
                continue
            if fact.status == "contesté" and fact.id not in self.reading.sides_of and fact.id not in self.reading.about:
                self.add(
                    path,
                    "contested-unlinked",
                    f"fait « {fact.id} » marqué « contesté », mais aucune divergence ne le cite : ajoutez-le aux `facts:` "
                    "de la divergence qui montre les versions des articles (ou de l'un de ses côtés), ou changez son statut",
                    fact.id,
                )
            if fact.status != "confirmé" or not quotes:
                continue
            if all(q.hedged for q in quotes):
                self.add(
                    path,
                    "hedged-confirmed",
                    f"fait « {fact.id} » marqué « confirmé », mais toutes ses citations sont au conditionnel ou attribuées "
                    f"({_hedge_list(quotes)}) : marquez-le « rapporté », ou citez un passage qui l'affirme",
                    fact.id,
                )
                continue
            stating = {q.source.article for q in quotes if not q.hedged}
            statement = any(q.context.direct_speech and not q.hedged for q in quotes)
            if len(stating) < 2 and not statement:
                only = f"seul l'article {next(iter(stating))} l'affirme" if stating else "aucun article ne l'affirme"
                self.add(
                    path,
                    "confirmed-evidence",
                    f"fait « {fact.id} » marqué « confirmé », mais {only} sans conditionnel ni « selon », et aucune "
                    "déclaration n'est citée entre guillemets : confirmé demande deux articles qui l'affirment, ou une "
                    "déclaration officielle citée ; marquez-le « rapporté », ou citez un second article",
                    fact.id,
                )

    def check_wording(self) -> None:
        for i, fact in enumerate(self.sheet.facts):
            quotes = [q for q in self.reading.quotes[fact.id] if q.context is not None]
            if quotes and all(q.hedged for q in quotes) and not french.hedges(fact.text, site_voice=True):
                self.add(
                    ("facts", i, "text"),
                    "hedged-indicative",
                    f"fait « {fact.id} » écrit à l'indicatif, mais toutes ses citations sont au conditionnel ou attribuées "
                    f"({_hedge_list(quotes)}) : reformulez-le au conditionnel, ou avec « selon … »",
                    fact.id,
                )
        for i, event in enumerate(self.sheet.events):
            quotes = [q for fid in event.facts if fid in self.facts for q in self.reading.quotes[fid] if q.context is not None]
            if quotes and all(q.hedged for q in quotes) and not french.hedges(event.title, site_voice=True):
                self.add(
                    ("events", i, "title"),
                    "hedged-indicative",
                    f"événement « {event.id} » titré à l'indicatif, mais toutes les citations de ses faits sont au conditionnel "
                    f"ou attribuées ({_hedge_list(quotes)}) : reformulez le titre au conditionnel, ou avec « selon … »",
                    event.id,
                )

    # --- relations and deals --------------------------------------------------------------

    def check_relations(self) -> None:
        for i, actor in enumerate(self.sheet.actors):
            for j, rel in enumerate(actor.relations):
                fact = self.facts.get(rel.fact)
                if fact is None or rel.type not in model.SETTLED_RELATIONS or fact.status == "confirmé":
                    continue
                hedged = HEDGED_RELATION.get(rel.type)
                fix = f"écrivez par exemple « {hedged} » (« {model.RELATION_TYPES[hedged]} »)" if hedged else (
                    "choisissez un type au conditionnel (" + ", ".join(t for t in model.RELATION_TYPES if t not in model.SETTLED_RELATIONS) + ")"
                )
                self.add(
                    ("actors", i, "relations", j, "type"),
                    "relation-settled",
                    f"relation « {rel.type} » (« {model.RELATION_TYPES[rel.type]} ») établie par le fait « {rel.fact} », "
                    f"« {fact.status} » : un verbe qui affirme demande un fait confirmé ; {fix}, ou appuyez la relation sur un fait confirmé",
                    actor.id,
                )

    def check_deals(self) -> None:
        for i, deal in enumerate(self.sheet.deals):
            for j, party in enumerate(deal.parties):
                fact = self.facts.get(party.fact)
                if fact is None or party.role not in model.SETTLED_DEAL_ROLES or fact.status == "confirmé":
                    continue
                hedged = HEDGED_DEAL_ROLE[party.role]
                self.add(
                    ("deals", i, "parties", j, "role"),
                    "deal-role-settled",
                    f"rôle « {party.role} » (« {model.DEAL_ROLES[party.role]} ») rapporté par le fait « {party.fact} », "
                    f"« {fact.status} » : un rôle qui affirme demande un fait confirmé ; écrivez par exemple « {hedged} » "
                    f"(« {model.DEAL_ROLES[hedged]} »)",
                    deal.id,
                )

    # --- dates -------------------------------------------------------------------------------

    def dated(self) -> Iterator[tuple[tuple, Any, str, list[str]]]:
        """(path, item, owner id, facts whose quotes may give the date) for every dated item."""
        for i, e in enumerate(self.sheet.events):
            if e.date is not None:  # an undated event has no date to check
                yield ("events", i), e, e.id, list(e.facts)
        for i, d in enumerate(self.sheet.deadlines):
            yield ("deadlines", i), d, d.id, list(d.facts)
            for k, step in enumerate(d.history):
                yield ("deadlines", i, "history", k), step, d.id, [step.fact]

    def check_dates(self) -> None:
        for path, item, owner, fact_ids in self.dated():
            when = dates.parse(item.date)
            wording = item.date_text
            if wording is None and when.precision in ("interval", "season"):
                self.add(
                    path + ("date",),
                    "date-text",
                    f"date « {item.date} » : une période ou une saison s'écrit avec la formulation de l'article ; "
                    "ajoutez `date_text` (ex. « fin août 2020 », « le week-end des 12 et 13 septembre 2020 »)",
                    owner,
                )
                continue
            if wording is not None:
                try:
                    meant = dates.parse_wording(wording)
                except ValueError as exc:
                    self.add(path + ("date_text",), "date-text-mismatch", f"date_text : {exc}", owner)
                    continue
                if meant is None:
                    self.reading.unknown_wordings.append((owner, wording))
                elif meant != (when.start, when.end):
                    self.add(
                        path + ("date_text",),
                        "date-text-mismatch",
                        f"date_text « {wording} » désigne {dates.span_wording(*meant)}, mais date « {item.date} » "
                        f"désigne {dates.span_wording(when.start, when.end)} : accordez-les (pour « {wording} », "
                        f"date: \"{_edtf_for(*meant)}\")",
                        owner,
                    )
                    continue
            tokens = french.date_tokens(wording or dates.wording(when))
            quotes = [q.source.quote for fid in fact_ids if fid in self.facts for q in self.reading.quotes[fid]]
            missing = [t for t in tokens if not any(french.has_token(q, t) for q in quotes)]
            if not missing:
                continue
            step = isinstance(item, model.DeadlineStep)
            note, basis = (item.note if step else item.date_note), item.date_basis
            if note and basis:
                continue
            needs = [n for n, ok in ((f"expliquez comment elle a été établie ({'note' if step else 'date_note'})", note),
                                      ("nommez l'article sur lequel elle repose (date_basis)", basis)) if not ok]
            fix = "citez le passage qui la donne, ou " + " et ".join(needs)
            where = "du fait de cette date" if step else "des faits de cet élément"
            shown = ", ".join(f"« {t} »" for t in missing)
            self.add(
                path + ("date",),
                "date-unsupported",
                f"date « {wording or dates.wording(when)} » : aucune citation {where} ne donne {shown} : {fix}",
                owner,
            )


def _hedge_list(quotes: list[QuoteReading]) -> str:
    words: list[str] = []
    for q in quotes:
        for h in q.hedges:
            if h not in words:
                words.append(h)
    return ", ".join(f"« {w} »" for w in words[:4])


def _edtf_for(start, end) -> str:
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def read(loaded: Loaded) -> Reading:
    return Rules(loaded).run()
