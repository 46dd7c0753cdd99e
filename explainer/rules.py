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
  worked out and from which article;
- `date-inferred` (issue 23): a date no quote gives is exact only when it is the day the
  article that reports the element is dated; one worked out from another article, a weekday,
  a relative word or a connective is inferred: `date: null`, the reasoning in `date_note`
  (listed apart with it, never drawn on the timeline);
- `as-of` (issue 23): the story's « as of » is the date of its latest article, never later,
  never more precise;
- `subject-confirmed` (issue 23): a fact a disagreement is about (its `facts:`) cannot be
  confirmé, like a fact on one of its sides (nuances excepted: they are not disagreements);
- `wording-confirmed` (issue 23): a confirmé fact whose own text is conditional (the site's
  conditional, not the quoted speaker's) or says the articles diverge;
- `single-source` (issue 23): a rapporté or contesté fact resting on one article says so in
  its words (« selon un article », « d'après … », the outlet);
- `journal-status` (issue 23): a journal entry that says a status changed agrees with the
  current status of the facts it names;
- `outlet-outside` (issue 23): a text of the sheet does not name an outlet the articles do
  not give (identified by comparison): it names the article by its code;
- qualifiers (issue 23, flagged on the review sheet, not refused): an amount, a number, a
  condition or a restriction in a quote's sentence that the fact leaves out, with no `note:`
  on that quote saying why.

Every status requirement the Méthode page states is enforced here (see STATUSES in model.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import dates, french, model, suggest
from .load import Loaded
from .status import CONFIRMED, CONTESTED



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
    #: fact id -> qualifiers of its quotes' sentences that its text leaves out, with no note (review sheet)
    qualifiers: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    #: event or question id -> (fact id, qualifier the fact keeps but the element's text drops)
    qualifiers_retold: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))


class Rules:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.sheet = loaded.sheet
        self.facts = {f.id: f for f in self.sheet.facts}
        self.synonyms = french.Synonyms(self.sheet.synonyms)
        self._nuances = {d.id for d in self.sheet.disagreements if d.nuance}
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
        self.check_as_of()
        self.check_journal()
        self.check_outlets()
        self.read_qualifiers()
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
                cut = french.negation_left_out(q.context) if q.context is not None else None
                if cut:
                    self.add(
                        q.path + ("quote",),
                        "negation-left-out",
                        f"la citation « {q.source.quote} » commence juste après « {cut} » : lue seule, elle dit le "
                        f"contraire de sa phrase ; citez « {cut} {q.context.quote} »",
                        owner.split(":", 1)[-1].split("#")[0],
                    )
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
            if fact.status == CONFIRMED and fact.id in self.reading.sides_of:
                d, k = self.reading.sides_of[fact.id][0]
                self.add(
                    path,
                    "side-confirmed",
                    f"fait « {fact.id} » marqué « confirmé », mais la divergence « {d} » le range d'un de ses côtés "
                    f"(côté {k + 1}) : marquez-le « rapporté » ou « contesté »",
                    fact.id,
                )
                continue
            subject_of = [d for d in self.reading.about.get(fact.id, []) if not self.nuance(d)]
            if fact.status == CONFIRMED and subject_of:
                self.add(
                    path,
                    "subject-confirmed",
                    f"fait « {fact.id} » marqué « confirmé », mais la divergence « {subject_of[0]} » porte sur lui (il est "
                    "dans ses `facts:`) : les articles ne s'accordent pas à son sujet ; marquez-le « contesté » (ou "
                    "« rapporté »), ou retirez-le des `facts:` de la divergence s'il n'est pas en cause",
                    fact.id,
                )
                continue
            if fact.status == CONFIRMED:
                reason = self.unsure_wording(fact, quotes)
                if reason:
                    self.add(
                        path,
                        "wording-confirmed",
                        f"fait « {fact.id} » marqué « confirmé », mais son texte {reason} : un fait confirmé s'énonce "
                        "sans réserve ; marquez-le « rapporté » (« contesté » s'il montre une divergence), ou ne gardez "
                        "dans ce fait que ce que les articles affirment tous",
                        fact.id,
                    )
                    continue
            if fact.status == CONTESTED and fact.id not in self.reading.sides_of and fact.id not in self.reading.about:
                self.add(
                    path,
                    "contested-unlinked",
                    f"fait « {fact.id} » marqué « contesté », mais aucune divergence ne le cite : ajoutez-le aux `facts:` "
                    "de la divergence qui montre les versions des articles (ou de l'un de ses côtés), ou changez son statut",
                    fact.id,
                )
            if fact.status != CONFIRMED or not quotes:
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

    def nuance(self, disagreement_id: str) -> bool:
        return disagreement_id in self._nuances

    def unsure_wording(self, fact: model.Fact, quotes: list[QuoteReading]) -> str:
        """Why a fact's own text cannot be confirmé: it says the articles diverge, or it is in the
        conditional (a conditional its quotes carry is the speaker's, « aurait été bonne »)."""
        low = french.normalise(fact.text).lower()
        diverge = DIVERGE.search(low)
        if diverge:
            return f"dit que les articles divergent (« {diverge.group(0)} »)"
        quoted = " ".join(french.normalise(q.source.quote).lower() for q in quotes)
        said = french._REPORTED_SPEECH.search(low)  # « a annoncé que le comité examinerait » : future in the past
        own = [w for w in french.conditional_words(low[: said.start()] if said else low) if w not in quoted]
        if own:
            return f"est au conditionnel (« {own[0]} »)"
        return ""

    def attributed(self, text: str, article: str) -> bool:
        """Whether a text says whose claim it is: « selon », « d'après », « un article », the outlet."""
        low = french.normalise(text).lower()
        if ATTRIBUTED.search(low):
            return True
        meta = self.loaded.articles[article].meta if article in self.loaded.articles else None
        return bool(meta and meta.outlet and meta.outlet_from == "texte" and meta.outlet.lower() in low)

    def check_wording(self) -> None:
        for i, fact in enumerate(self.sheet.facts):
            quotes = [q for q in self.reading.quotes[fact.id] if q.context is not None]
            articles = {q.source.article for q in quotes}
            hedged_indicative = quotes and all(q.hedged for q in quotes) and not french.hedges(fact.text, site_voice=True)
            if (not hedged_indicative and fact.status != CONFIRMED and len(articles) == 1
                    and not self.attributed(fact.text, next(iter(articles)))):
                only = next(iter(articles))
                self.add(
                    ("facts", i, "text"),
                    "single-source",
                    f"fait « {fact.id} » « {fact.status} » qui repose sur le seul article {only}, mais son texte ne le dit "
                    "pas : écrivez « Selon un article, … » (ou « d'après … », ou nommez le média), pour que le lecteur "
                    "le sache sans ouvrir la citation",
                    fact.id,
                )
                continue
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
        """A settled verb (the story's vocabulary says which) needs a confirmé fact."""
        vocab = self.sheet.vocabulary
        for i, actor in enumerate(self.sheet.actors):
            for j, rel in enumerate(actor.relations):
                fact, verb = self.facts.get(rel.fact), vocab.relation(rel.type)
                if fact is None or verb is None or not verb.settled or fact.status == CONFIRMED:
                    continue
                self.add(
                    ("actors", i, "relations", j, "type"),
                    "relation-settled",
                    f"relation « {rel.type} » (« {verb.label} ») établie par le fait « {rel.fact} », "
                    f"« {fact.status} » : un verbe qui affirme demande un fait confirmé ; "
                    f"{_hedged_fix(verb, vocab.relations, 'vocabulary.relations')}, ou appuyez la relation sur un fait confirmé",
                    actor.id,
                )

    def check_deals(self) -> None:
        """A settled role (the story's vocabulary says which) needs a confirmé fact."""
        vocab = self.sheet.vocabulary
        for i, deal in enumerate(self.sheet.deals):
            for j, party in enumerate(deal.parties):
                fact, role = self.facts.get(party.fact), vocab.deal_role(party.role)
                if fact is None or role is None or not role.settled or fact.status == CONFIRMED:
                    continue
                self.add(
                    ("deals", i, "parties", j, "role"),
                    "deal-role-settled",
                    f"rôle « {party.role} » (« {role.label} ») rapporté par le fait « {party.fact} », "
                    f"« {fact.status} » : un rôle qui affirme demande un fait confirmé ; "
                    f"{_hedged_fix(role, vocab.deal_roles, 'vocabulary.deal_roles')}",
                    deal.id,
                )

    # --- dates -------------------------------------------------------------------------------

    def check_inferred(self, path: tuple, item: Any, owner: str, fact_ids: list[str], when, wording, missing) -> None:
        """A date no quote gives is exact only when it is the day the article that reports the
        element is dated (its dateline). Anything else (another article's date, a weekday,
        « ce week-end », « alors ») is inferred: not a day to draw."""
        basis = self.loaded.articles.get(item.date_basis)
        if basis is None:
            return  # an unknown or unreadable article is reported where it is named
        quoted = {q.source.article for fid in fact_ids if fid in self.facts for q in self.reading.quotes[fid]}
        if basis is not None and item.date_basis in quoted and when.start == when.end == _published_day(basis.meta):
            return
        shown = ", ".join(f"« {t} »" for t in missing)
        why = (
            f"l'article {item.date_basis} ne rapporte pas cet élément" if item.date_basis not in quoted
            else f"l'article {item.date_basis} n'est pas daté de ce jour"
        )
        if isinstance(item, model.Event):
            fix = ("écrivez date: null (l'événement est alors listé à part, sans être dessiné sur la frise) et gardez dans "
                   "date_note ce que les articles permettent d'en dire, avec son incertitude")
        else:
            fix = "citez le passage qui donne cette date, ou retirez-la"
        self.add(
            path + ("date",),
            "date-inferred",
            f"date « {wording or dates.wording(when)} » déduite : aucune citation ne donne {shown}, et {why} ; une date "
            "tirée d'un autre article, d'un jour de la semaine, d'un mot comme « alors » ou « ce week-end » n'est pas "
            f"une date des articles : {fix}",
            owner,
        )

    def check_journal(self) -> None:
        """A journal entry that says a status changed agrees with the facts it names, now."""
        facts_of: dict[str, list[str]] = {}
        for d in self.sheet.disagreements:
            facts_of[d.id] = list(d.facts)  # what the disagreement is about, not its sides
        for item in [*self.sheet.events, *self.sheet.deadlines, *self.sheet.questions]:
            facts_of[item.id] = list(item.facts)
        for i, change in enumerate(self.sheet.story.changes):
            low = french.normalise(" ".join(filter(None, (change.summary, change.detail)))).lower()
            if NO_LONGER_CONFIRMED.search(low):
                wrong, said = CONFIRMED, "n'est plus « confirmé »"
            elif NOW_CONFIRMED.search(low):
                wrong, said = None, "est désormais « confirmé »"
            else:
                continue
            named = []
            for ident in change.ids:
                for fid in [ident] if ident in self.facts else facts_of.get(ident, []):
                    if fid in self.facts and fid not in named:
                        named.append(fid)
            for fid in named:
                status = self.facts[fid].status
                if (wrong and status == wrong) or (not wrong and status != CONFIRMED):
                    self.add(
                        ("story", "changes", i, "summary"),
                        "journal-status",
                        f"journal, entrée « {change.key} » : elle dit qu'un fait {said}, mais le fait « {fid} », "
                        f"qu'elle concerne (ids:), est « {status} » : corrigez son statut, ou le texte de l'entrée",
                    )
                    break

    def check_outlets(self) -> None:
        """An outlet the articles do not name (found by comparison) is never named by the sheet
        without saying so: the site names that article by its code."""
        outside = {a.meta.outlet: aid for aid, a in self.loaded.articles.items()
                   if a.meta.outlet and a.meta.outlet_from == "comparaison"}
        if not outside:
            return
        texts = list(model._walk(self.sheet, ()))
        texts += [(("narrative", key, i), p) for key, ps in self.sheet.narrative.items() for i, p in enumerate(ps)]
        for path, value in texts:
            if not isinstance(value, str) or "comparaison" in value.lower():
                continue
            for outlet, aid in outside.items():
                if re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", value, re.IGNORECASE):
                    self.add(
                        path,
                        "outlet-outside",
                        f"« {outlet} » : aucun article ne donne ce nom de média (il a été établi par comparaison, hors "
                        f"des articles) : nommez l'article par son code, « {aid.upper()} », ou dites dans la même phrase "
                        "que le média a été identifié par comparaison",
                    )

    def read_qualifiers(self) -> None:
        """For the review sheet: what a quote's clause carries (an amount, a number, a condition,
        a restriction) that the fact's text leaves out, when no `note:` on the quote says why."""
        for fact in self.sheet.facts:
            text = french.normalise(fact.text).lower()
            for j, q in enumerate(self.reading.quotes[fact.id]):
                if q.context is None or q.source.note:
                    continue
                for m in QUALIFIERS.finditer(french.normalise(q.context.clause)):
                    found = m.group(0).strip()
                    if not _kept(found, text) and (j, found) not in self.reading.qualifiers[fact.id]:
                        self.reading.qualifiers[fact.id].append((j, found))
        # where a fact is retold (an event's title, a question's context), what its own text keeps
        kept = {f.id: [m.group(0).strip() for m in QUALIFIERS.finditer(french.normalise(f.text))] for f in self.sheet.facts}
        retold = [(e.id, e.title, e.facts) for e in self.sheet.events]
        retold += [(q.id, q.context, q.facts) for q in self.sheet.questions]
        for ident, text, fact_ids in retold:
            low = french.normalise(text).lower()
            for fid in fact_ids:
                for found in kept.get(fid, []):
                    if not _kept(found, low) and (fid, found) not in self.reading.qualifiers_retold[ident]:
                        self.reading.qualifiers_retold[ident].append((fid, found))

    def check_as_of(self) -> None:
        """The story's « as of » is its latest article's date: an article dated after it, or an
        « as of » the articles do not give (more precise, or later), is refused."""
        story = self.sheet.story
        as_of = story.as_of.when
        dated = []
        for aid, art in sorted(self.loaded.articles.items()):
            if art.meta.published:
                try:
                    dated.append((dates.parse_iso(art.meta.published[:10]), aid, art.meta.published[:10]))
                except ValueError:
                    continue
        if not dated:
            return
        latest = max(dated, key=lambda d: (d[0].end, d[0].start))
        later = [d for d in dated if d[0].end > as_of.end]
        if later:
            when, aid, value = max(later, key=lambda d: d[0].end)
            self.add(
                ("story", "as_of"),
                "as-of",
                f"as_of « {story.as_of} » : l'article {aid} est daté {_dated(when)}, qui peut être après "
                f"{'le ' if as_of.precision == 'day' else ''}{dates.wording(as_of)} : l'état des connaissances est la date du dernier article ; "
                f"écrivez as_of: \"{latest[2]}\"",
            )
        elif (as_of.start, as_of.end) != (latest[0].start, latest[0].end):
            self.add(
                ("story", "as_of"),
                "as-of",
                f"as_of « {story.as_of} » : aucun article n'est daté ainsi (le dernier, {latest[1]}, est daté "
                f"{_dated(latest[0])}) : l'état des connaissances est la date du dernier article ; "
                f"écrivez as_of: \"{latest[2]}\"",
            )

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
            when = item.date.when
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
                        f"date_text « {wording} » désigne {dates.span(*meant)}, mais date « {item.date} » "
                        f"désigne {dates.span(when.start, when.end)} : accordez-les (pour « {wording} », "
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
                self.check_inferred(path, item, owner, fact_ids, when, wording, missing)
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


#: A fact's text saying the articles do not agree.
DIVERGE = re.compile(
    r"ne s'accordent pas|divergen\w*|pas de la même façon|pas tous|ne disent pas la même|diffèrent|"
    r"selon un autre|selon d'autres|pour d'autres"
)
#: A journal entry saying a fact is no longer, or now, confirmé.
NO_LONGER_CONFIRMED = re.compile(
    r"n'est plus (?:dit\w* )?confirmé\w*|ne sont plus (?:dit\w* )?confirmé\w*|"
    r"étai(?:t|ent) (?:dit|présenté)\w* (?:comme )?confirmé\w*"
)
NOW_CONFIRMED = re.compile(r"(?:est|sont) désormais (?:dit\w* )?confirmé\w*|devien\w* confirmé\w*")
#: A fact's text saying whose claim it is.
ATTRIBUTED = re.compile(
    r"\b(?:selon|d'après|cité\w* par|pour un article|un article|l'article|l'un d'eux|rapporte\w*|affirme\w*)\b"
)
#: What a quote's sentence may carry that a claim must not drop: an amount or a number, a
#: condition, a restriction (issue 23: « pour quelques centaines de millions de dollars »,
#: « minoritaire », « américains »).
QUALIFIER_WORDS = (
    r"(?:pour |d')?(?:quelques |plusieurs )?(?:centaines|milliers|dizaines|\d[\d  ,.]*)\s*(?:de )?"
    r"(?:millions?|milliards?)?\s*(?:de |d')?(?:dollars|euros|%|utilisateurs|particuliers|fois)|"
    r"\bà condition\b|\bsi (?:celle|celui|un|une|le|la|l')\w*|\bsauf\b|\bau minimum\b|\btout au moins\b|"
    r"\bseulement\b|\buniquement\b|\bminoritaire\b|\bminorité\b|\bmajoritaire\b|"
    r"\bamérica\w+|\bUS\b|\bnord-américain\w*|\baustralien\w*|\bnéo-zélandais\w*|"
    r"\bjusqu'(?:au|à)(?: \w+)? \d{1,2}(?:er)? \w+|\bdès \w+"
)
#: The same matches, found faster: a position where none of the letters the qualifiers start
#: with stands is passed over at once, not tried against every alternative (the pattern runs on
#: every quote's clause and every fact; tests/engine/test_quotes.py holds the two together).
QUALIFIER_STARTS = r"[pdqcmàsatuUnj]|\d"
QUALIFIERS = re.compile(f"(?=(?:{QUALIFIER_STARTS}))(?:{QUALIFIER_WORDS})")


#: A qualifier kept in other words: « US » is « américain », « à condition » is « si ».
_KEPT_AS = {"us": ("améric",), "condit": ("condit", "si ")}


def _kept(qualifier: str, text: str) -> bool:
    """Whether a claim's text (lower case) keeps a qualifier: its last word's stem, or an equivalent."""
    words = qualifier.lower().split()
    key = words[-1][:6]
    if words[0] == "à" and len(words) > 1:  # « à condition »
        key = words[1][:6]
    return any(k in text for k in _KEPT_AS.get(key, (key,)))


def _dated(when) -> str:
    return f"du {dates.wording(when)}" if when.precision == "day" else f"de {dates.wording(when)}"


def _published_day(meta: model.Article):
    """The day an article is dated (None when it gives only the month, or nothing)."""
    if not meta.published or len(meta.published) < 10:
        return None
    return dates.parse_iso(meta.published[:10]).start


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


def _hedged_fix(verb: model.Verb, declared: list[model.Verb], where: str) -> str:
    """What to write instead of a settled verb: its declared hedged form, else the hedged verbs."""
    labels = {v.id: v.label for v in declared}
    if verb.hedged in labels:
        return f"écrivez par exemple « {verb.hedged} » (« {labels[verb.hedged]} »)"
    hedged = [v.id for v in declared if not v.settled]
    if hedged:
        return "choisissez un verbe au conditionnel (" + ", ".join(hedged) + ")"
    return f"déclarez sous {where} un verbe au conditionnel (« settled: false ») et écrivez-le"
