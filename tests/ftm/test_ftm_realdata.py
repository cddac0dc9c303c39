"""The real OpenSanctions files import completely, with counts checked against plain json."""

from __future__ import annotations

from collections import Counter

import networkx as nx
from ftm_support import (
    DELTA,
    DONATIONS,
    T1,
    T2,
    UNMAPPED,
    VENEZUELA,
    ZALA,
    apply_ops,
    claims,
    ftm_nodes,
    needs_realdata,
    projections,
    rows,
)

from axisgraph.app.ftm_load import load_ftm
from axisgraph.store.memory import MemoryStore

pytestmark = needs_realdata

# The authority table names OFAC by two of the strings the Zala file uses.
OFAC = {"OFAC", "Office of Foreign Assets Control"}


def _authority(sanction: dict) -> tuple[str, tuple[str, ...]]:
    text = sanction["properties"]["authority"][0]
    return (
        ("ofac", ()) if text in OFAC else (text, tuple(sorted(sanction["properties"]["country"])))
    )


def _pairs(raw: list[dict], schema: str, subject: str, obj: str) -> Counter[tuple[str, str]]:
    return Counter(
        (s, o)
        for r in raw
        if r["schema"] == schema
        for s in r["properties"][subject]
        for o in r["properties"][obj]
    )


def test_zala_sanctions_per_entity(memory: MemoryStore) -> None:
    raw = rows(ZALA)
    summary = load_ftm(ZALA, memory)
    graph = memory.graph()
    sanctions = [r for r in raw if r["schema"] == "Sanction"]
    expected = Counter(e for r in sanctions for e in r["properties"]["entity"])
    got = Counter(obj for _, obj in claims(graph, "designates").values())
    assert got == expected
    assert sum(expected.values()) == 41 and summary.made["claim:designates"] == 41
    # One DESIGNATES per (authority, entity), carrying every sanction claim behind it.
    designates = projections(graph, "DESIGNATES")
    for entity, count in expected.items():
        edges = [d for (_, target), d in designates.items() if target == entity]
        wanted = {_authority(r) for r in sanctions if entity in r["properties"]["entity"]}
        assert len(edges) == len(wanted)
        assert sum(d["claim_count"] for d in edges) == count
        assert all(d["status"] == "announced_action" for d in edges)


def test_zala_relations_and_actors(memory: MemoryStore) -> None:
    raw = rows(ZALA)
    summary = load_ftm(ZALA, memory)
    graph = memory.graph()
    for schema, subject, obj, predicate, rel_type in (
        ("Ownership", "owner", "asset", "owns", "OWNS"),
        ("Directorship", "director", "organization", "directorship", "DIRECTOR_OF"),
        ("Family", "person", "relative", "family", "FAMILY_OF"),
    ):
        expected = _pairs(raw, schema, subject, obj)
        assert Counter(claims(graph, predicate).values()) == expected, schema
        assert set(projections(graph, rel_type)) >= set(expected), schema
    assert sum(_pairs(raw, "Ownership", "owner", "asset").values()) == 14
    assert sum(_pairs(raw, "Directorship", "director", "organization").values()) == 3
    assert sum(_pairs(raw, "Family", "person", "relative").values()) == 4
    kinds = Counter(a["labels"][0] for _, a in ftm_nodes(graph) if a["labels"][0] != "Claim")
    raw_kinds = Counter(r["schema"] for r in raw)
    assert kinds == {"Company": raw_kinds["Company"], "Person": raw_kinds["Person"]}
    assert summary.unmapped == {f"{s} (no matching kind)": raw_kinds[s] for s in UNMAPPED}
    assert summary.placeholders == 0 and summary.links == [] and summary.candidates == []


def test_zala_authorities_are_actors_you_can_traverse_to(memory: MemoryStore) -> None:
    load_ftm(ZALA, memory)
    graph = memory.graph()
    ofac_targets = {
        e
        for r in rows(ZALA)
        if r["schema"] == "Sanction" and r["properties"]["authority"][0] in OFAC
        for e in r["properties"]["entity"]
    }
    designates = projections(graph, "DESIGNATES")
    assert {t for (s, t) in designates if s == "ofac"} == ofac_targets
    # OFAC is part of the curated US Treasury, with a cited source.
    part_of = projections(graph, "PART_OF")[("ofac", "us-treasury")]
    assert part_of["sources"] == ["ftm-authority-source-opensanctions-us-ofac-sdn"]
    # An unidentified authority stays its own text-named node, one per country.
    assert graph.nodes["authority:ministry-of-finance@jp"]["name"] == "Ministry of Finance"
    # The shape the canned queries walk: Treasury -> OFAC -> a designated company -> owners.
    undirected = nx.Graph(
        (u, v) for u, v, d in graph.edges(data=True) if d.get("projected") or d["type"] == "SAME_AS"
    )
    path = nx.shortest_path(undirected, "us-treasury", "NK-aU5ybkbRFJucf8YMwsJvDw")
    assert path[:2] == ["us-treasury", "ofac"]


