"""Typed objects for the fact sheet (`facts.yml`) and the article list (`seeds/articles.yml`).

The allowed values (kinds of actor, statuses, relation types, …) are declared here once;
error messages name them. Every model forbids unknown keys, so a typo such as `soruces`
is an error, not a silently ignored field.
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from . import dates, language
from .urls import url_problem
from .schema_fr import french
from .status import STATUSES

# --- allowed values -----------------------------------------------------------------

#: Kinds of actor, with their French label.
ACTOR_KINDS = {
    "personne": "Personne",
    "entreprise": "Entreprise",
    "gouvernement": "Gouvernement",
    "administration": "Administration ou agence",
    "investisseur": "Investisseur",
    "autre": "Autre",
}

#: Kinds of event on the timeline, with their French label.
EVENT_KINDS = {
    "annonce": "Annonce",
    "decision": "Décision",
    "negociation": "Négociation",
    "reglementation": "Réglementation",
    "justice": "Justice",
    "declaration": "Déclaration",
}

#: What a theme's page may show besides its facts: kind -> (what it is, in French, and the
#: sections of the sheet published there). Each kind is shown by one theme at most.
THEME_SHOWS = {
    "actors": ("la carte et les fiches des acteurs", ("actors",)),
    "deadlines": ("les échéances, la frise et la chronologie", ("events", "deadlines")),
    "deals": ("les schémas des accords", ("deals",)),
}

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RULE = "minuscules, chiffres et tirets, sans accent ni espace (ex. « offre-refusee »)"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]


@dataclass(frozen=True)
class Ref:
    """Marks a field as naming an element of the sheet: of `section`, or of any kind (None).

    The check stage walks every field so marked (`references()`); `label` names the kind in
    its messages, `where` says where an id of any kind is expected.
    """

    section: str | None
    label: str
    where: str = ""


ThemeId = Annotated[Slug, Ref("themes", "thème")]
ActorId = Annotated[Slug, Ref("actors", "acteur")]
FactId = Annotated[Slug, Ref("facts", "fait")]
ChangedId = Annotated[Slug, Ref(None, "id", "dans le journal des modifications")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("ne doit pas être vide")
    return value


Prose = Annotated[Text, AfterValidator(_not_blank)]

#: A date of the fact sheet, parsed once at load (`dates.Date`: the text as written and its `when`).
FuzzyDate = dates.Date


def _iso_date(value: str) -> dates.Date:
    return dates.Date(value, dates.parse_iso(value))


def _edtf_date(value: str) -> dates.Date:
    return dates.Date(value, dates.parse(value))


def _published(value: str) -> str:
    day, _, time = value.partition("T")
    if not re.fullmatch(dates.PUBLISHED_RE, value, re.ASCII):
        dates.parse_iso(day)  # says what is wrong with the day, if that is it
        raise ValueError(f"« {value} » : date attendue AAAA-MM-JJ, AAAA-MM ou AAAA-MM-JJTHH:MM")
    return value


#: A locale the story may declare (explainer/language.py).
LocaleCode = Annotated[str, AfterValidator(language.check), WithJsonSchema({"type": "string", "pattern": "^fr(_[A-Z]{2})?$"})]

#: A plain date (day, month or year), as in `as_of`, `updated`, `published`.
DateText = Annotated[
    str,
    AfterValidator(_iso_date),
    WithJsonSchema({"type": "string", "pattern": dates.ISO_PATTERN, "description": "Date AAAA-MM-JJ, ou AAAA-MM, ou AAAA."}),
]
#: An event or deadline date: EDTF (a day, a month, a season, an interval start/end…).
EdtfText = Annotated[
    str,
    AfterValidator(_edtf_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": dates.EDTF_PATTERN,
            "description": "Date EDTF (ISO 8601-2) : AAAA-MM-JJ, AAAA-MM, AAAA, saison AAAA-21 à AAAA-24, période début/fin (2020-08-21/2020-08-31), suivie au besoin de ? (incertaine) ou ~ (approximative).",
        }
    ),
]


def _public_url(value: str) -> str:
    problem = url_problem(value)
    if problem is not None:
        raise ValueError(problem.removeprefix("adresse "))
    return value


def _corrections_address(value: str) -> str:
    """Where readers report an error: a public http(s) address, or mailto: and one e-mail address."""
    if value.startswith("mailto:"):
        if not re.fullmatch(r"mailto:[^\s\"'<>`\\{}|^?#@()\[\]]+@[^\s\"'<>`\\{}|^?#@()\[\]]+", value):
            raise ValueError(f"« {value} » : écrivez mailto: suivi d'une seule adresse électronique (mailto:corrections@exemple.fr)")
        return value
    return _public_url(value)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- articles --------------------------------------------------------------------------


def _line_range(value: str) -> str:
    if not re.fullmatch(r"\d+(-\d+)?", value):
        raise ValueError("plage de lignes attendue, par exemple \"9-31\" ou \"1\"")
    a, _, b = value.partition("-")
    if b and int(b) < int(a):
        raise ValueError(f"la plage {value} finit avant de commencer")
    if int(a) < 1:
        raise ValueError("les lignes sont numérotées à partir de 1")
    return value


class Article(Model):
    """One article of `seeds/`. A value the file does not give is `null` (shown as unknown)."""

    id: Slug = Field(description="Identifiant permanent de l'article (ex. a001).")
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.txt$")] = Field(
        description="Nom du fichier texte dans seeds/."
    )
    title: Text | None = Field(description="Titre tel que donné par l'article, ou null.")
    outlet: Text | None = Field(description="Média, ou null si le fichier ne le dit pas. Ne jamais deviner.")
    outlet_from: Literal["texte", "comparaison"] = Field(
        default="texte",
        description=(
            "D'où vient le nom du média : « texte » si le fichier de l'article le donne ; « comparaison » s'il a été "
            "établi en comparant le texte à une page publiée, hors des articles. Le site nomme alors l'article par son "
            "code (A002) et dit, là où il nomme le média, qu'il vient de cette comparaison."
        ),
    )
    author: Text | None = Field(description="Auteur, ou null.")
    published: Annotated[
        str,
        AfterValidator(_published),
        WithJsonSchema({"type": "string", "pattern": dates.PUBLISHED_PATTERN}),
    ] | None = Field(description="Date de publication (AAAA-MM-JJ, AAAA-MM, ou AAAA-MM-JJTHH:MM), ou null.")
    language: Literal["fr", "en"] = Field(description="Langue de l'article.")
    url: Annotated[str, AfterValidator(_public_url), WithJsonSchema({"type": "string", "pattern": r"^https?://[^\s\"'<>`\\{}|^?#@]+$"})] | None = Field(
        description="Adresse de l'article, ou null."
    )
    text: list[Annotated[str, AfterValidator(_line_range)]] = Field(
        min_length=1, description="Lignes qui sont le texte de l'article (ex. [\"1\", \"9-31\"])."
    )
    note: Prose | None = Field(default=None, description="Remarque de la rédaction sur l'article, pour les lecteurs (sans nom de fichier ni numéro de ligne).")
    identified_by: Prose | None = Field(
        default=None,
        description=(
            "Comment le média et l'adresse ont été établis (le fichier les donne, ou son texte a été retrouvé "
            "mot pour mot sur la page publiée), ou pourquoi ils n'ont pas pu l'être. Affiché sur la page Sources."
        ),
    )

    @property
    def line_ranges(self) -> list[tuple[int, int]]:
        out = []
        for r in self.text:
            a, _, b = r.partition("-")
            out.append((int(a), int(b or a)))
        return out


class ArticleList(Model):
    articles: list[Article] = Field(min_length=1)


# --- fact sheet ------------------------------------------------------------------------


class Source(Model):
    """A citation: the article's id and a verbatim quote of its text."""

    article: Slug = Field(description="Identifiant de l'article (voir seeds/articles.yml).")
    quote: Prose = Field(description="Citation mot pour mot du texte de l'article.")
    note: Prose | None = Field(
        default=None,
        description=(
            "Pour la rédaction (non publié) : pourquoi une précision que porte la phrase citée (un montant, un "
            "nombre, une condition, une restriction comme « minoritaire » ou « américains ») n'est pas reprise "
            "dans le texte qu'elle appuie. La feuille de relecture signale chaque précision laissée de côté sans note."
        ),
    )


