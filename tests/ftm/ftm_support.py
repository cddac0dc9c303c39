"""Helpers for the FtM tests: the real files, independent counts, small synthetic files.

Counts here come from the files parsed with plain ``json``, never from the importer, so a
test compares the importer with an independent reading of the same data.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest


def _shared() -> Path:
    for candidate in (
        os.environ.get("AXISGRAPH_SHARED"),
        str(Path(__file__).resolve().parents[2].parent / "shared"),
        "/work/shared",
    ):
        if candidate and (Path(candidate) / "realdata" / "ftm").is_dir():
            return Path(candidate)
    return Path("/work/shared")


FTM_DIR = _shared() / "realdata" / "ftm"
ZALA = FTM_DIR / "opensanctions__yente__zala__entities.ftm.json"
DELTA = FTM_DIR / "opensanctions__yente__entities.delta.json.gz"
T1 = FTM_DIR / "opensanctions__yente__t1__entities.ftm.json"
T2 = [
    FTM_DIR / "opensanctions__yente__t2__20240527194702-wnk__entities.delta.json",
    FTM_DIR / "opensanctions__yente__t2__20240528014702-pfh__entities.delta.json",
    FTM_DIR / "opensanctions__yente__t2__20240528134729-3iv__entities.delta.json",
]
VENEZUELA = (
    FTM_DIR / "davidvalorwork__opensanctions-api-free__ve_asamblea_nacional.entities.ftm.json"
)
DONATIONS = FTM_DIR / "opensanctions__nomenklatura__donations.ijson"

needs_realdata = pytest.mark.usefixtures("realdata")
"""The test reads ``shared/realdata`` in place: it fails without it under ``CI=true`` (or
``AXISGRAPH_REQUIRE_REALDATA=1``), and skips with a reason elsewhere."""

UNMAPPED = {"Address", "Passport"}
"""The schemata in the real files that are neither things we map nor relations."""


def rows(path: Path) -> list[dict[str, Any]]:
    """Every line of a (possibly gzipped) JSON-lines file, parsed with plain json."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        return [json.loads(line) for line in handle if line.strip()]


def apply_ops(paths: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """The live entities after reading files in order (delta ops applied one by one)."""
    live: dict[str, dict[str, Any]] = {}
    for path in paths:
        for row in rows(path):
            if "op" not in row:
                live[row["id"]] = row
            elif row["op"] == "DEL":
                live.pop(row["entity"]["id"], None)
            else:
                live[row["entity"]["id"]] = row["entity"]
    return live


def write_lines(path: Path, objects: Iterable[dict[str, Any] | str]) -> Path:
    """A JSON-lines file; strings are written as they are (for malformed lines)."""
    with path.open("w", encoding="utf-8") as handle:
        for obj in objects:
            handle.write((obj if isinstance(obj, str) else json.dumps(obj)) + "\n")
    return path


def ent(
    entity_id: str, schema: str, datasets: list[str] | None = None, **props: Any
) -> dict[str, Any]:
    """A flat FtM entity; keyword values become one-value lists unless they are lists."""
    properties = {k: v if isinstance(v, list) else [v] for k, v in props.items()}
    data: dict[str, Any] = {"id": entity_id, "schema": schema, "properties": properties}
    data["datasets"] = datasets if datasets is not None else ["test_list"]
    return data


def claims(
    graph: nx.MultiDiGraph, predicate: str, *, ftm_only: bool = True
) -> dict[str, tuple[str, str]]:
    """Claim id -> (subject, object) of the claims with ``predicate`` (made from FtM data)."""
    out = {}
    for node, attrs in graph.nodes(data=True):
        if ftm_only and attrs.get("ftm_origin") != "entity":
            continue
        if attrs["labels"][0] == "Claim" and attrs["predicate"] == predicate:
            subject = next(
                v for _, v, t in graph.out_edges(node, data="type") if t == "HAS_SUBJECT"
            )
            obj = next(v for _, v, t in graph.out_edges(node, data="type") if t == "HAS_OBJECT")
            out[node] = (subject, obj)
    return out


def projections(graph: nx.MultiDiGraph, rel_type: str) -> dict[tuple[str, str], dict[str, Any]]:
    return {(u, v): d for u, v, d in graph.edges(data=True) if d["type"] == rel_type}


def canonical(graph: nx.MultiDiGraph, keep: set[str] | None = None) -> tuple[Any, Any]:
    """Nodes and relationships, comparable across engines (edge keys and order ignored)."""
    nodes = {
        n: (
            list(a["labels"]),
            json.dumps({k: v for k, v in a.items() if k != "labels"}, sort_keys=True),
        )
        for n, a in graph.nodes(data=True)
        if keep is None or n in keep
    }
    edges = sorted(
        (u, v, d["type"], json.dumps(d, sort_keys=True))
        for u, v, d in graph.edges(data=True)
        if keep is None or (u in keep and v in keep)
    )
    return nodes, edges


def ftm_nodes(graph: nx.MultiDiGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """Nodes made from FtM entities."""
    return ((n, a) for n, a in graph.nodes(data=True) if a.get("ftm_origin") == "entity")
