"""Layout primitives shared by every diagram: text metrics, boxes, labels, paths, legends.

Every text's box is estimated with the advance widths of DejaVu Sans, wider than the
Helvetica/Arial/system fonts the theme asks for, so real text fits inside its box.
Coordinates are SVG user units; every number the templates print is rounded to 0.1.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass, field

# --- text measurement ------------------------------------------------------------------

#: Advance widths in em (DejaVu Sans); anything else counts as WIDE.
# fmt: off
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
# fmt: on
WIDE = 0.8
BOLD = 1.1  # bold text is about a tenth wider


@functools.lru_cache(maxsize=16384)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of `text` at font size `size` (user units). Remembered: the label
    placement measures the same lines at every position it tries."""
    total = 0.0
    for ch in text:
        width = _WIDTHS.get(ch)
        if width is None:  # an accented letter counts as its base letter
            width = _WIDTHS.get(unicodedata.normalize("NFD", ch)[0], WIDE)
        total += width
    return total * size * (BOLD if bold else 1.0)


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of `text` to lines no wider than `width` (a word wider than a line is
    cut, a hyphen ending each piece but the last)."""
    lines: list[str] = []
    current = ""
    words: list[str] = []
    for word in text.split():
        piece, used = "", text_width("-", size, bold)
        too_wide = text_width(word, size, bold) > width
        for ch in word:  # widths add up: one pass over the word
            w = text_width(ch, size, bold)
            if too_wide and piece and used + w > width:
                words.append(piece + "-")
                piece, used = "", text_width("-", size, bold)
            piece += ch
            used += w
        words.append(piece)
    for word in words:
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
        """Whether the two boxes share more than an edge (to a thousandth of a unit: positions
        are rounded to a tenth, their sums are not exact)."""
        g = gap - 0.001
        return not (
            self.right + g <= other.x
            or other.right + g <= self.x
            or self.bottom + g <= other.y
            or other.bottom + g <= self.y
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
        return Label(
            self.lines,
            round1(self.x + dx),
            round1(self.y + dy),
            self.size,
            self.line_height,
            self.anchor,
            self.box.shifted(dx, dy),
        )


def round1(value: float) -> float:
    """Coordinates are printed with one decimal (smaller files, no float noise)."""
    return round(value, 1)


def make_label(
    lines: list[Line], x: float, top: float, size: float, anchor: str = "start", leading: float = 1.3
) -> Label:
    """A label whose box's top-left (or top-right for anchor end) is at (x, top)."""
    lh = size * leading
    width = max(text_width(ln.text, size, ln.bold) for ln in lines)
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    height = lh * len(lines)
    return Label(
        lines,
        round1(x),
        round1(top + size * 0.95),
        size,
        round1(lh),
        anchor,
        Box(round1(left), round1(top), round1(width), round1(height)),
    )


def first_overlap(boxes: list[Box]) -> tuple[Box, Box] | None:
    """Two boxes that overlap, or None: what the tests check for every diagram."""
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a.overlaps(b):
                return a, b
    return None


@dataclass(frozen=True)
class Path:
    """SVG path data kept as numbers: absolute commands (M, L, C) and their points.

    Moving a drawing moves its numbers (`shifted`); the template prints `str(path)`.
    """

    commands: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]

    def __bool__(self) -> bool:
        return bool(self.commands)

    def shifted(self, dx: float, dy: float) -> Path:
        return Path(tuple((cmd, tuple((x + dx, y + dy) for x, y in points)) for cmd, points in self.commands))

    def __str__(self) -> str:
        return " ".join(
            cmd + " ".join(f"{round1(x):g} {round1(y):g}" for x, y in points) for cmd, points in self.commands
        )


# --- legends ---------------------------------------------------------------------------


@dataclass
class LegendItem:
    kind: str
    text: str
    x: float
    y: float
    shape: str  # "circle", "diamond" or "moved"
    label: Label


def legend(kinds: list[tuple[str, str, str]], width: float, top: float, size: float) -> tuple[list[LegendItem], float]:
    """Legend entries (kind, text, shape) laid out in rows; returns the items and the bottom."""
    items = []
    x, y = 0.0, top
    row_h = size * 1.6
    for kind, label_text, shape in kinds:
        w = 16 + text_width(label_text, size) + 14
        if x > 0 and x + w > width:
            x, y = 0.0, y + row_h
        label = make_label([Line(label_text, "legend")], x + 16, y, size)
        items.append(LegendItem(kind, label_text, round1(x + 6), round1(y + size * 0.6), shape, label))
        x += w
    return items, y + row_h


# --- edges as polylines: crossings, labels over edges ------------------------------------


def polyline(path: Path, steps: int = 16) -> list[tuple[float, float]]:
    """The points of a path (cubic curves sampled in `steps` segments)."""
    points: list[tuple[float, float]] = []
    for cmd, pts in path.commands:
        if cmd in ("M", "L"):
            points.extend(pts)
        elif cmd == "C" and points:
            p0 = points[-1]
            p1, p2, p3 = pts
            for k in range(1, steps + 1):
                t = k / steps
                u = 1 - t
                points.append((
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                ))
    return points


def _segments(points: list[tuple[float, float]]):
    return list(zip(points, points[1:]))


@functools.lru_cache(maxsize=4096)
def _boxed_segments(path: Path) -> tuple[tuple, ...]:
    """The segments of a path's polyline, each with its bounding box: (a, b, x0, x1, y0, y1)."""
    pts = polyline(path)
    return tuple((a, b, min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])) for a, b in zip(pts, pts[1:]))


