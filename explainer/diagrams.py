"""Diagram layouts, computed at build time from the fact sheet: timeline, actor map, deals.

Pure Python: this module computes positions, label boxes (from a text-width estimate)
and collision-free label placement, and returns plain dataclasses. The SVG markup is in
`templates/diagrams/*.svg.j2`; the pages inline it so that it takes the theme's colours.

Every text's box is estimated with the advance widths of DejaVu Sans, wider than the
Helvetica/Arial/system fonts the theme asks for, so real text fits inside its box.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date

from . import model
from .site import Page, Site
from .text import date_wording, from_to, typography

# --- text measurement ------------------------------------------------------------------

#: Advance widths in em (DejaVu Sans); anything else counts as WIDE.
_WIDTHS = {
    **dict.fromkeys("abdeghnopqu", 0.635),
    "c": 0.55, "f": 0.352, "i": 0.278, "j": 0.278, "k": 0.579, "l": 0.278, "m": 0.974,
    "r": 0.411, "s": 0.521, "t": 0.392, "v": 0.592, "w": 0.818, "x": 0.592, "y": 0.592, "z": 0.525,
    **dict.fromkeys("ABCDEGHKNOQRUVXZ", 0.79), "F": 0.575, "I": 0.295, "J": 0.295, "L": 0.557,
    "M": 0.863, "P": 0.603, "S": 0.635, "T": 0.611, "W": 0.989, "Y": 0.611,
    **dict.fromkeys("0123456789", 0.636),
    " ": 0.318, "\u00a0": 0.318, "\u202f": 0.2, ".": 0.318, ",": 0.318, ":": 0.337, ";": 0.337,
    "'": 0.275, "’": 0.318, "-": 0.361, "–": 0.5, "—": 1.0, "(": 0.39, ")": 0.39, "«": 0.557,
    "»": 0.557, "?": 0.531, "!": 0.401, "/": 0.337, "→": 0.838, "·": 0.318, "…": 1.0,
}
WIDE = 0.8
BOLD = 1.1  # bold text is about a tenth wider


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of `text` at font size `size` (user units)."""
    total = 0.0
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        total += _WIDTHS.get(ch, _WIDTHS.get(base, WIDE))
    return total * size * (BOLD if bold else 1.0)


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of `text` to lines no wider than `width` (a longer word gets its own line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


# --- geometry --------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return not (
            self.right + gap <= other.x
            or other.right + gap <= self.x
            or self.bottom + gap <= other.y
            or other.bottom + gap <= self.y
        )

    def shifted(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)


@dataclass
class Line:
    text: str
    cls: str = ""  # CSS class of the line, printed as dg-t-<cls> (date, title, kind…)
    bold: bool = False
    strike: str = ""  # part drawn struck through (a moved deadline's old date)…
    lead: str = ""  # …after this leading part of `text`

    @property
    def rest(self) -> str:
        return self.text[len(self.lead) + len(self.strike) :]


@dataclass
class Label:
    """A block of text lines; `x`, `y` are the baseline of the first line (`anchor`: SVG text-anchor)."""

    lines: list[Line]
    x: float
    y: float
    size: float
    line_height: float
    anchor: str = "start"
    box: Box = field(default_factory=lambda: Box(0, 0, 0, 0))

    def shifted(self, dx: float, dy: float) -> Label:
        return Label(self.lines, r(self.x + dx), r(self.y + dy), self.size, self.line_height, self.anchor, self.box.shifted(dx, dy))


def r(value: float) -> float:
    """Coordinates are printed with one decimal (smaller files, no float noise)."""
    return round(value, 1)


def make_label(lines: list[Line], x: float, top: float, size: float, anchor: str = "start", leading: float = 1.3) -> Label:
    """A label whose box's top-left (or top-right for anchor end) is at (x, top)."""
    lh = size * leading
    width = max(text_width(ln.text, size, ln.bold) for ln in lines)
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    height = lh * len(lines)
    return Label(lines, r(x), r(top + size * 0.95), size, r(lh), anchor, Box(r(left), r(top), r(width), r(height)))


