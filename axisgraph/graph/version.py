"""A short fingerprint of a graph's content, the same on both engines: the data version."""

from __future__ import annotations

import hashlib

import networkx as nx
import orjson


def data_version(graph: nx.MultiDiGraph) -> str:
    """``<nodes>n-<relationships>r-<hash>``: changes whenever any node, link or property does."""
    digest = hashlib.sha256()
    for node in sorted(graph.nodes):
        digest.update(orjson.dumps([node, graph.nodes[node]], option=orjson.OPT_SORT_KEYS))
    edges = sorted(
        orjson.dumps([u, v, d], option=orjson.OPT_SORT_KEYS) for u, v, d in graph.edges(data=True)
    )
    for edge in edges:
        digest.update(edge)
    return f"{graph.number_of_nodes()}n-{graph.number_of_edges()}r-{digest.hexdigest()[:10]}"


def stamp(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set ``graph.graph['data_version']`` and return the graph."""
    graph.graph["data_version"] = data_version(graph)
    return graph
