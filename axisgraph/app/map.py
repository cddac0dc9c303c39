"""``axisgraph map`` as a library call: the whole graph, a neighbourhood or a query's answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from axisgraph.errors import UsageError
from axisgraph.maps import DEFAULT_LAYOUT_THRESHOLD, MapView, render_map
from axisgraph.store.port import Store


def make_map(
    store: Store,
    *,
    around: str | None = None,
    depth: int = 1,
    query: str | None = None,
    params: Mapping[str, Any] | None = None,
    title: str | None = None,
    include_sources: bool = False,
    layout_threshold: int = DEFAULT_LAYOUT_THRESHOLD,
) -> MapView:
    """Render a map of ``store``'s graph, or of the part of it an answer names.

    Args:
        around: an actor (id, name or alias) whose neighbourhood to draw, ``depth`` hops deep.
        query: a canned query whose answer to draw, with ``params``.

    Raises:
        UsageError: both ``around`` and ``query`` given, or a bad query parameter.
        NotFoundError: the actor or query is unknown.
    """
    from axisgraph.queries.registry import run_query

    if around and query:
        raise UsageError("give --around or --query, not both")
    graph = store.graph()
    nodes: list[str] | None = None
    default_title = "axisgraph: the whole graph"
    if around:
        result = run_query("neighbourhood", {"actor": around, "depth": depth}, store=graph)
        nodes = result.nodes
        name = graph.nodes[result.params["actor"]].get("name", result.params["actor"])
        default_title = f"axisgraph: {name} and its neighbourhood ({depth} hop(s))"
    elif query:
        result = run_query(query, params or {}, store=graph)
        nodes = result.nodes
        shown = ", ".join(f"{k}={v}" for k, v in result.params.items() if v is not None)
        default_title = f"axisgraph: {result.query}" + (f" ({shown})" if shown else "")
    return render_map(
        graph,
        nodes=nodes,
        title=title or default_title,
        include_sources=include_sources,
        layout_threshold=layout_threshold,
    )
