"""Canned queries: saved Cypher for Neo4j, the same answers from the embedded engine.

The public API:

- ``run_query(name, params, store)`` -> ``QueryResult`` (rows, and the subgraph behind them);
- ``QUERIES`` / ``get_query`` / ``query_names`` / ``query_cypher``: the registry;
- ``parse_param_args`` turns ``-p key=value`` strings into a parameter mapping;
- ``run_adhoc`` runs ad-hoc Cypher against Neo4j, read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from axisgraph.lazy import lazy_exports

if TYPE_CHECKING:
    from axisgraph.queries.adhoc import AdhocResult, run_adhoc
    from axisgraph.queries.catalog import QUERIES
    from axisgraph.queries.params import parse_param_args
    from axisgraph.queries.registry import get_query, query_cypher, query_names, run_query
    from axisgraph.queries.spec import Param, Query, QueryResult

__getattr__ = lazy_exports(
    __name__,
    {
        "AdhocResult": "adhoc",
        "Param": "spec",
        "QUERIES": "catalog",
        "Query": "spec",
        "QueryResult": "spec",
        "get_query": "registry",
        "parse_param_args": "params",
        "query_cypher": "registry",
        "query_names": "registry",
        "run_adhoc": "adhoc",
        "run_query": "registry",
    },
)

__all__ = [
    "QUERIES",
    "AdhocResult",
    "Param",
    "Query",
    "QueryResult",
    "get_query",
    "parse_param_args",
    "query_cypher",
    "query_names",
    "run_adhoc",
    "run_query",
]
