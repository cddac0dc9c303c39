"""FtM loads on a real Neo4j 5.26: the same graph as the memory engine, deletes, all or nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ftm_support import (
    DELTA,
    T1,
    UNMAPPED,
    ZALA,
    apply_ops,
    canonical,
    claims,
    ent,
    ftm_nodes,
    needs_realdata,
    projections,
    rows,
    write_lines,
)

from axisgraph.app.ftm_load import load_ftm
from axisgraph.errors import InputError
from axisgraph.loaders.yaml_claims import load_dataset
from axisgraph.store.memory import MemoryStore
from axisgraph.store.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo4j_bundled(neo4j_env: Any) -> Neo4jStore:
    """Neo4j holding the bundled dataset: the same starting graph as the memory engine."""
    store = Neo4jStore()
    store.load(load_dataset())
    return store


def op(name: str, entity: dict[str, Any]) -> dict[str, Any]:
    return {"op": name, "entity": entity}


@needs_realdata
def test_zala_gives_the_memory_engines_graph(
    neo4j_bundled: Neo4jStore, memory: MemoryStore
) -> None:
    load_ftm(ZALA, neo4j_bundled)
    load_ftm(ZALA, memory)
    assert canonical(neo4j_bundled.graph()) == canonical(memory.graph())
    raw = rows(ZALA)
    expected = Counter(
        e for r in raw if r["schema"] == "Sanction" for e in r["properties"]["entity"]
    )
    graph = neo4j_bundled.graph()
    assert Counter(o for _, o in claims(graph, "designates").values()) == expected
    assert ("ofac", "us-treasury") in projections(graph, "PART_OF")


@needs_realdata
def test_large_delta_on_both_engines(neo4j_bundled: Neo4jStore, memory: MemoryStore) -> None:
    summary = load_ftm(DELTA, neo4j_bundled)
    load_ftm(DELTA, memory)
    graph = neo4j_bundled.graph()
    live = apply_ops([DELTA])
    assert {a["ftm_id"] for _, a in ftm_nodes(graph)} == {
        i for i, e in live.items() if e["schema"] not in UNMAPPED
    }
    assert summary.ops == {"MOD": 1039, "ADD": 90, "DEL": 571}
    assert canonical(graph) == canonical(memory.graph())
    before = canonical(graph)
    load_ftm(DELTA, neo4j_bundled)  # twice: the same graph
    assert canonical(neo4j_bundled.graph()) == before


def test_del_deletes_from_neo4j_in_the_same_transaction(
    neo4j_bundled: Neo4jStore, tmp_path: Path
) -> None:
    base = [
        ent("p-1", "Person", name="Ivan Testov", country="ru"),
        ent("c-1", "Company", name="Testov Drones LLC", country="ru"),
        ent("s-1", "Sanction", entity="c-1", authority="OFAC", country="us"),
        ent("s-2", "Sanction", entity="p-1", authority="OFAC", country="us"),
        ent("o-1", "Ownership", owner="p-1", asset="c-1"),
    ]
    load_ftm(write_lines(tmp_path / "base.ftm.json", base), neo4j_bundled)
    assert {("ofac", "p-1"), ("ofac", "c-1")} <= set(
        projections(neo4j_bundled.graph(), "DESIGNATES")
    )
    summary = load_ftm(
        write_lines(tmp_path / "d.delta.json", [op("DEL", {"id": "p-1"})]), neo4j_bundled
    )
    graph = neo4j_bundled.graph()
    assert summary.deleted == 3
    assert "p-1" not in graph and "s-2" not in graph and "o-1" not in graph
    assert ("ofac", "c-1") in projections(graph, "DESIGNATES")
    assert ("ofac", "p-1") not in projections(graph, "DESIGNATES")


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([ent("n-1", "Person", name="A"), "{broken"], "malformed JSON"),
        ([ent("n-1", "Person", name="A"), ent("n-2", "Vehicle2", name="B")], "unknown schema"),
        (
            [op("ADD", ent("n-1", "Person", name="A")), op("DEL", {"id": "hezbollah"})],
            "deletes a curated",
        ),
        ([ent("n-1", "Person", name="A"), ent("iran", "Organization", name="B")], "curated record"),
    ],
    ids=["malformed", "unknown-schema", "del-curated", "id-clash"],
)
def test_bad_input_changes_nothing(
    neo4j_bundled: Neo4jStore, tmp_path: Path, lines: list[Any], message: str
) -> None:
    before = neo4j_bundled.counts()
    with pytest.raises(InputError, match=message) as caught:
        load_ftm(write_lines(tmp_path / "bad.json", lines), neo4j_bundled)
    assert caught.value.line == 2
    assert neo4j_bundled.counts() == before


def test_name_and_country_link_on_neo4j(neo4j_bundled: Neo4jStore, tmp_path: Path) -> None:
    lines = [
        ent("ftm-hzb", "Organization", name="Hezbollah", country="lb"),
        ent("ftm-hamas", "Organization", name="HAMAS"),
    ]
    summary = load_ftm(write_lines(tmp_path / "l.ftm.json", lines), neo4j_bundled)
    assert summary.links == [
        {"ftm_id": "ftm-hzb", "curated_id": "hezbollah", "basis": "name and country"}
    ]
    assert [c["curated_id"] for c in summary.candidates] == ["hamas"]
    same = {(u, v) for u, v, t in neo4j_bundled.graph().edges(data="type") if t == "SAME_AS"}
    assert same == {("ftm-hzb", "hezbollah")}


@needs_realdata
def test_fresh_replaces_the_stored_graph(neo4j_bundled: Neo4jStore) -> None:
    load_ftm(T1, neo4j_bundled, fresh=True)
    graph = neo4j_bundled.graph()
    assert "wagner-group" not in graph
    expected = {r["id"] for r in rows(T1) if r["schema"] not in UNMAPPED}
    assert {n for n, _ in ftm_nodes(graph)} == expected


def test_a_mod_with_fewer_related_entities_leaves_no_stale_claim(
    neo4j_bundled: Neo4jStore, memory: MemoryStore, tmp_path: Path
) -> None:
    """A sanction on three entities is three claims (``s-1``, ``s-1.2``, ``s-1.3``); a MOD that
    leaves one removes the other two and their projections, on both engines alike."""
    base = [
        ent("c-1", "Company", name="Testov Drones LLC", country="ru"),
        ent("c-2", "Company", name="Testov Parts LLC", country="ru"),
        ent("c-3", "Company", name="Testov Freight LLC", country="ru"),
        ent("s-1", "Sanction", entity=["c-1", "c-2", "c-3"], authority="OFAC", country="us"),
    ]
    mod = [op("MOD", ent("s-1", "Sanction", entity=["c-2"], authority="OFAC", country="us"))]
    for store in (neo4j_bundled, memory):
        load_ftm(write_lines(tmp_path / "base.ftm.json", base), store)
    assert set(claims(neo4j_bundled.graph(), "designates")) == {"s-1", "s-1.2", "s-1.3"}
    for store in (neo4j_bundled, memory):
        load_ftm(write_lines(tmp_path / "mod.delta.json", mod), store)
    graph = neo4j_bundled.graph()
    assert claims(graph, "designates") == {"s-1": ("ofac", "c-2")}
    ours = {p for p in projections(graph, "DESIGNATES") if p[1] in {"c-1", "c-2", "c-3"}}
    assert ours == {("ofac", "c-2")}
    assert canonical(graph) == canonical(memory.graph())
