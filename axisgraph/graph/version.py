"""A short fingerprint of a graph's content, the same on both engines: the data version."""

from __future__ import annotations

import hashlib

import networkx as nx
import orjson

_MOD = 1 << 128


def _item(value: object) -> int:
    digest = hashlib.blake2b(orjson.dumps(value, option=orjson.OPT_SORT_KEYS), digest_size=16)
    return int.from_bytes(digest.digest(), "big")


def data_version(graph: nx.MultiDiGraph) -> str:
    """``<nodes>n-<relationships>r-<hash>``: changes whenever any node, link or property does.

    The hash is a sum of per-item hashes, so it needs no sorting and no copy of the graph
    (a 10^6-entity graph is fingerprinted in constant extra memory), and it does not depend
    on the order in which an engine returns nodes and links.
    """
    total = 0
    for node, attrs in graph.nodes(data=True):
        total = (total + _item([node, attrs])) % _MOD
    for u, v, attrs in graph.edges(data=True):
        total = (total + _item([u, v, attrs])) % _MOD
    fingerprint = f"{total:032x}"[:10]
    return f"{graph.number_of_nodes()}n-{graph.number_of_edges()}r-{fingerprint}"


def stamp(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set ``graph.graph['data_version']`` and return the graph."""
    graph.graph["data_version"] = data_version(graph)
    return graph
