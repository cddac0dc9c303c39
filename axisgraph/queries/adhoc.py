"""Ad-hoc Cypher against Neo4j, read-only.

Two locks, both always applied:

1. ``EXPLAIN`` the statement first and refuse it unless Neo4j calls it read-only (query type
   ``r``), and unless its plan is free of the operators that act outside the graph although
   Neo4j counts them as reads: ``LOAD CSV`` (files and URLs), ``TERMINATE TRANSACTIONS``
   (other sessions' work), ``CALL { … } IN TRANSACTIONS`` (transactions of its own) and
   procedures outside a list of pure reads (``db.stats.clear``, ``db.resampleIndex`` and the
   like are "read" procedures with side effects).
2. Run it in a read transaction, so the server itself refuses any write that slips through.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
import neo4j.graph
from neo4j.exceptions import ClientError, DatabaseError

from axisgraph.errors import QueryTimeout, ReadOnlyViolation, UsageError
from axisgraph.settings import DEFAULT_CYPHER_TIMEOUT
from axisgraph.store.connection import translate_errors
from axisgraph.store.neo4j_store import Neo4jStore

READ_PROCEDURES = frozenset(
    {
        "db.awaitIndex",
        "db.awaitIndexes",
        "db.index.fulltext.awaitEventuallyConsistentIndexRefresh",
        "db.index.fulltext.listAvailableAnalyzers",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
        "db.info",
        "db.labels",
        "db.ping",
        "db.propertyKeys",
        "db.relationshipTypes",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.schema.visualization",
        "db.stats.retrieve",
        "db.stats.retrieveAllAnonymized",
        "db.stats.status",
        "dbms.components",
    }
)
"""Procedures ad-hoc Cypher may call: they only read."""

REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files or URLs from the server",
    "TerminateTransactions": "TERMINATE TRANSACTIONS stops other sessions' work",
    # Runs its subquery in transactions of its own, outside the read transaction.
    "TransactionApply": "CALL { … } IN TRANSACTIONS runs transactions of its own",
    "TransactionForeach": "CALL { … } IN TRANSACTIONS runs transactions of its own",
    # Read-only, but about the server rather than the graph: other sessions' queries and
    # parameters, and the server's configuration.
    "ShowTransactions": "SHOW TRANSACTIONS shows other sessions' queries and parameters",
    "ShowSettings": "SHOW SETTINGS shows the server's configuration",
}

DEFAULT_TIMEOUT = DEFAULT_CYPHER_TIMEOUT

QUERY_TYPES = {"w": "writes data", "rw": "writes data", "s": "changes the schema or the server"}

_LEADING = re.compile(r"^\s*(?:(?://[^\n]*\n|/\*.*?\*/)\s*)*(EXPLAIN|PROFILE)\b", re.I | re.S)


@dataclass
class AdhocResult:
    """The rows of an ad-hoc statement, and the engine that answered."""

    columns: list[str]
    rows: list[dict[str, Any]]
    engine: str
    engine_description: str


def parse_value(text: str) -> Any:
    """A ``-p`` value: JSON when it parses (``3``, ``true``, ``["a"]``), else the text."""
    try:
        value: Any = json.loads(text)
    except ValueError:
        return text
    return value


def _operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(operator type, details) of every operator in an EXPLAIN plan, depth first."""
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    yield name, str(plan.get("args", {}).get("Details", ""))
    for child in plan.get("children", []):
        yield from _operators(child)


def check_read_only(summary: neo4j.ResultSummary) -> None:
    """Refuse a statement whose EXPLAIN summary shows anything but a pure read.

    Raises:
        ReadOnlyViolation: the statement writes, changes the schema, or acts outside the graph.
    """
    kind = summary.query_type or "?"
    if kind != "r":
        why = QUERY_TYPES.get(kind, f"is not read-only (query type {kind})")
        raise ReadOnlyViolation(
            f"refused: the statement {why} (query type {kind}); axisgraph cypher only reads"
        )
    for operator, details in _operators(summary.plan or {}):
        if operator in REFUSED_OPERATORS:
            raise ReadOnlyViolation(
                f"refused: {REFUSED_OPERATORS[operator]}; axisgraph cypher only reads the graph"
            )
        if operator == "ProcedureCall":
            procedure = details.split("(", 1)[0].strip()
            if procedure not in READ_PROCEDURES:
                raise ReadOnlyViolation(
                    f"refused: procedure {procedure} is not on the list of pure reads "
                    "axisgraph cypher may call"
                )


