"""The timeline: every event and deadline on a date axis, drawn three ways.

`timeline_vertical` runs down the page, beside the chronology (two-sided on wide
screens, one-sided on phones); `timeline_compact` runs across, on the home page, with
only the deadlines labelled (a wide and a narrow variant).

A date is an interval (`explainer/dates.py`). A one-day date is a point (a circle, a
diamond for a deadline) in the middle of its day; a longer one (« fin août 2020 »,
« juillet 2020 », « le 13 ou le 14 septembre 2020 ») is a `Span`: a bar along the axis
from the start of its first day to the end of its last, with a serif at each end, in a
lane beside the axis so that periods never hide each other or a point. Every label and
tooltip gives the date in the article's wording, never a more precise one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


from .. import dates, model
from ..dates import When
from ..site import Page, Site
from ..language import N_, gettext, ngettext
from ..status import STATUSES
from ..text import in_letters, typography
from .layout import Box, Label, LegendItem, Line, Path, legend, make_label, round1, text_width, wrap

DEADLINE = "echeance"
DEADLINE_LABEL = N_("Deadline")
MOVED_LABEL = N_("Date moved")
PERIOD = "periode"
PERIOD_LABEL = N_("Period (approximate date)")

SERIF = 3.5  # half the length of the serif at each end of a period's bar (its width is in the CSS)
LANE = 10.0  # the distance between two lanes of bars


@dataclass(frozen=True)
class Span:
    """A period on the axis: from `start` (the start of its first day) to `end` (the end of
    its last day), measured along the time axis (x across, y down), in a lane at `at`
    (y for an axis across the page, x for one down it)."""

    start: float
    end: float
    at: float
    vertical: bool = False

    def _xy(self, along: float, across: float) -> tuple[float, float]:
        return (across, along) if self.vertical else (along, across)

    @property
    def bar(self) -> tuple[float, float, float, float]:
        """The bar as a line (x1, y1, x2, y2), butt-ended: exactly the interval."""
        return (*self._xy(self.start, self.at), *self._xy(self.end, self.at))

    @property
    def serifs(self) -> Path:
        """A short stroke across the bar at each end (├──┤)."""
        return Path(
            tuple(
                cmd
                for along in (self.start, self.end)
                for cmd in (
                    ("M", (self._xy(along, self.at - SERIF),)),
                    ("L", (self._xy(along, self.at + SERIF),)),
                )
            )
        )

    @property
    def box(self) -> Box:
        length = self.end - self.start
        if self.vertical:
            return Box(round1(self.at - SERIF), round1(self.start - 1), 2 * SERIF, round1(length + 2))
        return Box(round1(self.start - 1), round1(self.at - SERIF), round1(length + 2), 2 * SERIF)


@dataclass
class Mark:
    id: str
    href: str
    title: str  # full text for the tooltip (<title>): date in the article's wording, title, status
    kind: str  # an EVENT_KINDS slug or DEADLINE
    deadline: bool
    x: float
    y: float
    label: Label | None
    stem: tuple[float, float, float, float] | None  # the line from the mark to its label
    old: list[tuple[float, float, str]] = field(default_factory=list)  # moved deadline: (x, y, date) of old dates
    arrow: Path | str = ""  # from the old date to the current one (printed as SVG path data)
    span: Span | None = None  # a period: drawn as a bar instead of a point at (x, y)
    number: Label | None = None  # compact timeline: the event's number above its mark…
    key_number: Label | None = None  # …and in the key under the axis, where `label` is its date and title

    @property
    def box(self) -> Box:
        """The box of what is drawn for the date: the point's shape or the period's bar."""
        if self.span:
            return self.span.box
        r = 7.0 if self.deadline else 5.0
        return Box(round1(self.x - r), round1(self.y - r), 2 * r, 2 * r)


@dataclass
class Tick:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    size: float = 12.0
    box: Box = field(default_factory=lambda: Box(0, 0, 0, 0))


@dataclass
class Timeline:
    name: str  # "timeline-wide", "timeline-narrow", "timeline-compact"…: ids and CSS classes
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
        """Every text's box: no two may overlap."""
        out = [m.label.box for m in self.marks if m.label] + [h.box for h in self.headers]
        out += [lbl.box for m in self.marks for lbl in (m.number, m.key_number) if lbl]
        out += [t.box for t in self.ticks]
        out += [item.label.box for item in self.legend]
        return out

    def mark_boxes(self) -> list[Box]:
        """What marks a date: points, periods' bars, old dates of a moved deadline, and the
        stems from a mark to its label. No text may cover one."""
        out = [m.box for m in self.marks]
        out += [Box(round1(ox - 5), round1(oy - 5), 10, 10) for m in self.marks for ox, oy, _ in m.old]
        for m in self.marks:
            if m.stem:
                x1, y1, x2, y2 = m.stem
                out.append(Box(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1)))
        return out