Sources = Annotated[list[Source], Field(min_length=1)]


class Period(Model):
    start: DateText
    end: DateText


class Change(Model):
    """A dated change to the fact sheet, listed on the changelog page and in the feed."""

    date: DateText
    summary: Prose
    detail: Prose | None = Field(
        default=None,
        description="La note en entier, pour le flux Atom, quand « summary » (imprimé sur la page du journal) l'abrège ; "
        "par défaut, le flux donne « summary ».",
    )
    ids: list[ChangedId] = Field(default_factory=list, description="Éléments concernés (faits, acteurs…).")
    id: Slug | None = Field(
        default=None,
        description="Identifiant permanent de la modification, nécessaire seulement quand deux modifications ont la même date "
        "(il nomme l'entrée du flux Atom et son ancre sur la page du journal).",
    )

    @property
    def key(self) -> str:
        """What names the change for good (feed entry id, anchor): its id, or else its date."""
        return self.id or str(self.date)


class Newsroom(Model):
    """Who publishes the explainer: printed under every page's title (byline, desk, how to report an error)."""

    name: Prose = Field(description="L'éditeur du site (la rédaction), tel qu'il signe.")
    desk: Prose | None = Field(default=None, description="Le service ou la cellule qui tient le site, ou null.")
    authors: list[Prose] = Field(default_factory=list, description="Signature : les auteurs, dans l'ordre où ils signent.")
    url: Annotated[str, AfterValidator(_public_url), WithJsonSchema({"type": "string", "pattern": r"^https?://[^\s\"'<>`\\{}|^?#@]+$"})] | None = Field(
        default=None, description="Adresse du site de la rédaction, ou null."
    )
    corrections: Annotated[str, AfterValidator(_corrections_address), WithJsonSchema(
        {"type": "string", "pattern": r"^(https?://[^\s\"'<>`\\{}|^?#@]+|mailto:[^\s\"'<>`\\{}|^?#@()\[\]]+@[^\s\"'<>`\\{}|^?#@()\[\]]+)$"}
    )] = Field(description="Où signaler une erreur : une adresse https://… ou mailto:…")


