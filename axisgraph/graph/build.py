"""Turn a ``Dataset`` into the intermediate graph, and read one back.

The intermediate graph is a ``networkx.MultiDiGraph``: node key = id; node attributes
``labels`` (kind first), ``name``, ``aliases`` and properties; edge key and ``type`` = the
relationship type. Every output (Neo4j, the memory engine, maps, exports) starts from it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from axisgraph.graph.model import (
    Claim,
    Dataset,
    Denial,
    Entity,
    PropValue,
    Quantity,
    SameAs,
    Source,
)
from axisgraph.graph.projection import ClaimFacts, project
from axisgraph.graph.rows import (
    CLAIM_FIELDS,
    ENTITY_FIELDS,
    SOURCE_FIELDS,
    EdgeRow,
    dataset_rows,
)
from axisgraph.graph.schema import get_schema


def claim_facts(dataset: Dataset) -> list[ClaimFacts]:
    """The projection inputs of every claim in the dataset."""
    return [ClaimFacts.of(c) for c in dataset.claims.values()]


def add_edge(graph: nx.MultiDiGraph, row: EdgeRow) -> None:
    """Add a relationship; a second one of the same type between the same ends gets ``#2``."""
    key, n = row.type, 1
    while graph.has_edge(row.source, row.target, key):
        n += 1
        key = f"{row.type}#{n}"
    graph.add_edge(row.source, row.target, key=key, type=row.type, **row.props)


def build_graph(dataset: Dataset, *, name: str = "axisgraph", version: str = "") -> nx.MultiDiGraph:
    """The intermediate graph of a (validated) dataset, projections included."""
    graph = nx.MultiDiGraph(name=name, data_version=version)
    nodes, edges = dataset_rows(dataset)
    for node in nodes:
        graph.add_node(node.id, labels=list(node.labels), **node.props)
    for row in edges:
        add_edge(graph, row)
    cites = {s.id: s.cites for s in dataset.sources.values()}
    published = {s.id: s.published_on for s in dataset.sources.values()}
    for proj in project(claim_facts(dataset), cites, published):
        graph.add_edge(proj.source, proj.target, key=proj.type, type=proj.type, **proj.properties())
    return graph


def _targets(graph: nx.MultiDiGraph, node: str, rel_type: str) -> list[str]:
    return [v for _, v, d in graph.out_edges(node, data=True) if d["type"] == rel_type]


def _props(attrs: dict[str, Any], known: tuple[str, ...]) -> dict[str, PropValue]:
    skip = {"labels", "name", "aliases", "id", *known}
    return {k: v for k, v in attrs.items() if k not in skip}


def graph_to_dataset(graph: nx.MultiDiGraph) -> Dataset:
    """Read a dataset back from an intermediate graph (projections are ignored: re-derived)."""
    schema = get_schema()
    dataset = Dataset()
    incoming: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for u, v, data in graph.edges(data=True):
        if data["type"] in ("ASSERTS", "DENIES"):
            incoming[v][data["type"]].append((u, data))
    for node, attrs in graph.nodes(data=True):
        kind = attrs["labels"][0]
        if kind == "Source":
            published_by = _targets(graph, node, "PUBLISHED_BY")
            speaker = _targets(graph, node, "AUTHORED_BY")
            dataset.add(
                Source(
                    id=node,
                    name=attrs["name"],
                    aliases=list(attrs.get("aliases", [])),
                    publisher=published_by[0] if published_by else None,
                    speaker=speaker[0] if speaker else None,
                    cites=sorted(_targets(graph, node, "CITES")),
                    properties=_props(attrs, SOURCE_FIELDS),
                    **{f: attrs.get(f) for f in SOURCE_FIELDS},
                )
            )
        elif kind == "Claim":
            denials = [
                Denial(by=who, on=d.get("on"), source=d.get("source_id"), note=d.get("note"))
                for who, d in incoming[node]["DENIES"]
            ]
            dataset.add(
                Claim(
                    id=node,
                    subject=_targets(graph, node, "HAS_SUBJECT")[0],
                    predicate=attrs["predicate"],
                    object=_targets(graph, node, "HAS_OBJECT")[0],
                    status=attrs["status"],
                    items=_targets(graph, node, "INVOLVES"),
                    quantities=[Quantity.parse(q) for q in attrs.get("quantities", [])],
                    asserted_by=[who for who, _ in incoming[node]["ASSERTS"]],
                    reported_in=_targets(graph, node, "REPORTED_IN"),
                    under=_targets(graph, node, "UNDER"),
                    violates=_targets(graph, node, "VIOLATES"),
                    denials=denials,
                    properties=_props(attrs, (*CLAIM_FIELDS, "predicate", "status", "quantities")),
                    **{f: attrs.get(f) for f in CLAIM_FIELDS},
                )
            )
        elif kind in schema.kinds:
            dataset.add(
                Entity(
                    id=node,
                    kind=kind,
                    name=attrs["name"],
                    aliases=list(attrs.get("aliases", [])),
                    properties=_props(attrs, ENTITY_FIELDS),
                    **{f: attrs.get(f) for f in ENTITY_FIELDS},
                )
            )
    for u, v, data in graph.edges(data=True):
        if data["type"] == "SAME_AS":
            dataset.same_as.append(SameAs(u, v, data.get("basis", "")))
    return dataset