def test_zala_twice_is_the_same_graph(memory: MemoryStore) -> None:
    load_ftm(ZALA, memory)
    first = memory.graph()
    load_ftm(ZALA, memory)
    assert nx.utils.graphs_equal(first, memory.graph())


def test_large_delta_applies_in_order(memory: MemoryStore) -> None:
    ops = Counter(r["op"] for r in rows(DELTA))
    live = apply_ops([DELTA])
    summary = load_ftm(DELTA, memory)
    assert summary.ops == ops == {"MOD": 1039, "ADD": 90, "DEL": 571}
    graph = memory.graph()
    imported = {a["ftm_id"] for _, a in ftm_nodes(graph)}
    assert imported == {i for i, e in live.items() if e["schema"] not in UNMAPPED}
    deleted = {r["entity"]["id"] for r in rows(DELTA) if r["op"] == "DEL"}
    assert not deleted & set(graph.nodes)
    sanctions = Counter(
        e for r in live.values() if r["schema"] == "Sanction" for e in r["properties"]["entity"]
    )
    got = Counter(obj for _, obj in claims(graph, "designates").values())
    assert got == sanctions and sum(got.values()) == 547
    # Ends that the delta only references (they are in the previous version) are placeholders.
    ends = {
        v
        for r in live.values()
        for p, vals in r["properties"].items()
        if (r["schema"], p)
        in {
            ("Sanction", "entity"),
            ("Ownership", "owner"),
            ("Ownership", "asset"),
            ("UnknownLink", "subject"),
            ("UnknownLink", "object"),
        }
        for v in vals
    }
    missing = ends - set(live)
    assert summary.placeholders == len(missing) == 11
    assert all(graph.nodes[m]["ftm_origin"] == "placeholder" for m in missing)


def test_t2_deltas_in_sequence(memory: MemoryStore) -> None:
    for path in T2:
        load_ftm(path, memory)
    live = apply_ops(T2)
    graph = memory.graph()
    assert {n for n, _ in ftm_nodes(graph)} == set(live)
    # The MOD in the second file replaced the entity the first file added.
    modded = live["NK-2T3S8Hu29ktYnKSTgQp2wL"]
    assert (
        graph.nodes["NK-2T3S8Hu29ktYnKSTgQp2wL"]["name"]
        == modded["caption"]
        == "Foobar Foobargroup"
    )
    assert graph.nodes["NK-2T3S8Hu29ktYnKSTgQp2wL"]["ftm_datasets"] == ["eu_fsf"]
    assert graph.nodes["Q4365364"]["wikidata_id"] == "Q4365364"


def test_t1_and_venezuela_peps(memory: MemoryStore) -> None:
    load_ftm(T1, memory)
    graph = memory.graph()
    t1 = rows(T1)
    assert {n for n, _ in ftm_nodes(graph)} == {r["id"] for r in t1 if r["schema"] not in UNMAPPED}
    summary = load_ftm(VENEZUELA, memory)
    raw = rows(VENEZUELA)
    graph = memory.graph()
    expected = _pairs(raw, "Occupancy", "holder", "post")
    assert Counter(claims(graph, "holds_position").values()) == expected
    assert sum(expected.values()) == 274
    assert {
        k for k in projections(graph, "HOLDS_POSITION") if k[0] in {h for h, _ in expected}
    } == set(expected)
    assert summary.made["Person"] == 274 and summary.made["Organization"] == 1  # the post


def test_donations_payments(memory: MemoryStore) -> None:
    summary = load_ftm(DONATIONS, memory, fresh=True)
    raw = rows(DONATIONS)
    graph = memory.graph()
    expected = _pairs(raw, "Payment", "payer", "beneficiary")
    assert Counter(claims(graph, "pays").values()) == expected
    assert set(projections(graph, "PAYS")) == set(expected)
    # No dataset named in the file: the claims cite the file itself.
    assert summary.made["claim:pays"] == 290
    assert graph.nodes[f"ftm-file:{DONATIONS.name}"]["type"] == "file"
