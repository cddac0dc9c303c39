"""Canned queries and lookups: p50/p95 per query, engine and size, with and without constraints.

Each size loads one generated network into both engines (the memory engine queries the
intermediate graph in process; Neo4j runs the ``.cypher`` files through ``run_query``). Entity
parameters name the network's hubs for the question asked (the most supplied actor for
``suppliers_of``, the most designated for ``designations_of``...), so the figures are the
heavy-tail case. Neo4j is measured with our constraints and name indexes, then again after
dropping them all. ID and name lookups are timed one Bolt round trip each.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import networkx as nx

from axisgraph.app.generate import generate
from axisgraph.graph.build import build_graph
from axisgraph.queries import QUERIES, run_query
from axisgraph.queries.spec import Query
from bench.common import SEED, Results, Timing, percentile, repeat, say
from bench.neo import BenchNeo4j

ID_LOOKUP = "MATCH (n:Entity {id: $id}) RETURN n.id AS id"
SHOW_OTHERS = """
SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery
WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
RETURN id
"""
TERMINATE = "TERMINATE TRANSACTIONS $ids"
NAME_LOOKUP = "MATCH (n:Entity) WHERE n.name = $name RETURN n.id AS id"

# (query, parameter) -> (relationship type, direction) whose busiest node the parameter names.
ROLES: dict[tuple[str, str], tuple[str, str]] = {
    ("suppliers_of", "actor"): ("SUPPLIES", "in"),
    ("recipients_of", "actor"): ("SUPPLIES", "out"),
    ("supply_chains_into", "actor"): ("SUPPLIES", "in"),
    ("designations_of", "actor"): ("DESIGNATES", "in"),
    ("sanctions_exposure", "actor"): ("DESIGNATES", "in"),
    ("shortest_paths", "source"): ("SUPPLIES", "out"),
    ("shortest_paths", "target"): ("SUPPLIES", "in"),
    ("asserted_by", "actor"): ("ASSERTS", "out"),
    ("denied_claims", "by"): ("DENIES", "out"),
    ("denied_claims", "about"): ("SUPPLIES", "in"),
    ("single_source_claims", "actor"): ("SUPPLIES", "out"),
    ("timeline", "actor"): ("SUPPLIES", "in"),
    ("violations", "instrument"): ("VIOLATES", "in"),
    ("violations", "actor"): ("SUPPLIES", "in"),
    ("neighbourhood", "actor"): ("SUPPLIES", "in"),
    ("operates_in", "actor"): ("OPERATES_IN", "out"),
    ("weapon_trail", "weapon"): ("INVOLVES", "in"),
}


def _busiest(graph: nx.MultiDiGraph, rel_type: str, direction: str, label: str) -> list[str]:
    counts: Counter[str] = Counter()
    for u, v, t in graph.edges(data="type"):
        if t == rel_type:
            counts[v if direction == "in" else u] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [n for n, _ in ranked if label in graph.nodes[n]["labels"]]


def choose_params(query: Query, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The query's documented example, with entity parameters pointed at this graph's hubs."""
    params: dict[str, Any] = dict(query.example_params())
    used: set[str] = set()
    for param in query.params:
        if param.label is None or param.name not in params:
            continue
        rel_type, direction = ROLES.get((query.name, param.name), ("SUPPLIES", "in"))
        candidates = _busiest(graph, rel_type, direction, param.label) or sorted(
            n for n, d in graph.nodes(data=True) if param.label in d["labels"]
        )
        params[param.name] = next(c for c in candidates if c not in used)
        used.add(params[param.name])
    return params


