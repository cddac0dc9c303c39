"""``axisgraph.app.analysis``: the helpers the notebooks call, on the bundled dataset and on
small graphs built for the case."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from axisgraph.app import analysis
from axisgraph.queries.registry import run_query
from axisgraph.queries.spec import QueryResult
from axisgraph.store.memory import bundled_graph


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return bundled_graph()


def _claim_graph(asserters: dict[str, tuple[str, str | None]]) -> nx.MultiDiGraph:
    """One claim, a supplies b, asserted by the given (id -> (kind, country)) actors."""
    g = nx.MultiDiGraph()
    g.add_node("a", labels=["State", "Actor"], name="A")
    g.add_node("b", labels=["ArmedGroup", "Actor"], name="B")
    g.add_node("c1", labels=["Claim"], predicate="supplies", status="assessment")
    g.add_node("src", labels=["Source"], name="doc")
    g.add_edge("c1", "a", type="HAS_SUBJECT")
    g.add_edge("c1", "b", type="HAS_OBJECT")
    g.add_edge("c1", "src", type="REPORTED_IN")
    for who, (kind, country) in asserters.items():
        labels = [kind] if kind == "Source" else [kind, "Actor"]
        g.add_node(who, labels=labels, name=who, **({"country": country} if country else {}))
        g.add_edge(who, "c1", type="ASSERTS")
    return g


def test_one_government_claims_have_all_their_voices_from_one_state(
    graph: nx.MultiDiGraph,
) -> None:
    rows = analysis.government_claims(graph)
    assert rows and all(r["government"] for r in rows)
    for row in rows:
        assert {analysis.government_of(graph, a) for a in row["asserted_by"]} == {row["government"]}
    everything = analysis.government_claims(graph, only_one=False)
    assert len(everything) > len(rows)
    mixed = [r for r in everything if r["government"] is None]
    assert mixed and all(r not in rows for r in mixed)


@pytest.mark.parametrize(
    ("asserters", "government"),
    [
        ({"official": ("Person", "a"), "ministry": ("GovernmentBody", "a")}, "a"),
        ({"official": ("Person", "a"), "other": ("Person", "x")}, None),
        ({"official": ("Person", "a"), "paper": ("Company", None)}, None),
        ({"a-itself": ("State", None)}, "a-itself"),
    ],
)
def test_government_of_a_claim(
    asserters: dict[str, tuple[str, str | None]], government: str | None
) -> None:
    rows = analysis.government_claims(_claim_graph(asserters), only_one=False)
    assert [r["government"] for r in rows] == [government]
    assert len(analysis.government_claims(_claim_graph(asserters))) == (government is not None)


def test_unasserted_claims_are_left_out() -> None:
    assert analysis.government_claims(_claim_graph({}), only_one=False) == []


def test_communities_partition_the_actor_network(graph: nx.MultiDiGraph) -> None:
    groups = analysis.communities(graph)
    assert groups == analysis.communities(graph)  # a fixed seed: the same every run
    members = [m for g in groups for m in g["members"]]
    assert len(members) == len(set(members))
    assert [g["size"] for g in groups] == sorted((g["size"] for g in groups), reverse=True)
    network = analysis.actor_network(graph)
    assert set(members) <= set(network)
    assert all(graph.nodes[m]["labels"][-1] == "Actor" for m in members)


def test_communities_split_two_cliques() -> None:
    g = nx.MultiDiGraph()
    for node in "abcdef":
        g.add_node(node, labels=["State", "Actor"], name=node.upper())
    for u, v in ["ab", "bc", "ca", "de", "ef", "fd", "cd"]:
        g.add_edge(u, v, type="BACKS", projected=True)
    groups = analysis.communities(g)
    assert sorted(g_["members"] for g_ in groups) == [["a", "b", "c"], ["d", "e", "f"]]


def test_designated_around_lists_designations_near_each_centre(graph: nx.MultiDiGraph) -> None:
    rows = analysis.designated_around(graph, ["Wagner", "north-korea"])
    wagner = [r for r in rows if r["near"] == "wagner-group" and r["target_id"] == "wagner-group"]
    direct = run_query("designations_of", {"actor": "wagner-group"}, store=graph)
    assert sorted(r["claim"] for r in wagner) == sorted(r["claim"] for r in direct.rows)
    assert wagner[0]["target"] == "Wagner Group"
    assert {r["near"] for r in rows} == {"wagner-group", "north-korea"}


def test_designations_by_authority_counts_targets(graph: nx.MultiDiGraph) -> None:
    rows = analysis.designations_by_authority(graph)
    treasury = next(r for r in rows if r["authority_id"] == "us-treasury")
    assert "Wagner Group" in treasury["target_names"]
    assert treasury["targets"] == len(treasury["target_names"])
    assert [r["targets"] for r in rows] == sorted((r["targets"] for r in rows), reverse=True)
    assert {r["origin"] for r in rows} == {"curated"}


def test_timeline_points_start_partial_dates_and_keep_order(graph: nx.MultiDiGraph) -> None:
    result = run_query("timeline", {}, store=graph)
    points = analysis.timeline_points(result)
    assert len(points) == sum(1 for r in result.rows if r["stated_on"])
    assert [p.when for p in points] == sorted(p.when for p in points)
    fake = QueryResult(
        "timeline",
        {},
        (),
        [
            {"claim": "y", "stated_on": "2022", "subject_id": "a", "predicate": "p",
             "object_id": "b", "status": "plan", "denied": True},
            {"claim": "m", "stated_on": "2022-12", "subject_id": "a", "predicate": "p",
             "object_id": "b", "status": "plan", "denied": False},
            {"claim": "none", "stated_on": None, "subject_id": "a", "predicate": "p",
             "object_id": "b", "status": "plan", "denied": False},
        ],
    )  # fmt: skip
    got = analysis.timeline_points(fake)
    assert [(p.when, p.precision, p.denied) for p in got] == [
        (dt.date(2022, 1, 1), "year", True),
        (dt.date(2022, 12, 1), "month", False),
    ]


def test_table_escapes_text_from_data() -> None:
    table = analysis.Table([{"name": "<script>x</script>", "ids": ["a", "b"]}])
    html = table._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "a, b" in html and "1 rows" in html
    assert "<script>x</script> | a, b" in repr(table)
    assert "first 1 shown" in analysis.Table([{"n": 1}, {"n": 2}], limit=1)._repr_html_()