def first_overlap(boxes: list[Box]) -> tuple[Box, Box] | None:
    """Two boxes that overlap, or None: what the tests check for every diagram."""
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a.overlaps(b):
                return a, b
    return None


# --- timeline --------------------------------------------------------------------------

DEADLINE = "echeance"
DEADLINE_LABEL = "Échéance"
MOVED_LABEL = "Date déplacée"


@dataclass
class Mark:
    id: str
    href: str
    title: str  # full text for the tooltip (<title>)
    kind: str  # an EVENT_KINDS slug or DEADLINE
    deadline: bool
    x: float
    y: float
    label: Label | None
    stem: tuple[float, float, float, float] | None  # the line from the mark to its label
    old: list[tuple[float, float, str]] = field(default_factory=list)  # moved deadline: (x, y, date) of old dates
    arrow: str = ""  # SVG path from the old date to the current one


@dataclass
class Tick:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    box: Box = field(default_factory=lambda: Box(0, 0, 0, 0))


@dataclass
class LegendItem:
    kind: str
    text: str
    x: float
    y: float
    shape: str  # "circle", "diamond" or "moved"
    label: Label


@dataclass
class Timeline:
    name: str  # "timeline-wide", "timeline-narrow", "timeline-compact": ids and CSS classes
    orientation: str  # "horizontal" | "vertical"
    width: float
    height: float
    title: str
    desc: str
    axis: tuple[float, float, float, float]
    marks: list[Mark]
    ticks: list[Tick]
    legend: list[LegendItem]
    headers: list[Label] = field(default_factory=list)

    def boxes(self) -> list[Box]:
        out = [m.label.box for m in self.marks if m.label] + [h.box for h in self.headers]
        out += [t.box for t in self.ticks]
        out += [item.label.box for item in self.legend]
        return out


def _short_date(date: dt.date, precision: str) -> str:
    if precision == "day":
        text = format_date(date, "d MMM", locale="fr_FR")
        return text.replace("1 ", "1er ", 1) if date.day == 1 else text
    if precision == "month":
        return format_date(date, "MMM y", locale="fr_FR")
    return str(date.year)


def _date_of(value: str) -> tuple[dt.date, str]:
    fuzzy = model.FuzzyDate(value)
    return fuzzy.start, fuzzy.precision


def _legend(kinds: list[tuple[str, str, str]], width: float, top: float, size: float) -> tuple[list[LegendItem], float]:
    """Legend entries (kind, text, shape) laid out in rows; returns the items and the bottom."""
    items = []
    x, y = 0.0, top
    row_h = size * 1.6
    for kind, label_text, shape in kinds:
        w = 16 + text_width(label_text, size) + 14
        if x > 0 and x + w > width:
            x, y = 0.0, y + row_h
        label = make_label([Line(label_text, "legend")], x + 16, y, size)
        items.append(LegendItem(kind, label_text, r(x + 6), r(y + size * 0.6), shape, label))
        x += w
    return items, y + row_h


def _timeline_items(site: Site) -> list[Any]:
    return site.chronology()


def _legend_kinds(items: list[Any], site: Site) -> list[tuple[str, str, str]]:
    used = {i.kind for i in items if not site.is_deadline(i)}
    kinds = [(k, label, "circle") for k, label in model.EVENT_KINDS.items() if k in used]
    if any(site.is_deadline(i) for i in items):
        kinds.append((DEADLINE, DEADLINE_LABEL, "diamond"))
    if any(site.is_deadline(i) and i.history for i in items):
        kinds.append(("moved", MOVED_LABEL, "moved"))
    return kinds


def _description(items: list[Any], site: Site) -> str:
    events = sum(1 for i in items if not site.is_deadline(i))
    deadlines = len(items) - events
    moved = sum(1 for i in items if site.is_deadline(i) and i.history)
    if not items:
        return "Aucun événement."
    first, last = items[0], items[-1]
    text = (
        f"{events} événement{'s' if events > 1 else ''} et {deadlines} échéance{'s' if deadlines > 1 else ''}, "
        + from_to(date_wording(first), date_wording(last))
    )
    if moved:
        text += f", dont {moved} échéance{'s' if moved > 1 else ''} déplacée{'s' if moved > 1 else ''}"
    return text + ". La liste détaillée suit le schéma."


