"""Unit tests for the map payload: selection, styling, claim resolution, dates."""

from __future__ import annotations

import networkx as nx
import pytest
from map_graphs import _schema, fixture_graph

from axisgraph.maps import build_payload
from axisgraph.maps.payload import date_bounds
from axisgraph.maps.style import type_color


def _edge(payload, source, rel, target):
    [edge] = [e for e in payload.edges if (e["from"], e["type"], e["to"]) == (source, rel, target)]
    return edge, payload.edge_details[edge["id"]]


def test_default_map_shows_entities_and_projected_links(graph: nx.MultiDiGraph) -> None:
    payload = build_payload(graph)
    kinds = {n["kind"] for n in payload.nodes}
    assert len(payload.nodes) == 14
    assert "Claim" not in kinds and "Source" not in kinds
    projected = [
        (u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if d.get("projected")
    ]
    assert len(payload.edges) == len(projected) == 8
    assert payload.meta["node_count"] == 14 and payload.meta["edge_count"] == 8
    assert payload.meta["name"] == "Fixture network"
    assert payload.meta["data_version"] == "fixture-1"


def test_sources_and_structure_edges_are_optional(graph: nx.MultiDiGraph) -> None:
    payload = build_payload(graph, include_sources=True, include_structure=True)
    assert len(payload.nodes) == 18
    published = [e for e in payload.edges if e["type"] == "PUBLISHED_BY"]
    assert len(published) == 4
    assert all(e["structure"] and e["status"] is None for e in published)
    with_claims = build_payload(graph, include_claims=True, include_structure=True)
    assert sum(n["kind"] == "Claim" for n in with_claims.nodes) == 9
    assert any(e["type"] == "HAS_SUBJECT" for e in with_claims.edges)


def test_selection_restricts_nodes_but_claims_still_resolve(graph: nx.MultiDiGraph) -> None:
    payload = build_payload(graph, ["north-korea", "wagner-group", "src-briefing"])
    assert [n["id"] for n in payload.nodes] == ["north-korea", "wagner-group"]
    assert len(payload.edges) == 1
    _, details = _edge(payload, "north-korea", "SUPPLIES", "wagner-group")
    assert details["claims"][0]["sources"][0]["publisher"] == "White House"
    with pytest.raises(ValueError, match="no-such-node"):
        build_payload(graph, ["north-korea", "no-such-node"])


def test_colours_shapes_and_line_styles_come_from_the_schema(graph: nx.MultiDiGraph) -> None:
    schema = _schema()
    payload = build_payload(graph)
    for node in payload.nodes:
        spec = schema["node_kinds"][node["kind"]]
        assert (node["color"], node["shape"]) == (spec["color"], spec["shape"])
    plan, _ = _edge(payload, "wagner-group", "SUPPLIES", "hezbollah")
    assert plan["status"] == "media_report"  # strongest of plan and media_report
    assert plan["dashes"] == schema["statuses"]["media_report"]["dashes"]
    assert plan["color"] == type_color("SUPPLIES")
    assert plan["source_count"] == 2 and plan["width"] > 1
    denied, _ = _edge(payload, "north-korea", "SUPPLIES", "wagner-group")
    assert denied["denied"] is True
    assert denied["color"] == schema["denied_style"]["color"]
    assert denied["dashes"] == schema["denied_style"]["dashes"]
    designation, _ = _edge(payload, "us-treasury", "DESIGNATES", "wagner-group")
    assert designation["dashes"] is False
    assert designation["color"] != denied["color"]


def test_relationship_colours_are_stable_and_distinct() -> None:
    assert type_color("SUPPLIES") == type_color("SUPPLIES")
    firsts = ["SUPPLIES", "DESIGNATES", "OPERATES_IN", "LEADS", "OWNS", "SPEAKS_FOR"]
    assert len({type_color(t) for t in firsts}) == len(firsts)
    assert type_color("NOT_IN_SCHEMA").startswith("#")


def test_every_claim_behind_an_edge_is_resolved_to_names(graph: nx.MultiDiGraph) -> None:
    payload = build_payload(graph)
    _, details = _edge(payload, "north-korea", "SUPPLIES", "wagner-group")
    assert (details["from_name"], details["to_name"]) == ("North Korea", "Wagner Group")
    assert details["status_label"] == "stated as fact by an official"
    [claim] = details["claims"]
    assert claim["summary"].startswith("North Korea delivered")
    assert claim["asserted_by"] == ["John Kirby"]
    assert claim["items"] == ["infantry rockets and missiles"]
    assert claim["violates"] == ["UN Security Council resolutions on the DPRK"]
    assert claim["quantities"] == ["1 rail car load"]
    assert (claim["valid_from"], claim["valid_to"]) == ("2022-11", "2022-12")
    [source] = claim["sources"]
    assert source["name"] == "White House press briefing by John Kirby"
    assert (source["publisher"], source["published_on"]) == ("White House", "2023-01-20")
    assert source["url"] == "https://example.org/briefing"
    assert claim["denials"] == [
        {
            "by": "DPRK Ministry of Foreign Affairs",
            "on": "2022-12",
            "source": "KCNA statement on arms reports",
            "note": "Called the reports groundless.",
        }
    ]
    _, two = _edge(payload, "wagner-group", "SUPPLIES", "hezbollah")
    assert [c["id"] for c in two["claims"]] == ["c-wagner-sa22-plan", "c-wagner-sa22-media"]
    assert two["claims"][0]["status_label"] == "plan or intent"


def test_nodes_carry_kind_aliases_degree_and_description(graph: nx.MultiDiGraph) -> None:
    payload = build_payload(graph)
    wagner = payload.node_details["wagner-group"]
    assert wagner["kind"] == "ArmedGroup"
    assert wagner["aliases"] == ["PMC Wagner"]
    assert wagner["description"] == "A Russian private military company."
    assert wagner["degree"] == 5
    assert payload.node_details["sa-22"]["degree"] == 0
    assert ["role", "NSC spokesperson"] in payload.node_details["john-kirby"]["props"]


def test_legend_lists_what_the_map_shows(graph: nx.MultiDiGraph) -> None:
    legend = build_payload(graph).legend
    assert {k["kind"]: k["count"] for k in legend["kinds"]}["State"] == 3
    assert legend["types"][0]["type"] == "SUPPLIES"
    statuses = [s["status"] for s in legend["statuses"]]
    assert statuses == ["announced_action", "official_statement", "assessment", "media_report"]
    assert legend["denied"]["count"] == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022", ("2022-01-01", "2022-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023-01-20", ("2023-01-20", "2023-01-20")),
        ("2023-01-20T10:00:00", ("2023-01-20", "2023-01-20")),
        ("2023-13", None),
        ("soon", None),
        (None, None),
    ],
)
def test_date_bounds_follow_precision(value: str | None, expected: object) -> None:
    assert date_bounds(value) == expected


