"""The two engines a canned query runs on, behind one small interface.

``MemoryEngine`` calls a query's Python implementation on the intermediate graph;
``Neo4jEngine`` runs its ``.cypher`` file in a read transaction. Both also look up entities
(for parameter resolution) and the relationships among an answer's nodes (for maps) the
same way, so everything a ``QueryResult`` holds is engine-independent.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from axisgraph.queries.spec import Edge, Params, Query, Row
from axisgraph.store.port import CypherStore, Store, speaks_cypher

if TYPE_CHECKING:  # networkx costs 0.2 s at start: imported where a graph is made
    import networkx as nx

Candidate = tuple[str, Any, list[str]]
"""An entity a parameter may name: (id, name, aliases)."""

FIND_ID = """
MATCH (n:Entity {id: $id})
WHERE $label IN labels(n)
RETURN n.id AS id
"""

CANDIDATES = """
MATCH (n:Entity)
WHERE $label IN labels(n)
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases
ORDER BY id
"""

SUBGRAPH = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id,
       COLLECT { MATCH (n)-[r]->(m) WHERE m.id IN $ids RETURN [m.id, type(r)] } AS out
"""
"""The links among ``$ids``. ``m`` has no label on purpose: with one, the planner may seek every
id for every node and expand into it (36x slower on a hub's answer right after a large load,
while index statistics are stale); without, it expands each node's own links."""


@cache
def cypher_text(name: str) -> str:
    """The text of ``cypher/<name>.cypher``, as shipped with the package."""
    path = resources.files("axisgraph.queries").joinpath("cypher", f"{name}.cypher")
    return path.read_text(encoding="utf-8")


class Engine(Protocol):
    name: str

    def describe(self) -> str: ...

    def find_id(self, label: str, value: str) -> str | None: ...

    def candidates(self, label: str) -> list[Candidate]: ...

    def run(self, query: Query, params: Params) -> list[Row]: ...

    def subgraph(self, ids: list[str]) -> tuple[list[str], list[Edge]]: ...


class MemoryEngine:
    """The embedded engine: Python implementations on a networkx graph."""

    name = "memory"

    def __init__(self, graph: nx.MultiDiGraph, description: str = "embedded engine") -> None:
        self.graph = graph
        self.description = description

    def describe(self) -> str:
        return self.description

    def find_id(self, label: str, value: str) -> str | None:
        attrs = self.graph.nodes.get(value)
        return value if attrs is not None and label in attrs["labels"] else None

    def candidates(self, label: str) -> list[Candidate]:
        return sorted(
            (n, a.get("name"), list(a.get("aliases") or []))
            for n, a in self.graph.nodes(data=True)
            if label in a["labels"]
        )

    def run(self, query: Query, params: Params) -> list[Row]:
        return query.memory(self.graph, params)

    def subgraph(self, ids: list[str]) -> tuple[list[str], list[Edge]]:
        nodes = sorted({n for n in ids if n in self.graph})
        keep = set(nodes)
        edges = {(u, v, t) for u, v, t in self.graph.subgraph(keep).edges(data="type")}
        return nodes, sorted(edges)


class Neo4jEngine:
    """Neo4j: the ``.cypher`` files, always in read transactions."""

    name = "neo4j"

    def __init__(self, store: CypherStore) -> None:
        self.store = store

    def describe(self) -> str:
        return self.store.describe()

    def read(self, text: str, params: Params) -> list[dict[str, Any]]:
        """Run ``text`` in a managed read transaction; records as dicts, in order."""
        return self.store.read(text, params)

    def find_id(self, label: str, value: str) -> str | None:
        found = self.read(FIND_ID, {"id": value, "label": label})
        return str(found[0]["id"]) if found else None

    def candidates(self, label: str) -> list[Candidate]:
        rows = self.read(CANDIDATES, {"label": label})
        return [(r["id"], r["name"], list(r["aliases"])) for r in rows]

    def run(self, query: Query, params: Params) -> list[Row]:
        rows = self.read(cypher_text(query.name), params)
        if rows and tuple(rows[0]) != query.raw_columns:
            raise RuntimeError(
                f"{query.name}.cypher returns {tuple(rows[0])}, expected {query.raw_columns}"
            )
        return rows

    def subgraph(self, ids: list[str]) -> tuple[list[str], list[Edge]]:
        rows = self.read(SUBGRAPH, {"ids": sorted(set(ids))})
        nodes = sorted({r["id"] for r in rows})
        edges = {(r["id"], m, t) for r in rows for m, t in r["out"]}
        return nodes, sorted(edges)


Runnable: TypeAlias = "Store | nx.MultiDiGraph"


def engine_for(store: Runnable) -> MemoryEngine | Neo4jEngine:
    """The engine for a store, or for a bare graph (the memory engine on that graph)."""
    import networkx as nx

    if isinstance(store, nx.MultiDiGraph):
        return MemoryEngine(store, "embedded engine (a graph given by the caller)")
    if speaks_cypher(store):
        return Neo4jEngine(store)
    return MemoryEngine(store.graph(), store.describe())
