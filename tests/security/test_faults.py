"""Faults during loads: kill -9 of the server mid-load, a store down at start, two loads at once.

Promise: a load is one transaction, so a crash leaves nothing half-written, and the same load
run again gives exactly the expected graph.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from neo4j.exceptions import TransientError
from synthetic import synthetic

from axisgraph.graph.build import build_graph
from axisgraph.graph.export import write_json
from axisgraph.graph.model import Dataset
from axisgraph.graph.version import data_version
from axisgraph.loaders.yaml_claims import load_dataset
from axisgraph.settings import Settings, get_settings
from axisgraph.store import cypher, server
from axisgraph.store.neo4j_store import Neo4jStore

# The kill tests start and kill servers of their own: they need Neo4j without its fixtures.
pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _graph_file(folder: Path, entities: int, claims: int) -> tuple[Path, int, int]:
    graph = build_graph(synthetic(entities, claims, prefix="big"))
    path = folder / f"graph-{entities}.json"
    write_json(graph, path)
    return path, graph.number_of_nodes(), graph.number_of_edges()


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """Large enough that a kill -9 lands in the middle of the load's transaction."""
    return _graph_file(tmp_path_factory.mktemp("big"), 8_000, 16_000)


@pytest.fixture(scope="module")
def medium_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """Two loads of it overlap: each takes far longer than starting a process."""
    return _graph_file(tmp_path_factory.mktemp("medium"), 2_000, 4_000)


def _lost(expected_nodes: int, expected_rels: int, counts: dict[str, int], tally: Any) -> None:
    """Count what a fault cost (nodes and relationships missing), for the figures: zero."""
    lost = max(0, expected_nodes - counts["ids"]) + max(0, expected_rels - counts["rels"])
    tally("faults: nodes and relationships lost", lost)
    assert lost == 0


