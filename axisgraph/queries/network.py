"""Memory implementations of the network questions: paths, neighbourhoods, theatres."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from axisgraph.graph.schema import ACTOR_LABEL
from axisgraph.queries.spec import Params, Row
from axisgraph.queries.view import View, link_facts, rank

if TYPE_CHECKING:  # networkx costs 0.2 s at start: imported where a graph is made
    import networkx as nx

CONTAINMENT_TYPES = ("LOCATED_IN", "PART_OF")
"""Projected types that place a place inside a larger one."""


def _actor_network(view: View) -> nx.Graph:
    """Actors, joined where any projected relationship links two of them (either direction)."""
    import networkx as nx

    network = nx.Graph()
    network.add_nodes_from(view.nodes_with(ACTOR_LABEL))
    network.add_edges_from(
        (u, v) for u, v, _ in view.projected() if view.is_actor(u) and view.is_actor(v)
    )
    return network


def shortest_paths(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Every shortest path between two actors over projected actor-to-actor relationships."""
    import networkx as nx

    view = View(graph)
    network = _actor_network(view)
    try:
        paths = sorted(nx.all_shortest_paths(network, p["source"], p["target"]))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []
    rows = []
    for path in paths:
        if len(path) - 1 > p["max_hops"]:
            return []
        hops = [
            sorted(view.projected_between(a, b), key=lambda x: f"{x[0]} {x[2]['type']} {x[1]}")
            for a, b in pairwise(path)
        ]
        rows.append(
            {
                "hops": len(path) - 1,
                "path": path,
                "names": [view.name(n) for n in path],
                "links": [f"{u} {d['type']} {v}" for hop in hops for u, v, d in hop],
                "claims": sorted({c for hop in hops for _, _, d in hop for c in d["claims"]}),
                "denied": any(d["denied"] for hop in hops for _, _, d in hop),
            }
        )
    return rows


def neighbourhood(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Every node within ``depth`` projected relationships of the actor (either direction)."""
    import networkx as nx

    view = View(graph)
    network = nx.Graph()
    network.add_node(p["actor"])
    network.add_edges_from((u, v) for u, v, _ in view.projected())
    lengths = nx.single_source_shortest_path_length(network, p["actor"], cutoff=p["depth"])
    rows = [
        {"node_id": n, "name": view.name(n), "kind": view.kind(n), "hops": hops}
        for n, hops in lengths.items()
        if n != p["actor"]
    ]
    rows.sort(key=lambda r: (r["hops"], r["node_id"]))
    return rows


def _within(view: View, place: str) -> list[str]:
    """Places reachable from ``place`` by one or more projected containment relationships."""
    seen: set[str] = set()
    stack = [v for t in CONTAINMENT_TYPES for v, _ in view.projected_out(place, t)]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(v for t in CONTAINMENT_TYPES for v, _ in view.projected_out(node, t))
    return sorted(n for n in seen if view.is_a(n, "Place"))


def operates_in(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Where the actor operates (``OPERATES_IN``), with the larger places each lies in."""
    view = View(graph)
    rows = [
        {
            "place_id": place,
            "place": view.name(place),
            **link_facts(d),
            "within": _within(view, place),
        }
        for place, d in view.projected_out(p["actor"], "OPERATES_IN")
    ]
    rows.sort(key=lambda r: (-rank(r["status"]), r["place_id"]))
    return rows