#: An Atom feed's permanent id: a tag: URI (RFC 4151).
TAG_URI_PATTERN = r"^tag:[A-Za-z0-9.@-]+,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9._~/%-]*$"


def _tag_uri(value: str) -> str:
    if not re.fullmatch(TAG_URI_PATTERN, value):
        raise ValueError(f"« {value} » : il faut une URI tag: (RFC 4151), par exemple « tag:redaction.example.fr,2026-11-25:mon-dossier »")
    return value


class Story(Model):
    """The story: its identity (title, description, address, feed id, newsroom), what it
    covers, its essentials and its journal notes. The one place the site's name and
    description come from (the build writes them into the generated MkDocs configuration)."""

    title: Prose = Field(description="Le titre de l'histoire : le nom du site, en tête de chaque page et dans les partages.")
    description: Prose | None = Field(
        default=None,
        description="La description du site en une ou deux phrases : celle des pages qui n'en ont pas, de la page 404 "
        "et des moteurs de recherche ; par défaut le résumé (summary).",
    )
    site_url: Annotated[str, AfterValidator(_public_url), WithJsonSchema({"type": "string", "pattern": r"^https?://[^\s\"'<>`\\{}|^?#@]+$"})] | None = Field(
        default=None,
        description="L'adresse où le site est publié (https://…/) ; la variable d'environnement SITE_URL la remplace "
        "(le workflow de publication la donne).",
    )
    feed_id: Annotated[str, AfterValidator(_tag_uri), WithJsonSchema({"type": "string", "pattern": TAG_URI_PATTERN})] | None = Field(
        default=None,
        description="L'identifiant permanent du flux Atom, une URI tag: (tag:redaction.example.fr,2026-11-25:mon-dossier) : "
        "ne le changez jamais.",
    )
    summary: Prose = Field(description="Le sujet en un paragraphe.")
    period: Period = Field(description="Période couverte par les articles.")
    as_of: DateText = Field(description="Date à laquelle s'arrête le récit.")
    essentials: list[FactId] = Field(
        min_length=1, description="Les faits essentiels (ids), à lire d'abord ; combien : vocabulary.essentials."
    )
    scope: Prose = Field(description="Ce que le site ne couvre pas.")
    published: DateText = Field(description="Première publication du site.")
    changes: list[Change] = Field(default_factory=list, description="Journal des modifications.")
    newsroom: Newsroom | None = Field(
        default=None, description="Qui publie le site : rédaction, service, signature, où signaler une erreur."
    )
    locale: LocaleCode = Field(
        default=language.DEFAULT,
        description="La langue et la région du site (fr_FR, fr_BE, fr_CA…) : l'écriture des dates et le nom des pays.",
    )


