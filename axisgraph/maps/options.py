"""vis-network options for small maps (physics) and large maps (fixed layout)."""

from __future__ import annotations

from typing import Any

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
DEFAULT_LAYOUT_THRESHOLD = 1000
"""Above this many nodes a map is laid out in Python, with physics off."""
STABILIZATION_ITERATIONS = 200
REPULSION_LIMIT = 200


def _solver(node_count: int) -> dict[str, Any]:
    """A physics solver: plain repulsion spreads small maps most legibly, but it
    is quadratic, so bigger maps use forceAtlas2 (Barnes-Hut approximated)."""
    if node_count <= REPULSION_LIMIT:
        return {
            "solver": "repulsion",
            "repulsion": {
                "nodeDistance": 180,
                "centralGravity": 0.15,
                "springLength": 160,
                "springConstant": 0.04,
                "damping": 0.3,
            },
        }
    return {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -120,
            "centralGravity": 0.015,
            "springLength": 140,
            "springConstant": 0.05,
            "avoidOverlap": 0.6,
            "damping": 0.5,
        },
    }


def vis_options(*, large: bool, node_count: int) -> dict[str, Any]:
    """Options for ``vis.Network``.

    Small maps run physics for a bounded number of stabilisation steps
    (``app.js`` switches physics off afterwards, so the picture settles and
    stays). Large maps arrive with positions, so physics, smooth curves
    and edge drawing during drag and zoom are off.
    """
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "font": {"face": _FONT, "size": 14, "color": "#1d1d1f", "strokeWidth": 3},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 100,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
        },
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
    }
    if large:
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = False
        options["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": True})
        options["layout"]["improvedLayout"] = False
    else:
        options["physics"] = {
            "enabled": True,
            **_solver(node_count),
            "stabilization": {
                "enabled": True,
                "iterations": STABILIZATION_ITERATIONS,
                "updateInterval": 20,
                "fit": True,
            },
        }
    return options
