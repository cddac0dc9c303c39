"""Colours, shapes and line styles for maps, read from the schema.

Everything visual that the schema declares (node kind colours and shapes,
status line styles, the denied style) comes from ``schema.yaml``, through
``axisgraph.graph.schema``. Edge
colours by relationship type come from ``color:`` on a predicate when the
schema gives one, else from a fixed palette, so a type keeps its colour
from one map to the next. The HTML maps and the Neo4j Browser stylesheet
both read this module, so they agree.
"""

from __future__ import annotations

import zlib
from typing import Any

from axisgraph.graph.schema import get_schema

# No reds: red is reserved for denied links, and greys for claim statuses.
EDGE_PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#b8860b",
    "#7b4173",
    "#4a6fa5",
    "#2a9d8f",
    "#a05195",
    "#d08c34",
)
STRUCTURE_COLOR = "#9e9e9e"
FALLBACK_KIND = {"color": "#9e9e9e", "shape": "dot"}


def kind_style(kind: str) -> dict[str, str]:
    """Colour and vis-network shape of a node kind."""
    spec = get_schema().kinds.get(kind)
    if spec is None:
        return dict(FALLBACK_KIND)
    return {"color": spec.color, "shape": spec.shape}


def node_kinds() -> list[str]:
    """Node kinds in schema order."""
    return list(get_schema().kinds)


def status_style(status: str | None) -> dict[str, Any]:
    """Rank, label, colour and dash pattern of a claim status."""
    spec = get_schema().statuses.get(status or "")
    if spec is None:
        return {"rank": 0, "label": status or "no status", "color": "#333333", "dashes": False}
    dashes = list(spec.dashes) if isinstance(spec.dashes, tuple) else spec.dashes
    return {"rank": spec.rank, "label": spec.label, "color": spec.color, "dashes": dashes}


def statuses() -> list[str]:
    """Statuses, strongest first."""
    specs = get_schema().statuses
    return sorted(specs, key=lambda s: -specs[s].rank)


def denied_style() -> dict[str, Any]:
    """How a denied link is drawn, whatever its status."""
    spec = get_schema().denied_style
    return {"color": str(spec.get("color", "#e53935")), "dashes": spec.get("dashes", [3, 3])}


def projected_types() -> list[str]:
    """Projected relationship types in the order the schema declares them."""
    return list(get_schema().projected_types)


def structure_types() -> list[str]:
    """Structure relationship types (HAS_SUBJECT, REPORTED_IN, ...)."""
    return list(get_schema().structure)


def predicate_label(predicate: str | None) -> str:
    """The reading of a claim predicate, e.g. ``supplies arms or materiel to``."""
    spec = get_schema().predicates.get(predicate or "")
    return spec.label if spec else str(predicate or "")


def type_label(rel_type: str) -> str:
    """A human reading of a relationship type."""
    schema = get_schema()
    for spec in schema.predicates.values():
        if spec.projects_to == rel_type:
            return spec.label
    structure = schema.structure.get(rel_type)
    if structure:
        return str(structure.get("label", rel_type))
    return rel_type.replace("_", " ").lower()


def type_color(rel_type: str) -> str:
    """A stable colour for a relationship type."""
    schema = get_schema()
    for spec in schema.predicates.values():
        if spec.projects_to == rel_type and spec.color:
            return spec.color
    if rel_type in schema.structure:
        return str(schema.structure[rel_type].get("color", STRUCTURE_COLOR))
    types = projected_types()
    if rel_type in types:
        return EDGE_PALETTE[types.index(rel_type) % len(EDGE_PALETTE)]
    return EDGE_PALETTE[zlib.crc32(rel_type.encode("utf-8")) % len(EDGE_PALETTE)]