def plain(value: Any) -> Any:
    """A driver value as JSON-friendly data (nodes and relationships become maps)."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        ends = [n.get("id") if n is not None else None for n in value.nodes]
        props = {k: plain(v) for k, v in value.items()}
        return {"type": value.type, "start": ends[0], "end": ends[1], **props}
    if isinstance(value, neo4j.graph.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    return str(value)  # neo4j temporal, duration and spatial values print as ISO/WKT-like text


def _bad_cypher(exc: ClientError | DatabaseError) -> UsageError:
    message = (exc.message or str(exc)).strip().splitlines()
    return UsageError(f"Neo4j cannot run the statement: {message[0] if message else exc.code}")


def _timed_out(exc: ClientError) -> bool:
    # 5.x: TransactionTimedOutClientConfiguration (ours), TransactionTimedOut (the server's)
    return "TransactionTimedOut" in (exc.code or "")


def run_adhoc(
    statement: str,
    params: Mapping[str, Any] | None = None,
    store: Neo4jStore | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> AdhocResult:
    """Run ad-hoc Cypher against Neo4j, read-only, for at most ``timeout`` seconds.

    The limit is the transaction's own, so the server stops the query (not just the client
    giving up while it runs on); 0 means no limit.

    Raises:
        ReadOnlyViolation: the statement would write or act outside the graph (exit 2).
        UsageError: empty or invalid Cypher, or a negative timeout (exit 2).
        QueryTimeout: Neo4j stopped the statement at the time limit (exit 5).
        StoreUnavailable: no Neo4j can be reached (exit 3).
    """
    text = statement.strip().rstrip(";").strip()
    if not text:
        raise UsageError("no Cypher statement given")
    if not timeout >= 0:  # also refuses nan
        raise UsageError("--timeout must be 0 (no limit) or a number of seconds")
    store = store or Neo4jStore()
    values = dict(params or {})
    lead = _LEADING.match(text)
    probe = text[: lead.start(1)] + text[lead.end(1) :] if lead else text
    target = store.target
    with (
        translate_errors(target),
        store.driver.session(
            database=target.database, default_access_mode=neo4j.READ_ACCESS
        ) as session,
    ):
        try:
            summary = session.run("EXPLAIN " + probe, values).consume()
        except ClientError as exc:
            raise _bad_cypher(exc) from exc
        except (OverflowError, TypeError, ValueError) as exc:  # the driver cannot send a value
            raise UsageError(f"a parameter cannot be sent to Neo4j: {exc}") from exc
        check_read_only(summary)

        @neo4j.unit_of_work(timeout=timeout or None)
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
            result = tx.run(text, values)
            keys = list(result.keys())
            return keys, [{k: plain(record[k]) for k in keys} for record in result]

        try:
            columns, rows = session.execute_read(work)
        except DatabaseError as exc:  # e.g. a statement that cannot run in a transaction
            raise _bad_cypher(exc) from exc
        except ClientError as exc:
            if _timed_out(exc):
                raise QueryTimeout(
                    f"the statement ran past the time limit of {timeout:g} s and Neo4j "
                    "stopped it: narrow it, or give more time with --timeout SECONDS "
                    "(0: no limit)"
                ) from exc
            if "AccessMode" in (exc.code or "") or "read access mode" in str(exc):
                raise ReadOnlyViolation(f"refused by Neo4j: {exc.message}") from exc
            raise _bad_cypher(exc) from exc
    return AdhocResult(columns, rows, "neo4j", store.describe())
