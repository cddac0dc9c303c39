"""Delta files: ops apply in file order; a DEL also removes what an earlier load wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ftm_support import claims, ent, projections, write_lines

from axisgraph.app.ftm_load import load_ftm
from axisgraph.store.memory import MemoryStore


def op(name: str, entity: dict[str, Any]) -> dict[str, Any]:
    return {"op": name, "entity": entity}


BASE = [
    ent("p-1", "Person", name="Ivan Testov", country="ru"),
    ent("c-1", "Company", name="Testov Drones LLC", country="ru"),
    ent("s-1", "Sanction", entity="c-1", authority="OFAC", country="us", program="RUSSIA-EO14024"),
    ent("s-2", "Sanction", entity="p-1", authority="Ministry of Finance", country="jp"),
    ent("o-1", "Ownership", owner="p-1", asset="c-1", percentage="51"),
]


def test_ops_apply_in_file_order(memory: MemoryStore, tmp_path: Path) -> None:
    lines = [
        op("ADD", ent("x-1", "Person", name="First Name")),
        op("ADD", ent("x-2", "Person", name="Gone Then Back")),
        op("ADD", ent("x-3", "Person", name="Gone")),
        op("MOD", ent("x-1", "Person", name="Second Name")),
        op("DEL", {"id": "x-2"}),
        op("DEL", {"id": "x-3"}),
        op("ADD", ent("x-2", "Person", name="Back Again")),
        op("DEL", {"id": "never-there"}),  # deltas are relative to a previous version
    ]
    summary = load_ftm(write_lines(tmp_path / "order.delta.json", lines), memory)
    graph = memory.graph()
    assert graph.nodes["x-1"]["name"] == "Second Name"
    assert graph.nodes["x-2"]["name"] == "Back Again"
    assert "x-3" not in graph
    assert summary.delta and summary.ops == {"ADD": 4, "MOD": 1, "DEL": 3}


def test_del_removes_an_earlier_load_and_its_claims(memory: MemoryStore, tmp_path: Path) -> None:
    load_ftm(write_lines(tmp_path / "base.ftm.json", BASE), memory)
    graph = memory.graph()
    assert ("ofac", "c-1") in projections(graph, "DESIGNATES")
    assert ("p-1", "c-1") in projections(graph, "OWNS")
    delta = [op("DEL", {"id": "p-1"}), op("MOD", ent("c-1", "Company", name="Renamed LLC"))]
    summary = load_ftm(write_lines(tmp_path / "d.delta.json", delta), memory)
    graph = memory.graph()
    assert "p-1" not in graph
    # Claims about p-1 (its sanction, its ownership) go with it; the rest stays.
    assert set(claims(graph, "designates")) == {"s-1"}
    assert claims(graph, "owns") == {}
    assert ("p-1", "c-1") not in projections(graph, "OWNS")
    assert not [k for k in projections(graph, "DESIGNATES") if k[1] == "p-1"]
    assert graph.nodes["c-1"]["name"] == "Renamed LLC"
    assert ("ofac", "c-1") in projections(graph, "DESIGNATES")
    assert summary.deleted == 3  # p-1, s-2, o-1


def test_del_of_a_sanction_removes_its_projection(memory: MemoryStore, tmp_path: Path) -> None:
    load_ftm(write_lines(tmp_path / "base.ftm.json", BASE), memory)
    load_ftm(write_lines(tmp_path / "d.delta.json", [op("DEL", {"id": "s-1"})]), memory)
    graph = memory.graph()
    assert "s-1" not in graph and "c-1" in graph
    assert ("ofac", "c-1") not in projections(graph, "DESIGNATES")
