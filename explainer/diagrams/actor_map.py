"""The actor map for a desk: actors in columns by country, their relations as labelled arrows.

The drawing is laid out to be read, not only to be complete:

- a country with many actors takes two columns side by side (people and authorities in
  one, companies and investors in the other), inside one country frame;
- a picture shows what a reader can take in: at most MAX_ACTORS actors and MAX_RELATIONS
  relations, those that weigh most in the story (`Site.weight`: the facts, events and
  relations that name them); the others are in the cards and the phone's list, and the
  picture's title and description say so (ARCHITECTURE.md, « Pictures that scale »);
- the columns' order, and each column's order, are chosen to cross as few arrows as
  possible: every order of the countries is tried when there are at most MAX_ORDERED
  columns, each with rows sorted by the mean position of their neighbours (barycentre
  sweeps), then at most SWAP_PASSES passes of neighbour swaps; the layout with the fewest
  crossings is kept (`crossings`, counted on the drawn paths). The search's cost is
  bounded by the picture's size, never the story's;
- each relation's label sits on its own arrow: on it (with a halo; only the relation that
  draws a shared arrow) or just beside it, covering no other label and no actor, and with
  every other arrow at least CLEAR farther from it than its own, so that a reader takes it
  for the arrow it names; where no such place exists (arrows crossing in a narrow gap), the
  relation gets a number in a ring on its arrow, and its words, whole, in a key under the
  map (« 1 La mairie financerait le port »). A label is never put where it could be
  taken for another arrow's, nor within AWAY of an actor its relation does not link (it
  would read as that actor's).

The phone has its own picture (`actor_list.py`), in the same order of countries.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from .. import model
from ..site import Page, Site
from ..status import STATUSES
from ..text import elided, in_letters, typography
from .layout import (
    Box,
    Label,
    LegendItem,
    Line,
    Path,
    box_hits_path,
    box_path_distance,
    crossings,
    legend,
    make_label,
    path_within,
    round1,
    wrap,
)


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
    status: str
    path: Path
    label: Label
    tooltip: str
    drawn: bool = True  # False for a relation whose arrow another relation already draws (same two actors)
    marker: int = 0  # when no place by its arrow is clear: the number on the arrow, its words in the key
    disputed: tuple[str, ...] = ()  # the disagreements its fact is in (their titles), said in its tooltip


@dataclass
class KeyItem:
    """A numbered relation under the map: its number in a ring, its words beside it."""

    number: Label
    x: float  # the ring's centre
    y: float
    text: Label


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
    key: list[KeyItem]

    def boxes(self) -> list[Box]:
        """Every text's box: groups' titles, nodes (their name and kind inside), edges' labels, legend."""
        return (
            [g.title.box for g in self.groups]
            + [n.box for n in self.nodes]
            + [e.label.box for e in self.edges]
            + [i.label.box for i in self.legend]
            + [box for k in self.key for box in (k.number.box, k.text.box)]
        )

    def paths(self) -> list[Path]:
        return [e.path for e in self.edges]


#: A country with more actors than this takes two columns.
SPLIT_AT = 7
#: Kinds of the first of a country's two columns (people and authorities); the rest go in the second.
FIRST_COLUMN_KINDS = ("personne", "gouvernement", "administration")
#: Actors' names; their kind and the legend; the relations' labels (13 units: 12 px and more
#: at 1280 px, where a picture of three countries is drawn at 688 px, its own width).
SIZE, SMALL, LABEL = 12.0, 12.0, 13.0
NODE_W, COL_GAP, SUB_GAP, MARGIN, ROW_GAP = 120.0, 116.0, 116.0, 44.0, 40.0
#: The most actors, and relations, one picture shows: past that, no reader takes it in.
MAX_ACTORS, MAX_RELATIONS = 12, 24
#: Every order of the columns is tried up to this many columns (4! = 24 orders), else the default one.
MAX_ORDERED = 4
#: At most this many passes of neighbour swaps after the barycentre sweeps.
SWAP_PASSES = 2
#: How far a relation's label stays from the box of an actor the relation does not link (SVG units).
AWAY = 30.0
#: The side of the square an arrowhead takes (the marker is 7 units; SVG units), which labels keep off.
HEAD = 10.0
#: How much nearer its own arrow a label is than any other arrow (SVG units).
CLEAR = 8.0
#: A relation's words are wrapped to these widths in turn (two to four lines) to find a place by its arrow.
WRAPS = (COL_GAP - 16, 76.0)
#: The ring of a numbered relation (its words in the key under the map).
MARKER_R = 9.0