# --- the story's vocabulary ------------------------------------------------------------
# The words a story uses for what its actors do (relation verbs, deal roles), the questions
# its actor map asks, how the map groups its actors, and its house-style counts are the
# story's, declared under `vocabulary:` in facts.yml (STARTER.md gives a vocabulary to copy).
# The engine keeps the rules: a settled verb (indicative) needs a confirmé fact, a hedged
# one fits any status (explainer/rules.py).


class Verb(Model):
    """A verb of the story: a relation between two actors, or a party's role in a deal."""

    id: Slug = Field(description="Identifiant du verbe, écrit dans type: (relations) ou role: (accords).")
    label: Prose = Field(description="Les mots imprimés sur le site et les schémas (« finance », « financerait »).")
    settled: bool = Field(
        description="true : le verbe affirme (indicatif) et demande un fait confirmé ; false : il rapporte "
        "(conditionnel, « pourrait… ») et convient à tout statut."
    )
    hedged: Slug | None = Field(
        default=None,
        description="Pour un verbe qui affirme : le verbe au conditionnel que la vérification propose quand le fait "
        "n'est pas confirmé (son id).",
    )


class RelationVerb(Verb):
    question: Slug | None = Field(
        default=None,
        description="La question de la carte des acteurs où la relation est dessinée (id sous vocabulary.map_questions) ; "
        "par défaut la première.",
    )


class MapQuestion(Model):
    """One picture of the actor map: the relations that answer one question."""

    id: Slug
    title: Prose = Field(description="Le titre du schéma (« Qui finance qui »).")


class Count(Model):
    """How many elements house style asks for."""

    min: Annotated[int, Field(ge=0)] = 0
    max: Annotated[int, Field(ge=1)] | None = None


class Paragraphs(Model):
    """How many paragraphs house style allows the editor's passages (`narrative:`)."""

    brief: Count = Field(default_factory=Count, description="« En bref » (en-bref) : combien de puces.")
    home: Count = Field(default_factory=Count, description="« Ce qu'il faut savoir » (accueil) : combien de paragraphes.")
    theme: Count = Field(default_factory=Count, description="L'ouverture d'une page de thème : combien de paragraphes.")


