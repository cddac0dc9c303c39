"""Loading into Neo4j: one transaction per row, our batched loader, and neo4j-admin import.

Same generated data, same server, one run. Rows are the nodes plus relationships of the final
graph (projections included), so every loader is credited with the same work:

- **per row** (the baseline): one managed transaction per node (the loader's own ``MERGE``)
  and per relationship (the loader's own ``MATCH``/``CREATE``). It runs for a time budget per
  phase and its rate is extrapolated to the whole graph; nodes it did not reach are written
  untimed, in one batch, so the relationship phase has its ends.
- **batched**: ``Neo4jStore.load`` as ``axisgraph load --neo4j`` runs it (validation, one
  transaction, projections). With ``before_after`` it is also timed with its local-projection
  fast path off (``LOCAL_PROJECTIONS = False``), the behaviour before the optimisation.
- **admin import** (the ceiling): ``neo4j-admin database import full`` on ``write_csv``'s
  files into a separate, stopped, empty home; then the server is started there and the
  labels, types and counts are checked.
- **bulk**: ``axisgraph.store.bulk.bulk_load`` (``axisgraph load --bulk``), end to end.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import networkx as nx

from axisgraph.app.generate import generate
from axisgraph.graph.build import build_graph
from axisgraph.graph.export import write_csv
from axisgraph.graph.model import Dataset
from axisgraph.graph.rows import edge_rows, node_row
from axisgraph.store import bulk, cypher, neo4j_store, server
from axisgraph.store.connection import Target
from axisgraph.store.cypher import chunks
from axisgraph.store.neo4j_store import Neo4jStore, _edge_param, _node_param
from bench.common import SEED, Config, Results, say, stopwatch, temp_home
from bench.neo import BenchNeo4j, home_settings

CHECK_EQUAL_UP_TO = 50_000
"""Below this many rows, every load is compared with the memory engine's graph."""