def column_order(site: Site, actors: list[model.Actor] | None = None) -> list[tuple[str, list[model.Actor]]]:
    """The countries (weightiest first, unknown last) and their actors, weightiest first
    (`Site.weight`): the order of the phone's list, and the desk map's order before it
    minimises crossings."""
    by_country: dict[str, list[model.Actor]] = defaultdict(list)
    for a in site.actors_by_weight if actors is None else actors:
        by_country[site.group_of(a)].append(a)
    weight = site.weight
    countries = sorted(by_country, key=lambda c: (c == "", -sum(weight[a.id] for a in by_country[c]), c))
    return [
        (c, sorted(by_country[c], key=lambda a: (-weight[a.id], a.name.casefold()))) for c in countries
    ]


@dataclass
class _Column:
    country: str
    actors: list[model.Actor]


def _country_columns(site: Site, actors: list[model.Actor]) -> list[list[_Column]]:
    """Each country's column(s), in the default order."""
    out = []
    for code, members in column_order(site, actors):
        if len(members) > SPLIT_AT:
            first = [a for a in members if a.kind in FIRST_COLUMN_KINDS]
            second = [a for a in members if a.kind not in FIRST_COLUMN_KINDS]
            if first and second:
                out.append([_Column(code, first), _Column(code, second)])
                continue
        out.append([_Column(code, members)])
    return out


Relations = list[tuple[model.Actor, model.Relation]]


def _relations(site: Site) -> Relations:
    return [(a, rel) for a in site.sheet.actors for rel in a.relations if rel.target in site.actors]


def _node_heights(site: Site) -> dict[str, tuple[Label, Label, float]]:
    """Each actor's name and kind labels (placed at 0, 0) and its box height."""
    out = {}
    for a in site.sheet.actors:
        name = make_label([Line(t, "name", bold=True) for t in wrap(typography(a.name), SIZE, NODE_W - 12, bold=True)],
                          0, 6, SIZE, "middle")
        kind_label = make_label([Line(t, "kind") for t in wrap(model.ACTOR_KINDS[a.kind], SMALL, NODE_W - 12)],
                                0, name.box.bottom + 1, SMALL, "middle")
        out[a.id] = (name, kind_label, round1(kind_label.box.bottom + 6))
    return out


@dataclass
class _Geometry:
    columns: list[_Column]
    x: dict[str, float]  # actor -> left of its box
    y: dict[str, float]  # actor -> top of its box
    column_of: dict[str, int]
    paths: list[Path]
    relations: list[tuple[model.Actor, model.Relation]]
    height: float
    h: dict[str, float]  # actor -> height of its box


#: Arrows leaving one side of a box are at least this far apart (the box grows to make room):
#: two parallel arrows closer than that could not each have their label nearer to itself.
ATTACH_GAP = 20.0