class Vocabulary(Model):
    """The story's own words and house style (`vocabulary:` in facts.yml)."""

    relations: list[RelationVerb] = Field(default_factory=list, description="Les verbes des relations entre acteurs.")
    map_questions: list[MapQuestion] = Field(
        default_factory=list, description="Les schémas de la carte des acteurs, un par question, dans l'ordre de la page."
    )
    deal_roles: list[Verb] = Field(default_factory=list, description="Les rôles des parties dans un accord.")
    retired_relations: dict[Slug, Prose] = Field(
        default_factory=dict, description="Types de relation qui n'existent plus : id -> ce qu'il faut écrire à la place."
    )
    retired_deal_roles: dict[Slug, Prose] = Field(
        default_factory=dict, description="Rôles qui n'existent plus : id -> ce qu'il faut écrire à la place."
    )
    actor_groups: Literal["country", "kind", "none"] = Field(
        default="none",
        description="Comment la carte des acteurs les regroupe : par pays (country), par sorte (kind) ou pas du tout (none).",
    )
    essentials: Count = Field(default_factory=Count, description="Combien de faits essentiels (story.essentials) : min et max.")
    paragraphs: Paragraphs = Field(
        default_factory=Paragraphs, description="Combien de paragraphes pour les passages de la rédaction (narrative:)."
    )

    def relation(self, ident: str) -> RelationVerb | None:
        return next((v for v in self.relations if v.id == ident), None)

    def deal_role(self, ident: str) -> Verb | None:
        return next((v for v in self.deal_roles if v.id == ident), None)

    @property
    def relation_labels(self) -> dict[str, str]:
        """Relation id -> the words printed."""
        return {v.id: v.label for v in self.relations}

    @property
    def deal_role_labels(self) -> dict[str, str]:
        """Deal role id -> the words printed."""
        return {v.id: v.label for v in self.deal_roles}

    def question_of(self, kind: str) -> str:
        """The picture of the actor map a relation type is drawn in: its question, else the first."""
        verb = self.relation(kind)
        first = self.map_questions[0].id if self.map_questions else ""
        return verb.question if verb is not None and verb.question else first


class Theme(Model):
    """A theme: a page of the site, with the facts whose first theme it is."""

    id: Slug
    title: Prose
    description: Prose
    shows: Literal[tuple(THEME_SHOWS)] | None = Field(  # type: ignore[valid-type]
        default=None,
        description="Ce que la page du thème montre en plus de ses faits : actors (la carte et les fiches des acteurs), "
        "deadlines (les échéances, la frise et la chronologie) ou deals (les schémas des accords). "
        "Chacun est montré par un seul thème.",
    )
    aliases: list[Slug] = Field(default_factory=list)


class Relation(Model):
    type: Slug = Field(description="Type de relation : l'id d'un verbe déclaré sous vocabulary.relations.")
    target: ActorId = Field(description="Acteur visé (id).")
    fact: FactId = Field(description="Fait qui établit la relation (id).")


class Actor(Model):
    id: Slug
    name: Prose
    kind: Literal[tuple(ACTOR_KINDS)]  # type: ignore[valid-type]
    country: CountryCode | None = Field(description="Code pays ISO à deux lettres (US, CN…), ou null.")
    role: Prose = Field(description="Son rôle dans l'histoire.")
    wants: Prose | None = Field(description="Ce qu'il veut, selon les articles, ou null si rien n'est dit.")
    relations: list[Relation] = Field(default_factory=list)
    aliases: list[Slug] = Field(default_factory=list)


class Event(Model):
    id: Slug
    date: EdtfText | None = Field(
        description=(
            "Date de l'événement (EDTF), ou null quand aucun article ne la donne : l'événement est alors "
            "listé « sans date dans les articles », jamais placé sur la frise à une date inventée."
        ),
    )
    date_text: Prose | None = Field(
        default=None,
        description="La date telle que l'article la donne (« fin août 2020 », « le week-end des 12 et 13 septembre 2020 ») ; obligatoire pour une période ou une saison.",
    )
    date_note: Prose | None = Field(
        default=None,
        description="Comment la date a été établie quand l'article la donne de façon relative (« dimanche »).",
    )
    date_basis: Slug | None = Field(
        default=None,
        description="L'article (id) dont la date de publication ou le récit permet d'établir la date, quand aucune citation ne la donne.",
    )
    kind: Literal[tuple(EVENT_KINDS)]  # type: ignore[valid-type]
    title: Prose
    actors: list[ActorId] = Field(default_factory=list)
    facts: list[FactId] = Field(min_length=1, description="Faits qui rapportent l'événement.")
    aliases: list[Slug] = Field(default_factory=list)