@functools.lru_cache(maxsize=4096)
def _path_box(path: Path) -> tuple[float, float, float, float]:
    """The bounding box of a path's polyline: (x0, x1, y0, y1), its segments' boxes' union."""
    segments = _boxed_segments(path)
    if not segments:
        return (math.inf, -math.inf, math.inf, -math.inf)  # no segment: nothing to hit
    return (min(s[2] for s in segments), max(s[3] for s in segments), min(s[4] for s in segments), max(s[5] for s in segments))


def _cross(a, b, c, d) -> bool:
    """Segments ab and cd cross at a point inside both (touching ends do not count)."""
    ax, ay = a
    bx, by = b
    cx, cy = c
    dx, dy = d
    d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx)
    d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx)
    if not (d1 > 1e-9 and d2 < -1e-9 or d1 < -1e-9 and d2 > 1e-9):
        return False
    d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax)
    return d3 > 1e-9 and d4 < -1e-9 or d3 < -1e-9 and d4 > 1e-9


def crossings(paths: list[Path]) -> int:
    """How many times two different edges cross (each crossing point counted once).

    Two segments whose bounding boxes do not meet cannot cross: only the others are tested
    (the count is the one testing every pair gives, in a fraction of the time)."""
    lines = [_boxed_segments(p) for p in paths]
    total = 0
    for i, first in enumerate(lines):
        for second in lines[i + 1:]:
            for a, b, x0, x1, y0, y1 in first:
                for c, d, u0, u1, v0, v1 in second:
                    if x1 < u0 or u1 < x0 or y1 < v0 or v1 < y0:
                        continue
                    if _cross(a, b, c, d):
                        total += 1
    return total


def box_hits_path(box: Box, path: Path, margin: float = 0.0) -> bool:
    """Whether a path passes through a box (a label drawn over an edge)."""
    x0, y0, x1, y1 = box.x - margin, box.y - margin, box.right + margin, box.bottom + margin
    px0, px1, py0, py1 = _path_box(path)
    if px1 < x0 or x1 < px0 or py1 < y0 or y1 < py0:  # the whole path's box misses it: so does every segment's
        return False
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    sides = list(zip(corners, corners[1:] + corners[:1]))
    for a, b, sx0, sx1, sy0, sy1 in _boxed_segments(path):
        if sx1 < x0 or x1 < sx0 or sy1 < y0 or y1 < sy0:  # the segment's box misses the box: no end in it, no side crossed
            continue
        if x0 < a[0] < x1 and y0 < a[1] < y1 or x0 < b[0] < x1 and y0 < b[1] < y1:
            return True
        if any(_cross(a, b, c, d) for c, d in sides):
            return True
    return False


def _point_box_distance(p: tuple[float, float], x0: float, y0: float, x1: float, y1: float) -> float:
    dx = max(x0 - p[0], 0.0, p[0] - x1)
    dy = max(y0 - p[1], 0.0, p[1] - y1)
    return (dx * dx + dy * dy) ** 0.5


def _point_segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    vx, vy = bx - ax, by - ay
    length = vx * vx + vy * vy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - ax) * vx + (p[1] - ay) * vy) / length))
    cx, cy = ax + t * vx - p[0], ay + t * vy - p[1]
    return (cx * cx + cy * cy) ** 0.5


#: A segment is skipped only when its bounding box is this much farther than the distance
#: that matters: rounding can never make a skipped segment the nearer one.
_SKIP = 1e-6


def _segment_distance(x0: float, y0: float, x1: float, y1: float, corners, a, b) -> float:
    """How far one segment passes from a box (from its ends to the box, from the box's corners
    to it; the segment does not cross the box)."""
    return min(_point_box_distance(a, x0, y0, x1, y1), _point_box_distance(b, x0, y0, x1, y1),
               *(_point_segment_distance(c, a, b) for c in corners))


def _gap_to_segment_box(x0: float, y0: float, x1: float, y1: float, sx0: float, sx1: float, sy0: float, sy1: float) -> float:
    """The distance between a box and a segment's bounding box: the segment is no nearer."""
    dx = max(sx0 - x1, 0.0, x0 - sx1)
    dy = max(sy0 - y1, 0.0, y0 - sy1)
    return (dx * dx + dy * dy) ** 0.5


def box_path_distance(box: Box, path: Path) -> float:
    """How far a path passes from a box (0 when it runs through it): which arrow a reader
    takes a label for. A segment whose bounding box is already farther than the nearest one
    found is not measured (it cannot be nearer)."""
    if box_hits_path(box, path):
        return 0.0
    x0, y0, x1, y1 = box.x, box.y, box.right, box.bottom
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    best = float("inf")
    for a, b, sx0, sx1, sy0, sy1 in _boxed_segments(path):
        if _gap_to_segment_box(x0, y0, x1, y1, sx0, sx1, sy0, sy1) > best + _SKIP:
            continue
        best = min(best, _segment_distance(x0, y0, x1, y1, corners, a, b))
    return best


def path_within(box: Box, path: Path, limit: float) -> bool:
    """Whether a path passes nearer than `limit` to a box — `box_path_distance(box, path) <
    limit` — stopping at the first segment that does, skipping those whose bounding box is
    farther."""
    if limit <= 0:
        return False
    if box_hits_path(box, path):
        return True
    x0, y0, x1, y1 = box.x, box.y, box.right, box.bottom
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    for a, b, sx0, sx1, sy0, sy1 in _boxed_segments(path):
        if _gap_to_segment_box(x0, y0, x1, y1, sx0, sx1, sy0, sy1) > limit + _SKIP:
            continue
        if _segment_distance(x0, y0, x1, y1, corners, a, b) < limit:
            return True
    return False
