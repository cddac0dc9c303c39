"""The local Neo4j server and the driver, against a real Neo4j 5.26."""

from __future__ import annotations

import json
import urllib.request

import neo4j
import pytest

pytestmark = pytest.mark.neo4j


def test_write_and_read_back(neo4j_db):
    neo4j_db.execute_query("CREATE (:Probe {id: $id, name: $name})", id="p1", name="Wagner")
    records = neo4j_db.execute_query(
        "MATCH (p:Probe {id: $id}) RETURN p.name AS name", id="p1"
    ).records
    assert [r["name"] for r in records] == ["Wagner"]


def test_constraint_is_enforced(neo4j_db):
    neo4j_db.execute_query(
        "CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:Probe) REQUIRE p.id IS UNIQUE"
    )
    names = [r["name"] for r in neo4j_db.execute_query("SHOW CONSTRAINTS YIELD name").records]
    assert "probe_id" in names
    neo4j_db.execute_query("CREATE (:Probe {id: 'x'})")
    with pytest.raises(neo4j.exceptions.ConstraintError):
        neo4j_db.execute_query("CREATE (:Probe {id: 'x'})")


def test_routing_scheme_against_single_server(neo4j_server, neo4j_db):
    uri = neo4j_server.uri.replace("bolt://", "neo4j://")
    with neo4j.GraphDatabase.driver(uri, auth=(neo4j_server.user, neo4j_server.password)) as d:
        d.execute_query("CREATE (:Probe {id: 'routed'})")
        got = d.execute_query(
            "MATCH (p:Probe) RETURN p.id AS id", routing_=neo4j.RoutingControl.READ
        ).records
    assert [r["id"] for r in got] == ["routed"]


def test_ping_through_cli_uses_neo4j_uri(neo4j_env, cli, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_env.uri.replace("bolt://", "neo4j://"))
    result = cli("db", "ping", "--format", "json")
    assert result.code == 0, result.err
    row = json.loads(result.out)[0]
    assert row["server"].startswith("Neo4j Kernel 5.26") and "community" in row["server"]


def test_wrong_password_exits_3_without_leaking(neo4j_env, cli, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "definitely-wrong-pw")
    result = cli("db", "ping")
    assert result.code == 3
    assert "refused the credentials" in result.err
    assert "definitely-wrong-pw" not in result.err + result.out
    assert "Traceback" not in result.err


def _local(neo4j_server):
    if neo4j_server.settings is None:
        pytest.skip("NEO4J_URI given: the suite did not start the local server")
    return neo4j_server.settings


def test_start_twice_is_idempotent(neo4j_server, cli, monkeypatch):
    settings = _local(neo4j_server)
    monkeypatch.setenv("AXISGRAPH_HOME", str(settings.home))
    result = cli("db", "start", "--bolt-port", str(neo4j_server.bolt_port))
    assert result.code == 0, result.err
    assert "already running" in result.out


def test_status_reports_uri_user_and_password_location(neo4j_server, cli, monkeypatch):
    settings = _local(neo4j_server)
    monkeypatch.setenv("AXISGRAPH_HOME", str(settings.home))
    result = cli("db", "status", "--format", "json")
    assert result.code == 0, result.err
    row = json.loads(result.out)[0]
    assert row["running"] is True and row["uri"] == neo4j_server.uri
    assert row["user"] == "neo4j" and row["password"].endswith("neo4j/password")
    assert neo4j_server.password not in result.out


def test_browser_answers(neo4j_server):
    from axisgraph.store import server

    state = server.read_state(_local(neo4j_server))
    assert state is not None
    with urllib.request.urlopen(state.browser_url, timeout=30) as response:
        assert response.status == 200
        assert b"Neo4j Browser" in response.read()


def test_server_listens_on_loopback_only(neo4j_server):
    import subprocess

    from axisgraph.store import server

    state = server.read_state(_local(neo4j_server))
    assert state is not None
    listening = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout
    mine = [line for line in listening.splitlines() if f"pid={state.pid}," in line]
    assert mine, listening
    for line in mine:
        local = line.split()[3]
        assert "127.0.0.1" in local, line


def test_logs_show_the_tail(neo4j_server, cli, monkeypatch):
    settings = _local(neo4j_server)
    monkeypatch.setenv("AXISGRAPH_HOME", str(settings.home))
    result = cli("db", "logs", "-n", "20")
    assert result.code == 0 and "Started." in result.out
