"""The actor map for a phone: a picture of its own, not the desktop map shrunk.

One column the width of a phone: the actors by country (the desktop map's order), each in
its box, and under it every relation it has with another actor, as an arrow that leaves
the box and points at the other actor's name ("→ financerait la Métropole").
Each relation is drawn once, under the actor it starts from; the other actor's name links
to its card. A relation resting on a fact that is not confirmé is drawn dashed, and its
status is in its accessible name. Nothing needs a sideways scroll at 390 px, and the
text stays at the page's reading size.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model
from ..site import Page, Site
from ..status import STATUSES
from ..text import elided, in_letters, typography
from .actor_map import column_order
from .layout import Box, Label, LegendItem, Line, Path, legend, make_label, round1, text_width, wrap


@dataclass
class ListNode:
    id: str
    href: str
    kind: str
    name: Label
    kind_label: Label
    box: Box
    tooltip: str


@dataclass
class ListEdge:
    source: str
    target: str
    type: str
    status: str
    href: str  # the other actor's card
    path: Path  # the arrow, from the source's box to the row
    verb: Label
    name: Label  # the other actor, in bold, after the verb (or on the next line)
    target_kind: str
    tooltip: str
    disputed: tuple[str, ...] = ()  # the disagreements its fact is in (their titles), said in its tooltip


@dataclass
class ListGroup:
    key: str
    title: Label
    box: Box


@dataclass
class ActorList:
    name: str
    width: float
    height: float
    title: str
    desc: str
    groups: list[ListGroup]
    nodes: list[ListNode]
    edges: list[ListEdge]
    legend: list[LegendItem]

    def boxes(self) -> list[Box]:
        return (
            [g.title.box for g in self.groups]
            + [n.box for n in self.nodes]
            + [e.verb.box for e in self.edges]
            + [e.name.box for e in self.edges]
            + [i.label.box for i in self.legend]
        )


def actor_list(site: Site, page: Page, width: float = 340.0) -> ActorList:
    size, small = 13.0, 12.0  # at least 12 px on a 390 px phone
    pad, indent, arrow_x = 10.0, 14.0, 30.0
    legend_kinds = [(k, label, "node") for k, label in model.ACTOR_KINDS.items() if any(a.kind == k for a in site.sheet.actors)]
    legend_items, y = legend(legend_kinds, width, 0, small)
    y += 6
    groups: list[ListGroup] = []
    nodes: list[ListNode] = []
    edges: list[ListEdge] = []
    for code, members in column_order(site):
        title_text = site.group_title(code)
        title = make_label([Line(title_text, "group", bold=True)], pad, y + 6, size)
        top = y
        y = title.box.bottom + 8 if title_text else y + 8
        for a in members:
            inner = width - 2 * pad - 2 * indent
            name = make_label([Line(t, "name", bold=True) for t in wrap(typography(a.name), size, inner, bold=True)],
                              pad + indent, y + 6, size)
            kind_label = make_label([Line(model.ACTOR_KINDS[a.kind], "kind")], pad + indent, name.box.bottom + 1, small)
            box = Box(pad + 4, round1(y), round1(width - 2 * pad - 8), round1(kind_label.box.bottom + 6 - y))
            nodes.append(ListNode(a.id, site.href(a.id, page), a.kind, name, kind_label, box, typography(a.role)))
            y = box.bottom + 6
            last_mid: float | None = None
            for rel in a.relations:
                if rel.target not in site.actors:
                    continue
                other = site.actors[rel.target]
                verb_text = typography(site.verb(rel.type))
                joined = elided(verb_text, typography(other.name))
                head = joined[: len(joined) - len(typography(other.name))]  # « partenaire d’ »
                x0 = arrow_x + 14
                room = width - x0 - pad
                row_top = y + 2
                head_lines = wrap(head.rstrip(), small + 0.5, room)
                narrower = room
                while len(head_lines) > 1 and len(head_lines[-1].split()) < 2 and narrower > room / 2:  # no word alone on the last line
                    narrower -= 10
                    balanced = wrap(head.rstrip(), small + 0.5, narrower)
                    if len(balanced) == len(head_lines):
                        head_lines = balanced
                tail = text_width(head_lines[-1] + " ", small + 0.5) if not head.endswith("’") else text_width(head_lines[-1], small + 0.5)
                name_w = text_width(typography(other.name), small + 0.5, bold=True)
                verb = make_label([Line(t, "relation") for t in head_lines], x0, row_top, small + 0.5)
                if len(head_lines) == 1 and verb.box.x + tail + name_w <= width - pad:  # after a wrapped verb, the name takes a line of its own: the verb's box covers its lines
                    target = make_label([Line(typography(other.name), "target", bold=True)],
                                        round1(x0 + tail), round1(row_top + verb.box.h - verb.line_height), small + 0.5)
                else:
                    target = make_label([Line(t, "target", bold=True) for t in wrap(typography(other.name), small + 0.5, room, bold=True)],
                                        x0, verb.box.bottom, small + 0.5)
                mid = round1(verb.box.y + verb.line_height / 2)  # the arrow points at the first line: a wrapped label reads on from it
                start_y = last_mid if last_mid is not None else box.bottom
                last_mid = mid
                path = Path((("M", ((arrow_x, start_y),)), ("L", ((arrow_x, mid), (round1(x0 - 5), mid)))))
                status = site.status(rel.fact)
                edges.append(ListEdge(
                    a.id, rel.target, rel.type, status, site.href(rel.target, page), path, verb, target, other.kind,
                    f"{typography(a.name)} {joined} ({STATUSES[status].word})", site.disputed_titles(rel.fact),
                ))
                y = max(verb.box.bottom, target.box.bottom) + 4
            y += 8
        if title_text:  # a story that does not group its actors draws no frame
            groups.append(ListGroup(code or "none", title, Box(2, round1(top), round1(width - 4), round1(y - top))))
        y += 10
    return ActorList(
        name="actor-list",
        width=width,
        height=round1(y),
        title="Carte des acteurs (liste pour petit écran)",
        desc=(
            f"{in_letters(len(nodes)).capitalize()} acteurs{' regroupés ' + site.grouped_by if site.grouped_by else ''} ; sous chacun, ses relations avec les autres acteurs "
            f"({in_letters(len(edges), True)} en tout), en pointillés quand le fait qui les rapporte n'est pas confirmé."
        ),
        groups=groups,
        nodes=nodes,
        edges=edges,
        legend=legend_items,
    )
