"""The registry of canned queries and the one function that runs them on either engine.

``run_query("suppliers_of", {"actor": "Wagner"})`` answers on the engine the settings select
(Neo4j when ``NEO4J_URI`` is set, else the embedded engine); pass ``store`` to choose, or a
networkx graph to query that graph in memory.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from axisgraph.errors import NotFoundError
from axisgraph.queries.catalog import QUERIES
from axisgraph.queries.engines import Runnable, cypher_text, engine_for
from axisgraph.queries.params import bind_params
from axisgraph.queries.spec import Query, QueryResult, flatten_ids
from axisgraph.store.select import open_store

REGISTRY: dict[str, Query] = {q.name: q for q in QUERIES}


def query_names() -> list[str]:
    """The names of all canned queries, in catalogue order."""
    return list(REGISTRY)


def get_query(name: str) -> Query:
    """The query called ``name``.

    Raises:
        NotFoundError: no such query; the message suggests close names.
    """
    query = REGISTRY.get(name.strip().lower().replace("-", "_"))
    if query is not None:
        return query
    close = difflib.get_close_matches(name, list(REGISTRY), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "see axisgraph query list"
    raise NotFoundError(f"no canned query named {name!r}; {hint}")


def query_cypher(name: str) -> str:
    """The Cypher of a canned query, header included (what ``query show`` prints)."""
    return cypher_text(get_query(name).name)


def run_query(
    name: str,
    params: Mapping[str, Any] | None = None,
    store: Runnable | None = None,
) -> QueryResult:
    """Answer a canned query.

    Args:
        name: the query's name (see ``query_names``).
        params: its parameters, as text (``"2"``) or typed values (``2``); entity parameters
            take an id, a name or an alias.
        store: a ``MemoryStore``, a ``Neo4jStore``, or a networkx graph (queried in memory);
            default: the engine the settings select.

    Raises:
        NotFoundError: unknown query, or an entity parameter that names nothing (exit 1).
        UsageError: unknown, missing or mistyped parameters (exit 2).
        StoreUnavailable: Neo4j is selected but cannot be reached (exit 3).
    """
    query = get_query(name)
    engine = engine_for(store if store is not None else open_store())
    bound = bind_params(query, params, engine)
    rows = engine.run(query, bound)
    if query.finish is not None:
        rows = query.finish(rows, bound)
    ids = [bound[p.name] for p in query.params if p.label is not None and bound[p.name]]
    for column in query.node_columns:
        ids.extend(flatten_ids([row[column] for row in rows]))
    nodes, edges = engine.subgraph(ids)
    return QueryResult(
        query=query.name,
        params=bound,
        columns=query.columns,
        rows=rows,
        nodes=nodes,
        edges=edges,
        engine=engine.name,
        engine_description=engine.describe(),
    )
