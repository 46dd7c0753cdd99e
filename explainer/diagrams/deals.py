"""Deal structures: what each party to a deal would own or control, as the articles say."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model
from ..language import gettext
from ..site import Page, Site
from ..status import CONFIRMED
from ..text import typography
from .layout import Box, Label, Line, make_label, round1, wrap


@dataclass
class PartyBox:
    actor: str
    href: str
    role: str
    box: Box
    name: Label
    role_label: Label
    stake: Label
    connector: str  # path from the trunk to the box
    fact_href: str
    status: str = CONFIRMED  # of the fact that reports the role
    #: the titles of the disagreements that fact is about or a side of: the row carries them,
    #: as a sentence of the narrative resting on the fact does (reading I, F1 and F2)
    disputed: tuple[str, ...] = ()


@dataclass
class DealDiagram:
    id: str
    href: str  # the deal's text on its page
    name: str
    width: float
    height: float
    title: Label
    desc: str
    subject: Label
    subject_box: Box
    trunk: tuple[float, float, float, float]
    parties: list[PartyBox]
    outcome: Label | None

    def boxes(self) -> list[Box]:
        out = [self.title.box, self.subject_box] + [p.box for p in self.parties]
        return out + ([self.outcome.box] if self.outcome else [])


def deal_diagram(site: Site, deal: model.Deal, page: Page, width: float = 340) -> DealDiagram:
    """One deal: its subject at the top, each party below it, joined by a trunk on the left."""
    size, small = 13.0, 12.0  # at least 12 px on a 390 px phone
    pad = 8.0
    title = make_label(
        [Line(t, "deal-title", bold=True) for t in wrap(typography(deal.title), 15, width - 8, True)], 4, 2, 15
    )
    subj_lines = [Line(t, "subject") for t in wrap(gettext("Subject: {subject}").format(subject=typography(deal.subject)), size, width - 2 * pad - 4)]
    subject = make_label(subj_lines, 2 + pad, title.box.bottom + 8 + pad, size)
    subject_box = Box(2, round1(title.box.bottom + 8), width - 4, round1(subject.box.h + 2 * pad))
    trunk_x = 16.0
    y = subject_box.bottom + 16
    parties = []
    last_mid = subject_box.bottom  # where the trunk ends: the last party's connector
    box_x = trunk_x + 18
    inner = width - box_x - 2 - 2 * pad
    for party in deal.parties:
        actor = site.actors[party.actor]
        name = make_label(
            [Line(t, "party", bold=True) for t in wrap(typography(actor.name), size, inner, True)],
            box_x + pad,
            y + pad,
            size,
        )
        role = make_label(
            [Line(site.role_label(party.role), "role", bold=True)], box_x + pad, name.box.bottom + 2, small
        )
        stake = make_label(
            [Line(t, "stake") for t in wrap(typography(party.stake), small, inner)],
            box_x + pad,
            role.box.bottom + 2,
            small,
        )
        box = Box(box_x, round1(y), round1(width - box_x - 2), round1(stake.box.bottom + pad - y))
        mid = round1(y + min(box.h / 2, 20))
        connector = f"M{trunk_x} {mid} L{box_x - 5} {mid}"
        last_mid = mid
        parties.append(
            PartyBox(
                party.actor,
                site.href(party.actor, page),
                party.role,
                box,
                name,
                role,
                stake,
                connector,
                site.href(party.fact, page),
                site.facts[party.fact].status,
                site.disputed_titles(party.fact),
            )
        )
        y = box.bottom + 12
    outcome = None
    if deal.outcome:
        outcome = make_label(
            [Line(t, "outcome") for t in wrap(gettext("Outcome: {outcome}").format(outcome=typography(deal.outcome)), small, width - 8)], 4, y + 4, small
        )
        y = outcome.box.bottom + 4
    desc = f"{typography(deal.title)} : objet, {typography(deal.subject)}. " + " ".join(
        f"{site.actors[p.actor].name} ({site.role_label(p.role)}) : {typography(p.stake)}" for p in deal.parties
    )
    return DealDiagram(
        id=deal.id,
        href=site.href(deal.id, page),
        name=f"deal-{deal.id}",
        width=width,
        height=round1(y + 2),
        title=title,
        desc=desc,
        subject=subject,
        subject_box=subject_box,
        trunk=(trunk_x, subject_box.bottom, trunk_x, last_mid),
        parties=parties,
        outcome=outcome,
    )