def timeline_horizontal(site: Site, page: Page, compact: bool = False, width: float = 700) -> Timeline:
    """Date axis left to right; events above it, deadlines below it, labels stacked without overlap.

    Labels start just right of their mark's stem and are placed right to left: a label
    rises above every label (and so every stem) it would cover. `compact` drops the
    events' labels (their marks keep a tooltip and a link).
    """
    items = _timeline_items(site)
    size, small = 12.0, 11.0
    label_max = 150.0
    right_room = 110.0  # the last label keeps at least this width
    dates = [_date_of(i.date)[0] for i in items]
    for i in items:
        if site.is_deadline(i):
            dates += [_date_of(s.date)[0] for s in i.history]
    lo = min(dates, default=dt.date(2000, 1, 1)) - dt.timedelta(days=1)
    hi = max(dates, default=dt.date(2000, 1, 2)) + dt.timedelta(days=1)
    x0, x1 = 8.0, width - right_room
    per_day = (x1 - x0) / max((hi - lo).days, 1)

    def xpos(day: dt.date) -> float:
        return r(x0 + (day - lo).days * per_day)

    stem_gap = 5.0  # text starts this far right of its stem
    marks: list[Mark] = []
    above: list[tuple[float, Box]] = []  # (stem x, label box) placed so far, in axis-relative y (up is negative)
    below: list[tuple[float, Box]] = []
    base_above, base_below = -14.0, 38.0  # labels keep clear of the axis, the ticks and the moved-date arrows
    for item in sorted(items, key=lambda i: (_date_of(i.date)[0], i.id), reverse=True):
        day, precision = _date_of(item.date)
        x = xpos(day)
        deadline = site.is_deadline(item)
        kind = DEADLINE if deadline else item.kind
        title = typography(item.title)
        tooltip = f"{date_wording(item)} — {'échéance : ' if deadline else ''}{title}"
        label = None
        stem = None
        if not (compact and not deadline):
            avail = min(label_max, width - x - stem_gap - 2)
            date_line = Line(_short_date(day, precision) if precision in ("day", "month", "year") else date_wording(item), "date", bold=True)
            if deadline and item.history:
                old = " → ".join(_short_date(*_date_of(s.date)) for s in item.history)
                date_line = Line(f"{old} → {date_line.text}", "date", bold=True, strike=old)
            lines = [date_line] + [Line(t, "title") for t in wrap(title, size, avail)]
            label = make_label(lines, x + stem_gap, 0, size)
            lane = below if deadline else above
            # a label placed already whose stem is under this one: go beyond it (its box is past its stem)
            covered = [b for sx, b in lane if x - 1 <= sx <= label.box.right + 3]
            if deadline:
                top = max([base_below] + [b.bottom + 6 for b in covered])
            else:
                top = min([base_above] + [b.y - 6 for b in covered]) - label.box.h
            label = label.shifted(0, top)
            lane.append((x, label.box))
            stem = (x, 0.0, x, r(label.box.y if deadline else label.box.bottom))
        mark = Mark(item.id, site.href(item.id, page), tooltip, kind, deadline, x, 0.0, label, stem)
        if deadline:
            for k, step in enumerate(item.history):
                ox = xpos(_date_of(step.date)[0])
                mark.old.append((ox, 0.0, date_wording(step)))
                nxt = xpos(_date_of(item.history[k + 1].date)[0]) if k + 1 < len(item.history) else x
                depth = 26.0
                mark.arrow += f"M{ox} 6 C{ox} {depth} {nxt} {depth} {nxt} 9 "
            mark.arrow = mark.arrow.strip()
        marks.append(mark)
    marks.reverse()

    # ticks: about one a week, dropped where a stem or an old date would cross them
    span = (hi - lo).days
    step = 1 if span <= 10 else 7 if span <= 70 else 30
    ticks: list[Tick] = []
    crossing = [m.x for m in marks if m.deadline] + [o[0] for m in marks for o in m.old]
    day = lo + dt.timedelta(days=1)
    while day < hi:
        text = _short_date(day, "day")
        w = text_width(text, small)
        box = Box(r(xpos(day) - w / 2), 4.0, r(w), small * 1.3)
        if box.x >= 0 and box.right <= width and not any(box.x - 3 <= cx <= box.right + 3 for cx in crossing):
            if not ticks or not ticks[-1].box.overlaps(box, 6):
                ticks.append(Tick(xpos(day), r(4 + small * 0.95), text, "middle", box))
        day += dt.timedelta(days=step)

    # shift everything down below the legend and the highest label
    legend, legend_bottom = _legend(_legend_kinds(items, site), width, 0, small)
    highest = min([b.y for _, b in above] + [-20.0])
    lowest = max([b.bottom for _, b in below] + [30.0])
    axis_y = r(legend_bottom + 10 - highest)
    for m in marks:
        m.y = axis_y
        if m.label:
            m.label = m.label.shifted(0, axis_y)
            sx, sy1, _, sy2 = m.stem  # type: ignore[misc]
            m.stem = (sx, r(sy1 + axis_y), sx, r(sy2 + axis_y))
        m.old = [(ox, axis_y, d) for ox, _, d in m.old]
        if m.arrow:
            m.arrow = _shift_path(m.arrow, axis_y)
    for t in ticks:
        t.y = r(t.y + axis_y)
        t.box = t.box.shifted(0, axis_y)
    name = "timeline-compact" if compact else "timeline-h"
    return Timeline(
        name=name,
        orientation="horizontal",
        width=width,
        height=r(axis_y + lowest + 6),
        title="Frise chronologique" + (" (vue d’ensemble)" if compact else ""),
        desc=_description(items, site),
        axis=(0.0, axis_y, width - 4, axis_y),
        marks=marks,
        ticks=ticks,
        legend=legend,
    )