class DeadlineStep(Model):
    date: EdtfText
    date_text: Prose | None = Field(default=None, description="La date telle que l'article la donne, pour une période.")
    fact: FactId = Field(description="Fait qui rapporte cette date.")
    note: Prose | None = Field(default=None, description="Ce qu'il faut savoir de cette date (et comment elle a été établie, si aucune citation ne la donne).")
    date_basis: Slug | None = Field(default=None, description="L'article (id) sur lequel repose la date, quand aucune citation ne la donne.")


class Deadline(Model):
    """A deadline; when it moved, `history` lists the earlier dates, oldest first."""

    id: Slug
    title: Prose
    date: EdtfText = Field(description="Date en vigueur.")
    applies_to: Prose = Field(description="Ce qui doit être fait avant cette date.")
    actors: list[ActorId] = Field(default_factory=list)
    facts: list[FactId] = Field(min_length=1)
    history: list[DeadlineStep] = Field(default_factory=list, description="Dates antérieures, de la plus ancienne à la plus récente.")
    date_text: Prose | None = Field(
        default=None,
        description="La date telle que l'article la donne (« fin août 2020 », « le week-end des 12 et 13 septembre 2020 ») ; obligatoire pour une période ou une saison.",
    )
    date_note: Prose | None = None
    date_basis: Slug | None = Field(
        default=None,
        description="L'article (id) dont la date de publication ou le récit permet d'établir la date, quand aucune citation ne la donne.",
    )
    aliases: list[Slug] = Field(default_factory=list)


class Fact(Model):
    id: Slug
    text: Prose = Field(description="Une phrase en français, neutre.")
    themes: list[ThemeId] = Field(min_length=1, description="Thèmes ; le premier est la page où le fait est publié.")
    actors: list[ActorId] = Field(default_factory=list)
    status: Literal[tuple(STATUSES)]  # type: ignore[valid-type]
    sources: Sources
    updated: DateText | None = Field(default=None, description="Date de la dernière mise à jour du fait.")
    aliases: list[Slug] = Field(default_factory=list)


class Side(Model):
    claim: Prose = Field(description="Ce que dit ce côté, en une phrase.")
    sources: Sources
    facts: list[FactId] = Field(
        default_factory=list,
        description="Faits (ids) qui disent ce que dit ce côté : aucun ne peut être « confirmé ».",
    )


class Disagreement(Model):
    id: Slug
    title: Prose = Field(description="La question sur laquelle les articles divergent.")
    themes: list[ThemeId] = Field(default_factory=list)
    sides: list[Side] = Field(min_length=2)
    facts: list[FactId] = Field(
        default_factory=list,
        description="Faits (ids) qui portent sur la question sans prendre parti (ex. « les articles ne s'accordent pas sur… »).",
    )
    note: Prose | None = Field(default=None, description="Ce que la rédaction en conclut, sans trancher au-delà des articles.")
    nuance: bool = Field(
        default=False,
        description=(
            "true quand les articles disent la même chose avec des mots ou des précisions différents : "
            "le point est montré à part, comme une nuance et non une divergence (la page Méthode explique pourquoi)."
        ),
    )
    aliases: list[Slug] = Field(default_factory=list)


class Question(Model):
    id: Slug
    question: Prose
    context: Prose
    facts: list[FactId] = Field(min_length=1)
    aliases: list[Slug] = Field(default_factory=list)


