"""Deal structures: what each party to a deal would own or control, as the articles say."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model
from ..language import N_, gettext
from ..site import Page, Site
from ..status import CONFIRMED, CONTESTED, REPORTED
from ..text import typography
from .layout import Box, Label, Line, make_label, round1, text_width, wrap


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
class KeyItem:
    """What a frame's border says: solid, the party's fact is confirmé; dashed, it is not."""

    status: str  # CONFIRMED, or the least certain status the dashed frames stand for
    box: Box  # the sample frame
    label: Label


#: The key's words: a party's frame is solid when its fact is confirmé, dashed otherwise.
KEY_WORDS = {
    (CONFIRMED,): N_("confirmed fact"),
    (REPORTED,): N_("reported fact"),
    (CONTESTED,): N_("contested fact"),
    (REPORTED, CONTESTED): N_("reported or contested fact"),
}


def _key(statuses: set[str], width: float, top: float, size: float) -> list[KeyItem]:
    """One entry per border drawn (solid, dashed), on one row if they fit, else one per row."""
    entries = []
    if CONFIRMED in statuses:
        entries.append((CONFIRMED, gettext(KEY_WORDS[(CONFIRMED,)])))
    dashed = tuple(s for s in (REPORTED, CONTESTED) if s in statuses)
    if dashed:
        entries.append((dashed[-1], gettext(KEY_WORDS[dashed])))
    sample_w, sample_h, gap = 22.0, 12.0, 18.0
    items, x, y = [], 4.0, top
    for status, words in entries:
        w = sample_w + 6 + text_width(words, size)
        if x > 4 and x + w > width - 2:
            x, y = 4.0, y + size * 1.3 + 6
        label = make_label([Line(words, "key")], x + sample_w + 6, y, size)
        box = Box(round1(x + 1), round1(label.box.y + (label.box.h - sample_h) / 2), sample_w - 2, sample_h)
        items.append(KeyItem(status, box, label))
        x += w + gap
    return items


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
    key: list[KeyItem]

    def boxes(self) -> list[Box]:
        out = [self.title.box, self.subject_box] + [p.box for p in self.parties]
        out += [k.label.box for k in self.key] + [k.box for k in self.key]
        return out + ([self.outcome.box] if self.outcome else [])


def _caps_wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of a role's words as printed: in capitals, spaced (CSS `.dg-t-role`), no wider than `width`."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}".upper(), size, True) * 1.04 <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


#: Room kept at the right of a deal's title for its « citer » control (SVG units, about 16 px plus a gap).
CITER_ROOM = 24.0


def deal_diagram(site: Site, deal: model.Deal, page: Page, width: float = 330) -> DealDiagram:
    """One deal: its subject at the top, each party below it, joined by a trunk on the left."""
    size, small = 13.0, 12.0  # at least 12 px on a 390 px phone
    pad = 8.0
    # the title leaves room at its right for the deal's « citer » control (theme.md.j2 puts it there)
    title = make_label(
        [Line(t, "deal-title", bold=True) for t in wrap(typography(deal.title), 15, width - 8 - CITER_ROOM, True)], 4, 2, 15
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
            [Line(t, "role", bold=True) for t in _caps_wrap(site.role_label(party.role), small, inner)],
            box_x + pad, name.box.bottom + 2, small,
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
    key = _key({p.status for p in parties}, width, y + 6, small)
    y = max([y] + [k.label.box.bottom + 2 for k in key])
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
        key=key,
    )
