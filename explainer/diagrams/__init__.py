"""Diagram layouts, computed at build time from the site plan: timeline, actor map, deals.

Pure Python: the modules compute positions, label boxes (from a text-width estimate)
and collision-free label placement, and return plain dataclasses. The SVG markup is in
`templates/diagrams/*.svg.j2`; the pages inline it so that it takes the theme's colours.

- `layout.py`: text metrics, boxes, labels, paths, legends (shared);
- `timeline.py`, `actor_map.py`, `deals.py`: one kind of diagram each.

Templates reach them through `diagrams` in their context (`render.py`):
`diagrams.timeline(page)` and so on; every link inside a drawing comes from the site plan
(`Site.href`), right from the page the drawing is on.
"""

from __future__ import annotations

from ..site import Page, Site
from .actor_list import ActorList, actor_list
from .actor_map import ActorMap, actor_map, actor_maps
from .deals import DealDiagram, deal_diagram
from .layout import Box, first_overlap, text_width, wrap
from .timeline import Timeline, timeline_compact, timeline_vertical

__all__ = ["Box", "Diagrams", "first_overlap", "text_width", "wrap"]


class Diagrams:
    """What the templates call: `diagrams.timeline(page)` and so on."""

    def __init__(self, site: Site):
        self.site = site

    def timeline(self, page: Page) -> Timeline:
        return timeline_vertical(self.site, page, width=680, two_sided=True)  # the desk column is 688 px: text at full size

    def timeline_compact(self, page: Page) -> Timeline:
        return timeline_compact(self.site, page)

    def timeline_compact_narrow(self, page: Page) -> Timeline:
        """The home page's timeline on a phone: the same drawing, 356 units wide (a 390 px
        screen's column is 358 px: one unit is at least a pixel, its text at least 12 px)."""
        return timeline_compact(self.site, page, width=356, name="timeline-compact-narrow")

    def timeline_narrow(self, page: Page) -> Timeline:
        return timeline_vertical(self.site, page)

    def actor_map(self, page: Page) -> ActorMap:
        return actor_map(self.site, page)

    def actor_maps(self, page: Page) -> list[ActorMap]:
        return actor_maps(self.site, page)

    def actor_list(self, page: Page) -> ActorList:
        return actor_list(self.site, page)

    def deals(self, page: Page) -> list[DealDiagram]:
        return [deal_diagram(self.site, d, page) for d in self.site.sheet.deals]
