"""Projection: grouping, strongest status, independent sources, report dates, denials."""

from __future__ import annotations

from axisgraph.graph.projection import ClaimFacts, independent_sources, project


def _fact(
    cid,
    status="media_report",
    sources=("a",),
    denied=False,
    stated=None,
    subject="x",
    obj="y",
    predicate="supplies",
    valid=(None, None),
):
    return ClaimFacts(
        cid, subject, obj, predicate, status, stated, valid[0], valid[1], tuple(sources), denied
    )


def test_a_source_citing_another_counts_once_with_it():
    cites = {"article": ["briefing", "wsj"], "briefing": [], "wsj": []}
    assert independent_sources(["article", "briefing"], cites) == 1
    assert independent_sources(["briefing", "wsj"], cites) == 2
    assert independent_sources(["article", "briefing", "wsj"], cites) == 2
    assert independent_sources(["article"], cites) == 1


def test_citation_chains_are_followed():
    cites = {"a": ["b"], "b": ["c"], "c": []}
    assert independent_sources(["a", "c"], cites) == 1


def test_two_reports_of_a_common_origin_count_twice_if_the_origin_is_absent():
    cites = {"a": ["origin"], "b": ["origin"]}
    assert independent_sources(["a", "b"], cites) == 2


def test_cycles_do_not_hang():
    cites = {"a": ["b"], "b": ["a"]}
    assert independent_sources(["a", "b"], cites) == 1
    assert independent_sources(["a", "b", "c"], {**cites, "c": ["a"]}) == 1
    assert independent_sources(["a", "b", "d"], cites) == 2


def test_grouping_status_dates_and_denial():
    facts = [
        _fact("c1", "plan", ["s1"], stated="2023-11-21", valid=("2023-11", None)),
        _fact(
            "c2",
            "official_statement",
            ["s2"],
            denied=True,
            stated="2023-01-20",
            valid=("2022-11", "2022-12"),
        ),
        _fact("c3", "assessment", ["s1"], obj="z"),
        _fact("c4", "announced_action", ["s3"], predicate="designates"),
    ]
    published = {"s1": "2023-11-21", "s2": "2022-12-30", "s3": None}
    result = {(p.source, p.type, p.target): p for p in project(facts, {}, published)}
    assert set(result) == {("x", "SUPPLIES", "y"), ("x", "SUPPLIES", "z"), ("x", "DESIGNATES", "y")}
    xy = result["x", "SUPPLIES", "y"]
    assert xy.status == "official_statement" and xy.claims == ("c1", "c2")
    assert xy.denied and xy.source_count == 2 and xy.sources == ("s1", "s2")
    assert (xy.first_reported, xy.last_reported) == ("2022-12-30", "2023-11-21")
    assert (xy.valid_from, xy.valid_to) == ("2022-11", "2022-12")
    assert not result["x", "SUPPLIES", "z"].denied
    props = result["x", "DESIGNATES", "y"].properties()
    assert props["projected"] is True and "first_reported" not in props