def _lookups(neo: BenchNeo4j, ids: list[str], names: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, query, key, values in (
        ("id_lookup", ID_LOOKUP, "id", ids),
        ("name_lookup", NAME_LOOKUP, "name", names),
    ):
        for value in values[:3]:  # warm the plan cache
            neo.driver.execute_query(query, {key: value})
        seconds = []
        for value in values:
            began = time.perf_counter()
            found = neo.driver.execute_query(query, {key: value}).records
            seconds.append(time.perf_counter() - began)
            if not found:
                raise RuntimeError(f"{kind} found nothing for {value!r}")
        ms = [s * 1000 for s in seconds]
        out[kind] = {"n": len(ms), "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95)}
    return out


class QueryTimeout(Exception):
    """A canned query ran past the cap and its transaction was terminated."""


def _bounded(neo: BenchNeo4j | None, cap: float, fn: Callable[[], int]) -> int:
    """Run ``fn``; on Neo4j, terminate its transaction if it runs past ``cap`` seconds.

    The benchmark's server is private, so every other running transaction is ours. The
    memory engine cannot be interrupted; its queries are bounded by the sizes chosen.
    """
    if neo is None:
        return fn()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(fn)
        try:
            return future.result(timeout=cap)
        except FutureTimeout:
            for record in neo.driver.execute_query(SHOW_OTHERS).records:
                neo.driver.execute_query(TERMINATE, ids=[record["id"]])
            try:
                future.result(timeout=60)
            except Exception as exc:
                raise QueryTimeout(f"over {cap:.0f} s: terminated") from exc
            raise QueryTimeout(f"over {cap:.0f} s") from None


def _canned(
    store: Any, params: dict[str, dict[str, Any]], results: Results, neo: BenchNeo4j | None
) -> dict:
    config = results.config
    out: dict[str, Any] = {}
    for query in QUERIES:
        rows: list[int] = []

        def once(q: Query = query, found: list[int] = rows) -> None:
            found.append(
                _bounded(
                    neo, config.query_cap_s, lambda: len(run_query(q.name, params[q.name], store))
                )
            )

        try:
            timing: Timing = repeat(
                once,
                reps=config.query_reps,
                budget_s=config.query_budget_s,
                cap_s=config.query_cap_s,
            )
        except QueryTimeout as exc:
            out[query.name] = {"timed_out": str(exc), "p50_ms": None, "p95_ms": None, "rows": None}
            results.note("queries", f"{query.name} on {getattr(store, 'name', 'memory')}: {exc}")
            continue
        out[query.name] = {**timing.summary(), "rows": rows[-1]}
    return out


def run(neo: BenchNeo4j, results: Results) -> None:
    config = results.config
    section = results.section("queries")
    for size in config.query_sizes:
        say(f"queries {size:,}: generating and building")
        dataset = generate(size, SEED)
        graph = build_graph(dataset)
        params = {q.name: choose_params(q, graph) for q in QUERIES}
        rng = random.Random(size)
        entities = sorted(dataset.entities)
        ids = rng.sample(entities, min(config.lookups, len(entities)))
        names = [dataset.entities[i].name for i in ids]
        entry: dict[str, Any] = {"records": size, "params": params}
        say(f"queries {size:,}: memory engine")
        entry["memory"] = _canned(graph, params, results, None)
        say(f"queries {size:,}: Neo4j with constraints")
        neo.wipe()
        store = neo.store()
        store.load(dataset)
        neo.await_indexes()
        entry["neo4j"] = _canned(store, params, results, neo)
        entry["lookups_with_constraints"] = _lookups(neo, ids, names)
        say(f"queries {size:,}: Neo4j without constraints or indexes")
        neo.drop_schema()
        entry["neo4j_no_constraints"] = _canned(neo.store(), params, results, neo)
        entry["lookups_without_constraints"] = _lookups(neo, ids, names)
        neo.store().ensure_constraints()
        mismatched = [
            q.name
            for q in QUERIES
            if entry["neo4j"][q.name]["rows"] is not None  # None: terminated at the cap
            and entry["memory"][q.name]["rows"] != entry["neo4j"][q.name]["rows"]
        ]
        if mismatched:
            results.note("queries", f"{size}: row counts differ between engines: {mismatched}")
        for kind in ("id_lookup", "name_lookup"):
            with_c = entry["lookups_with_constraints"][kind]["p50_ms"]
            without = entry["lookups_without_constraints"][kind]["p50_ms"]
            entry[f"{kind}_speedup_with_constraints"] = without / with_c
        section[str(size)] = entry
    _metrics(results, section)


def _metrics(results: Results, section: dict[str, Any]) -> None:
    sizes = sorted(int(s) for s in section)
    large, small = str(sizes[-1]), str(sizes[0])
    top = section[large]
    for engine in ("memory", "neo4j", "neo4j_no_constraints"):
        for name, timing in top[engine].items():
            for stat in ("p50_ms", "p95_ms"):
                results.metric(f"queries.{name}.{engine}.{stat}", timing[stat])
            before = section[small][engine][name]["p50_ms"]
            if len(sizes) > 1 and before and timing["p50_ms"]:
                results.metric(f"queries.{name}.{engine}.growth_x", timing["p50_ms"] / before)
    for kind in ("id_lookup", "name_lookup"):
        results.metric(
            f"queries.{kind}_speedup_with_constraints", top[f"{kind}_speedup_with_constraints"]
        )
        for mode in ("with", "without"):
            stats = top[f"lookups_{mode}_constraints"][kind]
            results.metric(f"queries.{kind}.{mode}_constraints.p50_ms", stats["p50_ms"])
            results.metric(f"queries.{kind}.{mode}_constraints.p95_ms", stats["p95_ms"])
    results.metric(
        "queries.lookup_speedup_with_constraints",
        min(top["id_lookup_speedup_with_constraints"], top["name_lookup_speedup_with_constraints"]),
    )
    results.metric("queries.measured_at_records", int(large))
    if len(sizes) > 1:
        results.metric("queries.size_factor", int(large) / int(small))