class Term(Model):
    id: Slug
    term: Annotated[str, StringConstraints(pattern=r"^[^\[\]\\\r\n*]+$", max_length=80)] = Field(
        description="Le terme tel qu'il apparaît dans le texte (sensible à la casse), sans crochet, barre oblique inverse ni astérisque."
    )
    definition: Prose
    sources: list[Source] = Field(
        default_factory=list, description="Citations des articles dont vient la définition (sinon, general: true)."
    )
    general: bool = Field(
        default=False,
        description="true si la définition est une définition générale du site, qui ne vient pas des articles (signalée comme telle).",
    )
    aliases: list[Slug] = Field(default_factory=list)


class DealParty(Model):
    """One party to a deal: who, in which role, what it would own or control, and the fact saying so."""

    actor: ActorId = Field(description="Acteur (id).")
    role: Slug = Field(description="Rôle dans l'accord : l'id d'un rôle déclaré sous vocabulary.deal_roles.")
    stake: Prose = Field(description="Ce qu'il posséderait ou contrôlerait, selon les articles, en une phrase courte.")
    fact: FactId = Field(description="Fait qui le rapporte (id).")


class Deal(Model):
    """A deal structure as the articles describe it (drawn on the page of the theme with `shows: deals`)."""

    id: Slug
    title: Prose = Field(description="Nom court de l'accord (ex. « L'offre de rachat »).")
    subject: Prose = Field(description="Ce qui serait vendu ou partagé (ex. « les activités du groupe en France »).")
    outcome: Prose | None = Field(default=None, description="Ce qu'il en est advenu, selon les articles, ou null.")
    facts: list[FactId] = Field(min_length=1, description="Faits qui décrivent l'accord (ids).")
    parties: list[DealParty] = Field(min_length=1)
    aliases: list[Slug] = Field(default_factory=list)


class FactSheet(Model):
    """The whole fact sheet (`facts.yml`)."""

    story: Story
    vocabulary: Vocabulary = Field(
        default_factory=Vocabulary,
        description="Les mots de l'histoire (verbes des relations, rôles des accords, questions de la carte) et ses règles "
        "de maison (nombre de faits essentiels) ; voir STARTER.md.",
    )
    themes: list[Theme] = Field(min_length=1)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    facts: list[Fact] = Field(min_length=1)
    disagreements: list[Disagreement] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    glossary: list[Term] = Field(default_factory=list)
    deals: list[Deal] = Field(
        default_factory=list, description="Structures des accords, dessinées sur la page du thème qui les montre (shows: deals)."
    )
    narrative: dict[Slug, list[Prose]] = Field(
        default_factory=dict,
        description=(
            "Les passages écrits par la rédaction, sous « accueil » (« Ce qu'il faut savoir », 4 à 6 courts paragraphes "
            "en tête de la page d'accueil) ou sous l'id d'un thème (1 à 3 paragraphes qui ouvrent sa page). Chaque phrase "
            "renvoie aux faits sur lesquels elle repose : leurs ids entre crochets, après les mots qu'ils appuient, "
            "ex. « La mairie a annoncé la fermeture [fermeture-annoncee]. » ; plusieurs : [id-1, id-2] ; "
            "une divergence peut aussi être citée. Une phrase qui s'appuie sur un fait rapporté ou contesté se dit "
            "au conditionnel ou avec « selon … »."
        ),
    )
    synonyms: list[Annotated[list[Annotated[str, StringConstraints(min_length=2, max_length=80)]], Field(min_length=2)]] = Field(
        default_factory=list,
        description="Groupes de mots que la vérification des citations tient pour équivalents (ex. [mairie, municipalité]).",
    )

    # --- what the sheet holds, walked the same way by every stage ------------------------

    def elements(self) -> Iterator[tuple[str, int, Element]]:
        """Every element, as (section, index, element), in the order of `ELEMENTS`."""
        for section in ELEMENTS:
            for i, item in enumerate(getattr(self, section)):
                yield section, i, item

    def citations(self) -> Iterator[tuple[tuple, Source, str]]:
        """Every citation, wherever it is: (path in the sheet, source, id of the element citing it)."""
        for section, i, item in self.elements():
            for path, value in _walk(item, (section, i)):
                if isinstance(value, Source):
                    yield path, value, item.id

    def disputed_by(self) -> dict[str, list[str]]:
        """Fact id -> the disagreements that are about it or hold it on a side, in the sheet's
        order; nuances are not disagreements and are left out. A text resting on such a fact
        must carry them (the narrative check, the questions' signs)."""
        out: dict[str, list[str]] = {}
        for d in self.disagreements:
            if d.nuance:
                continue
            for fid in [*d.facts, *(f for side in d.sides for f in side.facts)]:
                if d.id not in out.setdefault(fid, []):
                    out[fid].append(d.id)
        return out

    def references(self) -> Iterator[tuple[tuple, str, Ref]]:
        """Every id the sheet names in a field marked with `Ref`: (path, id, what it must name)."""
        for path, value in _walk(self, ()):
            if isinstance(value, _Reference):
                yield path, value.ident, value.ref


