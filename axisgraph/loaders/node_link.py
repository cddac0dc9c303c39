"""Load a graph exported with ``axisgraph export --format json`` (networkx node-link JSON).

The records are read back from the nodes and their structure links; projected links are
ignored and derived again, so an export loads back into the identical graph.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from axisgraph.errors import InputError
from axisgraph.graph.build import graph_to_dataset
from axisgraph.graph.model import Dataset, Location
from axisgraph.graph.schema import get_schema
from axisgraph.loaders.marked_yaml import MAX_BYTES
from axisgraph.loaders.strict_json import JsonValueError, duplicate_position, strict_json


def _check(data: Any, name: str) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise InputError(
            "not node-link JSON: expected an object with 'nodes' and 'links'", path=name, line=1
        )
    links = data.get("links")
    if not isinstance(links, list):
        raise InputError("node-link JSON needs a 'links' list", path=name, field="links")
    schema = get_schema()
    for i, node in enumerate(data["nodes"]):
        where = f"nodes[{i}]"
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            raise InputError("a node needs a text 'id'", path=name, field=f"{where}.id")
        labels = node.get("labels")
        if not isinstance(labels, list) or not labels or labels[0] not in schema.kinds:
            raise InputError(
                f"node {node['id']!r} needs 'labels' starting with a node kind",
                path=name,
                field=f"{where}.labels",
            )
        if not isinstance(node.get("name"), str):
            raise InputError(
                f"node {node['id']!r} needs a text 'name'", path=name, field=f"{where}.name"
            )
        if labels[0] == "Claim" and not isinstance(node.get("predicate"), str):
            raise InputError(
                f"claim {node['id']!r} needs a 'predicate'", path=name, field=f"{where}.predicate"
            )
    ids = {node["id"] for node in data["nodes"]}
    for i, link in enumerate(links):
        where = f"links[{i}]"
        if not isinstance(link, dict) or not isinstance(link.get("type"), str):
            raise InputError("a link needs a text 'type'", path=name, field=f"{where}.type")
        if link["type"] not in schema.relationship_types:
            raise InputError(
                f"unknown relationship type {link['type']!r}", path=name, field=f"{where}.type"
            )
        for end in ("source", "target"):
            if link.get(end) not in ids:
                raise InputError(
                    f"link end {link.get(end)!r} is not a node", path=name, field=f"{where}.{end}"
                )


def _parse(raw: bytes, name: str) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=name, line=line) from exc
    try:
        return strict_json(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg}", path=name, line=exc.lineno) from exc
    except JsonValueError as exc:
        where = duplicate_position(text) if "twice" in str(exc) else None
        at = text.count("\n", 0, where) + 1 if where is not None else None
        raise InputError(str(exc), path=name, line=at) from exc
    except ValueError as exc:  # Python refuses to read integers of over 4,300 digits
        raise InputError("a number too long to read", path=name) from exc
    except RecursionError as exc:
        raise InputError("JSON nested too deeply", path=name) from exc


def parse_node_link(path: Path) -> Dataset:
    """Parse an exported node-link JSON file back into records.

    Raises:
        InputError: unreadable, malformed JSON, or a node or link without what it needs.
    """
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError("file is too large", path=name)
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from exc
    data = _parse(raw, name)
    _check(data, name)
    try:
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
        dataset = graph_to_dataset(graph)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise InputError(f"node-link JSON does not describe claims: {exc}", path=name) from exc
    index = {node["id"]: i for i, node in enumerate(data["nodes"])}
    for record in dataset.records():  # so validation names the file and the node
        record.loc = Location(name, None, {}, f"nodes[{index[record.id]}]")
    return dataset
