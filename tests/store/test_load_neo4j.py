"""Loading the bundled dataset into real Neo4j: idempotent, equal to the memory engine."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from axisgraph.store.memory import MemoryStore, bundled_graph
from axisgraph.store.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j


def _canon(graph: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    nodes = sorted(json.dumps([n, d], sort_keys=True) for n, d in graph.nodes(data=True))
    edges = sorted(
        json.dumps([u, v, k, d], sort_keys=True) for u, v, k, d in graph.edges(keys=True, data=True)
    )
    return nodes, edges


def test_load_twice_identical_and_equal_to_memory(neo4j_env, cli):
    first = cli("load", "--neo4j", "--format", "json")
    assert first.code == 0, first.err
    assert json.loads(first.out)[0]["projections"] > 50
    graph_once = Neo4jStore().graph()
    assert cli("load", "--neo4j").code == 0
    graph_twice = Neo4jStore().graph()
    assert _canon(graph_once) == _canon(graph_twice)
    assert _canon(graph_once) == _canon(bundled_graph())
    from axisgraph.graph.version import data_version

    assert graph_once.graph["data_version"] == data_version(bundled_graph())


def test_stats_equal_on_both_engines(neo4j_env, cli):
    assert cli("load", "--neo4j").code == 0
    on_neo4j = cli("stats", "--neo4j", "--format", "json")
    on_memory = cli("stats", "--memory", "--format", "json")
    assert on_neo4j.code == on_memory.code == 0
    assert json.loads(on_neo4j.out) == json.loads(on_memory.out)
    assert "neo4j" in on_neo4j.err.lower() or "Neo4j" in on_neo4j.err
    assert "embedded" in on_memory.err


def test_neo4j_uri_selects_neo4j_by_default(neo4j_env, cli):
    assert cli("load").code == 0  # NEO4J_URI is set: Neo4j without --neo4j
    labels = Neo4jStore().counts()[0]
    assert labels["Claim"] == sum(
        1 for _, d in bundled_graph().nodes(data=True) if d["labels"][0] == "Claim"
    )
    assert not MemoryStore().saved


def test_export_json_then_load_json_gives_the_same_graph(neo4j_env, cli, tmp_path):
    assert cli("load", "--neo4j").code == 0
    exported = tmp_path / "graph.json"
    assert cli("export", "--neo4j", "--format", "json", "-o", str(exported)).code == 0
    data = json.loads(exported.read_text())
    node = next(n for n in data["nodes"] if n["id"] == "wagner-group")
    assert node["labels"] == ["ArmedGroup", "Actor"] and node["name"]
    link = next(
        link
        for link in data["links"]
        if link["type"] == "SUPPLIES" and link["target"] == "wagner-group"
    )
    assert {"source", "target", "type", "status", "claims", "sources"} <= set(link)
    # into Neo4j afresh, and into the memory engine afresh
    assert cli("load", "--neo4j", "--fresh", str(exported)).code == 0
    assert _canon(Neo4jStore().graph()) == _canon(bundled_graph())
    assert cli("load", "--memory", "--fresh", str(exported)).code == 0
    assert _canon(MemoryStore().graph()) == _canon(bundled_graph())


def test_constraints_exist_and_guard_ids(neo4j_env, neo4j_db, cli):
    assert cli("load", "--neo4j").code == 0
    names = {r["name"] for r in neo4j_db.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert {"axisgraph_entity_id", "axisgraph_actor_id", "axisgraph_claim_id"} <= names
    import neo4j

    with pytest.raises(neo4j.exceptions.ConstraintError):
        neo4j_db.execute_query("CREATE (:Entity {id: 'wagner-group'})")


def test_no_half_written_claims(neo4j_env, neo4j_db, cli):
    assert cli("load", "--neo4j").code == 0
    bad = neo4j_db.execute_query("""
        MATCH (c:Claim)
        WHERE NOT (c)-[:HAS_SUBJECT]->() OR NOT (c)-[:HAS_OBJECT]->()
           OR NOT (c)-[:REPORTED_IN]->(:Source)
        RETURN count(c) AS n""").records[0]["n"]
    assert bad == 0


@pytest.mark.parametrize("local", [True, False], ids=["local-projections", "read-back"])
def test_fresh_replaces_an_overlapping_graph(neo4j_env, monkeypatch, local):
    """``fresh`` over a graph that shares ids with the new data: the result is the new data's
    graph alone (kept ids rewritten, stale ones gone, projections only from the new claims)."""
    from axisgraph.app.generate import generate
    from axisgraph.graph.build import build_graph
    from axisgraph.store import neo4j_store

    monkeypatch.setattr(neo4j_store, "LOCAL_PROJECTIONS", local)
    old, new = generate(1_500, seed=1), generate(900, seed=2)
    shared = set(old.entities) & set(new.entities)
    assert shared and set(old.entities) - set(new.entities)  # both kept and stale ids
    store = Neo4jStore()
    store.load(old)
    store.load(new, fresh=True)
    assert _canon(store.graph()) == _canon(build_graph(new))
    # and then back, over the smaller graph
    store.load(old, fresh=True)
    assert _canon(store.graph()) == _canon(build_graph(old))
