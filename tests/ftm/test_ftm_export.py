"""The FtM export: followthemoney validates it, and export -> import gives the graph back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from followthemoney import model
from followthemoney.types import registry
from ftm_support import UNMAPPED, ZALA, needs_realdata, projections, rows

from axisgraph.app.ftm_load import load_ftm
from axisgraph.ftm.export import export_ftm
from axisgraph.store.memory import MemoryStore, bundled_graph

EXPORTED_KINDS = {
    "State",
    "ArmedGroup",
    "GovernmentBody",
    "Company",
    "Organization",
    "InternationalBody",
    "Person",
    "Place",
}


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _actors(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {
        (n, a["labels"][0], a["name"]) for n, a in graph.nodes(data=True) if "Actor" in a["labels"]
    }


def _links(graph: nx.MultiDiGraph, ends: set[str]) -> set[tuple[str, str, str]]:
    return {
        (u, d["type"], v)
        for u, v, d in graph.edges(data=True)
        if d.get("projected") and u in ends and v in ends
    }


def _sources(graph: nx.MultiDiGraph, claim: str) -> list[str]:
    return sorted(v for _, v, t in graph.out_edges(claim, data="type") if t == "REPORTED_IN")


def test_export_validates_with_followthemoney(tmp_path: Path) -> None:
    graph = bundled_graph()
    out = tmp_path / "axis.ftm.json"
    summary = export_ftm(graph, out)
    entities = _read(out)
    assert len(entities) == summary.entities > 0
    ids = {e["id"] for e in entities}
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract
        schema.validate(data)  # raises InvalidData on a bad value
        proxy = model.get_proxy(data, cleaned=False)  # re-cleans every value
        assert proxy.to_dict()["properties"] == {k: v for k, v in data["properties"].items()}, data[
            "id"
        ]
        for prop, value in proxy.itervalues():
            if prop.type == registry.entity:
                assert value in ids, (data["id"], prop.name, value)
    schemata = {e["schema"] for e in entities}
    assert {"Sanction", "PublicBody", "Person", "Article", "Territory", "UnknownLink"} <= schemata
    # Every announced designation is a Sanction; the rest of the claims are relations.
    announced = {
        n
        for n, a in graph.nodes(data=True)
        if a.get("predicate") == "designates" and a["status"] == "announced_action"
    }
    assert {e["id"] for e in entities if e["schema"] == "Sanction"} == announced
    assert summary.left_out["Weapon (no FtM schema)"] == sum(
        1 for _, a in graph.nodes(data=True) if a["labels"][0] == "Weapon"
    )


def test_round_trip_gives_the_same_actors_designations_and_links(
    memory: MemoryStore, tmp_path: Path
) -> None:
    graph = bundled_graph()
    out = tmp_path / "axis.ftm.json"
    export_ftm(graph, out)
    load_ftm(out, memory, fresh=True)
    back = memory.graph()
    assert _actors(back) == _actors(graph)
    assert set(projections(back, "DESIGNATES")) == set(projections(graph, "DESIGNATES"))
    designations = {n for n, a in graph.nodes(data=True) if a.get("predicate") == "designates"}
    assert {
        n for n, a in back.nodes(data=True) if a.get("predicate") == "designates"
    } == designations
    for claim in designations:  # status and dates survive through Sanction / UnknownLink
        for key in ("status", "valid_from", "valid_to"):
            assert back.nodes[claim].get(key) == graph.nodes[claim].get(key), (claim, key)
        # A sanction with no listing date is read as stated when it took effect.
        stated = graph.nodes[claim].get("stated_on") or graph.nodes[claim].get("valid_from")
        assert back.nodes[claim].get("stated_on") == stated, claim
    ends = {n for n, a in graph.nodes(data=True) if a["labels"][0] in EXPORTED_KINDS}
    assert _links(back, ends) == _links(graph, ends)
    # Each claim keeps its documents: sources come back as Sources, with the same ids.
    for claim in designations:
        assert _sources(back, claim) == _sources(graph, claim)


@needs_realdata
def test_imported_entities_are_given_back_as_they_came(memory: MemoryStore, tmp_path: Path) -> None:
    load_ftm(ZALA, memory)
    out = tmp_path / "zala-again.ftm.json"
    export_ftm(memory.graph(), out)
    exported = {e["id"]: e for e in _read(out)}
    for original in rows(ZALA):
        if original["schema"] in UNMAPPED:
            assert original["id"] not in exported
            continue
        again = exported[original["id"]]
        assert again["schema"] == original["schema"]
        assert again["properties"] == {
            k: list(dict.fromkeys(v)) for k, v in original["properties"].items()
        }
        assert again["datasets"] == original["datasets"]
        assert again["first_seen"] == original["first_seen"]
