"""The actor map: actors in columns by country, their relations as labelled arrows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import model
from ..site import Page, Site
from ..text import elided, typography
from .layout import Box, Label, LegendItem, Line, Path, legend, make_label, round1, wrap


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
    path: Path
    label: Label
    tooltip: str
    status: str = "confirmé"  # of the fact behind the relation: drawn dashed when not confirmé


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


def actor_map(site: Site, page: Page) -> ActorMap:
    """Actors in columns by country (largest group first), ordered by kind inside a column.

    Relations between columns are straight arrows, relations inside a column are arcs
    bulging outside it; every relation's label is slid along its arrow, then away from
    it, until it overlaps no other text or node.
    """
    actors = site.sheet.actors
    size, small = 12.0, 10.5
    node_w, col_gap, margin = 138.0, 150.0, 96.0
    kind_order = list(model.ACTOR_KINDS)
    by_country: dict[str, list[model.Actor]] = defaultdict(list)
    for a in actors:
        by_country[a.country or ""].append(a)
    countries = sorted(by_country, key=lambda c: (c == "", -len(by_country[c]), c))
    legend_kinds = [(k, label, "node") for k, label in model.ACTOR_KINDS.items() if any(a.kind == k for a in actors)]
    width = 2 * margin + len(countries) * node_w + max(len(countries) - 1, 0) * col_gap
    legend_items, legend_bottom = legend(legend_kinds, width, 0, small)
    top0 = legend_bottom + 12

    groups: list[Group] = []
    nodes: dict[str, Node] = {}
    column_of: dict[str, int] = {}
    height = top0
    for ci, code in enumerate(countries):
        x = margin + ci * (node_w + col_gap)
        title_text = site.country(code) if code else "Pays non précisé"
        title = make_label(
            [Line(t, "group", bold=True) for t in wrap(title_text, size, node_w)],
            x + node_w / 2,
            top0 + 6,
            size,
            "middle",
        )
        y = title.box.bottom + 10
        members = sorted(by_country[code], key=lambda a: (kind_order.index(a.kind), a.name.casefold()))
        for a in members:
            name_lines = [Line(t, "name", bold=True) for t in wrap(typography(a.name), size, node_w - 12, bold=True)]
            name = make_label(name_lines, x + node_w / 2, y + 6, size, "middle")
            kind_label = make_label(
                [Line(model.ACTOR_KINDS[a.kind], "kind")], x + node_w / 2, name.box.bottom + 1, small, "middle"
            )
            box = Box(x, y, node_w, round1(kind_label.box.bottom + 6 - y))
            nodes[a.id] = Node(a.id, site.href(a.id, page), a.kind, name, kind_label, box, typography(a.role))
            column_of[a.id] = ci
            y = box.bottom + 30
        box = Box(x - 10, top0, node_w + 20, round1(y - 30 + 10 - top0))
        groups.append(Group(code or "none", title, box))
        height = max(height, box.bottom)

    placed: list[Box] = (
        [g.title.box for g in groups] + [n.box for n in nodes.values()] + [i.label.box for i in legend_items]
    )
    edges: list[Edge] = []
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    relations = [(a, rel) for a in actors for rel in a.relations if rel.target in nodes]
    # where each edge meets each node: spread over the node's side, in the order of the other ends
    ends: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)  # (node, side) -> [(other y, edge)]
    for k, (a, rel) in enumerate(relations):
        for me, other in ((a.id, rel.target), (rel.target, a.id)):
            mine, theirs = nodes[me].box, nodes[other].box
            if column_of[me] == column_of[other]:
                side = "left" if column_of[me] == 0 or len(countries) == 1 else "right"
            else:
                side = "right" if theirs.x > mine.x else "left"
            ends[(me, side)].append((theirs.y + theirs.h / 2, k))
    attach: dict[tuple[str, int], float] = {}
    for (node_id, _), lst in ends.items():
        box = nodes[node_id].box
        for j, (_, k) in enumerate(sorted(lst)):
            attach[(node_id, k)] = round1(box.y + box.h * (j + 1) / (len(lst) + 1))
    for k, (a, rel) in enumerate(relations):
        s, t = nodes[a.id].box, nodes[rel.target].box
        key = tuple(sorted((a.id, rel.target)))
        n = pair_count[key]  # type: ignore[index]
        pair_count[key] += 1  # type: ignore[index]
        same_column = column_of[a.id] == column_of[rel.target]
        path, points = _edge_path(
            s, t, same_column, column_of[a.id], len(countries), n, attach[(a.id, k)], attach[(rel.target, k)]
        )
        verb = model.RELATION_TYPES[rel.type]
        lines = [Line(t_, "relation") for t_ in wrap(typography(verb), small, 118)]
        label = _place(lines, points, small, placed)
        placed.append(label.box)
        status = site.facts[rel.fact].status
        edges.append(Edge(a.id, rel.target, rel.type, path, label,
                          f"{a.name} {elided(verb, site.actors[rel.target].name)} ({model.STATUSES[status][0].lower()})", status))

    all_boxes = placed
    min_x = min([b.x for b in all_boxes] + [0.0])
    min_y = min([b.y for b in all_boxes] + [0.0])
    max_x = max([b.right for b in all_boxes] + [width])
    max_y = max([b.bottom for b in all_boxes] + [height])
    dx = round1(-min_x + 4) if min_x < 4 else 0.0
    dy = round1(-min_y + 2) if min_y < 0 else 0.0
    result = ActorMap(
        name="actor-map",
        width=round1(max_x + dx + 4),
        height=round1(max_y + dy + 8),
        title="Carte des acteurs",
        desc=(
            f"{len(actors)} acteurs regroupés par pays ({', '.join(g.title.lines[0].text for g in groups)}), "
            f"reliés par {len(edges)} relations tirées de la fiche de faits. Les fiches des acteurs suivent la carte."
        ),
        groups=groups,
        nodes=list(nodes.values()),
        edges=edges,
        legend=legend_items,
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
            for dy in (0,) if distance == 0 else (distance, -distance):
                label = make_label(lines, round1(px), round1(py - h / 2 + dy), size, "middle")
                if not any(label.box.overlaps(b, 2) for b in placed):
                    return label
    raise RuntimeError("aucune place libre pour une étiquette de relation")  # 4000 units below is always free