def test_date_spans_keep_report_and_validity_apart(graph: nx.MultiDiGraph) -> None:
    payload = build_payload(graph)
    treasury, _ = _edge(payload, "us-treasury", "DESIGNATES", "wagner-group")
    assert treasury["reported"] == ["2023-01-26", "2023-01-26"]
    assert treasury["valid"] == ["2023-01-26", "9999-12-31"]  # open-ended validity
    undated, _ = _edge(payload, "iran", "BACKS", "hezbollah")
    assert undated["reported"] is None and undated["valid"] is None


def test_empty_graph_gives_an_empty_payload() -> None:
    payload = build_payload(nx.MultiDiGraph())
    assert payload.nodes == [] and payload.edges == []
    assert payload.meta["date_min"] is None


def test_fixture_builder_matches_the_contract() -> None:
    G = fixture_graph()
    for _, _, data in G.edges(data=True):
        if data.get("projected"):
            assert {"status", "claims", "sources", "source_count", "denied"} <= set(data)


def test_denial_source_is_read_from_either_attribute_name(graph: nx.MultiDiGraph) -> None:
    denies = graph.edges["dprk-mfa", "c-dprk-arms", "DENIES"]
    denies["source"] = denies.pop("source_id")
    _, details = _edge(build_payload(graph), "north-korea", "SUPPLIES", "wagner-group")
    assert details["claims"][0]["denials"][0]["source"] == "KCNA statement on arms reports"


def test_duplicate_structure_edges_keyed_with_a_suffix_keep_their_type(
    graph: nx.MultiDiGraph,
) -> None:
    graph.add_edge("c-dprk-arms", "john-kirby", key="HAS_SUBJECT#2", type="HAS_SUBJECT")
    graph.add_edge("src-kcna", "white-house", key="PUBLISHED_BY#2", type="PUBLISHED_BY")
    payload = build_payload(graph, include_sources=True, include_structure=True)
    assert {e["type"] for e in payload.edges if e["from"] == "src-kcna"} == {"PUBLISHED_BY"}
    _, details = _edge(payload, "north-korea", "SUPPLIES", "wagner-group")
    assert details["claims"][0]["subject"] == "John Kirby, North Korea"
