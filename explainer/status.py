"""A fact's status: the one owner of what a status is and how it shows.

Each status (`confirmé`, `rapporté`, `contesté`, as written in `facts.yml`) carries its label,
what it means (the Méthode page and the review sheet print it), its sign (where the word does
not fit: ✓ ≈ ≠), its rank (how certain it is), its feminine form (« échéance rapportée ») and
its style token: the CSS class suffix (`fact-status--…`, `ref--…`, `dg-status-…`) the
stylesheets key their colours and dashes on. The model validates against `STATUSES`; the
rules, the plan, the renderers and the templates ask this module, and keep no table of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .language import N_, gettext


@dataclass(frozen=True)
class Status:
    """The words are message ids of the interface catalogue (explainer/locales/), printed in
    the story's language through `label`, `meaning` and `feminine`."""

    key: str  # as written in facts.yml
    label_id: str  # « Confirmé »: at the start of a line, in a badge
    meaning_id: str  # what it means, and what the build requires of it (explainer/rules.py)
    sign: str  # where its word does not fit: the narrative, the links to a fact, the legend
    rank: int  # 0 is the most certain; an item is as certain as its least certain fact
    feminine_id: str  # « confirmée »: after a feminine noun (« échéance confirmée »)

    @property
    def label(self) -> str:
        return gettext(self.label_id)

    @property
    def meaning(self) -> str:
        return gettext(self.meaning_id)

    @property
    def feminine(self) -> str:
        return gettext(self.feminine_id)

    @property
    def word(self) -> str:
        """The status in running text: « (rapporté) »."""
        return self.label.lower()

    @property
    def token(self) -> str:
        """The CSS class suffix: the stylesheets key the status's colours on it."""
        return self.key

    def agreeing(self, feminine: bool) -> str:
        return self.feminine if feminine else self.word


CONFIRMED, REPORTED, CONTESTED = "confirmé", "rapporté", "contesté"

STATUSES: dict[str, Status] = {
    s.key: s
    for s in (
        Status(CONFIRMED, N_("Confirmed"), N_("status meaning: confirmed"), "✓", 0, N_("confirmed (of a feminine noun)")),
        Status(REPORTED, N_("Reported"), N_("status meaning: reported"), "≈", 1, N_("reported (of a feminine noun)")),
        Status(CONTESTED, N_("Contested"), N_("status meaning: contested"), "≠", 2, N_("contested (of a feminine noun)")),
    )
}

#: The status of an item none of whose facts is known (nothing confirms it).
UNKNOWN = REPORTED


def least_certain(keys: Iterable[str]) -> str:
    """The least certain of some statuses (an event is as certain as its least certain fact);
    `UNKNOWN` when there are none."""
    return max(keys, key=lambda k: STATUSES[k].rank, default=UNKNOWN)


def of_item(item: Any, facts: Mapping[str, Any]) -> str:
    """The status of an event, a deadline, a deadline's earlier date or a relation: that of its
    least certain fact (`facts`: the sheet's facts by id)."""
    ids = list(getattr(item, "facts", None) or [item.fact])
    return least_certain(facts[i].status for i in ids if i in facts)


def of_disagreement(nuance: bool) -> str:
    """What a disagreement shows: contesté; a nuance (the articles say it differently, they do
    not disagree) is only rapporté."""
    return REPORTED if nuance else CONTESTED
