"""The CLI against real Neo4j: canned queries with --neo4j, and read-only ad-hoc Cypher."""

from __future__ import annotations

import json

import pytest
from neo4j.exceptions import ClientError

from axisgraph.errors import ReadOnlyViolation
from axisgraph.queries import run_adhoc
from axisgraph.queries.adhoc import parse_value
from axisgraph.store.neo4j_store import Neo4jStore

# Tests that use a Neo4j fixture are marked `neo4j` by tests/conftest.py.

WRITES = [
    "CREATE (:Probe {id: 'x'})",
    "MERGE (n:Entity {id: 'wagner-group'}) RETURN n",
    "MATCH (n:Entity {id: 'iran'}) DETACH DELETE n",
    "MATCH (n:Entity {id: 'iran'}) SET n.name = 'Persia'",
    "MATCH (n:Entity {id: 'iran'}) REMOVE n.name",
    "MATCH (n:Entity {id: 'iran'}) CALL (n) { SET n.x = 1 } RETURN n.id",
    "MATCH (n:Entity) WITH collect(n) AS ns FOREACH (n IN ns | SET n.x = 1)",
    "CREATE INDEX probe_idx IF NOT EXISTS FOR (n:Probe) ON (n.x)",
    "DROP CONSTRAINT axisgraph_entity_id",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CALL db.createLabel('Probe')",
    "CALL db.createProperty('probe')",
    "CALL db.clearQueryCaches()",
    "CALL db.stats.clear('QUERIES')",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "// a comment first\nPROFILE CREATE (:Probe)",
]


def snapshot(store: Neo4jStore):
    labels, types = store.counts()
    keys = store.driver.execute_query(
        "CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS k"
    ).records[0]["k"]
    indexes = store.driver.execute_query("SHOW INDEXES YIELD name RETURN collect(name) AS n")
    return labels, types, sorted(keys), sorted(indexes.records[0]["n"])


def test_query_run_on_neo4j_matches_memory(cli, neo4j_cli_env):
    args = ["query", "run", "suppliers_of", "-p", "actor=Wagner", "--format", "json"]
    neo = cli(*args)
    assert neo.code == 0, neo.err
    assert "answered by the neo4j engine: Neo4j at" in neo.err
    memory = cli(*args, "--memory")
    assert memory.code == 0 and "memory engine" in memory.err
    assert json.loads(neo.out) == json.loads(memory.out)


def test_unknown_actor_on_neo4j_exits_1(cli, neo4j_cli_env):
    result = cli("query", "run", "suppliers_of", "-p", "actor=hizbollah", "--neo4j")
    assert result.code == 1 and "did you mean hezbollah" in result.err


def test_cypher_reads_with_parameters(cli, neo4j_cli_env):
    result = cli(
        "cypher",
        "MATCH (a:Actor {id: $id})-[r:SUPPLIES]->(b) RETURN b.id AS to, r.source_count AS n "
        "ORDER BY to LIMIT $limit",
        "-p",
        "id=iran",
        "-p",
        "limit=5",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert [r["to"] for r in rows] == ["russia"] and isinstance(rows[0]["n"], int)
    assert "answered by the neo4j engine" in result.err


def test_cypher_returns_nodes_as_maps(neo4j_store):
    result = run_adhoc("MATCH (n:Actor {id: $id}) RETURN n", {"id": "iran"}, neo4j_store)
    assert result.columns == ["n"]
    node = result.rows[0]["n"]
    assert node["id"] == "iran" and "Actor" in node["labels"]


@pytest.mark.parametrize("statement", WRITES)
def test_cypher_refuses_writes_and_changes_nothing(cli, neo4j_cli_env, statement):
    store = Neo4jStore(neo4j_cli_env)
    before = snapshot(store)
    result = cli("cypher", statement)
    assert result.code == 2, (statement, result.out, result.err)
    assert "refused" in result.err and "Traceback" not in result.err
    assert snapshot(Neo4jStore(neo4j_cli_env)) == before


def test_read_transaction_is_the_second_lock(neo4j_store):
    """Even a write that got past EXPLAIN would meet the read transaction."""
    with (
        neo4j_store.driver.session(database=neo4j_store.target.database) as session,
        pytest.raises(ClientError, match=r"(?i)read"),
    ):
        session.execute_read(lambda tx: tx.run("CREATE (:Probe)").consume())


def test_refusal_is_a_read_only_violation(neo4j_store):
    with pytest.raises(ReadOnlyViolation, match="writes data"):
        run_adhoc("CREATE (:Probe)", None, neo4j_store)


def test_bad_cypher_exits_2(cli, neo4j_cli_env):
    result = cli("cypher", "MATCH (n RETURN n")
    assert result.code == 2 and "cannot run the statement" in result.err


def test_allowed_procedures_and_explain_statements(cli, neo4j_cli_env):
    result = cli("cypher", "CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert result.code == 0, result.err
    assert "Actor" in result.out
    assert cli("cypher", "EXPLAIN MATCH (n) RETURN n").code == 0


def test_parse_value():
    assert parse_value("3") == 3
    assert parse_value("true") is True
    assert parse_value('["a", 1]') == ["a", 1]
    assert parse_value("wagner-group") == "wagner-group"
    assert parse_value('"3"') == "3"
