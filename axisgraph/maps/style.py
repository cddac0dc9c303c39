"""Colours, shapes and line styles for maps, read from the schema.

Everything visual that the schema declares (node kind colours and shapes,
status line styles, the denied style) comes from ``schema.yaml``. Edge
colours by relationship type come from ``color:`` on a predicate when the
schema gives one, else from a fixed palette, so a type keeps its colour
from one map to the next. The HTML maps and the Neo4j Browser stylesheet
both read this module, so they agree.
"""

from __future__ import annotations

import functools
import zlib
from importlib import resources
from typing import Any

import yaml

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


@functools.cache
def _schema() -> dict[str, Any]:
    """Return the schema as plain data.

    Everything in ``axisgraph.maps`` reads the schema through this one
    function. It reads the same ``schema.yaml`` as ``axisgraph.graph.schema``
    but keeps the raw mapping, because maps also use keys the parsed model
    leaves out (an optional ``color`` per predicate or structure type).
    """
    text = resources.files("axisgraph.graph").joinpath("schema.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def kind_style(kind: str) -> dict[str, str]:
    """Colour and vis-network shape of a node kind."""
    spec = _schema().get("node_kinds", {}).get(kind)
    if not spec:
        return dict(FALLBACK_KIND)
    return {
        "color": str(spec.get("color", FALLBACK_KIND["color"])),
        "shape": str(spec.get("shape", FALLBACK_KIND["shape"])),
    }


def node_kinds() -> list[str]:
    """Node kinds in schema order."""
    return list(_schema().get("node_kinds", {}))


def status_style(status: str | None) -> dict[str, Any]:
    """Rank, label, colour and dash pattern of a claim status."""
    spec = _schema().get("statuses", {}).get(status or "")
    if not spec:
        return {"rank": 0, "label": status or "no status", "color": "#333333", "dashes": False}
    return {
        "rank": int(spec.get("rank", 0)),
        "label": str(spec.get("label", status)),
        "color": str(spec.get("color", "#333333")),
        "dashes": spec.get("dashes", False),
    }


def statuses() -> list[str]:
    """Statuses, strongest first."""
    specs = _schema().get("statuses", {})
    return sorted(specs, key=lambda s: -int(specs[s].get("rank", 0)))


def denied_style() -> dict[str, Any]:
    """How a denied link is drawn, whatever its status."""
    spec = _schema().get("denied_style", {})
    return {"color": str(spec.get("color", "#e53935")), "dashes": spec.get("dashes", [3, 3])}


def projected_types() -> list[str]:
    """Projected relationship types in the order the schema declares them."""
    seen: dict[str, None] = {}
    for spec in _schema().get("predicates", {}).values():
        seen.setdefault(str(spec["projects_to"]), None)
    return list(seen)


def structure_types() -> list[str]:
    """Structure relationship types (HAS_SUBJECT, REPORTED_IN, ...)."""
    return list(_schema().get("structure", {}))


def predicate_label(predicate: str | None) -> str:
    """The reading of a claim predicate, e.g. ``supplies arms or materiel to``."""
    spec = _schema().get("predicates", {}).get(predicate or "")
    return str(spec.get("label", predicate)) if spec else str(predicate or "")


def type_label(rel_type: str) -> str:
    """A human reading of a relationship type."""
    for spec in _schema().get("predicates", {}).values():
        if spec.get("projects_to") == rel_type:
            return str(spec.get("label", rel_type))
    spec = _schema().get("structure", {}).get(rel_type)
    if spec:
        return str(spec.get("label", rel_type))
    return rel_type.replace("_", " ").lower()


def type_color(rel_type: str) -> str:
    """A stable colour for a relationship type."""
    for spec in _schema().get("predicates", {}).values():
        if spec.get("projects_to") == rel_type and spec.get("color"):
            return str(spec["color"])
    if rel_type in _schema().get("structure", {}):
        return str(_schema()["structure"][rel_type].get("color", STRUCTURE_COLOR))
    types = projected_types()
    if rel_type in types:
        return EDGE_PALETTE[types.index(rel_type) % len(EDGE_PALETTE)]
    return EDGE_PALETTE[zlib.crc32(rel_type.encode("utf-8")) % len(EDGE_PALETTE)]
