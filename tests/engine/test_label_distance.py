"""The label placement's distances (`diagrams/layout.py`): `box_hits_path` first asks the
whole path's bounding box, `box_path_distance` skips the
segments whose bounding box is already farther than the nearest found, and `path_within`
stops at the first segment nearer than its limit. Both must answer exactly what measuring
every segment answers: the pictures may not move for the speed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.diagrams.actor_map import _around
from explainer.diagrams.layout import (Box, Line, Path, _boxed_segments, _cross, _point_box_distance, _point_segment_distance,
                                       box_hits_path, box_path_distance, make_label, path_within, round1)


def hits_every_segment(box: Box, path: Path, margin: float = 0.0) -> bool:
    """Whether the path runs through the box, as asked before the whole path's box was: each segment."""
    x0, y0, x1, y1 = box.x - margin, box.y - margin, box.right + margin, box.bottom + margin
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    sides = list(zip(corners, corners[1:] + corners[:1]))
    for a, b, sx0, sx1, sy0, sy1 in _boxed_segments(path):
        if sx1 < x0 or x1 < sx0 or sy1 < y0 or y1 < sy0:
            continue
        if x0 < a[0] < x1 and y0 < a[1] < y1 or x0 < b[0] < x1 and y0 < b[1] < y1:
            return True
        if any(_cross(a, b, c, d) for c, d in sides):
            return True
    return False


def every_segment(box: Box, path: Path) -> float:
    """The distance as measured before the skip: every segment, ends and corners."""
    if hits_every_segment(box, path):
        return 0.0
    x0, y0, x1, y1 = box.x, box.y, box.right, box.bottom
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    best = float("inf")
    for a, b, *_ in _boxed_segments(path):
        best = min(best, _point_box_distance(a, x0, y0, x1, y1), _point_box_distance(b, x0, y0, x1, y1),
                   *(_point_segment_distance(c, a, b) for c in corners))
    return best


COORD = st.floats(min_value=-50, max_value=450, allow_nan=False).map(lambda v: round(v, 1))
POINT = st.tuples(COORD, COORD)
PATHS = st.one_of(
    st.lists(POINT, min_size=2, max_size=6).map(lambda pts: Path((("M", (pts[0],)), *(("L", (p,)) for p in pts[1:])))),
    st.tuples(POINT, POINT, POINT, POINT).map(lambda p: Path((("M", (p[0],)), ("C", (p[1], p[2], p[3]))))),
)
BOXES = st.builds(Box, COORD, COORD, st.floats(0, 120).map(lambda v: round(v, 1)), st.floats(0, 60).map(lambda v: round(v, 1)))


@settings(max_examples=400, deadline=None)
@given(BOXES, PATHS, st.floats(0, 60))
def test_the_skips_change_no_distance(box, path, limit):
    assert box_hits_path(box, path) == hits_every_segment(box, path)
    assert box_hits_path(box, path, 3.0) == hits_every_segment(box, path, 3.0)
    assert box_path_distance(box, path) == every_segment(box, path)
    assert path_within(box, path, limit) == (every_segment(box, path) < limit)


def test_a_label_at_the_limit_is_not_within():
    path = Path((("M", ((0.0, 0.0),)), ("L", ((100.0, 0.0),))))
    box = Box(10.0, 8.0, 20.0, 5.0)  # 8 units above the line
    assert box_path_distance(box, path) == 8.0
    assert not path_within(box, path, 8.0) and path_within(box, path, 8.01)
    assert path_within(Box(10.0, -2.0, 20.0, 4.0), path, 0.5)  # the line runs through it


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéàç ABC-'", min_size=1, max_size=24), min_size=1, max_size=4),
       st.sampled_from([10.0, 11.0, 12.0, 13.5]), st.lists(POINT, min_size=1, max_size=12))
def test_every_place_tried_lies_in_the_area_asked(texts, size, tops):
    """`_place` tests only the placed boxes near its area: every label box it may make lies
    inside that area, so no box left out could have been in the way."""
    lines = [Line(t, "relation") for t in texts]
    probe = make_label(lines, 0, 0, size, "middle")
    area = _around(tops, probe.box.w, probe.box.h, "middle")
    for x, top in tops:
        box = make_label(lines, round1(x), round1(top), size, "middle").box
        assert area.x <= box.x and box.right <= area.right and area.y <= box.y and box.bottom <= area.bottom
