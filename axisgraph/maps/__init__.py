"""Interactive HTML maps and the Neo4j Browser stylesheet.

``render_map(G)`` turns the intermediate graph (or a selection of its
nodes) into one self-contained HTML page that works offline; the page
has a legend, search, filters by kind, relationship type, status and
date, and each link lists the claims behind it with their sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from axisgraph.lazy import lazy_exports

if TYPE_CHECKING:
    from axisgraph.maps.grass import grass_stylesheet
    from axisgraph.maps.options import DEFAULT_LAYOUT_THRESHOLD
    from axisgraph.maps.payload import MapPayload, build_payload
    from axisgraph.maps.render import render_map, render_payload
    from axisgraph.maps.view import MapView

__getattr__ = lazy_exports(
    __name__,
    {
        "DEFAULT_LAYOUT_THRESHOLD": "options",
        "MapPayload": "payload",
        "MapView": "view",
        "build_payload": "payload",
        "grass_stylesheet": "grass",
        "render_map": "render",
        "render_payload": "render",
    },
)

__all__ = [
    "DEFAULT_LAYOUT_THRESHOLD",
    "MapPayload",
    "MapView",
    "build_payload",
    "grass_stylesheet",
    "render_map",
    "render_payload",
]