def _edge_params(dataset: Dataset, graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every relationship of the final graph, as the loader's CREATE takes it."""
    rows = [_edge_param(e) for r in dataset.records() for e in edge_rows(r)]
    rows += [
        {"source": u, "target": v, "type": d["type"], "props": {k: x for k, x in d.items()}}
        for u, v, d in graph.edges(data=True)
        if d.get("projected") or d["type"] == "SAME_AS"
    ]
    for row in rows:
        row["props"].pop("type", None)
    return rows


def per_row(neo: BenchNeo4j, dataset: Dataset, graph: nx.MultiDiGraph, budget: float) -> dict:
    """One transaction per row, for ``budget`` seconds per phase; rates extrapolated."""
    neo.wipe_data()
    neo.store().ensure_constraints()
    nodes = [_node_param(node_row(r)) for r in dataset.records()]
    edges = _edge_params(dataset, graph)
    out: dict[str, Any] = {}
    with neo.driver.session() as session:
        for phase, rows, query in (
            ("nodes", nodes, cypher.MERGE_NODES),
            ("relationships", edges, cypher.CREATE_EDGES),
        ):
            done, began = 0, time.perf_counter()
            deadline = began + budget
            for row in rows:
                session.execute_write(lambda tx, r=row, q=query: tx.run(q, rows=[r]).consume())
                done += 1
                if time.perf_counter() > deadline:
                    break
            seconds = time.perf_counter() - began
            out[phase] = {"rows": len(rows), "timed_rows": done, "seconds": round(seconds, 3)}
            out[phase]["rows_per_s"] = done / seconds
            if phase == "nodes" and done < len(rows):
                with stopwatch() as untimed:
                    session.execute_write(_write_rest, rows[done:])
                out[phase]["rest_written_batched_untimed_s"] = round(untimed[0], 2)
    total = len(nodes) + len(edges)
    estimate = sum(out[p]["rows"] / out[p]["rows_per_s"] for p in ("nodes", "relationships"))
    out["extrapolated"] = any(out[p]["timed_rows"] < out[p]["rows"] for p in out)
    out["estimated_seconds"] = round(estimate, 1)
    out["rows_per_s"] = total / estimate
    return out


def _write_rest(tx: Any, rows: list[dict[str, Any]]) -> None:
    for chunk in chunks(rows):
        tx.run(cypher.MERGE_NODES, rows=chunk).consume()


class _Records(list[Any]):
    def single(self) -> Any:
        return self[0] if self else None

    def consume(self) -> None:
        return None


class _TimedTx:
    """Wraps the loader's transaction: seconds and calls per Cypher statement."""

    names: ClassVar[dict[str, str]] = {
        v.strip(): k for k, v in vars(cypher).items() if isinstance(v, str) and k.isupper()
    }

    def __init__(self, tx: Any, stats: dict[str, dict[str, float]]) -> None:
        self.tx, self.stats = tx, stats

    def run(self, query: str, parameters: Any = None, **kwargs: Any) -> _Records:
        began = time.perf_counter()
        records = _Records(self.tx.run(query, parameters, **kwargs))
        name = self.names.get(query.strip(), query.strip()[:30])
        entry = self.stats.setdefault(name, {"seconds": 0.0, "calls": 0})
        entry["seconds"] = round(entry["seconds"] + time.perf_counter() - began, 3)
        entry["calls"] += 1
        return records


@contextlib.contextmanager
def statement_times() -> Iterator[dict[str, dict[str, float]]]:
    """Time every statement ``Neo4jStore.load`` runs (a light profile of the loader)."""
    stats: dict[str, dict[str, float]] = {}
    original = neo4j_store._write_all
    neo4j_store._write_all = lambda tx, *a: original(_TimedTx(tx, stats), *a)  # type: ignore[assignment]
    try:
        yield stats
    finally:
        neo4j_store._write_all = original


def canonical(graph: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    """A graph as sorted JSON lines, to compare what two stores hold."""
    nodes = sorted(json.dumps([n, d], sort_keys=True) for n, d in graph.nodes(data=True))
    edges = sorted(
        json.dumps([u, v, k, d], sort_keys=True) for u, v, k, d in graph.edges(keys=True, data=True)
    )
    return nodes, edges


def _load_once(
    neo: BenchNeo4j, dataset: Dataset, *, local: bool, timed: bool
) -> tuple[float, Any, dict[str, dict[str, float]]]:
    """One ``Neo4jStore.load`` into the emptied database (constraints already in place)."""
    neo.wipe_data()
    store = neo.store()
    store.ensure_constraints()
    neo4j_store.LOCAL_PROJECTIONS = local
    try:
        timer = statement_times() if timed else contextlib.nullcontext({})
        with timer as stats, stopwatch() as took:
            report = store.load(dataset)
    finally:
        neo4j_store.LOCAL_PROJECTIONS = True
    return took[0], report, stats


def batched_pair(
    neo: BenchNeo4j,
    dataset: Dataset,
    rows: int,
    *,
    reps: int,
    before_after: bool,
    breakdown: bool,
    expected: tuple[list[str], list[str]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Our loader, after (fast path on) and before (off), alternating ``reps`` times; the
    fastest run of each counts (the least disturbed on a shared machine). With ``breakdown``,
    each runs once more with every statement timed. With ``expected``, the stored graph must
    equal it (the memory engine's graph) after every load."""
    variants = {"batched": True, **({"batched_before": False} if before_after else {})}
    out: dict[str, dict[str, Any]] = {name: {"runs_s": []} for name in variants}
    plan = [(False, r) for r in range(reps)] + ([(True, reps)] if breakdown else [])
    for timed, _ in plan:
        for name, local in variants.items():
            seconds, report, stats = _load_once(neo, dataset, local=local, timed=timed)
            entry = out[name]
            if timed:
                entry.update(statements=stats, seconds_with_statement_timer=round(seconds, 2))
            else:
                entry["runs_s"].append(round(seconds, 2))
                best = min(entry["runs_s"])
                written = report.nodes + report.relationships + report.projections
                entry.update(seconds=best, rows=written, rows_per_s=written / best)
            nodes, rels = neo.counts()
            if (nodes, rels) != (report.nodes, rows - report.nodes):
                raise RuntimeError(f"{name} wrote {nodes} nodes / {rels} relationships")
            if expected is not None:
                entry["equal_to_memory_engine"] = canonical(neo.store().graph()) == expected
                if not entry["equal_to_memory_engine"]:
                    raise RuntimeError(f"{name} differs from the memory engine's graph")
    return out


def warm_up(neo: BenchNeo4j) -> None:
    """Create the constraints and run one small load, so no loader pays the JIT's first use."""
    neo.wipe()
    store = neo.store()
    store.ensure_constraints()
    store.load(generate(2_000, SEED + 1))
    neo.wipe_data()


def admin_import(graph: nx.MultiDiGraph, rows: int, work: Path) -> dict:
    """``neo4j-admin database import full`` into a separate, never started home."""
    out: dict[str, Any] = {}
    with temp_home("admin-") as home:
        settings = home_settings(home)
        with stopwatch() as csv_time:
            write_csv(graph, work)
        run = bulk.admin_import(settings, work)
        out.update(
            csv_seconds=round(csv_time[0], 2),
            seconds=round(run.seconds, 2),
            tool_reported_seconds=run.tool_seconds,
            rows_per_s=rows / run.seconds,
            rows_per_s_with_csv=rows / (run.seconds + csv_time[0]),
        )
        state, _ = server.start(
            settings, bolt_port=server.free_port(), http_port=server.free_port()
        )
        try:
            password, _ = server.local_password(settings)
            check = BenchNeo4j(state.bolt_uri, password or "")
            nodes, rels = check.counts()
            labels = check.driver.execute_query(
                "MATCH (n:Entity) UNWIND labels(n) AS l RETURN l, count(*) AS c"
            ).records
            types = check.driver.execute_query(
                "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c"
            ).records
            check.close()
        finally:
            server.stop(settings)
    want_labels: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        for label in ["Entity", *attrs["labels"]]:
            want_labels[label] = want_labels.get(label, 0) + 1
    want_types: dict[str, int] = {}
    for *_, t in graph.edges(data="type"):
        want_types[t] = want_types.get(t, 0) + 1
    out["check"] = {
        "nodes": nodes == graph.number_of_nodes(),
        "relationships": rels == graph.number_of_edges(),
        "labels": {r["l"]: r["c"] for r in labels} == want_labels,
        "types": {r["t"]: r["c"] for r in types} == want_types,
    }
    if not all(out["check"].values()):
        raise RuntimeError(f"neo4j-admin import does not match the graph: {out['check']}")
    return out


def bulk_load(
    dataset: Dataset,
    rows: int,
    config: Config,
    expected: tuple[list[str], list[str]] | None = None,
) -> dict:
    """``bulk_load`` (``axisgraph load --bulk``) into an empty database: a running server's
    (stopped, imported into, started again), or with ``bulk_from_running`` off, a new one."""
    heap, pagecache = config.heap, config.pagecache
    with temp_home("bulk-") as home:
        settings = home_settings(home)
        if config.bulk_from_running:
            server.start(
                settings,
                bolt_port=server.free_port(),
                http_port=server.free_port(),
                heap=heap,
                pagecache=pagecache,
            )
        try:
            with stopwatch() as took:
                report = bulk.bulk_load(
                    dataset,
                    settings,
                    bolt_port=server.free_port(),
                    http_port=server.free_port(),
                    heap=heap,
                    pagecache=pagecache,
                )
            password, _ = server.local_password(settings)
            state = server.read_state(settings)
            assert state is not None and password
            store = Neo4jStore(Target(state.bolt_uri, "neo4j", password, None, "bulk check"))
            labels, types = store.counts()
            equal = canonical(store.graph()) == expected if expected is not None else None
        finally:
            server.stop(settings)
    if sum(types.values()) + labels.get("Claim", 0) == 0:
        raise RuntimeError("bulk load wrote nothing")
    if equal is False:
        raise RuntimeError("the bulk load differs from the memory engine's graph")
    return {
        "equal_to_memory_engine": equal,
        "seconds": round(took[0], 2),
        "stages": report.seconds,
        "rows_per_s": rows / took[0],
        "import_rows_per_s": rows / report.seconds["admin_import"],
    }


def run(neo: BenchNeo4j, results: Results) -> None:
    config = results.config
    section = results.section("load")
    say("load: warming up (constraints, one small load)")
    warm_up(neo)
    for size in config.load_sizes:
        say(f"load: generating {size:,} records")
        dataset = generate(size, SEED)
        graph = build_graph(dataset)
        rows = graph.number_of_nodes() + graph.number_of_edges()
        entry: dict[str, Any] = {
            "records": size,
            "nodes": graph.number_of_nodes(),
            "relationships": graph.number_of_edges(),
            "rows": rows,
        }
        expected = canonical(graph) if rows <= CHECK_EQUAL_UP_TO else None
        say(f"load {size:,}: batched (our loader, after and before), {rows:,} rows")
        entry.update(
            batched_pair(
                neo,
                dataset,
                rows,
                reps=config.load_reps,
                before_after=config.before_after,
                breakdown=size == min(config.load_sizes),
                expected=expected,
            )
        )
        say(f"load {size:,}: one transaction per row ({config.per_row_budget_s:.0f} s per phase)")
        entry["per_row"] = per_row(neo, dataset, graph, config.per_row_budget_s)
        neo.wipe_data()
        b, p = entry["batched"]["rows_per_s"], entry["per_row"]["rows_per_s"]
        entry["batched_vs_per_row"] = b / p
        if config.ceilings_at_every_size or size == max(config.load_sizes):
            say(f"load {size:,}: neo4j-admin database import full")
            with temp_home("csv-") as work:
                entry["admin_import"] = admin_import(graph, rows, work)
            say(f"load {size:,}: bulk_load (axisgraph load --bulk)")
            entry["bulk"] = bulk_load(dataset, rows, config, expected)
            a = entry["admin_import"]["rows_per_s"]
            entry["batched_vs_admin_import"] = b / a
            entry["bulk_vs_admin_import"] = entry["bulk"]["rows_per_s"] / a
            entry["bulk_vs_batched"] = entry["bulk"]["rows_per_s"] / b
        if "batched_before" in entry:
            entry["batched_after_vs_before"] = b / entry["batched_before"]["rows_per_s"]
        section[str(size)] = entry
        for key in (
            "batched_vs_per_row",
            "batched_vs_admin_import",
            "bulk_vs_admin_import",
            "bulk_vs_batched",
            "batched_after_vs_before",
        ):
            if key in entry:
                results.metric(f"load.{size}.{key}", entry[key])
        for key in ("per_row", "batched", "batched_before", "admin_import", "bulk"):
            if key in entry:
                results.metric(f"load.{size}.{key}_rows_per_s", entry[key]["rows_per_s"])
    largest = str(max(config.load_sizes))
    for key in ("batched_vs_per_row", "batched_vs_admin_import", "bulk_vs_admin_import"):
        results.metric(f"load.{key}", section[largest][key])
    results.metric("load.measured_at_records", int(largest))