def _geometry(columns: list[_Column], rels: Relations, heights, top0: float, title_h: float) -> _Geometry:
    xs: dict[str, float] = {}
    ys: dict[str, float] = {}
    column_of: dict[str, int] = {}
    x = MARGIN
    for ci, col in enumerate(columns):
        if ci:
            x += NODE_W + (SUB_GAP if columns[ci - 1].country == col.country else COL_GAP)
        for a in col.actors:
            xs[a.id] = x
            column_of[a.id] = ci
    # which side of its box each arrow leaves from depends on the columns only
    sides: dict[tuple[str, int], str] = {}
    count: dict[tuple[str, str], int] = defaultdict(int)
    for k, (a, rel) in enumerate(rels):
        for me, other in ((a.id, rel.target), (rel.target, a.id)):
            if column_of[me] == column_of[other]:
                side = "left" if column_of[me] == 0 or len(columns) == 1 else "right"
            else:
                side = "right" if xs[other] > xs[me] else "left"
            sides[(me, k)] = side
            count[(me, side)] += 1
    hs = {a: max(heights[a][2], (max(count[(a, "left")], count[(a, "right")]) + 1) * ATTACH_GAP) for a in xs}
    bottom = top0
    for col in columns:
        y = top0 + title_h + 10
        for a in col.actors:
            ys[a.id] = round1(y)
            y += hs[a.id] + ROW_GAP
        bottom = max(bottom, y - ROW_GAP + 10)
    boxes = {a: Box(xs[a], ys[a], NODE_W, hs[a]) for a in xs}
    ends: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    for k, (a, rel) in enumerate(rels):
        for me, other in ((a.id, rel.target), (rel.target, a.id)):
            theirs = boxes[other]
            ends[(me, sides[(me, k)])].append((theirs.y + theirs.h / 2, k))
    attach: dict[tuple[str, int], float] = {}
    for (node_id, _), lst in ends.items():
        box = boxes[node_id]
        for j, (_, k) in enumerate(sorted(lst)):
            attach[(node_id, k)] = round1(box.y + box.h * (j + 1) / (len(lst) + 1))
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    paths = []
    for k, (a, rel) in enumerate(rels):
        key = tuple(sorted((a.id, rel.target)))
        n = pair_count[key]  # type: ignore[index]
        pair_count[key] += 1  # type: ignore[index]
        same = column_of[a.id] == column_of[rel.target]
        path, _ = _edge_path(boxes[a.id], boxes[rel.target], same, column_of[a.id], len(columns), n,
                             attach[(a.id, k)], attach[(rel.target, k)])
        paths.append(path)
    return _Geometry(columns, xs, ys, column_of, paths, rels, bottom, hs)


def _arrangements(site: Site, actors: list[model.Actor]) -> list[list[_Column]]:
    """Candidate column orders: every order of the columns (a country's two columns may be
    apart, each then gets its frame) when there are at most MAX_ORDERED, else the default order."""
    columns = [col for cols in _country_columns(site, actors) for col in cols]
    orders = itertools.permutations(columns) if len(columns) <= MAX_ORDERED else [tuple(columns)]
    return [[_Column(col.country, list(col.actors)) for col in order] for order in orders]


def _sweep(columns: list[_Column], rels: Relations, rounds: int = 4) -> list[_Column]:
    """Rows sorted by the mean row of their neighbours in the other columns (barycentre)."""
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, rel in rels:
        neighbours[a.id].append(rel.target)
        neighbours[rel.target].append(a.id)
    cols = [_Column(c.country, list(c.actors)) for c in columns]
    for _ in range(rounds):
        position = {a.id: (ci, ri / max(len(c.actors) - 1, 1)) for ci, c in enumerate(cols) for ri, a in enumerate(c.actors)}
        for ci, col in enumerate(cols):
            col.actors.sort(key=lambda a, ci=ci, position=position: _barycentre(a.id, ci, neighbours, position))
    return cols


def _barycentre(ident: str, column: int, neighbours, position) -> float:
    """The mean row (0 to 1) of an actor's neighbours in other columns, or its own row."""
    others = [position[o][1] for o in neighbours[ident] if position[o][0] != column]
    return sum(others) / len(others) if others else position[ident][1]


def actor_maps(site: Site, page: Page) -> list[ActorMap]:
    """The desk's pictures, one per question (the story's `vocabulary.map_questions`): each shows the
    relations of its types and the actors they join (an actor with no relation is on the
    phone's list and in the cards, not here)."""
    everything = _relations(site)
    out = []
    vocab = site.vocabulary
    for q in vocab.map_questions:
        key, question = q.id, q.title
        rels = [(a, rel) for a, rel in everything if vocab.question_of(rel.type) == key]
        if not rels:
            continue
        kept = shown(site, rels)
        ids = {a.id for a, _ in kept} | {rel.target for _, rel in kept}
        actors = [a for a in site.sheet.actors if a.id in ids]
        title = question
        if len(kept) < len(rels):
            title = f"{question} : les {in_letters(len(actors))} acteurs qui comptent le plus dans les articles"
        out.append(actor_map(site, page, actors, kept, f"actor-map-{key}", title, left_out=len(rels) - len(kept)))
    if not out and site.sheet.actors:
        out.append(actor_map(site, page))
    return out


