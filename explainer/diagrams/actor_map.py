"""The actor map for a desk: actors in columns by country, their relations as labelled arrows.

The drawing is laid out to be read, not only to be complete:

- a country with many actors takes two columns side by side (people and authorities in
  one, companies and investors in the other), inside one country frame;
- the columns' order, and each column's order, are chosen to cross as few arrows as
  possible: every order of the countries (and of a country's two columns) is tried, each
  with rows sorted by the mean position of their neighbours (barycentre sweeps), and the
  layout with the fewest crossings is kept (`crossings`, counted on the drawn paths);
- each relation's label sits on its own arrow, slid along it and then away from it until
  it covers no other label, no actor and no other arrow (`box_hits_path`).

The phone has its own picture (`actor_list.py`), in the same order of countries.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from .. import model
from ..site import Page, Site
from ..text import elided, in_letters, typography
from .layout import Box, Label, LegendItem, Line, Path, box_hits_path, crossings, legend, make_label, round1, wrap


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
        return (
            [g.title.box for g in self.groups]
            + [n.box for n in self.nodes]
            + [e.label.box for e in self.edges]
            + [i.label.box for i in self.legend]
        )

    def paths(self) -> list[Path]:
        return [e.path for e in self.edges]


#: A country with more actors than this takes two columns.
SPLIT_AT = 7
#: Kinds of the first of a country's two columns (people and authorities); the rest go in the second.
FIRST_COLUMN_KINDS = ("personne", "gouvernement", "administration")
SIZE, SMALL = 12.0, 10.5
NODE_W, COL_GAP, SUB_GAP, MARGIN, ROW_GAP = 126.0, 124.0, 124.0, 56.0, 40.0


def column_order(site: Site, actors: list[model.Actor] | None = None) -> list[tuple[str, list[model.Actor]]]:
    """The countries (largest group first, unknown last) and their actors, by kind then name:
    the order of the phone's list, and the desk map's order before it minimises crossings."""
    kind_order = list(model.ACTOR_KINDS)
    by_country: dict[str, list[model.Actor]] = defaultdict(list)
    for a in site.sheet.actors if actors is None else actors:
        by_country[a.country or ""].append(a)
    countries = sorted(by_country, key=lambda c: (c == "", -len(by_country[c]), c))
    return [
        (c, sorted(by_country[c], key=lambda a: (kind_order.index(a.kind), a.name.casefold()))) for c in countries
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
        kind_label = make_label([Line(model.ACTOR_KINDS[a.kind], "kind")], 0, name.box.bottom + 1, SMALL, "middle")
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


def _geometry(columns: list[_Column], rels: Relations, heights, top0: float, title_h: float) -> _Geometry:
    xs: dict[str, float] = {}
    ys: dict[str, float] = {}
    column_of: dict[str, int] = {}
    x = MARGIN
    bottom = top0
    for ci, col in enumerate(columns):
        if ci:
            x += NODE_W + (SUB_GAP if columns[ci - 1].country == col.country else COL_GAP)
        y = top0 + title_h + 10
        for a in col.actors:
            xs[a.id], ys[a.id] = x, y
            column_of[a.id] = ci
            y += heights[a.id][2] + ROW_GAP
        bottom = max(bottom, y - ROW_GAP + 10)
    boxes = {a: Box(xs[a], ys[a], NODE_W, heights[a][2]) for a in xs}
    ends: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    sides: dict[tuple[str, int], str] = {}
    for k, (a, rel) in enumerate(rels):
        for me, other in ((a.id, rel.target), (rel.target, a.id)):
            mine, theirs = boxes[me], boxes[other]
            if column_of[me] == column_of[other]:
                side = "left" if column_of[me] == 0 or len(columns) == 1 else "right"
            else:
                side = "right" if theirs.x > mine.x else "left"
            sides[(me, k)] = side
            ends[(me, side)].append((theirs.y + theirs.h / 2, k))
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
    return _Geometry(columns, xs, ys, column_of, paths, rels, bottom)


def _arrangements(site: Site, actors: list[model.Actor]) -> list[list[_Column]]:
    """Candidate column orders: every order of the columns (a country's two columns may be
    apart, each then gets its frame) when there are at most five, else the default order."""
    columns = [col for cols in _country_columns(site, actors) for col in cols]
    orders = itertools.permutations(columns) if len(columns) <= 5 else [tuple(columns)]
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
    """The desk's pictures, one per question (`model.RELATION_QUESTIONS`): each shows the
    relations of its types and the actors they join (an actor with no relation is on the
    phone's list and in the cards, not here)."""
    everything = _relations(site)
    out = []
    for key, (question, _types) in model.RELATION_QUESTIONS.items():
        rels = [(a, rel) for a, rel in everything if model.relation_question(rel.type) == key]
        if not rels:
            continue
        ids = {a.id for a, _ in rels} | {rel.target for _, rel in rels}
        actors = [a for a in site.sheet.actors if a.id in ids]
        out.append(actor_map(site, page, actors, rels, f"actor-map-{key}", question))
    if not out and site.sheet.actors:
        out.append(actor_map(site, page))
    return out


def actor_map(
    site: Site,
    page: Page,
    actors: list[model.Actor] | None = None,
    relations: Relations | None = None,
    name: str = "actor-map",
    title: str = "Carte des acteurs",
) -> ActorMap:
    """One picture: `actors` (all by default) in columns by country, `relations` (all) as arrows."""
    actors = list(site.sheet.actors) if actors is None else actors
    rels = _relations(site) if relations is None else relations
    map_name, map_title = name, title
    heights = _node_heights(site)
    legend_kinds = [(k, label, "node") for k, label in model.ACTOR_KINDS.items() if any(a.kind == k for a in actors)]
    probe_width = 2 * MARGIN + max(len(_country_columns(site, actors)), 1) * (NODE_W + COL_GAP)
    legend_items, legend_bottom = legend(legend_kinds, probe_width, 0, SMALL)
    top0 = legend_bottom + 12
    title_h = SIZE * 1.3 * 2 + 6  # room for a two-line country name

    def score(geo: _Geometry) -> tuple[int, float]:
        return crossings(geo.paths) + 10 * _through_nodes(geo, heights), sum(_length(p) for p in geo.paths)

    best: tuple[tuple[int, float], _Geometry] | None = None
    for columns in _arrangements(site, actors):
        for candidate in (columns, _sweep(columns, rels)):
            geo = _geometry(candidate, rels, heights, top0, title_h)
            value = score(geo)
            if best is None or value < best[0]:
                best = (value, geo)
    assert best is not None
    # then swap neighbours in a column while that lowers the score (a few dozen layouts at most)
    improved = True
    while improved and best[0][0] > 0:
        improved = False
        for ci, col in enumerate(best[1].columns):
            for ri in range(len(col.actors) - 1):
                columns = [_Column(c.country, list(c.actors)) for c in best[1].columns]
                row = columns[ci].actors
                row[ri], row[ri + 1] = row[ri + 1], row[ri]
                geo = _geometry(columns, rels, heights, top0, title_h)
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
            name0, kind0, h = heights[a.id]
            cx, top = geo.x[a.id] + NODE_W / 2, geo.y[a.id]
            name = name0.shifted(cx, top)
            kind_label = kind0.shifted(cx, top)
            nodes[a.id] = Node(a.id, site.href(a.id, page), a.kind, name, kind_label, Box(geo.x[a.id], top, NODE_W, h),
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
        title_text = site.country(code) if code else "Pays non précisé"
        title = make_label([Line(t, "group", bold=True) for t in wrap(title_text, SIZE, right - left)],
                           (left + right) / 2, top0 + 6, SIZE, "middle")
        bottom = max(n.box.bottom for n in members) + 10
        groups.append(Group(code or "none", title, Box(round1(left - 10), top0, round1(right - left + 20), round1(bottom - top0))))
    height = max(g.box.bottom for g in groups)

    # labels: on their own arrow, clear of every other text, actor and arrow
    placed: list[Box] = [g.title.box for g in groups] + [n.box for n in nodes.values()] + [i.label.box for i in legend_items]
    edges: list[Edge] = []
    for k, (a, rel) in enumerate(rels):
        path = geo.paths[k]
        others = [p for j, p in enumerate(geo.paths) if j != k]
        verb = model.RELATION_TYPES[rel.type]
        lines = [Line(t_, "relation") for t_ in wrap(typography(verb), SMALL, 100)]
        label = _place(lines, _label_points(path), SMALL, placed, others)
        placed.append(label.box)
        status = site.status(rel.fact)
        edges.append(Edge(a.id, rel.target, rel.type, status, path, label,
                          f"{typography(a.name)} {elided(typography(verb), typography(site.actors[rel.target].name))} ({status})"))

    all_boxes = placed
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
            f"{in_letters(len(actors)).capitalize()} acteurs regroupés par pays "
            f"({', '.join(site.country(g.key) if g.key != 'none' else 'pays non précisé' for g in groups)}), "
            f"reliés par {in_letters(len(edges), True)} relation{'s' if len(edges) > 1 else ''} tirée{'s' if len(edges) > 1 else ''} des articles, "
            "en pointillés quand le fait qui les rapporte n'est pas confirmé. Les fiches des acteurs suivent la carte."
        ),
        groups=groups,
        nodes=list(nodes.values()),
        edges=edges,
        legend=legend_items,
    )
    if dx or dy:
        _shift_map(result, dx, dy)
    return result