def _env(uri: str, password: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return {**env, "NEO4J_URI": uri, "NEO4J_PASSWORD": password, "AXISGRAPH_HOME": str(home)}


def _load(env: dict[str, str], path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "axisgraph", "load", str(path), "--neo4j"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _counts(driver: neo4j.Driver) -> dict[str, int]:
    record = driver.execute_query("""
        MATCH (n:Entity) WITH count(n) AS nodes, count(DISTINCT n.id) AS ids
        OPTIONAL MATCH ()-[r]->() WITH nodes, ids, count(r) AS rels
        OPTIONAL MATCH (c:Claim) WHERE NOT (c)-[:REPORTED_IN]->(:Source)
           OR NOT (c)-[:HAS_SUBJECT]->() OR NOT (c)-[:HAS_OBJECT]->()
        RETURN nodes, ids, rels, count(c) AS half_claims""").records[0]
    return dict(record)


def _wait_for_write(driver: neo4j.Driver, deadline: float) -> bool:
    """True once a transaction of the load has written its first nodes."""
    while time.monotonic() < deadline:
        try:
            rows = driver.execute_query(
                "SHOW TRANSACTIONS YIELD currentQuery, status "
                "WHERE currentQuery CONTAINS 'MERGE (n:Entity' OR "
                "currentQuery CONTAINS 'CREATE (a)-[r' RETURN count(*) AS n"
            ).records
            if rows and rows[0]["n"]:
                return True
        except neo4j.exceptions.Neo4jError:
            pass
        time.sleep(0.05)
    return False


def test_kill_9_mid_load_then_load_again(tmp_path, big_file, tally):
    path, nodes, rels = big_file
    settings = Settings(None, "neo4j", None, None, tmp_path / "home", get_settings().cache)
    bolt, http = server.free_port(), server.free_port()
    state, _ = server.start(settings, bolt_port=bolt, http_port=http, timeout=240)
    password, _ = server.local_password(settings)
    assert password
    env = _env(state.bolt_uri, password, tmp_path / "cli-home")
    try:
        with neo4j.GraphDatabase.driver(state.bolt_uri, auth=("neo4j", password)) as driver:
            loading = _load(env, path)
            assert _wait_for_write(driver, time.monotonic() + 180), "the load never started"
            time.sleep(0.5)
        server.kill(settings)  # kill -9, mid-transaction
        _, err = loading.communicate(timeout=240)
        assert loading.returncode == 3, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err

        state, _ = server.start(settings, bolt_port=bolt, http_port=http, timeout=240)
        with neo4j.GraphDatabase.driver(state.bolt_uri, auth=("neo4j", password)) as driver:
            after_crash = _counts(driver)
            assert after_crash["nodes"] == 0 and after_crash["rels"] == 0  # nothing committed
            again = _load(env, path)
            _out, err = again.communicate(timeout=600)
            assert again.returncode == 0, err
            final = _counts(driver)
        tally("faults: kill -9 of the server mid-load")
        _lost(nodes, rels, final, tally)
        assert final == {"nodes": nodes, "ids": nodes, "rels": rels, "half_claims": 0}
    finally:
        server.stop(settings)


def test_store_down_at_start_is_one_line_exit_3(tmp_path, tally):
    env = _env(f"bolt://127.0.0.1:{server.free_port()}", "whatever-pw", tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "axisgraph", "load", "--neo4j"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3
    assert len(done.stderr.strip().splitlines()) == 1 and "unreachable" in done.stderr
    tally("faults: store down when a load starts")


def test_two_loads_of_the_same_data_at_once(neo4j_server, neo4j_db, tmp_path, medium_file, tally):
    path, nodes, rels = medium_file
    env = _env(neo4j_server.uri, neo4j_server.password, tmp_path)
    first, second = _load(env, path), _load(env, path)
    # They do overlap: one load waits for the other's lock.
    running = lambda: first.poll() is None and second.poll() is None  # noqa: E731
    overlapped = _wait_until_blocked(neo4j_db, "AxisgraphLoadLock", time.monotonic() + 600, running)
    results = [p.communicate(timeout=900) for p in (first, second)]
    assert overlapped, "the two loads never ran at the same time"
    assert first.returncode == 0, results[0][1]
    assert second.returncode == 0, results[1][1]
    final = _counts(neo4j_db)
    tally("faults: two loads of the same data at once")
    _lost(nodes, rels, final, tally)
    assert final == {"nodes": nodes, "ids": nodes, "rels": rels, "half_claims": 0}


# -- transient errors: the driver retries the whole load transaction -------------------------------


def _bundled_store() -> tuple[Neo4jStore, Dataset, str]:
    """Neo4j holding the bundled dataset, the dataset, and the graph's checksum."""
    store = Neo4jStore()
    dataset = load_dataset()
    store.load(dataset)
    store.validate(dataset)
    return store, dataset, data_version(store.graph())


def test_a_real_deadlock_during_a_load_is_retried(neo4j_env, tally):
    """Another transaction holds every entity and then asks for the load lock the load holds:
    Neo4j detects the deadlock and aborts the load (it holds fewer locks) with a transient
    error; the driver runs the load transaction again, which then gives exactly the graph."""
    store, dataset, expected = _bundled_store()
    calls: list[int] = []

    def batches() -> list[Dataset]:
        calls.append(len(calls))
        return [dataset]

    outcome: dict[str, Any] = {}
    loading = threading.Thread(target=lambda: outcome.update(report=store.write(batches)))
    with (
        neo4j.GraphDatabase.driver(
            neo4j_env.uri, auth=(neo4j_env.user, neo4j_env.password)
        ) as other,
        other.session() as session,
    ):
        tx = session.begin_transaction()
        tx.run("MATCH (n:Entity) SET n.touched = true").consume()
        loading.start()
        assert _wait_until_blocked(other, "MERGE (n:Entity", time.monotonic() + 120)
        tx.run(cypher.LOAD_LOCK).consume()  # closes the cycle; the load is the victim
        tx.rollback()
    loading.join(timeout=300)
    assert not loading.is_alive() and "report" in outcome
    assert len(calls) == 3, "the load was not retried"  # pass 1 failed; then passes 1 and 2
    tally("faults: deadlocks during a load (retried)")
    _same_graph(store, expected, tally)


def test_a_transient_error_after_half_the_load_is_retried(neo4j_env, tally):
    """The first attempt writes every node, then fails with a transient error before the
    relationships: Neo4j rolls it back, the driver retries, and the graph is exact."""
    store, dataset, expected = _bundled_store()
    store.driver.execute_query("MATCH (n) DETACH DELETE n")
    calls: list[int] = []

    def batches() -> Iterator[Dataset]:
        calls.append(len(calls))
        if len(calls) == 2:  # pass 2 of the first attempt: the nodes are written
            raise TransientError("injected: a transient failure halfway through the load")
        yield dataset

    report = store.write(lambda: batches())
    assert len(calls) == 4 and report.nodes == len(list(dataset.records()))
    tally("faults: transient errors injected halfway through a load (retried)")
    _same_graph(store, expected, tally)


def _same_graph(store: Neo4jStore, expected: str, tally: Any) -> None:
    """The graph after the fault is the expected one, node for node (its checksum); what
    is missing counts as lost."""
    graph = store.graph()
    nodes, rels = (int(x[:-1]) for x in expected.split("-")[:2])
    counts = {"ids": graph.number_of_nodes(), "rels": graph.number_of_edges()}
    _lost(nodes, rels, counts, tally)
    assert data_version(graph) == expected


def _wait_until_blocked(
    driver: neo4j.Driver, query: str, deadline: float, going: Any = lambda: True
) -> bool:
    """True once a transaction running ``query`` waits for a lock (False at the deadline, or
    once ``going()`` says there is nothing left to wait for)."""
    while time.monotonic() < deadline and going():
        rows = driver.execute_query(
            "SHOW TRANSACTIONS YIELD currentQuery, status "
            "WHERE status STARTS WITH 'Blocked' AND currentQuery CONTAINS $query "
            "RETURN count(*) AS n",
            query=query,
        ).records
        if rows and rows[0]["n"]:
            return True
        time.sleep(0.05)
    return False