def shown(site: Site, rels: Relations) -> Relations:
    """The relations a picture shows: all when they join at most MAX_ACTORS actors and are at
    most MAX_RELATIONS; else the weightiest (the sum of their actors' weights), as long as the
    actors they join stay within MAX_ACTORS. Linear in the relations, but for one sort."""
    ids = {a.id for a, _ in rels} | {rel.target for _, rel in rels}
    if len(ids) <= MAX_ACTORS and len(rels) <= MAX_RELATIONS:
        return rels
    weight = site.weight
    ranked = sorted(range(len(rels)), key=lambda k: (-(weight[rels[k][0].id] + weight[rels[k][1].target]), k))
    kept: list[int] = []
    actors: set[str] = set()
    for k in ranked:
        ends = {rels[k][0].id, rels[k][1].target}
        if len(actors | ends) <= MAX_ACTORS:
            kept.append(k)
            actors |= ends
            if len(kept) == MAX_RELATIONS:
                break
    return [rels[k] for k in sorted(kept)]


def actor_map(
    site: Site,
    page: Page,
    actors: list[model.Actor] | None = None,
    relations: Relations | None = None,
    name: str = "actor-map",
    title: str = "Carte des acteurs",
    left_out: int = 0,
) -> ActorMap:
    """One picture: `actors` in columns by country, `relations` as arrows (by default the
    weightiest, `shown`, and the actors they join)."""
    if relations is None:
        everything = _relations(site)
        relations = shown(site, everything)
        left_out = len(everything) - len(relations)
        if actors is None and left_out:
            ids = {a.id for a, _ in relations} | {rel.target for _, rel in relations}
            actors = [a for a in site.sheet.actors if a.id in ids]
    actors = list(site.sheet.actors) if actors is None else actors
    rels = relations
    map_name, map_title = name, title
    heights = _node_heights(site)
    legend_kinds = [(k, label, "node") for k, label in model.ACTOR_KINDS.items() if any(a.kind == k for a in actors)]
    probe_width = 2 * MARGIN + max(len(_country_columns(site, actors)), 1) * (NODE_W + COL_GAP)
    top0 = 8.0  # the legend goes under the picture: above it, the top row's arrows keep room for their labels
    title_h = SIZE * 1.3 * 2 + 6  # room for a two-line country name

    def score(geo: _Geometry) -> tuple[int, float]:
        return crossings(geo.paths) + 10 * _through_nodes(geo, heights), sum(_length(p) for p in geo.paths)

    # relations from one actor to the same other share one arrow, their labels one block
    arrow_of: dict[tuple[str, str], int] = {}
    arrows: Relations = []
    for a, rel in rels:
        if (a.id, rel.target) not in arrow_of:
            arrow_of[(a.id, rel.target)] = len(arrows)
            arrows.append((a, rel))
    best: tuple[tuple[int, float], _Geometry] | None = None
    for columns in _arrangements(site, actors):
        for candidate in (columns, _sweep(columns, arrows)):
            geo = _geometry(candidate, arrows, heights, top0, title_h)
            value = score(geo)
            if best is None or value < best[0]:
                best = (value, geo)
    assert best is not None
    # then swap neighbours in a column while that lowers the score, SWAP_PASSES passes at most
    improved, passes = True, 0
    while improved and best[0][0] > 0 and passes < SWAP_PASSES:
        improved, passes = False, passes + 1
        for ci, col in enumerate(best[1].columns):
            for ri in range(len(col.actors) - 1):
                columns = [_Column(c.country, list(c.actors)) for c in best[1].columns]
                row = columns[ci].actors
                row[ri], row[ri + 1] = row[ri + 1], row[ri]
                geo = _geometry(columns, arrows, heights, top0, title_h)
                value = score(geo)
                if value < best[0]:
                    best, improved = (value, geo), True
    geo = best[1]
    columns = geo.columns
    width = 2 * MARGIN + len(columns) * NODE_W + sum(
        SUB_GAP if columns[i - 1].country == columns[i].country else COL_GAP for i in range(1, len(columns))
    )

    nodes: dict[str, Node] = {}
    for col in columns:
        for a in col.actors:
            name0, kind0, _ = heights[a.id]
            h = geo.h[a.id]
            cx, top = geo.x[a.id] + NODE_W / 2, geo.y[a.id] + (geo.h[a.id] - heights[a.id][2]) / 2
            name = name0.shifted(cx, top)
            kind_label = kind0.shifted(cx, top)
            nodes[a.id] = Node(a.id, site.href(a.id, page), a.kind, name, kind_label, Box(geo.x[a.id], geo.y[a.id], NODE_W, h),
                               typography(a.role))
    groups: list[Group] = []
    runs: list[list[_Column]] = []
    for col in columns:
        if runs and runs[-1][0].country == col.country:
            runs[-1].append(col)
        else:
            runs.append([col])
    for run in runs:
        code = run[0].country
        members = [nodes[a.id] for c in run for a in c.actors]
        left = min(n.box.x for n in members)
        right = max(n.box.right for n in members)
        title_text = site.group_title(code)
        title = make_label([Line(t, "group", bold=True) for t in wrap(title_text, SIZE, right - left)],
                           (left + right) / 2, top0 + 6, SIZE, "middle")
        bottom = max(n.box.bottom for n in members) + 10
        if title_text:  # a story that does not group its actors draws no frame
            groups.append(Group(code or "none", title, Box(round1(left - 10), top0, round1(right - left + 20), round1(bottom - top0))))
    height = max([g.box.bottom for g in groups] + [n.box.bottom + 10 for n in nodes.values()])

    # labels: on their own arrow, clear of every other text, actor and arrow
    placed: list[Box] = [g.title.box for g in groups] + [n.box for n in nodes.values()]
    # and clear of every arrowhead, its own too: a label's halo over the head would hide which
    # way the relation goes (visual review 3, M1: a label over the arrowhead of its own relation)
    placed += [_head_box(p) for p in geo.paths]
    # each relation's label on its arrow (relations sharing an arrow each place their own)
    def slope(k: int) -> float:
        """How far an arrow climbs for its length: level arrows have the clearest places (above
        and below them), so their labels are placed first."""
        pts = geo.paths[arrow_of[(rels[k][0].id, rels[k][1].target)]].commands
        (x0, y0), (x1, y1) = pts[0][1][0], pts[-1][1][-1]
        return abs(y1 - y0) / max(abs(x1 - x0), 1.0)

    # a shared arrow is drawn by the first of its relations: the others' labels stay off it
    drawer: dict[int, int] = {}
    for k, (a, rel) in enumerate(rels):
        drawer.setdefault(arrow_of[(a.id, rel.target)], k)

    def edge(k: int, label: Label, marker: int = 0) -> Edge:
        a, rel = rels[k]
        verb = typography(site.verb(rel.type))
        status = site.status(rel.fact)
        return Edge(a.id, rel.target, rel.type, status, geo.paths[arrow_of[(a.id, rel.target)]], label,
                    f"{typography(a.name)} {elided(verb, typography(site.actors[rel.target].name))} ({STATUSES[status].word})",
                    marker=marker, disputed=site.disputed_titles(rel.fact))

    edges_at: dict[int, Edge] = {}
    numbered: list[int] = []
    for k in sorted(range(len(rels)), key=lambda k: (slope(k), k)):
        a, rel = rels[k]
        i = arrow_of[(a.id, rel.target)]
        verb = typography(site.verb(rel.type))
        others = [p for j, p in enumerate(geo.paths) if j != i]
        label = None
        for width_ in WRAPS:  # the words as they are, in two to four lines
            lines = [Line(t_, "relation") for t_ in wrap(verb, LABEL, width_)]
            strangers = [n.box for ident, n in nodes.items() if ident not in (a.id, rel.target)]
            label = _place(lines, geo.paths[i], LABEL, placed, others, drawer[i] == k, strangers)
            if label is not None:
                break
        if label is None:
            numbered.append(k)
            continue
        placed.append(label.box)
        edges_at[k] = edge(k, label)
    # nowhere clear by its arrow: a number on the arrow, the relation's words in the key
    for n, k in enumerate(sorted(numbered), 1):
        a, rel = rels[k]
        i = arrow_of[(a.id, rel.target)]
        marker = _marker(n, geo.paths[i], placed, [p for j, p in enumerate(geo.paths) if j != i], drawer[i] == k)
        placed.append(marker.box)
        edges_at[k] = edge(k, marker, n)
    edges = [edges_at[k] for k in range(len(rels))]
    seen: set[int] = set()
    for e in edges:  # an arrow shared by two relations is drawn once, each keeps its label
        key = id(e.path)
        e.drawn = key not in seen
        seen.add(key)

    key_items: list[KeyItem] = []
    y = round1(max(b.bottom for b in placed) + 12)
    text_x = 4 + 2 * MARKER_R + 6
    for k in sorted(numbered):
        e = edges_at[k]
        a, rel = rels[k]
        words = f"{typography(a.name)} {elided(typography(site.verb(rel.type)), typography(site.actors[rel.target].name))}"
        text = make_label([Line(t_, "relation") for t_ in wrap(words, LABEL, max(width, probe_width) - text_x - 4)],
                          text_x, y, LABEL)
        cy = y + text.line_height / 2
        number = _ring(e.marker, 4 + MARKER_R, cy)
        key_items.append(KeyItem(number, 4 + MARKER_R, round1(cy), text))
        placed.extend([number.box, text.box])
        y = round1(max(text.box.bottom, number.box.bottom) + 6)

    legend_items, _ = legend(legend_kinds, max(width, probe_width), round1(max(b.bottom for b in placed) + 12), SMALL)
    all_boxes = placed + [i.label.box for i in legend_items]
    min_x = min([b.x for b in all_boxes] + [0.0])
    min_y = min([b.y for b in all_boxes] + [0.0])
    max_x = max([b.right for b in all_boxes] + [width])
    max_y = max([b.bottom for b in all_boxes] + [height])
    dx = round1(-min_x + 4) if min_x < 4 else 0.0
    dy = round1(-min_y + 2) if min_y < 0 else 0.0
    result = ActorMap(
        name=map_name,
        width=round1(max_x + dx + 4),
        height=round1(max_y + dy + 8),
        title=map_title,
        desc=(
            f"{in_letters(len(actors)).capitalize()} acteurs"
            + (f" regroupés {site.grouped_by} ({', '.join(site.group_title('' if g.key == 'none' else g.key) for g in groups)})"
               if site.grouped_by else "")
            + ", "
            f"reliés par {in_letters(len(edges), True)} relation{'s' if len(edges) > 1 else ''} tirée{'s' if len(edges) > 1 else ''} des articles, "
            "en pointillés quand le fait qui les rapporte n'est pas confirmé. "
            + (f"La carte garde les acteurs qui comptent le plus dans les articles ; {in_letters(left_out, True)} "
               f"autre{'s' if left_out > 1 else ''} relation{'s' if left_out > 1 else ''} figure{'nt' if left_out > 1 else ''} "
               "dans les fiches. " if left_out else "")
            + "Les fiches des acteurs suivent la carte."
        ),
        groups=groups,
        nodes=list(nodes.values()),
        edges=edges,
        legend=legend_items,
        key=key_items,
    )
    if dx or dy:
        _shift_map(result, dx, dy)
    return result