def _shift_path(path: str, dy: float, dx: float = 0.0) -> str:
    """Shift a path made only of commands with absolute x y pairs (M, L, C)."""
    out = []
    is_x = True
    for token in path.split():
        cmd = token[0] if token[0].isalpha() else ""
        value = float(token[len(cmd) :]) + (dx if is_x else dy)
        out.append(f"{cmd}{r(value):g}")
        is_x = not is_x
    return " ".join(out)


def _moved_date_lines(lead: str, old: str, new_dates: list[str], size: float, avail: float) -> list[Line]:
    """« 15 sept. → 20 septembre 2020 » (old dates struck), shortened or on two lines if it must."""
    for new in new_dates:
        text = f"{lead}{old} → {new}"
        if text_width(text, size, True) <= avail:
            return [Line(text, "date", bold=True, strike=old, lead=lead)]
    return [Line(f"{lead}{old} →", "date", bold=True, strike=old, lead=lead), Line(new_dates[0], "date", bold=True)]


def timeline_vertical(site: Site, page: Page, width: float = 360, two_sided: bool = False) -> Timeline:
    """Date axis top to bottom; each label beside its mark, the axis stretched where labels need room.

    Time runs down at a fixed number of units per day, except that a mark moves down
    (and every later mark with it) when the label before it on its side needs the room:
    the order of dates is kept, the gaps are to scale wherever labels leave them free.
    `two_sided` sets deadlines apart on the left of the axis (wide screens); otherwise
    they share the right side with the events and say « Échéance ».
    """
    items = _timeline_items(site)
    size, small = 13.0, 12.0
    legend, legend_bottom = _legend(_legend_kinds(items, site), width, 0, small)
    axis_x = 250.0 if two_sided else 30.0
    right_x = axis_x + 22
    left_x = axis_x - 34  # room for the moved-date arrows between the labels and the axis
    headers: list[Label] = []
    top0 = legend_bottom + 16
    if two_sided:
        headers = [
            make_label([Line("Échéances", "header", bold=True)], left_x, top0, size, "end"),
            make_label([Line("Événements", "header", bold=True)], right_x, top0, size),
        ]
        top0 = headers[0].box.bottom + 18
    dates = [_date_of(i.date)[0] for i in items]
    lo = min(dates, default=dt.date(2000, 1, 1))
    per_day = 5.0 if two_sided else 4.0

    marks: list[Mark] = []
    points: list[tuple[int, float]] = []  # (day number, y) of every mark, to place the old dates
    bottom = {"left": top0 - 20, "right": top0 - 20}
    shift, last_y = 0.0, top0
    warped, previous = 0.0, lo  # days from the first date; beyond two weeks a gap counts a fifth
    for item in items:
        day, precision = _date_of(item.date)
        gap = (day - previous).days
        warped += min(gap, 14) + max(gap - 14, 0) * 0.2
        previous = day
        deadline = site.is_deadline(item)
        kind = DEADLINE if deadline else item.kind
        title = typography(item.title)
        date_text = date_wording(item)
        side = "left" if two_sided and deadline else "right"
        lead = "Échéance : " if deadline and not two_sided else ""
        if side == "left":
            avail = left_x - 6
        else:
            avail = min(width - right_x - 4, 380.0)
        date_lines = [Line(lead + date_text, "date", bold=True)]
        if deadline and item.history:
            old = " → ".join(_short_date(*_date_of(s.date)) for s in item.history)
            date_lines = _moved_date_lines(lead, old, [date_text, _short_date(day, precision)], size, avail)
        lines = date_lines + [Line(t, "title") for t in wrap(title, size, avail)]
        ideal = top0 + warped * per_day + shift
        y = r(max(ideal, bottom[side] + 10 + size * 0.7, last_y))
        shift += y - ideal
        last_y = y
        if side == "left":
            label = make_label(lines, left_x, y - size * 0.7, size, "end")
            stem = (axis_x - 8, y, left_x + 4, y)
        else:
            label = make_label(lines, right_x, y - size * 0.7, size)
            stem = (axis_x + 8, y, right_x - 4, y)
        bottom[side] = label.box.bottom
        points.append(((day - lo).days, y))
        mark = Mark(item.id, site.href(item.id, page), f"{date_text} — {title}", kind, deadline, axis_x, y, label, stem)
        marks.append(mark)

    def ypos(day: dt.date) -> float:
        """Where a date falls on the stretched axis: at its mark, or between its neighbours."""
        n = (day - lo).days
        exact = [y for d, y in points if d == n]
        if exact:
            return exact[0]
        before = [(d, y) for d, y in points if d < n]
        after = [(d, y) for d, y in points if d > n]
        if before and after:
            (d0, y0), (d1, y1) = before[-1], after[0]
            return r(y0 + (y1 - y0) * (n - d0) / (d1 - d0))
        if after:
            return r(after[0][1] - (after[0][0] - n) * per_day)
        return r(before[-1][1] + (n - before[-1][0]) * per_day) if before else top0

    for mark, item in zip(marks, items):
        if not mark.deadline:
            continue
        for k, step in enumerate(item.history):
            oy = ypos(_date_of(step.date)[0])
            ox = axis_x - 12  # beside the axis, so that it never hides an event of the same day
            mark.old.append((ox, oy, date_wording(step)))
            nxt = ypos(_date_of(item.history[k + 1].date)[0]) if k + 1 < len(item.history) else mark.y
            mark.arrow += f"M{ox - 5} {oy} C{ox - 16} {oy} {ox - 16} {nxt} {axis_x - 9} {nxt} "
        mark.arrow = mark.arrow.strip()
    end = max([bottom["left"], bottom["right"]] + [m.y for m in marks] + [top0]) + 10
    return Timeline(
        name="timeline-wide" if two_sided else "timeline-narrow",
        orientation="vertical",
        width=width,
        height=r(end + 4),
        title="Frise chronologique",
        desc=_description(items, site),
        axis=(axis_x, r(top0 - 14), axis_x, r(end)),
        marks=marks,
        ticks=[],
        legend=legend,
        headers=headers,
    )


