"""Resolve claims and sources in the intermediate graph for display.

A projected link only carries claim and source ids. A map's tooltips and
side panel show every claim behind a link with names instead: who
asserted it, which items it involves, which documents report it (with
publisher and date), and who denied it, when and where.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from axisgraph.maps import style


def name_of(G: nx.MultiDiGraph, node_id: str) -> str:
    """The display name of a node, falling back to its id."""
    if node_id not in G:
        return str(node_id)
    attrs = G.nodes[node_id]
    name = attrs.get("name")
    if name:
        return str(name)
    if attrs.get("summary"):
        return str(attrs["summary"])
    return str(node_id)


def rel_type(key: Any, data: dict[str, Any]) -> str:
    """An edge's relationship type: its ``type`` attribute, else its key.

    Keys are unique per node pair, so a second edge of one type may be
    keyed ``TYPE#2``; ``type`` always holds the plain type.
    """
    return str(data.get("type") or key)


def _targets(G: nx.MultiDiGraph, node_id: str, wanted: str) -> list[str]:
    """Ids reached from ``node_id`` by outgoing ``wanted`` edges, sorted, without repeats."""
    edges = G.out_edges(node_id, keys=True, data=True)
    return sorted({v for _, v, k, d in edges if rel_type(k, d) == wanted})


def _origins(G: nx.MultiDiGraph, node_id: str, wanted: str) -> list[str]:
    """Ids that reach ``node_id`` by ``wanted`` edges, sorted, without repeats."""
    edges = G.in_edges(node_id, keys=True, data=True)
    return sorted({u for u, _, k, d in edges if rel_type(k, d) == wanted})


def _text(value: Any) -> str | None:
    """A scalar property as display text; ``None`` stays ``None``."""
    if value is None or value == "":
        return None
    return str(value)


def _texts(value: Any) -> list[str]:
    """A list property (or a lone scalar) as a list of display strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def resolve_source(G: nx.MultiDiGraph, source_id: str) -> dict[str, Any]:
    """A Source node as display data: name, publisher names, date, url."""
    attrs = G.nodes[source_id] if source_id in G else {}
    return {
        "id": source_id,
        "name": name_of(G, source_id),
        "type": _text(attrs.get("type")),
        "publisher": ", ".join(name_of(G, p) for p in _targets(G, source_id, "PUBLISHED_BY"))
        or None,
        "author": _text(attrs.get("author")),
        "speaker": ", ".join(name_of(G, p) for p in _targets(G, source_id, "AUTHORED_BY")) or None,
        "published_on": _text(attrs.get("published_on")),
        "url": _text(attrs.get("url")),
        "description": _text(attrs.get("description")),
    }


def _denials(G: nx.MultiDiGraph, claim_id: str) -> list[dict[str, Any]]:
    denials = []
    for denier, _, key, data in G.in_edges(claim_id, keys=True, data=True):
        if rel_type(key, data) != "DENIES":
            continue
        # The graph model writes ``source_id``; the first contract said ``source``.
        source = data.get("source_id") or data.get("source")
        denials.append(
            {
                "by": name_of(G, denier),
                "on": _text(data.get("on")),
                "source": name_of(G, source) if source else None,
                "note": _text(data.get("note")),
            }
        )
    return sorted(denials, key=lambda d: (d["on"] or "", d["by"]))


def resolve_claim(G: nx.MultiDiGraph, claim_id: str) -> dict[str, Any]:
    """A Claim node with every reference resolved to names, ready to show."""
    attrs = G.nodes[claim_id] if claim_id in G else {}
    status = attrs.get("status")
    sources = [resolve_source(G, s) for s in _targets(G, claim_id, "REPORTED_IN")]
    sources.sort(key=lambda s: (s["published_on"] or "", s["name"]))
    return {
        "id": claim_id,
        "summary": _text(attrs.get("summary")),
        "predicate": _text(attrs.get("predicate")),
        "predicate_label": style.predicate_label(attrs.get("predicate")),
        "subject": ", ".join(name_of(G, n) for n in _targets(G, claim_id, "HAS_SUBJECT")),
        "object": ", ".join(name_of(G, n) for n in _targets(G, claim_id, "HAS_OBJECT")),
        "status": _text(status),
        "status_label": style.status_style(status)["label"],
        "stated_on": _text(attrs.get("stated_on")),
        "valid_from": _text(attrs.get("valid_from")),
        "valid_to": _text(attrs.get("valid_to")),
        "quantities": _texts(attrs.get("quantities")),
        "note": _text(attrs.get("note")),
        "asserted_by": [name_of(G, n) for n in _origins(G, claim_id, "ASSERTS")],
        "items": [name_of(G, n) for n in _targets(G, claim_id, "INVOLVES")],
        "violates": [name_of(G, n) for n in _targets(G, claim_id, "VIOLATES")],
        "under": [name_of(G, n) for n in _targets(G, claim_id, "UNDER")],
        "sources": sources,
        "denials": _denials(G, claim_id),
    }