def _through_nodes(geo: _Geometry, heights) -> int:
    """How many (arrow, actor) pairs where the arrow crosses an actor it does not join."""
    boxes = {a: Box(geo.x[a], geo.y[a], NODE_W, geo.h[a]) for a in geo.x}
    total = 0
    for (a, rel), path in zip(geo.relations, geo.paths):  # one per arrow
        total += sum(1 for ident, box in boxes.items() if ident not in (a.id, rel.target) and box_hits_path(box, path))
    return total


def _length(path: Path) -> float:
    from .layout import polyline

    pts = polyline(path, 8)
    return sum(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 for a, b in zip(pts, pts[1:]))


def _shift_map(m: ActorMap, dx: float, dy: float) -> None:
    for g in m.groups:
        g.title = g.title.shifted(dx, dy)
        g.box = g.box.shifted(dx, dy)
    for n in m.nodes:
        n.name, n.kind_label, n.box = n.name.shifted(dx, dy), n.kind_label.shifted(dx, dy), n.box.shifted(dx, dy)
    for e in m.edges:
        e.label = e.label.shifted(dx, dy)
        e.path = e.path.shifted(dx, dy)
    for i in m.legend:
        i.label = i.label.shifted(dx, dy)
        i.x, i.y = round1(i.x + dx), round1(i.y + dy)
    for k in m.key:
        k.number, k.text = k.number.shifted(dx, dy), k.text.shifted(dx, dy)
        k.x, k.y = round1(k.x + dx), round1(k.y + dy)


