"""Memory implementations of the supply questions: suppliers, recipients, chains, brokers.

Each function mirrors the ``.cypher`` file of the same name, row for row and in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axisgraph.queries.spec import Params, Row
from axisgraph.queries.view import View, at_least, link_facts, rank

if TYPE_CHECKING:  # networkx costs 0.2 s at start: imported where a graph is made
    import networkx as nx


def _link_row(view: View, other: str, role: str, d: dict[str, Any]) -> Row:
    items = sorted({item for claim in d["claims"] for item in view.items(claim)})
    return {
        f"{role}_id": other,
        role: view.name(other),
        "kind": view.kind(other),
        "status": d["status"],
        "items": items,
        **link_facts(d),
    }


def _links(graph: nx.MultiDiGraph, p: Params, role: str, incoming: bool) -> list[Row]:
    view = View(graph)
    actor = p["actor"]
    links = (
        view.projected_in(actor, "SUPPLIES") if incoming else view.projected_out(actor, "SUPPLIES")
    )
    rows = [
        _link_row(view, other, role, d)
        for other, d in links
        if at_least(d["status"], p["min_status"])
    ]
    rows.sort(key=lambda r: (-rank(r["status"]), -r["source_count"], r[f"{role}_id"]))
    return rows


def suppliers_of(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Who supplies the actor directly (``SUPPLIES`` projections into it)."""
    return _links(graph, p, "supplier", incoming=True)


def recipients_of(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Whom the actor supplies directly (``SUPPLIES`` projections out of it)."""
    return _links(graph, p, "recipient", incoming=False)


def supply_chains_into(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Every simple directed ``SUPPLIES`` path of 1..max_hops hops that ends at the actor."""
    view = View(graph)
    target, limit = p["actor"], p["max_hops"]
    rows: list[Row] = []

    def walk(path: list[str], links: list[dict[str, Any]]) -> None:
        # ``path`` runs backwards from the target; ``links`` are the hops in the same order.
        if links:
            nodes, hops = path[::-1], links[::-1]
            rows.append(
                {
                    "hops": len(hops),
                    "path": nodes,
                    "names": [view.name(n) for n in nodes],
                    "statuses": [d["status"] for d in hops],
                    "source_counts": [d["source_count"] for d in hops],
                    "denied": any(d["denied"] for d in hops),
                    "claims": sorted({c for d in hops for c in d["claims"]}),
                }
            )
        if len(links) == limit:
            return
        for supplier, d in view.projected_in(path[-1], "SUPPLIES"):
            if supplier not in path:
                walk([*path, supplier], [*links, d])

    walk([target], [])
    rows.sort(key=lambda r: (r["hops"], r["path"]))
    return rows


def supply_projection(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """The ``SUPPLIES`` projection as the brokers Cypher fetches it (raw rows for ``brokers``)."""
    view = View(graph)
    rows = [
        {
            "source": u,
            "source_name": view.name(u),
            "source_kind": view.kind(u),
            "target": v,
            "target_name": view.name(v),
            "target_kind": view.kind(v),
            "status": d["status"],
        }
        for u, v, d in view.projected(["SUPPLIES"])
    ]
    rows.sort(key=lambda r: (r["source"], r["target"]))
    return rows


def rank_brokers(rows: list[Row], p: Params) -> list[Row]:
    """Rank actors by betweenness centrality on the (directed) supply network.

    The same function ranks both engines' projections; nodes and edges are added in sorted
    order so the floating-point sums, and so the scores, are identical.
    """
    import networkx as nx

    kept = [r for r in rows if at_least(r["status"], p["min_status"])]
    info: dict[str, tuple[Any, Any]] = {}
    for r in kept:
        info[r["source"]] = (r["source_name"], r["source_kind"])
        info[r["target"]] = (r["target_name"], r["target_kind"])
    network = nx.DiGraph()
    network.add_nodes_from(sorted(info))
    network.add_edges_from(sorted({(r["source"], r["target"]) for r in kept}))
    scores = nx.betweenness_centrality(network, normalized=True) if len(network) else {}
    ranked = sorted(network.nodes, key=lambda n: (-round(scores[n], 6), n))
    return [
        {
            "rank": i,
            "actor_id": node,
            "actor": info[node][0],
            "kind": info[node][1],
            "betweenness": round(scores[node], 6),
            "supplies_to": network.out_degree(node),
            "supplied_by": network.in_degree(node),
        }
        for i, node in enumerate(ranked[: p["limit"]], start=1)
    ]