# --- actor map -------------------------------------------------------------------------


@dataclass
class Node:
    id: str
    href: str
    kind: str
    name: Label
    kind_label: Label
    box: Box
    tooltip: str


@dataclass
class Group:
    key: str
    title: Label
    box: Box


@dataclass
class Edge:
    source: str
    target: str
    type: str
    path: str
    label: Label
    tooltip: str


@dataclass
class ActorMap:
    name: str
    width: float
    height: float
    title: str
    desc: str
    groups: list[Group]
    nodes: list[Node]
    edges: list[Edge]
    legend: list[LegendItem]

    def boxes(self) -> list[Box]:
        """Every text's box: groups' titles, nodes (their name and kind inside), edges' labels, legend."""
        return [g.title.box for g in self.groups] + [n.box for n in self.nodes] + [e.label.box for e in self.edges] + [
            i.label.box for i in self.legend
        ]


def actor_map(site: Site, page: Page) -> ActorMap:
    """Actors in columns by country (largest group first), ordered by kind inside a column.

    Relations between columns are straight arrows, relations inside a column are arcs
    bulging outside it; every relation's label is slid along its arrow, then away from
    it, until it overlaps no other text or node.
    """
    actors = site.sheet.actors
    size, small = 12.0, 10.5
    node_w, col_gap, side = 138.0, 150.0, 96.0
    kind_order = list(model.ACTOR_KINDS)
    by_country: dict[str, list[model.Actor]] = defaultdict(list)
    for a in actors:
        by_country[a.country or ""].append(a)
    countries = sorted(by_country, key=lambda c: (c == "", -len(by_country[c]), c))
    legend_kinds = [(k, label, "node") for k, label in model.ACTOR_KINDS.items() if any(a.kind == k for a in actors)]
    width = 2 * side + len(countries) * node_w + max(len(countries) - 1, 0) * col_gap
    legend, legend_bottom = _legend(legend_kinds, width, 0, small)
    top0 = legend_bottom + 12

    groups: list[Group] = []
    nodes: dict[str, Node] = {}
    column_of: dict[str, int] = {}
    height = top0
    for ci, code in enumerate(countries):
        x = side + ci * (node_w + col_gap)
        title_text = site.country(code) if code else "Pays non précisé"
        title = make_label([Line(t, "group", bold=True) for t in wrap(title_text, size, node_w)], x + node_w / 2, top0 + 6, size, "middle")
        y = title.box.bottom + 10
        members = sorted(by_country[code], key=lambda a: (kind_order.index(a.kind), a.name.casefold()))
        for a in members:
            name_lines = [Line(t, "name", bold=True) for t in wrap(typography(a.name), size, node_w - 12, bold=True)]
            name = make_label(name_lines, x + node_w / 2, y + 6, size, "middle")
            kind_label = make_label([Line(model.ACTOR_KINDS[a.kind], "kind")], x + node_w / 2, name.box.bottom + 1, small, "middle")
            box = Box(x, y, node_w, r(kind_label.box.bottom + 6 - y))
            nodes[a.id] = Node(a.id, site.href(a.id, page), a.kind, name, kind_label, box, typography(a.role))
            column_of[a.id] = ci
            y = box.bottom + 30
        box = Box(x - 10, top0, node_w + 20, r(y - 30 + 10 - top0))
        groups.append(Group(code or "none", title, box))
        height = max(height, box.bottom)

    placed: list[Box] = [g.title.box for g in groups] + [n.box for n in nodes.values()] + [i.label.box for i in legend]
    edges: list[Edge] = []
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    relations = [(a, rel) for a in actors for rel in a.relations if rel.target in nodes]
    # where each edge meets each node: spread over the node's side, in the order of the other ends
    ends: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)  # (node, side) -> [(other y, edge)]
    for k, (a, rel) in enumerate(relations):
        for me, other in ((a.id, rel.target), (rel.target, a.id)):
            mine, theirs = nodes[me].box, nodes[other].box
            if column_of[me] == column_of[other]:
                side_ = "left" if column_of[me] == 0 or len(countries) == 1 else "right"
            else:
                side_ = "right" if theirs.x > mine.x else "left"
            ends[(me, side_)].append((theirs.y + theirs.h / 2, k))
    attach: dict[tuple[str, int], float] = {}
    for (node_id, _), lst in ends.items():
        box = nodes[node_id].box
        for j, (_, k) in enumerate(sorted(lst)):
            attach[(node_id, k)] = r(box.y + box.h * (j + 1) / (len(lst) + 1))
    for k, (a, rel) in enumerate(relations):
        s, t = nodes[a.id].box, nodes[rel.target].box
        key = tuple(sorted((a.id, rel.target)))
        n = pair_count[key]  # type: ignore[index]
        pair_count[key] += 1  # type: ignore[index]
        same_column = column_of[a.id] == column_of[rel.target]
        path, points = _edge_path(s, t, same_column, column_of[a.id], len(countries), n, attach[(a.id, k)], attach[(rel.target, k)])
        verb = model.RELATION_TYPES[rel.type]
        lines = [Line(t_, "relation") for t_ in wrap(typography(verb), small, 118)]
        label = _place(lines, points, small, placed)
        placed.append(label.box)
        edges.append(Edge(a.id, rel.target, rel.type, path, label, f"{a.name} {verb} {site.actors[rel.target].name}"))

    all_boxes = placed
    min_x = min([b.x for b in all_boxes] + [0.0])
    min_y = min([b.y for b in all_boxes] + [0.0])
    max_x = max([b.right for b in all_boxes] + [width])
    max_y = max([b.bottom for b in all_boxes] + [height])
    dx = r(-min_x + 4) if min_x < 4 else 0.0
    dy = r(-min_y + 2) if min_y < 0 else 0.0
    result = ActorMap(
        name="actor-map",
        width=r(max_x + dx + 4),
        height=r(max_y + dy + 8),
        title="Carte des acteurs",
        desc=(
            f"{len(actors)} acteurs regroupés par pays ({', '.join(g.title.lines[0].text for g in groups)}), "
            f"reliés par {len(edges)} relations tirées de la fiche de faits. Les fiches des acteurs suivent la carte."
        ),
        groups=groups,
        nodes=list(nodes.values()),
        edges=edges,
        legend=legend,
    )
    if dx or dy:
        _shift_map(result, dx, dy)
    return result


