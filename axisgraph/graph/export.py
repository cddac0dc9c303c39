"""Write the intermediate graph as node-link JSON, GraphML, GEXF or neo4j-admin CSV.

JSON keeps every value as it is. GraphML and GEXF cannot hold lists, so list values become
JSON text there (and ``labels`` also becomes Neo4j's ``:Kind:Actor`` form in ``label_string``).
CSV is the ``neo4j-admin database import`` layout: ``nodes.csv`` and ``relationships.csv``
in a folder, typed headers, ``;`` between array items.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from axisgraph.files import atomic_text
from axisgraph.graph.schema import ENTITY_LABEL

FORMATS = ("json", "graphml", "gexf", "csv")
ARRAY_DELIMITER = ";"


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx node-link data: nodes with ``id``, ``labels``, ``name``; links with ``type``."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="links")
    return data


def write_json(graph: nx.MultiDiGraph, path: Path) -> None:
    # orjson: the standard library's json.dump runs its pure-Python encoder, ~20x slower here
    with atomic_text(path) as handle:
        handle.write(orjson.dumps(node_link(graph)).decode("utf-8"))


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _flattened(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        props = {k: _flat(v) for k, v in attrs.items()}
        props["label_string"] = ":" + ":".join(attrs.get("labels", []))
        flat.add_node(node, **props)
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _flat(val) for k, val in attrs.items()})
    return flat


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_text(path) as handle:
        handle.write("\n".join(nx.generate_graphml(_flattened(graph))))


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    flat = _flattened(graph)
    for node, attrs in flat.nodes(data=True):
        attrs["label"] = graph.nodes[node].get("name", node)  # Gephi shows the label
    with atomic_text(path) as handle:
        handle.write("\n".join(nx.generate_gexf(flat)))


def _csv_type(values: list[Any]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds <= {int} and kinds:
        return "long"
    if kinds <= {int, float} and kinds:
        return "double"
    if all(isinstance(v, list) for v in values):
        inner = {type(x) for v in values for x in v}
        if inner and inner <= {int}:
            return "long[]"
        return "string[]"
    return "string"


def _csv_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind.endswith("[]"):
        return ARRAY_DELIMITER.join(str(x) for x in value)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def _columns(rows: list[dict[str, Any]], skip: set[str]) -> list[tuple[str, str]]:
    seen: dict[str, list[Any]] = {}
    for row in rows:
        for key, value in row.items():
            if key not in skip:
                seen.setdefault(key, []).append(value)
    return [(key, _csv_type(values)) for key, values in sorted(seen.items())]


def write_csv(graph: nx.MultiDiGraph, folder: Path) -> None:
    """``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full``."""
    nodes = [dict(attrs, id=node) for node, attrs in graph.nodes(data=True)]
    node_cols = _columns(nodes, {"id", "labels"})
    with atomic_text(folder / "nodes.csv") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id:ID", ":LABEL"] + [f"{k}:{t}" for k, t in node_cols])
        for row in nodes:
            labels = ARRAY_DELIMITER.join([ENTITY_LABEL, *row["labels"]])
            writer.writerow([row["id"], labels] + [_csv_value(row.get(k), t) for k, t in node_cols])
    edges = [dict(attrs, _s=u, _t=v) for u, v, attrs in graph.edges(data=True)]
    edge_cols = _columns(edges, {"_s", "_t", "type"})
    with atomic_text(folder / "relationships.csv") as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{t}" for k, t in edge_cols])
        for row in edges:
            writer.writerow(
                [row["_s"], row["_t"], row["type"]]
                + [_csv_value(row.get(k), t) for k, t in edge_cols]
            )


WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], None]] = {
    "json": write_json,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "csv": write_csv,
}
