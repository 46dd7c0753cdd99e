"""Stage 2, check: cross-references, ids, dates and verbatim quotes.

Every check adds `(path, line, col, message)` problems; nothing stops at the first one.
"""

from __future__ import annotations


from . import french, language, model
from .load import Loaded
from .problems import Problems
from .quotes import INVISIBLE
from .suggest import hint, listing

#: Page addresses the site uses for its own pages; a theme may not take them.
RESERVED_PAGES = (
    "index",
    "divergences",
    "questions",
    "sources",
    "methode",
    "glossaire",
    "journal",
    "citer",
    "assets",
    "schema",
    "search",
    "404",
)

#: Anchors the templates use for their own sections; an id may not take them.
RESERVED_ANCHORS = ("chronologie", "faits", "voir-aussi", "carte", "contenu", "essentiel", "periode", "passages", "frise", "accords",
                    "nuances", "identification", "sans-date")


#: The words of Python-Markdown's internal placeholders (``\x02wzxhzdk:12\x03``; escaped
#: characters are ``\x0245\x03``). The abbreviation extension runs while they are still in
#: the text: a glossary term equal to one of them, or made of digits only, would be wrapped
#: in <abbr> inside the placeholder and break every page.
MARKDOWN_PLACEHOLDERS = ("wzxhzdk", "klzzwxh", "hzzhzkh")


def check(loaded: Loaded, problems: Problems) -> None:
    Checker(loaded, problems).run()
    if loaded.articles_ok:
        from .rules import read  # the editorial rules (issue 13): statuses, modality, support, dates

        for finding in read(loaded).findings:
            line, col = loaded.sheet_doc.where(finding.path)
            problems.add(loaded.sheet_path, line, col, finding.message)


