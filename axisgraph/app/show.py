"""``show ID`` as a library call: any entity, claim or source with everything stored about it.

Both engines give the same record: the node's properties, then each relationship to or from
it with the other end's name and kind and the relationship's own properties (a denial's date,
note and source; a projected link's status and claims). ``names_of`` is the lookup the CLI's
tables use to print names where the answers hold ids.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from axisgraph.errors import NotFoundError
from axisgraph.graph.schema import get_schema
from axisgraph.store.port import CypherStore, Store, speaks_cypher

if TYPE_CHECKING:
    import networkx as nx

NAMES = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.name AS name
"""

NODE = """
MATCH (n:Entity {id: $id})
RETURN properties(n) AS props, labels(n) AS labels,
       COLLECT {
         MATCH (n)-[r]->(m)
         RETURN {direction: 'out', type: type(r), id: m.id, name: m.name, labels: labels(m),
                 props: properties(r)}
       } AS out,
       COLLECT {
         MATCH (n)<-[r]-(m)
         RETURN {direction: 'in', type: type(r), id: m.id, name: m.name, labels: labels(m),
                 props: properties(r)}
       } AS inbound
"""

ALL_IDS = """
MATCH (n:Entity)
RETURN n.id AS id
"""

# Bookkeeping, not facts: the label list the embedded graph keeps, and the relationship type.
_HIDDEN = {"labels", "type", "id"}


@dataclass
class Link:
    """One relationship of the shown record: to (``out``) or from (``in``) another node."""

    direction: str
    type: str
    id: str
    name: str | None
    kind: str | None
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class Record:
    """A node as ``axisgraph show`` prints it."""

    id: str
    kind: str | None
    name: str | None
    properties: dict[str, Any]
    links: list[Link]
    engine: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "properties": self.properties,
            "links": [vars(link) for link in self.links],
        }


def _kind(labels: Iterable[str]) -> str | None:
    kinds = get_schema().kinds
    return next((k for k in kinds if k in set(labels)), None)


def _clean(props: Mapping[str, Any]) -> dict[str, Any]:
    # Neo4j stores no empty lists or nulls; the embedded graph keeps both: drop them on both
    # sides so the engines print the same record.
    return {k: v for k, v in sorted(props.items()) if k not in _HIDDEN and v not in (None, [], "")}


def _cypher(store: Store | nx.MultiDiGraph) -> CypherStore | None:
    """The store when it answers Cypher (Neo4j), else ``None`` (read its graph instead)."""
    if getattr(store, "name", None) == "neo4j" and speaks_cypher(store):
        return store
    return None


def _graph(store: Store | nx.MultiDiGraph) -> nx.MultiDiGraph:
    graph = getattr(store, "graph", None)
    return graph() if callable(graph) else store


def names_of(store: Store | nx.MultiDiGraph, ids: Iterable[str]) -> dict[str, str]:
    """The name of each of ``ids`` that the store holds and that has one."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    cypher = _cypher(store)
    if cypher is not None:
        rows = cypher.read(NAMES, {"ids": wanted})
        return {r["id"]: str(r["name"]) for r in rows if r["name"]}
    graph = _graph(store)
    found = {}
    for node in wanted:
        attrs = graph.nodes.get(node)
        if attrs is not None and attrs.get("name"):
            found[node] = str(attrs["name"])
    return found


def _sort_key(link: Link) -> tuple[str, str, str, str]:
    return (link.direction, link.type, link.id, repr(sorted(link.properties.items())))


def show(store: Store | nx.MultiDiGraph, record_id: str) -> Record:
    """Everything stored about ``record_id``: its properties and every relationship.

    Raises:
        NotFoundError: no node has this id; the message suggests close ids (exit 1).
    """
    cypher = _cypher(store)
    if cypher is not None:
        rows = cypher.read(NODE, {"id": record_id})
        if not rows:
            _not_found(record_id, [r["id"] for r in cypher.read(ALL_IDS, {})])
        row = rows[0]
        links = [
            Link(
                d["direction"],
                d["type"],
                d["id"],
                d["name"],
                _kind(d["labels"]),
                _clean(d["props"]),
            )
            for d in [*row["out"], *row["inbound"]]
        ]
        props, labels = row["props"], row["labels"]
    else:
        graph = _graph(store)
        if record_id not in graph:
            _not_found(record_id, list(graph.nodes))
        props = graph.nodes[record_id]
        labels = props.get("labels", [])
        links = []
        for direction, edges in (
            ("out", graph.out_edges(record_id, data=True)),
            ("in", graph.in_edges(record_id, data=True)),
        ):
            for u, v, data in edges:
                other = v if direction == "out" else u
                attrs = graph.nodes[other]
                links.append(
                    Link(
                        direction,
                        data["type"],
                        other,
                        attrs.get("name"),
                        _kind(attrs.get("labels", [])),
                        _clean(data),
                    )
                )
    clean = _clean(props)
    name = clean.pop("name", None)
    return Record(
        id=record_id,
        kind=_kind(labels),
        name=name,
        properties=clean,
        links=sorted(links, key=_sort_key),
        engine=getattr(store, "name", "memory"),
    )


def _not_found(record_id: str, known: list[str]) -> None:
    close = difflib.get_close_matches(record_id, known, n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}?" if close else "ids are shown by queries' --ids"
    raise NotFoundError(f"nothing has the id {record_id!r}; {hint}")
