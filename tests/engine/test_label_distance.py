"""The label placement's distances (`diagrams/layout.py`): `box_path_distance` skips the
segments whose bounding box is already farther than the nearest found, and `path_within`
stops at the first segment nearer than its limit. Both must answer exactly what measuring
every segment answers: the pictures may not move for the speed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.diagrams.layout import (Box, Path, _boxed_segments, _point_box_distance, _point_segment_distance,
                                       box_hits_path, box_path_distance, path_within)


def every_segment(box: Box, path: Path) -> float:
    """The distance as measured before the skip: every segment, ends and corners."""
    if box_hits_path(box, path):
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
    assert box_path_distance(box, path) == every_segment(box, path)
    assert path_within(box, path, limit) == (every_segment(box, path) < limit)


def test_a_label_at_the_limit_is_not_within():
    path = Path((("M", ((0.0, 0.0),)), ("L", ((100.0, 0.0),))))
    box = Box(10.0, 8.0, 20.0, 5.0)  # 8 units above the line
    assert box_path_distance(box, path) == 8.0
    assert not path_within(box, path, 8.0) and path_within(box, path, 8.01)
    assert path_within(Box(10.0, -2.0, 20.0, 4.0), path, 0.5)  # the line runs through it
