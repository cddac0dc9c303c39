"""Turn the intermediate graph into the data a map shows.

The payload is renderer-neutral: plain dicts and lists that serialise to
JSON. Visible nodes are entities (not claims or sources, unless asked);
visible edges are projected relationships (structure edges only when
asked). Every edge carries each claim behind it, resolved to names, so the
map can show provenance without the graph.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import networkx as nx

from axisgraph.maps import style
from axisgraph.maps.claims import name_of, rel_type, resolve_claim

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_OPEN_START, _OPEN_END = "0000-01-01", "9999-12-31"
_SHOWN_ELSEWHERE = {"labels", "name", "aliases", "description"}
_SCALARS = (str, int, float, bool)


@dataclass
class MapPayload:
    """What a map shows: styled nodes and edges, their details, the legend."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    node_details: dict[str, dict[str, Any]] = field(default_factory=dict)
    edge_details: dict[str, dict[str, Any]] = field(default_factory=dict)
    legend: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def date_bounds(value: Any) -> tuple[str, str] | None:
    """The first and last day a date of any precision covers.

    ``"2022"`` covers 2022-01-01 to 2022-12-31, ``"2022-02"`` covers the
    whole of February. Unreadable values give ``None``.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat(), value.isoformat()
    match = _DATE_RE.match(str(value).strip())
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        if not 1 <= int(month) <= 12:
            return None
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def _reported_span(data: dict[str, Any]) -> list[str] | None:
    first, last = date_bounds(data.get("first_reported")), date_bounds(data.get("last_reported"))
    if not first and not last:
        return None
    return [(first or last)[0], (last or first)[1]]  # type: ignore[index]


def _valid_span(data: dict[str, Any]) -> list[str] | None:
    start, end = date_bounds(data.get("valid_from")), date_bounds(data.get("valid_to"))
    if not start and not end:
        return None
    # A validity with one end unknown is open on that side.
    return [start[0] if start else _OPEN_START, end[1] if end else _OPEN_END]


def kind_of(attrs: dict[str, Any]) -> str:
    """A node's kind: the first of its labels."""
    labels = attrs.get("labels") or []
    return str(labels[0]) if labels else "Unknown"


def _props(attrs: dict[str, Any]) -> list[list[str]]:
    """Other scalar properties of a node, as ``[key, text]`` pairs."""
    props = []
    for key in sorted(attrs):
        value = attrs[key]
        if key in _SHOWN_ELSEWHERE or value is None or value == "" or value == []:
            continue
        if isinstance(value, _SCALARS):
            props.append([str(key), str(value)])
        elif isinstance(value, (list, tuple)) and all(isinstance(v, _SCALARS) for v in value):
            props.append([str(key), ", ".join(str(v) for v in value)])
    return props


def _visible_nodes(
    G: nx.MultiDiGraph, nodes: Iterable[str] | None, hidden_kinds: set[str]
) -> list[str]:
    if nodes is None:
        selection = set(G)
    else:
        selection = set(nodes)
        unknown = sorted(str(n) for n in selection if n not in G)
        if unknown:
            raise ValueError(f"unknown node ids: {', '.join(unknown[:5])}")
    return sorted(n for n in selection if kind_of(G.nodes[n]) not in hidden_kinds)