def _edge_path(
    s: Box, t: Box, same_column: bool, column: int, columns: int, n: int, sy: float, ty: float
) -> tuple[Path, list[tuple[float, float]]]:
    """An SVG path from box s (at height sy) to box t (at ty), and points along it where its label may sit."""
    if same_column:
        # an arc outside the column: to the left for the first column, to the right otherwise
        left = column == 0 and columns > 1 or columns == 1
        sx = s.x if left else s.right
        tx = t.x if left else t.right
        bulge = (-1 if left else 1) * (40 + 22 * n + min(abs(ty - sy), 300) * 0.08)
        cx = sx + bulge
        path = Path(
            (
                ("M", ((round1(sx), round1(sy)),)),
                (
                    "C",
                    (
                        (round1(cx), round1(sy)),
                        (round1(cx), round1(ty)),
                        (round1(tx + (-6 if left else 6)), round1(ty)),
                    ),
                ),
            )
        )
        pts = [_cubic((sx, sy), (cx, sy), (cx, ty), (tx, ty), k / 10) for k in range(1, 10)]
        return path, _order_mid(pts)
    # between columns: from the facing sides
    if s.x < t.x:
        (sx, tx) = (s.right, t.x - 6)
    else:
        (sx, tx) = (s.x, t.right + 6)
    path = Path((("M", ((round1(sx), round1(sy)),)), ("L", ((round1(tx), round1(ty)),))))
    pts = [(sx + (tx - sx) * k / 10, sy + (ty - sy) * k / 10) for k in range(2, 9)]
    return path, _order_mid(pts)


