"""Interactive HTML maps and the Neo4j Browser stylesheet.

``render_map(G)`` turns the intermediate graph (or a selection of its
nodes) into one self-contained HTML page that works offline; the page
has a legend, search, filters by kind, relationship type, status and
date, and each link lists the claims behind it with their sources.
"""

from axisgraph.maps.grass import grass_stylesheet
from axisgraph.maps.payload import MapPayload, build_payload
from axisgraph.maps.render import DEFAULT_LAYOUT_THRESHOLD, render_map, render_payload
from axisgraph.maps.view import MapView

__all__ = [
    "DEFAULT_LAYOUT_THRESHOLD",
    "MapPayload",
    "MapView",
    "build_payload",
    "grass_stylesheet",
    "render_map",
    "render_payload",
]