def _edge(index: int, u: str, v: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
    projected = bool(data.get("projected"))
    status = data.get("status") if projected else None
    denied = bool(data.get("denied"))
    sources = int(data.get("source_count") or 0)
    line = style.denied_style() if denied else style.status_style(status)
    return {
        "id": f"e{index}",
        "from": u,
        "to": v,
        "type": str(key),
        "status": status,
        "denied": denied,
        "structure": not projected,
        "color": style.denied_style()["color"] if denied else style.type_color(str(key)),
        "dashes": line["dashes"] if (projected or denied) else [1, 3],
        "width": 1 + 1.5 * (min(max(sources, 1), 5) - 1),
        "source_count": sources,
        "reported": _reported_span(data),
        "valid": _valid_span(data),
    }


def _edge_details(G: nx.MultiDiGraph, edge: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    details: dict[str, Any] = {
        "type": edge["type"],
        "type_label": style.type_label(edge["type"]),
        "from_name": name_of(G, edge["from"]),
        "to_name": name_of(G, edge["to"]),
        "status": edge["status"],
        "status_label": style.status_style(edge["status"])["label"] if edge["status"] else None,
        "denied": edge["denied"],
        "source_count": edge["source_count"],
        "claims": [],
        "props": [],
    }
    if edge["structure"]:
        details["props"] = _props({k: v for k, v in data.items() if k != "type"})
        return details
    for key in ("first_reported", "last_reported", "valid_from", "valid_to"):
        details[key] = None if data.get(key) is None else str(data[key])
    details["claims"] = [resolve_claim(G, c) for c in data.get("claims") or [] if c in G]
    details["claims"].sort(key=lambda c: (c["stated_on"] or "", c["id"]))
    return details


def _node(G: nx.MultiDiGraph, node_id: str, degree: int) -> tuple[dict[str, Any], dict[str, Any]]:
    attrs = G.nodes[node_id]
    kind = kind_of(attrs)
    label = name_of(G, node_id)
    if len(label) > 60:
        label = label[:57] + "..."
    node = {
        "id": node_id,
        "label": label,
        "kind": kind,
        "degree": degree,
        "size": round(min(10 + 4 * math.sqrt(degree), 40), 1),
        **style.kind_style(kind),
    }
    details = {
        "name": name_of(G, node_id),
        "kind": kind,
        "aliases": [str(a) for a in attrs.get("aliases") or []],
        "degree": degree,
        "description": None if not attrs.get("description") else str(attrs["description"]),
        "props": _props(attrs),
    }
    return node, details


def _legend(payload: MapPayload) -> dict[str, Any]:
    kinds = Counter(n["kind"] for n in payload.nodes)
    types = Counter(e["type"] for e in payload.edges)
    statuses = Counter(e["status"] for e in payload.edges if e["status"])
    kind_order = style.node_kinds() + sorted(set(kinds) - set(style.node_kinds()))
    type_order = style.projected_types() + style.structure_types()
    type_order += sorted(set(types) - set(type_order))
    status_order = style.statuses() + sorted(set(statuses) - set(style.statuses()))
    return {
        "kinds": [
            {"kind": k, "count": kinds[k], **style.kind_style(k)} for k in kind_order if k in kinds
        ],
        "types": [
            {
                "type": t,
                "count": types[t],
                "label": style.type_label(t),
                "color": style.type_color(t),
            }
            for t in type_order
            if t in types
        ],
        "statuses": [
            {"status": s, "count": statuses[s], **style.status_style(s)}
            for s in status_order
            if s in statuses
        ],
        "denied": {"count": sum(e["denied"] for e in payload.edges), **style.denied_style()},
    }


def build_payload(
    G: nx.MultiDiGraph,
    nodes: Iterable[str] | None = None,
    *,
    include_sources: bool = False,
    include_claims: bool = False,
    include_structure: bool = False,
) -> MapPayload:
    """Select and style what a map of ``G`` shows.

    Args:
        G: the intermediate graph.
        nodes: restrict the map to these node ids (e.g. a query's answer);
            claims and sources outside it are still used to explain edges.
        include_sources: show Source nodes too.
        include_claims: show Claim nodes too.
        include_structure: show structure edges (REPORTED_IN, CITES, ...)
            between visible nodes, besides projected relationships.

    Raises:
        ValueError: if ``nodes`` names an id that is not in ``G``.
    """
    hidden = {"Claim", "Source"} - ({"Claim"} if include_claims else set())
    hidden -= {"Source"} if include_sources else set()
    visible = _visible_nodes(G, nodes, hidden)
    shown = set(visible)
    payload = MapPayload()
    raw = sorted(
        (
            (u, v, rel_type(k, d), str(k), d)
            for u, v, k, d in G.edges(keys=True, data=True)
            if u in shown and v in shown and (d.get("projected") or include_structure)
        ),
        key=lambda e: e[:4],
    )
    degree: Counter[str] = Counter()
    for index, (u, v, kind, _key, data) in enumerate(raw):
        edge = _edge(index, u, v, kind, data)
        payload.edges.append(edge)
        payload.edge_details[edge["id"]] = _edge_details(G, edge, data)
        degree.update((u, v))
    for node_id in visible:
        node, details = _node(G, node_id, degree[node_id])
        payload.nodes.append(node)
        payload.node_details[node_id] = details
    payload.legend = _legend(payload)
    dates = [d for e in payload.edges for s in (e["reported"], e["valid"]) if s for d in s]
    dates = [d for d in dates if d not in (_OPEN_START, _OPEN_END)]
    payload.meta = {
        "name": str(G.graph.get("name") or ""),
        "data_version": str(G.graph.get("data_version") or ""),
        "node_count": len(payload.nodes),
        "edge_count": len(payload.edges),
        "date_min": min(dates, default=None),
        "date_max": max(dates, default=None),
    }
    return payload
