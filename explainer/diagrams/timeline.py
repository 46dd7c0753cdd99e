"""The timeline: every event and deadline on a date axis, drawn three ways.

`timeline_vertical` runs down the page, beside the chronology (two-sided on wide
screens, one-sided on phones); `timeline_compact` runs across, on the home page, with
only the deadlines labelled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date

from .. import model
from ..site import Page, Site
from ..rules import item_status
from ..text import date_wording, from_to, in_letters, typography
from .layout import Box, Label, LegendItem, Line, Path, legend, make_label, round1, text_width, wrap

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
    arrow: Path | str = ""  # from the old date to the current one (printed as SVG path data)


@dataclass
class Tick:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    box: Box = field(default_factory=lambda: Box(0, 0, 0, 0))


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
        f"{in_letters(events)} événement{'s' if events > 1 else ''} et {in_letters(deadlines, feminine=True)} "
        f"échéance{'s' if deadlines > 1 else ''}, "
        + from_to(date_wording(first), date_wording(last))
    )
    if moved:
        text += f", dont {in_letters(moved, feminine=True)} échéance{'s' if moved > 1 else ''} déplacée{'s' if moved > 1 else ''}"
    return text[:1].upper() + text[1:] + ". La liste détaillée suit le schéma."


def timeline_compact(site: Site, page: Page, width: float = 700) -> Timeline:
    """Date axis left to right, for the home page: every date a mark with its tooltip and its
    link; the deadlines labelled below the axis, stacked without overlap.

    Labels start just right of their mark's stem and are placed right to left: a label goes
    below every label (and so every stem) it would cover.
    """
    items = site.chronology()
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
        return round1(x0 + (day - lo).days * per_day)

    # the axis runs below the legend and the marks' room above it
    legend_items, legend_bottom = legend(_legend_kinds(items, site), width, 0, small)
    axis_y = round1(legend_bottom + 10 + 20.0)

    stem_gap = 5.0  # text starts this far right of its stem
    marks: list[Mark] = []
    below: list[tuple[float, Box]] = []  # (stem x, label box) placed so far, y from the axis
    base_below = 38.0  # labels keep clear of the axis, the ticks and the moved-date arrows
    for item in sorted(items, key=lambda i: (_date_of(i.date)[0], i.id), reverse=True):
        day, precision = _date_of(item.date)
        x = xpos(day)
        deadline = site.is_deadline(item)
        kind = DEADLINE if deadline else item.kind
        title = typography(item.title)
        tooltip = f"{date_wording(item)} — {'échéance : ' if deadline else ''}{title} ({model.STATUSES[item_status(site.sheet, item)][0].lower()})"
        mark = Mark(item.id, site.href(item.id, page), tooltip, kind, deadline, x, axis_y, None, None)
        if deadline:
            avail = min(label_max, width - x - stem_gap - 2)
            date_line = Line(
                _short_date(day, precision) if precision in ("day", "month", "year") else date_wording(item),
                "date",
                bold=True,
            )
            if item.history:
                old = " → ".join(_short_date(*_date_of(s.date)) for s in item.history)
                date_line = Line(f"{old} → {date_line.text}", "date", bold=True, strike=old)
            lines = [date_line] + [Line(t, "title") for t in wrap(title, size, avail)]
            label = make_label(lines, x + stem_gap, 0, size)
            # a label placed already whose stem is under this one: go beyond it (its box is past its stem)
            covered = [b for sx, b in below if x - 1 <= sx <= label.box.right + 3]
            label = label.shifted(0, max([base_below] + [b.bottom + 6 for b in covered]))
            below.append((x, label.box))
            mark.label = label.shifted(0, axis_y)
            mark.stem = (x, round1(0.0 + axis_y), x, round1(round1(label.box.y) + axis_y))
            arrow = []
            for k, step in enumerate(item.history):
                ox = xpos(_date_of(step.date)[0])
                mark.old.append((ox, axis_y, date_wording(step)))
                nxt = xpos(_date_of(item.history[k + 1].date)[0]) if k + 1 < len(item.history) else x
                depth = 26.0
                arrow += [("M", ((ox, 6.0),)), ("C", ((ox, depth), (nxt, depth), (nxt, 9.0)))]
            mark.arrow = Path(tuple(arrow)).shifted(0, axis_y)
        marks.append(mark)
    marks.reverse()

    # ticks: every day or every week on a short span, the first of each month on a long one
    # (« août », « sept. »), dropped where a stem or an old date would cross them
    span = (hi - lo).days
    step = 1 if span <= 10 else 7 if span <= 70 else 0
    if step:
        days = [lo + dt.timedelta(days=d) for d in range(1, span, step)]
    else:
        days, month = [], dt.date(lo.year, lo.month, 1)
        while month < hi:
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
            if lo < month < hi:
                days.append(month)
    ticks: list[Tick] = []
    crossing = [m.x for m in marks if m.deadline] + [o[0] for m in marks for o in m.old]
    for day in days:
        text = _short_date(day, "day") if step else format_date(day, "MMM", locale="fr_FR")
        w = text_width(text, small)
        box = Box(round1(xpos(day) - w / 2), 4.0, round1(w), small * 1.3).shifted(0, axis_y)
        if box.x >= 0 and box.right <= width and not any(box.x - 3 <= cx <= box.right + 3 for cx in crossing):
            if not ticks or not ticks[-1].box.overlaps(box, 6):
                ticks.append(Tick(xpos(day), round1(round1(4 + small * 0.95) + axis_y), text, "middle", box))

    lowest = max([b.bottom for _, b in below] + [30.0])
    return Timeline(
        name="timeline-compact",
        orientation="horizontal",
        width=width,
        height=round1(axis_y + lowest + 6),
        title="Frise chronologique (vue d’ensemble)",
        desc=_description(items, site),
        axis=(0.0, axis_y, width - 4, axis_y),
        marks=marks,
        ticks=ticks,
        legend=legend_items,
    )


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
    items = site.chronology()
    size, small = 13.0, 12.0
    legend_items, legend_bottom = legend(_legend_kinds(items, site), width, 0, small)
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
        y = round1(max(ideal, bottom[side] + 10 + size * 0.7, last_y))
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
            return round1(y0 + (y1 - y0) * (n - d0) / (d1 - d0))
        if after:
            return round1(after[0][1] - (after[0][0] - n) * per_day)
        return round1(before[-1][1] + (n - before[-1][0]) * per_day) if before else top0

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
        height=round1(end + 4),
        title="Frise chronologique",
        desc=_description(items, site),
        axis=(axis_x, round1(top0 - 14), axis_x, round1(end)),
        marks=marks,
        ticks=[],
        legend=legend_items,
        headers=headers,
    )