Element = Theme | Actor | Event | Deadline | Fact | Disagreement | Question | Term | Deal

#: The kinds of element of the fact sheet, in the order of its sections: each has an `id`
#: (and `aliases`), a permanent address, and a field that names it on the site. Every
#: stage that goes through the elements asks `FactSheet.elements()`.
ELEMENTS: dict[str, tuple[str, str]] = {  # section -> (what one is called, the field naming it)
    "themes": ("thème", "title"),
    "actors": ("acteur", "name"),
    "events": ("événement", "title"),
    "deadlines": ("échéance", "title"),
    "facts": ("fait", "text"),
    "disagreements": ("divergence", "title"),
    "questions": ("question", "question"),
    "glossary": ("terme", "term"),
    "deals": ("accord", "title"),
}


@dataclass(frozen=True)
class _Reference:
    ident: str
    ref: Ref


def _ref_of(annotation: Any) -> Ref | None:
    """The `Ref` an annotation carries, itself or in a list or an optional."""
    if typing.get_origin(annotation) is Annotated:
        found = [m for m in annotation.__metadata__ if isinstance(m, Ref)]
        return found[0] if found else _ref_of(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        return next((r for r in map(_ref_of, typing.get_args(annotation)) if r), None)
    return None


#: Per model: each field's name and the `Ref` its annotation carries (None for most).
_FIELD_REFS: dict[type, list[tuple[str, Ref | None]]] = {}


def _walk(value: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    """Every value inside `value` with its path; an id in a `Ref` field comes as a `_Reference`."""
    yield path, value
    if isinstance(value, BaseModel):
        cls = type(value)
        fields = _FIELD_REFS.get(cls)
        if fields is None:
            hints = typing.get_type_hints(cls, include_extras=True)
            fields = _FIELD_REFS[cls] = [(name, _ref_of(hints[name])) for name in cls.model_fields]
        for name, ref in fields:
            child = getattr(value, name)
            if ref is None:
                yield from _walk(child, path + (name,))
            elif isinstance(child, list):
                yield from ((path + (name, j), _Reference(ident, ref)) for j, ident in enumerate(child))
            elif child is not None:
                yield path + (name,), _Reference(child, ref)
    elif isinstance(value, list):
        for j, item in enumerate(value):
            yield from _walk(item, path + (j,))


def schemas() -> dict[str, str]:
    """The JSON Schemas editors' YAML tools use for completion and checking, by file name,
    with French titles and descriptions (`schema_fr.py`)."""
    out = {}
    for name, cls in (("facts", FactSheet), ("articles", ArticleList)):
        schema = {
            "$comment": "Généré par build_site.py depuis explainer/model.py : ne pas modifier à la main.",
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **french(cls.model_json_schema()),
        }
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out
