"""Memory implementation of a weapon's trail: who makes, moves, holds and restricts it.

Roles, in this order: ``produces``, ``supplies`` and ``receives`` (supply claims that involve
the weapon), ``possesses``, ``restricts``, ``component`` (everything that is, through
``COMPONENT_OF``, part of the weapon), ``produces component``, ``component maker located in``
(projected ``LOCATED_IN`` of component makers) and ``component maker country`` (their
``country`` property).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axisgraph.queries.spec import Params, Row
from axisgraph.queries.view import View, rank

if TYPE_CHECKING:  # networkx costs 0.2 s at start: imported where a graph is made
    import networkx as nx

ROLES = (
    "produces",
    "supplies",
    "receives",
    "possesses",
    "restricts",
    "component",
    "produces component",
    "component maker located in",
    "component maker country",
)


def _row(view: View, role: str, via: str, node: str, d: dict[str, Any] | None) -> Row:
    return {
        "role": role,
        "via": via,
        "node_id": node,
        "name": view.name(node),
        "kind": view.kind(node),
        "status": d["status"] if d else None,
        "claims": list(d["claims"]) if d else [],
        "denied": bool(d["denied"]) if d else False,
    }


def _components(view: View, weapon: str) -> set[str]:
    """Nodes with a path of one or more projected ``COMPONENT_OF`` relationships to ``weapon``."""
    seen: set[str] = set()
    stack = [u for u, _ in view.projected_in(weapon, "COMPONENT_OF")]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(u for u, _ in view.projected_in(node, "COMPONENT_OF"))
    return seen


def _supply_rows(view: View, weapon: str) -> list[Row]:
    groups: dict[tuple[str, str], list[str]] = {}
    for claim, _ in view.into(weapon, "INVOLVES"):
        if view.prop(claim, "predicate") == "supplies":
            for role, node in (("supplies", view.subject(claim)), ("receives", view.object(claim))):
                groups.setdefault((role, node), []).append(claim)
    rows = []
    for (role, node), claims in groups.items():
        unique = sorted(set(claims))
        strongest = max((view.prop(c, "status") for c in unique), key=rank)
        summary = {
            "status": strongest,
            "claims": unique,
            "denied": any(view.denied(c) for c in unique),
        }
        rows.append(_row(view, role, weapon, node, summary))
    return rows


def weapon_trail(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Everyone and everything on the weapon's trail, one row per role, via and node."""
    view = View(graph)
    weapon = p["weapon"]
    rows = [_row(view, "produces", weapon, u, d) for u, d in view.projected_in(weapon, "PRODUCES")]
    rows += _supply_rows(view, weapon)
    for role, rel_type in (("possesses", "POSSESSES"), ("restricts", "RESTRICTS")):
        rows += [_row(view, role, weapon, u, d) for u, d in view.projected_in(weapon, rel_type)]
    parts = _components(view, weapon)
    makers: set[str] = set()
    for part in parts:
        for parent, d in view.projected_out(part, "COMPONENT_OF"):
            if parent == weapon or parent in parts:
                rows.append(_row(view, "component", parent, part, d))
        for maker, d in view.projected_in(part, "PRODUCES"):
            rows.append(_row(view, "produces component", part, maker, d))
            makers.add(maker)
    for maker in makers:
        for place, d in view.projected_out(maker, "LOCATED_IN"):
            rows.append(_row(view, "component maker located in", maker, place, d))
        country = view.prop(maker, "country")
        if country is not None and view.has(country):
            rows.append(_row(view, "component maker country", maker, country, None))
    rows.sort(key=lambda r: (ROLES.index(r["role"]), r["via"], r["node_id"]))
    return rows