def _when(item: Any) -> When:
    return item.date.when


def _short_wording(item: Any) -> str:
    """A date as short as it can be said without saying more: « 15 sept. », « sept. 2020 »,
    else the article's wording (« fin août 2020 »)."""
    when = _when(item)
    if when.precision in ("day", "month", "year") and not when.qualified:
        return dates.short(when.start, when.precision)
    return dates.of_item(item)


def _status(site: Site, item: Any) -> str:
    return STATUSES[site.item_status(item)].word


def _tooltip(site: Site, item: Any, deadline: bool) -> str:
    """The mark's accessible name: the date as the article gives it, what happened, its status."""
    what = gettext("deadline: {title}").format(title=typography(item.title)) if deadline else typography(item.title)
    return f"{dates.of_item(item)} — {what} ({_status(site, item)})"


def _lanes(intervals: list[tuple[float, float]], gap: float) -> list[int]:
    """The lane of each interval (start, end): the first lane whose last interval ends at least
    `gap` before it starts (intervals in order of start)."""
    ends: list[float] = []
    out = []
    for start, end in intervals:
        lane = next((k for k, e in enumerate(ends) if e + gap <= start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        out.append(lane)
    return out


def _legend_kinds(items: list[Any], site: Site) -> list[tuple[str, str, str]]:
    used = {i.kind for i in items if not site.is_deadline(i)}
    kinds = [(k, label, "circle") for k, label in model.EVENT_KINDS.items() if k in used]
    if any(site.is_deadline(i) for i in items):
        kinds.append((DEADLINE, gettext(DEADLINE_LABEL), "diamond"))
    if any(site.is_deadline(i) and i.history for i in items):
        kinds.append(("moved", gettext(MOVED_LABEL), "moved"))
    if any(not _when(i).single_day for i in items):
        kinds.append((PERIOD, gettext(PERIOD_LABEL), "span"))
    return kinds


def _description(items: list[Any], site: Site) -> str:
    events = sum(1 for i in items if not site.is_deadline(i))
    deadlines = len(items) - events
    moved = sum(1 for i in items if site.is_deadline(i) and i.history)
    periods = sum(1 for i in items if not _when(i).single_day)
    if not items:
        return gettext("No event.")
    first, last = items[0], items[-1]
    text = gettext("{events} and {deadlines}, {period}").format(
        events=ngettext("{n} event", "{n} events", events).format(n=in_letters(events)),
        deadlines=ngettext("{n} deadline", "{n} deadlines", deadlines).format(n=in_letters(deadlines, feminine=True)),
        period=dates.span(dates.of_item(first), dates.of_item(last)),
    )
    if moved:
        text += ngettext(", including {n} deadline moved", ", including {n} deadlines moved", moved).format(
            n=in_letters(moved, feminine=True))
    text = _capital(text) + "."
    if periods:
        text += " " + ngettext("{n} date is a period (the day is not given), drawn as a bar.",
                               "{n} dates are periods (the day is not given), each drawn as a bar.",
                               periods).format(n=_capital(in_letters(periods, feminine=True)))
    undated = len(site.undated())
    if undated:
        text += " " + ngettext("{n} event the articles do not date is not drawn.",
                               "{n} events the articles do not date are not drawn.", undated).format(n=_capital(in_letters(undated)))
    return text + " " + gettext("The detailed list follows the diagram.")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def timeline_compact(site: Site, page: Page, width: float = 680, name: str = "timeline-compact") -> Timeline:
    """Date axis left to right, for the home page: every date a mark with its tooltip and its
    link; the deadlines labelled below the axis, stacked without overlap; the periods as bars
    in lanes above the axis.

    A day runs from `xpos(day)` to `xpos(day + 1)`: a one-day date is drawn in the middle of
    its day, a period from the start of its first day to the end of its last, and the ticks
    mark the start of each month (or of each day or week on a short axis).

    Labels start just right of their mark's stem and are placed right to left: a label goes
    below every label (and so every stem) it would cover.
    """
    items = site.chronology()  # dated items only: an event no article dates is listed, never drawn
    size, small = 13.0, 12.0  # at least 12 px on a 390 px phone (its variant is drawn at the column's width)
    label_max = 150.0
    right_room = 110.0  # the last label keeps at least this width
    whens = {i.id: _when(i) for i in items}
    starts = [w.start for w in whens.values()]
    ends = [w.end for w in whens.values()]
    for i in items:
        if site.is_deadline(i):
            starts += [_when(s).start for s in i.history]
            ends += [_when(s).end for s in i.history]
    lo = min(starts, default=dt.date(2000, 1, 2)) - dt.timedelta(days=1)
    hi = max(ends, default=dt.date(2000, 1, 2)) + dt.timedelta(days=2)
    x0, x1 = 14.0, width - right_room  # room left of the first day for its tick's name (« juil. »)
    edges = _stretched_axis(lo, hi, _marked_days(items, site), x0, x1)
    per_day = (x1 - x0) / max((hi - lo).days, 1)  # on average: the ticks' spacing

    def xpos(day: dt.date) -> float:
        """Where `day` begins on the axis."""
        return edges[min(max((day - lo).days, 0), len(edges) - 1)]

    def centre(when: When) -> float:
        """Where a date is pointed at: the middle of its day, or of its period (old dates)."""
        return round1((xpos(when.start) + xpos(when.end + dt.timedelta(days=1))) / 2)

    # the periods' bars, in lanes above the axis: a lane takes a bar that starts after its last one ends
    periods = [i for i in items if not whens[i.id].single_day]
    bars = {i.id: (xpos(whens[i.id].start), xpos(whens[i.id].end + dt.timedelta(days=1))) for i in periods}
    lane_of = dict(zip((i.id for i in periods), _lanes(list(bars.values()), gap=4.0)))
    lanes = max(lane_of.values(), default=-1) + 1

    # the events' numbers, above their marks (and the periods' bars), in rows: a number goes
    # up a row when it would touch one already placed (events a day or two apart)
    keyed = _keyed(items, site)
    numbers: dict[str, tuple[float, int, str]] = {}  # event -> (x, row, number)
    rows: list[list[Box]] = []
    # a point's number is right above it; a period's anywhere above its bar, as near its middle
    # as the row leaves room (points first, then the shortest bars): a number never stands
    # above another event's point when its own bar has room (visual review 2: « 4 » above bar 2)
    order = {i.id: n for n, i in enumerate(keyed, 1)}
    for item in sorted(keyed, key=lambda i: (i.id in bars, bars[i.id][1] - bars[i.id][0] if i.id in bars else 0, order[i.id])):
        n = order[item.id]
        w = text_width(str(n), small, bold=True)
        if item.id in bars:
            start, end = bars[item.id]
            middle = (start + end) / 2
            reach = max((end - start) / 2 - 1, 0.0)  # the number's middle above the bar
            xs = sorted({round1(middle + d) for k in range(int(reach) + 1) for d in (-k, k)}, key=lambda x: abs(x - middle))
        else:
            xs = [centre(whens[item.id])]
        placed_at = None
        for row in range(len(rows) + 1):
            for x in xs:
                box = Box(x - w / 2, 0, w, 1)
                if row == len(rows) or not any(box.overlaps(b, 5) for b in rows[row]):
                    placed_at = (x, row, box)
                    break
            if placed_at:
                break
        x, row, box = placed_at
        if row == len(rows):
            rows.append([])
        rows[row].append(box)
        numbers[item.id] = (round1(x), row, str(n))
    number_h = round1(small * 1.25 + 1)  # a row, with a unit between two

    # the axis runs below the legend, the numbers and the marks' room above it
    legend_items, legend_bottom = legend(_legend_kinds(items, site), width, 0, small)
    axis_y = round1(legend_bottom + len(rows) * number_h + max(30.0 - (4 if rows else 0), 12.0 + LANE * lanes))

    stem_gap = 5.0  # text starts this far right of its stem
    marks: list[Mark] = []
    below: list[tuple[float, Box]] = []  # (stem x, label box) placed so far, y from the axis
    base_below = 38.0  # labels keep clear of the axis, the ticks and the moved-date arrows
    for item in sorted(items, key=lambda i: (whens[i.id].start, i.id), reverse=True):
        when = whens[item.id]
        span = None
        if item.id in bars:
            start, end = bars[item.id]
            span = Span(start, end, round1(axis_y - 12 - LANE * lane_of[item.id]))
        x = span.start if span else centre(when)
        deadline = site.is_deadline(item)
        kind = DEADLINE if deadline else item.kind
        title = typography(item.title)
        mark = Mark(item.id, site.href(item.id, page), _tooltip(site, item, deadline), kind, deadline, x,
                    span.at if span else axis_y, None, None, span=span)
        if item.id in numbers:
            nx, row, text = numbers[item.id]
            bottom = axis_y - max(26.0, 12.0 + LANE * lanes) - row * number_h
            mark.number = make_label([Line(text, "number", bold=True)], nx, bottom - number_h, small, "middle", leading=1.25)
        if deadline:
            avail = min(label_max, width - x - stem_gap - 2)
            date_line = Line(_short_wording(item), "date", bold=True)
            if item.history:
                old = " → ".join(_short_wording(s) for s in item.history)
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
                ox = centre(_when(step))
                mark.old.append((ox, axis_y, dates.of_item(step)))
                nxt = centre(_when(item.history[k + 1])) if k + 1 < len(item.history) else x
                depth = 26.0
                arrow += [("M", ((ox, 6.0),)), ("C", ((ox, depth), (nxt, depth), (nxt, 9.0)))]
            mark.arrow = Path(tuple(arrow)).shifted(0, axis_y)
        marks.append(mark)
    marks.reverse()

    # ticks: on a short span every day, every 2 or 3 days or every week (the first step that
    # leaves room for « 28 sept. »); on a long one the first of each month (« août »,
    # « sept. »); dropped where a stem or an old date would cross them
    span_days = (hi - lo).days
    room = text_width("28 sept.", small) + 8
    step = next((s for s in (1, 2, 3, 7) if s * per_day >= room), 7) if span_days <= 70 else 0
    if step:
        days = [lo + dt.timedelta(days=d) for d in range(1, span_days, step)]
    else:
        days, month = [], dt.date(lo.year, lo.month, 1)
        while month < hi:
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
            if lo < month < hi:
                days.append(month)
    ticks: list[Tick] = []
    # (from, to) x of what runs down from the axis: stems, old dates and the arrows between them
    crossing = [(m.x, m.x) for m in marks if m.deadline]
    for m in marks:
        xs = [o[0] for o in m.old]
        if xs:
            crossing.append((min(xs + [m.x]), max(xs + [m.x])))
    top = 7.0  # below the points (radius 5) and the deadlines' diamonds (7)
    for day in days:
        # a day is named in its middle, where its points are; a month where it begins
        tx = round1((xpos(day) + xpos(day + dt.timedelta(days=1))) / 2) if step else xpos(day)
        text = dates.short(day, "day") if step else dates.short_month(day)
        w = text_width(text, small)
        box = Box(round1(tx - w / 2), top, round1(w), small * 1.3).shifted(0, axis_y)
        if box.x >= 0 and box.right <= width and not any(box.x - 3 <= b and a <= box.right + 3 for a, b in crossing):
            if not ticks or not ticks[-1].box.overlaps(box, 4):
                ticks.append(Tick(tx, round1(round1(top + small * 0.95) + axis_y), text, "middle", small, box))

    lowest = max([b.bottom for _, b in below] + [30.0])
    lowest = _key(marks, items, site, numbers, width, axis_y + lowest + 14, small) - axis_y
    return Timeline(
        name=name,
        orientation="horizontal",
        width=width,
        height=round1(axis_y + lowest + 6),
        title=gettext("Timeline (overview)"),
        desc=_description(items, site),
        axis=(0.0, axis_y, width - 4, axis_y),
        marks=marks,
        ticks=ticks,
        legend=legend_items,
    )


#: The least width of a day that holds a point (a circle, a deadline's diamond, an old date) on
#: the home page's axis: two points a day apart stay clear of each other (visual review 2: 10,
#: 13, 15 and 20 September piled up at 1.7 px a day on a phone).
POINT_DAY = 16.0


def _marked_days(items: list[Any], site: Site) -> set[dt.date]:
    """The days that hold a point: one-day dates, and the old dates of a moved deadline."""
    out = {_when(i).start for i in items if _when(i).single_day}
    for i in items:
        if site.is_deadline(i):
            out |= {_when(s).start for s in i.history if _when(s).single_day}
    return out


def _stretched_axis(lo: dt.date, hi: dt.date, marked: set[dt.date], x0: float, x1: float) -> list[float]:
    """Where each day from `lo` to `hi` begins (one more entry: where `hi` begins), on an axis
    to scale except that a day holding a point is at least POINT_DAY wide (less if the points
    alone would fill the axis): the other days share what is left, equally. Dates keep their
    order; a stretch of days without a point keeps its scale."""
    days = max((hi - lo).days, 1)
    inside = [d for d in marked if lo <= d < hi]
    room = x1 - x0
    widest = min(POINT_DAY, room * 0.85 / max(len(inside), 1))
    plain = room / days
    if plain < widest:
        plain = (room - widest * len(inside)) / max(days - len(inside), 1)
    edges, x = [], x0
    for k in range(days + 1):
        edges.append(round1(x))
        day = lo + dt.timedelta(days=k)
        x += max(plain, widest) if day in marked else plain
    return edges


def _moved_date_lines(lead: str, old: str, new_dates: list[str], size: float, avail: float) -> list[Line]:
    """« 15 sept. → 20 septembre 2020 » (old dates struck), shortened or on two lines if it must."""
    for new in new_dates:
        text = f"{lead}{old} → {new}"
        if text_width(text, size, True) <= avail:
            return [Line(text, "date", bold=True, strike=old, lead=lead)]
    return [Line(f"{lead}{old} →", "date", bold=True, strike=old, lead=lead), Line(new_dates[0], "date", bold=True)]


#: The most events the home page's timeline numbers and names in its key: past that, the
#: weightiest (most facts, then the latest); every event stays a mark and a link.
MAX_KEYED = 16


def _keyed(items: list[Any], site: Site) -> list[Any]:
    """The events the compact timeline numbers, in date order."""
    events = [i for i in items if not site.is_deadline(i)]
    if len(events) > MAX_KEYED:
        order = {i.id: k for k, i in enumerate(events)}
        kept = {i.id for i in sorted(events, key=lambda i: (-len(i.facts), -order[i.id]))[:MAX_KEYED]}
        events = [i for i in events if i.id in kept]
    return events


def _key(marks: list[Mark], items: list[Any], site: Site, numbers: dict, width: float, top: float, size: float) -> float:
    """Under the axis, each numbered event's number, date and title, in one column on a phone
    and two on a desk, read down then across: the timeline is read without a pointer.
    Returns the key's bottom."""
    keyed = sorted((m for m in marks if m.id in numbers), key=lambda m: int(numbers[m.id][2]))
    if not keyed:
        return top - 14
    columns = 2 if width >= 600 else 1
    gap, indent = 18.0, text_width("00", size, bold=True) + 6
    column_w = (width - 8 - gap * (columns - 1)) / columns
    per_column = -(-len(keyed) // columns)
    by_id = {i.id: i for i in items}
    bottom = top
    for c in range(columns):
        y = top
        for m in keyed[c * per_column:(c + 1) * per_column]:
            item = by_id[m.id]
            x = 4 + c * (column_w + gap)
            lines = [Line(_short_wording(item), "date", bold=True)] + [
                Line(t, "title") for t in wrap(typography(item.title), size, column_w - indent)
            ]
            m.label = make_label(lines, x + indent, y, size)
            m.key_number = make_label([Line(numbers[m.id][2], "number", bold=True)], x + indent - 6, y, size, "end")
            y = m.label.box.bottom + 6
        bottom = max(bottom, y)
    return bottom


def timeline_vertical(site: Site, page: Page, width: float = 356, two_sided: bool = False) -> Timeline:
    """Date axis top to bottom; each label beside its mark, the axis stretched where labels need room.

    Time runs down at a fixed number of units per day, except that a mark moves down
    (and every later mark with it) when the label before it on its side needs the room:
    the order of dates is kept, the gaps are to scale wherever labels leave them free.
    `two_sided` sets deadlines apart on the left of the axis (wide screens); otherwise
    they share the right side with the events and say « Échéance ».

    Each date has a row, at the start of its first day, where its mark and its label are.
    A period's bar runs in a lane left of the axis, from its row down to where its last day
    ends: past the row of every date that begins within the period, above the row of every
    date that begins after it.
    """
    items = site.chronology()  # dated items only: an event no article dates is listed, never drawn
    size, small = 13.0, 12.0
    whens = {i.id: _when(i) for i in items}
    periods = [i for i in items if not whens[i.id].single_day]
    # lanes in days: a period may start the day another ends (its row is below that bar's end)
    lane_of = dict(zip(
        (i.id for i in periods),
        _lanes([(whens[i.id].start.toordinal(), whens[i.id].end.toordinal() + 1) for i in periods], gap=0),
    ))
    lanes = max(lane_of.values(), default=-1) + 1
    lane_room = LANE * lanes + 2 if lanes else 0.0
    legend_items, legend_bottom = legend(_legend_kinds(items, site), width, 0, small)
    axis_x = (250.0 if two_sided else 30.0) + lane_room
    right_x = axis_x + 22
    left_x = axis_x - 34 - lane_room  # room for the bars and the moved-date arrows between the labels and the axis
    headers: list[Label] = []
    top0 = legend_bottom + 16
    if two_sided:
        headers = [
            make_label([Line(gettext("Deadlines"), "header", bold=True)], left_x, top0, size, "end"),
            make_label([Line(gettext("Events"), "header", bold=True)], right_x, top0, size),
        ]
        top0 = headers[0].box.bottom + 18
    lo = min((w.start for w in whens.values()), default=dt.date(2000, 1, 1))
    per_day = 5.0 if two_sided else 4.0
    row_gap = 20.0  # between two rows, so that a bar can end between them

    def warp(days: float) -> float:
        """Days counted on the axis: beyond two weeks a gap counts a fifth."""
        return min(days, 14) + max(days - 14, 0) * 0.2

    marks: list[Mark] = []
    points: list[tuple[int, float]] = []  # (day number, y) of every row, to place the ends of periods and the old dates
    bottom = {"left": top0 - 20, "right": top0 - 20}
    shift, last_y = 0.0, None
    warped, previous = 0.0, lo
    for item in items:
        when = whens[item.id]
        day = when.start
        warped += warp((day - previous).days)
        previous = day
        deadline = site.is_deadline(item)
        kind = DEADLINE if deadline else item.kind
        title = typography(item.title)
        date_text = dates.of_item(item)
        side = "left" if two_sided and deadline else "right"
        lead = gettext("Deadline: ") if deadline and not two_sided else ""
        if side == "left":
            avail = left_x - 6
        else:
            avail = min(width - right_x - 4, 380.0)
        date_lines = [Line(t, "date", bold=True) for t in wrap(lead + date_text, size, avail, bold=True)]
        if deadline and item.history:
            old = " → ".join(_short_wording(s) for s in item.history)
            date_lines = _moved_date_lines(lead, old, [date_text, _short_wording(item)], size, avail)
        lines = date_lines + [Line(t, "title") for t in wrap(title, size, avail)]
        ideal = top0 + warped * per_day + shift
        y = round1(max(ideal, bottom[side] + 10 + size * 0.7, top0 if last_y is None else last_y + row_gap))
        shift += y - ideal
        last_y = y
        lane_x = round1(axis_x - 12 - LANE * lane_of[item.id]) if item.id in lane_of else None
        if side == "left":
            label = make_label(lines, left_x, y - size * 0.7, size, "end")
            stem = (axis_x - 8 if lane_x is None else axis_x, y, left_x + 4, y)
        else:
            label = make_label(lines, right_x, y - size * 0.7, size)
            stem = (axis_x + 8 if lane_x is None else lane_x, y, right_x - 4, y)
        bottom[side] = label.box.bottom
        points.append(((day - lo).days, y))
        mark = Mark(item.id, site.href(item.id, page), _tooltip(site, item, deadline), kind, deadline,
                    axis_x if lane_x is None else lane_x, y, label, stem)
        marks.append(mark)

    def ypos(day: dt.date) -> float:
        """Where a date falls on the stretched axis: at its row, or between its neighbours."""
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
            return round1(after[0][1] - warp(after[0][0] - n) * per_day)
        return round1(before[-1][1] + warp(n - before[-1][0]) * per_day) if before else top0

    def period_end(when: When) -> float:
        """Where a period ends: after the row of every date that begins within it (by half a
        row gap at least), before the row of every date that begins after it."""
        n = (when.end - lo).days + 1  # the day after the period
        before = [(d, y) for d, y in points if d < n]
        after = [(d, y) for d, y in points if d >= n]
        (d0, y0) = before[-1]
        if not after:
            return round1(y0 + max(warp(n - d0) * per_day, row_gap / 2))
        (d1, y1) = after[0]
        y = y0 + (y1 - y0) * (n - d0) / (d1 - d0)
        return round1(min(max(y, y0 + row_gap / 2), y1 - row_gap / 2))

    old_x = axis_x - 12 - lane_room  # beside the axis (and the bars), so that it never hides an event of the same day
    for mark, item in zip(marks, items):
        if item.id in lane_of:
            mark.span = Span(mark.y, period_end(whens[item.id]), mark.x, vertical=True)
        if not mark.deadline:
            continue
        for k, step in enumerate(item.history):
            oy = ypos(_when(step).start)
            mark.old.append((old_x, oy, dates.of_item(step)))
            nxt = ypos(_when(item.history[k + 1]).start) if k + 1 < len(item.history) else mark.y
            mark.arrow += f"M{round1(old_x - 5)} {oy} C{round1(old_x - 16)} {oy} {round1(old_x - 16)} {nxt} {round1(axis_x - 9)} {nxt} "
        mark.arrow = mark.arrow.strip()
    end = max([bottom["left"], bottom["right"], top0] + [m.y for m in marks] + [m.span.end for m in marks if m.span]) + 10
    return Timeline(
        name="timeline-wide" if two_sided else "timeline-narrow",
        orientation="vertical",
        width=width,
        height=round1(end + 4),
        title=gettext("Timeline"),
        desc=_description(items, site),
        axis=(axis_x, round1(top0 - 14), axis_x, round1(end)),
        marks=marks,
        ticks=[],
        legend=legend_items,
        headers=headers,
    )
