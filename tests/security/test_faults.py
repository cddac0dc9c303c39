"""Faults during loads: kill -9 of the server mid-load, a store down at start, two loads at once.

Promise: a load is one transaction, so a crash leaves nothing half-written, and the same load
run again gives exactly the expected graph.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest
from synthetic import synthetic

from axisgraph.graph.build import build_graph
from axisgraph.graph.export import write_json
from axisgraph.settings import Settings, get_settings
from axisgraph.store import server

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    graph = build_graph(synthetic(8_000, 16_000, prefix="big"))
    path = tmp_path_factory.mktemp("big") / "big.json"
    write_json(graph, path)
    return path, graph.number_of_nodes(), graph.number_of_edges()


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


def test_kill_9_mid_load_then_load_again(tmp_path, big_file):
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
        assert final == {"nodes": nodes, "ids": nodes, "rels": rels, "half_claims": 0}
    finally:
        server.stop(settings)


def test_store_down_at_start_is_one_line_exit_3(tmp_path):
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


def test_two_loads_of_the_same_data_at_once(neo4j_server, neo4j_db, tmp_path, big_file):
    path, nodes, rels = big_file
    env = _env(neo4j_server.uri, neo4j_server.password, tmp_path)
    first, second = _load(env, path), _load(env, path)
    results = [p.communicate(timeout=900) for p in (first, second)]
    assert first.returncode == 0, results[0][1]
    assert second.returncode == 0, results[1][1]
    assert _counts(neo4j_db) == {"nodes": nodes, "ids": nodes, "rels": rels, "half_claims": 0}