def _label_points(path: Path) -> list[tuple[float, float]]:
    from .layout import polyline

    pts = polyline(path, 20)
    inner = pts[2:-2] if len(pts) > 6 else pts
    # between columns, the path has two points: sample it
    if len(inner) < 5 and len(pts) >= 2:
        (x0, y0), (x1, y1) = pts[0], pts[-1]
        inner = [(x0 + (x1 - x0) * k / 20, y0 + (y1 - y0) * k / 20) for k in range(2, 19)]
    return _order_mid(inner)


def _cubic(p0, p1, p2, p3, t: float) -> tuple[float, float]:
    u = 1 - t
    return (
        u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
        u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
    )


def _order_mid(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points ordered from the middle outwards (a label is best at the middle of its edge)."""
    mid = (len(points) - 1) / 2
    return [p for _, p in sorted(enumerate(points), key=lambda ip: abs(ip[0] - mid))]


def _place(lines: list[Line], path: Path, size: float, placed: list[Box], others: list[Path],
           on_path: bool = True, strangers: list[Box] = ()) -> Label | None:
    """A label on its own arrow: centred on a point of it (its halo hides the arrow under
    it; only for the relation that draws the arrow), else just beside it (above, below,
    left or right), the points tried from the arrow's middle outwards. A position must
    cover no placed box (actor, title, label) and keep every other arrow at least CLEAR
    farther than its own; None when there is none (the relation is then numbered)."""
    probe = make_label(lines, 0, 0, size, "middle")
    w, h = probe.box.w, probe.box.h
    points = _label_points(path)
    beside = [(0.0, 0.0), (0.0, -(h / 2 + 3)), (0.0, h / 2 + 3), (w / 2 + 4, 0.0), (-(w / 2 + 4), 0.0),
              (w / 2 + 4, -(h / 2 + 3)), (-(w / 2 + 4), -(h / 2 + 3)), (w / 2 + 4, h / 2 + 3), (-(w / 2 + 4), h / 2 + 3),
              (0.0, -h / 4), (0.0, h / 4), (w / 4, 0.0), (-w / 4, 0.0)]
    bounds = [(p, _path_bounds(p)) for p in others]
    # every position tried lies in one region: only the boxes near it can be in the way
    # (the same answer as asking them all, for one pass over them per label)
    area = _around([(px + dx, py - h / 2 + dy) for dx, dy in beside for px, py in points], w, h, "middle")
    placed = [b for b in placed if area.overlaps(b, 2)]
    strangers = [b for b in strangers if area.overlaps(b, AWAY)]
    for dx, dy in beside:
        for px, py in points:
            label = make_label(lines, round1(px + dx), round1(py - h / 2 + dy), size, "middle")
            if _clear(label.box, path, placed, bounds, on_path) and not any(label.box.overlaps(b, AWAY) for b in strangers):
                return label
    return None


def _around(tops: list[tuple[float, float]], w: float, h: float, anchor: str) -> Box:
    """A box holding every box of width `w` and height `h` that `make_label` makes at these
    (x, top) points, with room for its rounding to a tenth."""
    shift = 0.0 if anchor == "start" else w if anchor == "end" else w / 2
    xs, ys = [x for x, _ in tops], [y for _, y in tops]
    x0, y0 = min(xs) - shift - 0.2, min(ys) - 0.2
    return Box(x0, y0, max(xs) - shift + w + 0.2 - x0, max(ys) + h + 0.2 - y0)


def _clear(box: Box, path: Path, placed: list[Box], bounds: list[tuple[Path, Box]], on_path: bool) -> bool:
    """A box covers no placed box, its own arrow runs through it only if it may, and every
    other arrow passes at least CLEAR farther from it than its own."""
    if any(box.overlaps(b, 2) for b in placed):
        return False
    own = box_path_distance(box, path)
    if not on_path and own < 1.5:
        return False
    return not any(path_within(box, p, own + CLEAR) for p, b in bounds if _box_gap(box, b) < own + CLEAR)


def _ring(n: int, cx: float, cy: float) -> Label:
    """A relation's number, centred in a ring of radius MARKER_R at (cx, cy): the box is the ring's."""
    number = make_label([Line(str(n), "marker", bold=True)], round1(cx), cy - LABEL * 1.3 / 2, LABEL, "middle")
    return Label(number.lines, number.x, number.y, number.size, number.line_height, "middle",
                 Box(round1(cx - MARKER_R), round1(cy - MARKER_R), 2 * MARKER_R, 2 * MARKER_R))


def _marker(n: int, path: Path, placed: list[Box], others: list[Path], on_path: bool) -> Label:
    """A relation's number on its arrow (or just beside it when another relation draws the
    arrow), at the first point from the middle out that is clear (`_clear`); else where the
    other arrows are farthest."""
    points = _label_points(path)
    step = MARKER_R + 3
    shifts = ([(0.0, 0.0)] if on_path else []) + [(0.0, -step), (0.0, step), (step, 0.0), (-step, 0.0)]
    bounds = [(p, _path_bounds(p)) for p in others]
    best: tuple[float, Label] | None = None
    for dx, dy in shifts:
        for px, py in points:
            ring = _ring(n, px + dx, py + dy)
            if _clear(ring.box, path, placed, bounds, on_path):
                return ring
            if any(ring.box.overlaps(b, 2) for b in placed):
                continue
            gap = min((box_path_distance(ring.box, p) for p in others), default=CLEAR) - box_path_distance(ring.box, path)
            if best is None or gap > best[0]:
                best = (gap, ring)
    if best is not None:
        return best[1]
    raise RuntimeError("aucune place libre pour le numéro d'une relation")


def _head_box(path: Path) -> Box:
    """Where an arrow's head is drawn: a square of side HEAD around the arrow's last point."""
    x, y = path.commands[-1][1][-1]
    return Box(round1(x - HEAD / 2), round1(y - HEAD / 2), HEAD, HEAD)


def _path_bounds(path: Path) -> Box:
    from .layout import polyline

    pts = polyline(path)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _box_gap(a: Box, b: Box) -> float:
    """The distance between two boxes (0 when they meet): no path inside `b` comes nearer to `a`."""
    dx = max(b.x - a.right, 0.0, a.x - b.right)
    dy = max(b.y - a.bottom, 0.0, a.y - b.bottom)
    return (dx * dx + dy * dy) ** 0.5