def _through_nodes(geo: _Geometry, heights) -> int:
    """How many (arrow, actor) pairs where the arrow crosses an actor it does not join."""
    boxes = {a: Box(geo.x[a], geo.y[a], NODE_W, heights[a][2]) for a in geo.x}
    total = 0
    for (a, rel), path in zip(geo.relations, geo.paths):
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

    pts = polyline(path, 10)
    inner = pts[2:-2] if len(pts) > 6 else pts
    # between columns, the path has two points: sample it
    if len(inner) < 5 and len(pts) >= 2:
        (x0, y0), (x1, y1) = pts[0], pts[-1]
        inner = [(x0 + (x1 - x0) * k / 12, y0 + (y1 - y0) * k / 12) for k in range(2, 11)]
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


def _place(lines: list[Line], points: list[tuple[float, float]], size: float, placed: list[Box], others: list[Path]) -> Label:
    """The first free position for a label centred on one of `points`, then farther away:
    clear of every placed box and of every other arrow (its own arrow runs under it, with a halo).
    If no position clears the other arrows, the first one clear of the boxes."""
    probe = make_label(lines, 0, 0, size, "middle")
    h = probe.box.h
    fallback = None
    for distance in range(0, 4000, 7):
        for px, py in points:
            for dy in (0,) if distance == 0 else (distance, -distance):
                label = make_label(lines, round1(px), round1(py - h / 2 + dy), size, "middle")
                if any(label.box.overlaps(b, 2) for b in placed):
                    continue
                if not any(box_hits_path(label.box, p, 1) for p in others):
                    return label
                if fallback is None:
                    fallback = label
        if fallback is not None and distance > 200:
            return fallback
    raise RuntimeError("aucune place libre pour une étiquette de relation")  # 4000 units below is always free