def _shift_map(m: ActorMap, dx: float, dy: float) -> None:
    for g in m.groups:
        g.title = g.title.shifted(dx, dy)
        g.box = g.box.shifted(dx, dy)
    for n in m.nodes:
        n.name, n.kind_label, n.box = n.name.shifted(dx, dy), n.kind_label.shifted(dx, dy), n.box.shifted(dx, dy)
    for e in m.edges:
        e.label = e.label.shifted(dx, dy)
        e.path = _shift_path(e.path, dy, dx)
    for i in m.legend:
        i.label = i.label.shifted(dx, dy)
        i.x, i.y = r(i.x + dx), r(i.y + dy)


def _edge_path(
    s: Box, t: Box, same_column: bool, column: int, columns: int, n: int, sy: float, ty: float
) -> tuple[str, list[tuple[float, float]]]:
    """An SVG path from box s (at height sy) to box t (at ty), and points along it where its label may sit."""
    if same_column:
        # an arc outside the column: to the left for the first column, to the right otherwise
        left = column == 0 and columns > 1 or columns == 1
        sx = s.x if left else s.right
        tx = t.x if left else t.right
        bulge = (-1 if left else 1) * (40 + 22 * n + min(abs(ty - sy), 300) * 0.08)
        cx = sx + bulge
        path = f"M{r(sx)} {r(sy)} C{r(cx)} {r(sy)} {r(cx)} {r(ty)} {r(tx + (-6 if left else 6))} {r(ty)}"
        pts = [_cubic((sx, sy), (cx, sy), (cx, ty), (tx, ty), k / 10) for k in range(1, 10)]
        return path, _order_mid(pts)
    # between columns: from the facing sides
    if s.x < t.x:
        (sx, tx) = (s.right, t.x - 6)
    else:
        (sx, tx) = (s.x, t.right + 6)
    path = f"M{r(sx)} {r(sy)} L{r(tx)} {r(ty)}"
    pts = [(sx + (tx - sx) * k / 10, sy + (ty - sy) * k / 10) for k in range(2, 9)]
    return path, _order_mid(pts)


