"""The demo as a library call: the bundled dataset on the embedded engine, answers, a map."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from axisgraph.maps import render_map
from axisgraph.queries.reference import demo_questions
from axisgraph.queries.registry import run_query
from axisgraph.store.memory import bundled_graph, graph_counts

# The columns worth a glance in a terminal; JSON and CSV output carry them all.
BRIEF_COLUMNS = {
    "suppliers_of": (
        "supplier",
        "status",
        "items",
        "source_count",
        "denied",
        "valid_from",
        "valid_to",
    ),
    "designations_of": ("by", "instruments", "status", "valid_from", "source_count", "denied_by"),
    "violations": ("instrument", "subject_id", "predicate", "object_id", "status", "denied"),
    "denied_claims": (
        "denier",
        "subject_id",
        "predicate",
        "object_id",
        "denied_on",
        "denial_source",
    ),
}


@dataclass
class Answer:
    title: str
    query: str
    columns: tuple[str, ...]
    brief: tuple[str, ...]
    rows: list[dict[str, Any]]


@dataclass
class DemoResult:
    engine: str
    data_version: str
    stats: list[dict[str, Any]]
    answers: list[Answer] = field(default_factory=list)
    map_path: Path | None = None


def summary_rows(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """What the graph holds, in a few lines."""
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
    """Answer the demo questions on the bundled dataset and write the overview map.

    The user's saved graph is neither read nor written: the demo always shows the bundled data.
    """
    from axisgraph.graph.version import stamp

    graph = stamp(bundled_graph().copy())
    result = DemoResult(
        engine="embedded engine (the bundled dataset, in memory; your saved graph is untouched)",
        data_version=graph.graph["data_version"],
        stats=summary_rows(graph),
    )
    for title, name, params in demo_questions():
        answer = run_query(name, params, store=graph)
        brief = BRIEF_COLUMNS.get(name, answer.columns)
        result.answers.append(Answer(title, name, answer.columns, brief, answer.rows))
    if output is not None:
        view = render_map(graph, title="axisgraph: the bundled network (overview)")
        result.map_path = view.save(output)
    return result