class Checker:
    def __init__(self, loaded: Loaded, problems: Problems):
        self.loaded = loaded
        self.sheet = loaded.sheet
        self.doc = loaded.sheet_doc
        self.problems = problems
        self.ids: dict[str, tuple[str, tuple]] = {}  # id -> (kind, path)
        self._known: dict[str, set[str]] = {}  # section -> its ids
        self._aliased: dict[str, dict[str, str]] = {}  # section -> old id -> its element's id

    def error(self, path: tuple, message: str) -> None:
        line, col = self.doc.where(path)
        self.problems.add(self.loaded.sheet_path, line, col, message)

    def run(self) -> None:
        self.collect_ids()
        self.check_article_ids()
        self.check_pages()
        self.check_references()
        self.check_changes()
        self.check_glossary()
        self.check_dates()
        self.check_quotes()
        self.check_actors()
        self.check_vocabulary()

    # --- ids -------------------------------------------------------------------------

    def collect_ids(self) -> None:
        for section, i, item in self.sheet.elements():
            path = (section, i)
            names = [(item.id, path + ("id",))]
            names += [(a, path + ("aliases", j)) for j, a in enumerate(getattr(item, "aliases", []))]
            for name, where in names:
                if name in self.ids:
                    other_kind, other_path = self.ids[name]
                    line, _ = self.doc.where(other_path)
                    self.error(where, f"id « {name} » déjà utilisé ligne {line} ({other_kind}) : chaque id doit être unique ; "
                                      f"choisissez-en un autre (par exemple « {name}-2 »), sans toucher à celui de la ligne {line}, déjà publié")
                    continue
                if name in RESERVED_ANCHORS or (section == "themes" and name in RESERVED_PAGES):
                    self.error(where, f"id « {name} » réservé par le site : choisissez-en un autre")
                    continue
                self.ids[name] = (section, where)

    def check_article_ids(self) -> None:
        """Article ids share the one namespace of addresses and file names: each article is the
        page sources/<id>.md (its anchor /sources/#<id>, its link card sources-<id>.png), and
        the plan maps every id, of any kind, to one address."""
        doc = self.loaded.articles_doc
        if doc is None:
            return
        where_of: dict[object, int] = {}
        for i, item in enumerate((doc.data.get("articles") if isinstance(doc.data, dict) else None) or []):
            if isinstance(item, dict):
                where_of.setdefault(item.get("id"), i)
        for aid in self.loaded.articles:
            line, col = doc.where(("articles", where_of[aid], "id")) if aid in where_of else (1, 1)
            message = None
            if aid in ("index", *RESERVED_ANCHORS):
                message = (f"id « {aid} » réservé par le site : la page de cet article serait publiée à l'adresse de la page "
                           "Sources (/sources/) et la remplacerait ; choisissez un autre id (ex. « a005 »)" if aid == "index" else
                           f"id « {aid} » réservé par le site (une section des pages s'appelle ainsi) : choisissez un autre id (ex. « a005 »)")
            elif aid in self.ids:
                kind, other = self.ids[aid]
                message = (f"id « {aid} » déjà utilisé dans {self.loaded.sheet_path} ligne {self.doc.where(other)[0]} ({kind}) : "
                           "un article et un élément ne peuvent pas porter le même id (leurs liens mèneraient au même endroit) ; "
                           "donnez à l'article un autre id (ex. « a005 ») et reportez-le dans les « article: » des citations")
            if message:
                self.problems.add(self.loaded.articles_path, line, col, message)
        # file names: a page's link card is named after its path, « / » flattened to « - »
        for i, theme in enumerate(self.sheet.themes):
            article = theme.id.removeprefix("sources-")
            if theme.id.startswith("sources-") and article in self.loaded.articles:
                self.error(("themes", i, "id"), f"id « {theme.id} » : ce thème aurait la même image de partage "
                           f"(cartes/{theme.id}.png) que la page de l'article « {article} » (/sources/{article}/) ; "
                           "choisissez un id qui ne commence pas par « sources- »")

    def ids_of(self, section: str) -> set[str]:
        return {item.id for item in getattr(self.sheet, section)}

    def ref(self, path: tuple, value: str, section: str, label: str) -> None:
        if section not in self._known:
            self._known[section] = self.ids_of(section)
        known = self._known[section]
        if value in known:
            return
        if section not in self._aliased:
            self._aliased[section] = {a: item.id for item in getattr(self.sheet, section) for a in getattr(item, "aliases", [])}
        aliased = self._aliased[section]
        if value in aliased:
            self.error(path, f"{label} « {value} » est un ancien id : écrivez « {aliased[value]} »")
            return
        close = self.loaded.hints.close(f"ids:{section}", value, known)
        self.error(path, f"{label} « {value} » inconnu{hint(close)}")

    # --- checks ----------------------------------------------------------------------

    def check_pages(self) -> None:
        """Each kind of element with a page of its own (`model.THEME_SHOWS`) is shown by one theme."""
        shown: dict[str, int] = {}
        for i, theme in enumerate(self.sheet.themes):
            if theme.shows is None:
                continue
            if theme.shows in shown:
                first = self.sheet.themes[shown[theme.shows]]
                what = model.THEME_SHOWS[theme.shows][0]
                self.error(("themes", i, "shows"), f"« shows: {theme.shows} » est déjà donné au thème « {first.id} » : "
                                                   f"une seule page montre {what}")
            shown.setdefault(theme.shows, i)
        for kind, (what, sections) in model.THEME_SHOWS.items():
            if kind not in shown and any(getattr(self.sheet, section) for section in sections):
                self.error(("themes",), f"aucune page ne montre {what} : ajoutez « shows: {kind} » au thème "
                                        "dont la page doit les montrer")

    def check_references(self) -> None:
        """Every id named where the model declares a reference (`model.Ref`) names an element."""
        all_ids = set(self.ids)
        for path, ident, ref in self.sheet.references():
            if ref.section is not None:
                self.ref(path, ident, ref.section, ref.label)
            elif ident not in all_ids:
                self.error(path, f"{ref.label} « {ident} » inconnu {ref.where} : écrivez l'id d'un élément de la fiche "
                                 "(fait, acteur, événement, échéance, divergence, question…), tel qu'il figure après « id: »")
        for i, actor in enumerate(self.sheet.actors):
            for j, rel in enumerate(actor.relations):
                if rel.target == actor.id:
                    self.error(("actors", i, "relations", j, "target"), "un acteur ne peut pas être en relation avec lui-même : "
                               "écrivez dans « target » l'id de l'autre acteur, ou supprimez la relation")

    def check_changes(self) -> None:
        keys: dict[str, int] = {}
        for i, change in enumerate(self.sheet.story.changes):
            if change.key in keys:
                where = ("story", "changes", i, "id" if change.id else "date")
                self.error(where, f"deux modifications s'appellent « {change.key} » dans le journal : donnez à chacune un « id » "
                                  "différent (il nomme pour toujours son entrée du flux Atom)")
            keys.setdefault(change.key, i)

    def check_glossary(self) -> None:
        s = self.sheet
        terms: dict[str, int] = {}
        for i, term in enumerate(s.glossary):
            reserved = next((w for w in MARKDOWN_PLACEHOLDERS if w in term.term.casefold()), None)
            if not any(c.isalpha() for c in term.term):
                self.error(("glossary", i, "term"), f"term : « {term.term} » : un terme du glossaire doit contenir au moins "
                           "une lettre (Markdown réserve les nombres seuls à son usage interne)")
            elif reserved:
                self.error(("glossary", i, "term"), f"term : « {term.term} » : mot réservé par Markdown pour son usage "
                           "interne, choisissez un autre terme")
            if term.term in terms:
                self.error(("glossary", i, "term"), f"terme « {term.term} » déjà défini ligne {self.doc.where(('glossary', terms[term.term], 'term'))[0]} : "
                           "gardez une seule définition (complétez-la) et supprimez l'autre")
            terms[term.term] = i
            # the site adds nothing to its articles: a definition comes from them, or says it is the site's own
            if not term.sources and not term.general:
                self.error(("glossary", i, "definition"), (
                    f"définition de « {term.term} » sans citation : citez l'article dont elle vient (sources:), "
                    "ou ajoutez « general: true » si c'est une définition générale du site (elle sera signalée comme telle)"))
            elif term.sources and term.general:
                self.error(("glossary", i, "general"), (
                    f"« {term.term} » cite un article et se dit définition générale du site : "
                    "gardez les citations (et retirez « general: true ») ou l'inverse"))

    def check_dates(self) -> None:
        s = self.sheet
        period = s.story.period
        start, end = period.start.start, period.end.start
        as_of = s.story.as_of.end  # « as of » a month: up to its last day
        if start > end:
            self.error(("story", "period", "end"), f"la période se termine avant de commencer : échangez start ({period.start}) et end ({period.end})")
        if as_of < end:
            self.error(("story", "as_of"), f"la date « as_of » précède la fin de la période couverte : écrivez as_of: \"{period.end}\", "
                                        "ou finissez la période au plus tard à cette date")
        for i, event in enumerate(s.events):
            if event.date is None:  # undated: listed apart, never placed on the timeline
                continue
            when = event.date.start
            if when > as_of:
                self.error(("events", i, "date"), f"événement daté après la date « as_of » ({s.story.as_of}) : le récit s'y arrête ; "
                                                            "corrigez la date de l'événement, ou ajoutez l'article qui le rapporte (as_of suit le plus récent)")
        for i, fact in enumerate(s.facts):
            if fact.updated and fact.updated.start < s.story.published.start:
                self.error(("facts", i, "updated"), (
                    f"mise à jour « {fact.updated} » antérieure à la première publication du site ({s.story.published}) : "
                    "« updated » est une date du calendrier du site (le jour où vous modifiez le fait), pas celle de "
                    "l'actualité ; supprimez la ligne (le journal date lui-même chaque changement) ou écrivez la date du jour, AAAA-MM-JJ"))

    def check_actors(self) -> None:
        for i, actor in enumerate(self.sheet.actors):
            if actor.country and actor.country not in language.babel().territories:
                self.error(("actors", i, "country"), f"code pays « {actor.country} » inconnu : écrivez un code ISO à deux lettres "
                                                     "(US, CN, FR…), ou null si les articles ne le donnent pas")

    def check_quotes(self) -> None:
        articles = self.loaded.articles
        if not self.loaded.articles_ok:
            return  # seeds/articles.yml is invalid: its problems are reported, quotes can't be checked
        for path, src, _ in self.sheet.citations():
            if src.article in self.loaded.unreadable:
                continue  # already reported where the article is declared
            article = articles.get(src.article)
            if article is None:
                close = self.loaded.hints.close("articles", src.article, articles)
                self.error(path + ("article",), f"article « {src.article} » inconnu"
                                                + hint(close, f" (articles : {listing(articles)})"))
                continue
            if not article.text.contains(src.quote):
                if not self.loaded.hints.allow("passages"):  # each search reads the whole article
                    self.error(path + ("quote",), f"citation introuvable dans {src.article} ({article.meta.file}) "
                                                  "(passage le plus proche non cherché : trop de citations introuvables ; "
                                                  "corrigez d'abord les précédentes)")
                    continue
                suggestion = article.text.closest(src.quote)
                hidden = sorted({f"{name} U+{ord(c):04X}" for c, name in INVISIBLE.items() if c in suggestion})
                self.error(
                    path + ("quote",),
                    f"citation introuvable dans {src.article} ({article.meta.file}) ; passage le plus proche : « {suggestion} »"
                    + (f" (ce passage contient un caractère invisible : {', '.join(hidden)} ; retirez-le de l'article, "
                       "il vient sans doute d'un copier-coller depuis le web)" if hidden else ""),
                )

    # --- the story's vocabulary ------------------------------------------------------------

    def check_vocabulary(self) -> None:
        """The story's words (`vocabulary:`) hang together, and the sheet uses only them: every
        relation type and deal role is declared (a retired one says what to write instead), a
        settled verb's hedged form is a declared hedged verb, each relation's map question is
        declared, and the essentials are as many as house style asks."""
        vocab = self.sheet.vocabulary
        questions = self._declared(("vocabulary", "map_questions"), vocab.map_questions, "question")
        relations = self._declared(("vocabulary", "relations"), vocab.relations, "verbe")
        roles = self._declared(("vocabulary", "deal_roles"), vocab.deal_roles, "rôle")
        for key, verbs, known in (("relations", vocab.relations, relations), ("deal_roles", vocab.deal_roles, roles)):
            for i, verb in enumerate(verbs):
                path = ("vocabulary", key, i)
                self._mood(path, verb)
                if verb.hedged is None:
                    continue
                other = known.get(verb.hedged)
                if not verb.settled:
                    self.error(path + ("hedged",), f"« {verb.id} » est déjà au conditionnel (settled: false) : retirez « hedged: », "
                                                   "qui ne sert qu'aux verbes qui affirment")
                elif other is None:
                    close = self.loaded.hints.close(f"vocabulary:{key}", verb.hedged, known)
                    self.error(path + ("hedged",), f"hedged : « {verb.hedged} » n'est pas déclaré sous vocabulary.{key}{hint(close)} "
                                                   "(déclarez-le, avec « settled: false »)")
                elif other.settled:
                    self.error(path + ("hedged",), f"hedged : « {verb.hedged} » affirme aussi (settled: true) : nommez un verbe "
                                                   "au conditionnel (settled: false)")
        for i, verb in enumerate(vocab.relations):
            if verb.question is not None and verb.question not in questions:
                close = self.loaded.hints.close("vocabulary:map_questions", verb.question, questions)
                self.error(("vocabulary", "relations", i, "question"),
                           f"question « {verb.question} » inconnue{hint(close)} : déclarez-la sous vocabulary.map_questions "
                           f"(questions déclarées : {listing(questions) or 'aucune'})")
        if vocab.relations and not vocab.map_questions:
            self.error(("vocabulary", "relations"), "aucune question pour la carte des acteurs : déclarez-en au moins une sous "
                                                    "vocabulary.map_questions (« - {id: liens, title: Qui est lié à qui} »)")
        for i, actor in enumerate(self.sheet.actors):
            for j, rel in enumerate(actor.relations):
                self._word(("actors", i, "relations", j, "type"), "type", rel.type, relations, vocab.retired_relations,
                           "relations", "relation")
        for i, deal in enumerate(self.sheet.deals):
            for j, party in enumerate(deal.parties):
                self._word(("deals", i, "parties", j, "role"), "role", party.role, roles, vocab.retired_deal_roles,
                           "deal_roles", "rôle")
        bounds, count = vocab.essentials, len(self.sheet.story.essentials)
        if bounds.max is not None and bounds.min > bounds.max:
            self.error(("vocabulary", "essentials", "min"), f"essentials : min ({bounds.min}) dépasse max ({bounds.max}) : "
                                                            "écrivez un minimum plus petit que le maximum")
        elif count < bounds.min or (bounds.max is not None and count > bounds.max):
            wanted = (f"de {bounds.min} à {bounds.max}" if bounds.max is not None and bounds.min else
                      f"au plus {bounds.max}" if bounds.max is not None else f"au moins {bounds.min}")
            self.error(("story", "essentials"), f"essentials : {count} fait{'s' if count > 1 else ''} essentiel"
                                                f"{'s' if count > 1 else ''}, la maison en demande {wanted} "
                                                "(vocabulary.essentials) : ajoutez-en ou retirez-en")

    def _mood(self, path: tuple, verb: model.Verb) -> None:
        """A verb's words say what `settled` says: an affirming verb reads as the indicative, a
        reporting one hedges (the conditional, « pourrait… », « selon… »: `french.hedges`)."""
        hedged = french.hedges(verb.label)
        if verb.settled and hedged:
            self.error(path + ("settled",), f"« {verb.label} » rapporte (« {hedged[0]} ») mais est déclaré « settled: true » : "
                                            "écrivez « settled: false », ou des mots qui affirment (à l'indicatif)")
        elif not verb.settled and not hedged:
            self.error(path + ("settled",), f"« {verb.label} » affirme (aucun conditionnel, « pourrait » ni « selon ») mais est "
                                            "déclaré « settled: false » : écrivez-le au conditionnel (« financerait », « pourrait "
                                            "financer »), ou déclarez « settled: true »")

    def _declared(self, path: tuple, items: list, what: str) -> dict:
        """Id -> declaration, each id once."""
        out: dict = {}
        for i, item in enumerate(items):
            if item.id in out:
                self.error(path + (i, "id"), f"{what} « {item.id} » déjà déclaré : chaque id n'est déclaré qu'une fois")
            out.setdefault(item.id, item)
        return out

    def _word(self, path: tuple, field: str, value: str, known: dict, retired: dict[str, str], key: str, what: str) -> None:
        """A relation type or deal role the sheet uses: declared, or a located error with the fix."""
        if value in known:
            return
        if value in retired:
            self.error(path, f"{field} : « {value} » n'existe plus : {retired[value]}")
            return
        close = self.loaded.hints.close(f"vocabulary:{key}", value, known)
        listed = listing(known) if known else "aucun"
        self.error(path, f"{field} : {what} « {value} » non déclaré{hint(close)} ; déclarez-le sous vocabulary.{key} "
                         f"(« - {{id: {value}, label: …, settled: true ou false}} »), ou écrivez l'un des déclarés : {listed}")