def _cubic(p0, p1, p2, p3, t: float) -> tuple[float, float]:
    u = 1 - t
    return (
        u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
        u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
    )


def _order_mid(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points ordered from the middle outwards (a label is best at the middle of its edge)."""
    mid = (len(points) - 1) / 2
    return sorted(points, key=lambda p: abs(points.index(p) - mid))


def _place(lines: list[Line], points: list[tuple[float, float]], size: float, placed: list[Box]) -> Label:
    """The first free position for a label centred on one of `points`, then farther and farther away."""
    probe = make_label(lines, 0, 0, size, "middle")
    h = probe.box.h
    for distance in range(0, 4000, 7):
        for px, py in points:
            for dy in ((0,) if distance == 0 else (distance, -distance)):
                label = make_label(lines, r(px), r(py - h / 2 + dy), size, "middle")
                if not any(label.box.overlaps(b, 2) for b in placed):
                    return label
    raise RuntimeError("aucune place libre pour une étiquette de relation")  # 4000 units below is always free


# --- deals -----------------------------------------------------------------------------


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
    size, small = 13.0, 11.5
    pad = 8.0
    title = make_label([Line(t, "deal-title", bold=True) for t in wrap(typography(deal.title), 15, width - 8, True)], 4, 2, 15)
    subj_lines = [Line(t, "subject") for t in wrap("Objet : " + typography(deal.subject), size, width - 2 * pad - 4)]
    subject = make_label(subj_lines, 2 + pad, title.box.bottom + 8 + pad, size)
    subject_box = Box(2, r(title.box.bottom + 8), width - 4, r(subject.box.h + 2 * pad))
    trunk_x = 16.0
    y = subject_box.bottom + 16
    parties = []
    box_x = trunk_x + 18
    inner = width - box_x - 2 - 2 * pad
    for party in deal.parties:
        actor = site.actors[party.actor]
        name = make_label([Line(t, "party", bold=True) for t in wrap(typography(actor.name), size, inner, True)], box_x + pad, y + pad, size)
        role = make_label([Line(model.DEAL_ROLES[party.role], "role", bold=True)], box_x + pad, name.box.bottom + 2, small)
        stake = make_label([Line(t, "stake") for t in wrap(typography(party.stake), small, inner)], box_x + pad, role.box.bottom + 2, small)
        box = Box(box_x, r(y), r(width - box_x - 2), r(stake.box.bottom + pad - y))
        mid = r(y + min(box.h / 2, 20))
        connector = f"M{trunk_x} {mid} L{box_x - 5} {mid}"
        parties.append(
            PartyBox(party.actor, site.href(party.actor, page), party.role, box, name, role, stake, connector, site.href(party.fact, page))
        )
        y = box.bottom + 12
    outcome = None
    if deal.outcome:
        outcome = make_label([Line(t, "outcome") for t in wrap("Issue : " + typography(deal.outcome), small, width - 8)], 4, y + 4, small)
        y = outcome.box.bottom + 4
    last_mid = float(parties[-1].connector.split()[1]) if parties else subject_box.bottom
    desc = (
        f"{typography(deal.title)} : objet, {typography(deal.subject)}. "
        + " ".join(f"{site.actors[p.actor].name} ({model.DEAL_ROLES[p.role]}) : {typography(p.stake)}" for p in deal.parties)
    )
    return DealDiagram(
        id=deal.id,
        href=site.href(deal.id, page),
        name=f"deal-{deal.id}",
        width=width,
        height=r(y + 2),
        title=title,
        desc=desc,
        subject=subject,
        subject_box=subject_box,
        trunk=(trunk_x, subject_box.bottom, trunk_x, last_mid),
        parties=parties,
        outcome=outcome,
    )


# --- entry point for templates ---------------------------------------------------------


class Diagrams:
    """What the templates call: `diagrams.timeline(page)` and so on."""

    ROLES = model.DEAL_ROLES

    def __init__(self, site: Site):
        self.site = site

    def timeline(self, page: Page) -> Timeline:
        return timeline_vertical(self.site, page, width=700, two_sided=True)

    def timeline_compact(self, page: Page) -> Timeline:
        return timeline_horizontal(self.site, page, compact=True)

    def timeline_narrow(self, page: Page) -> Timeline:
        return timeline_vertical(self.site, page)

    def actor_map(self, page: Page) -> ActorMap:
        return actor_map(self.site, page)

    def deals(self, page: Page) -> list[DealDiagram]:
        return [deal_diagram(self.site, d, page) for d in self.site.sheet.deals]


