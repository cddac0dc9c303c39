"""Generated claim graphs: every canned query gives the same answer on both engines.

Each example is a small random dataset (see ``query_graphs``), loaded into a wiped Neo4j and
built into a memory graph; every query then runs with two generated parameter sets.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from query_graphs import claim_datasets, query_params
from query_support import clear, target_of

from axisgraph.graph.build import build_graph
from axisgraph.graph.dates import date_end, date_start, overlaps
from axisgraph.graph.model import Claim, Dataset, Entity, Source
from axisgraph.queries import QUERIES, run_query
from axisgraph.store.neo4j_store import Neo4jStore

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_engines_agree_on_generated_graphs(data, neo4j_server, neo4j_driver):
    dataset = data.draw(claim_datasets(), label="dataset")
    clear(neo4j_driver)
    store = Neo4jStore(target_of(neo4j_server))
    store.load(dataset)
    graph = build_graph(dataset)
    for query in QUERIES:
        for _ in range(2):
            params = data.draw(query_params(dataset, query.name), label=query.name)
            if params is None:
                continue
            memory = run_query(query.name, params, graph)
            neo = run_query(query.name, params, store)
            assert neo.rows == memory.rows, (query.name, params)
            assert (neo.nodes, neo.edges) == (memory.nodes, memory.edges), (query.name, params)


EDGE_DATES = [
    None,
    "2022",
    "2022-02",
    "2022-02-01",
    "2022-02-28",
    "2022-03-01",
    "2023-12-31",
    "2024",
    "2024-01-01",
    "2024-02",
    "2024-02-29",
]


def _edge_dataset() -> Dataset:
    """Claims whose stated dates and validities sit on month, leap-day and year edges."""
    ds = Dataset()
    for eid in ("a", "b"):
        ds.add(Entity(eid, "State", eid.upper()))
    ds.add(Source("s", "S"))
    dated = [d for d in EDGE_DATES if d]
    for i, (start, end) in enumerate(
        [(d, None) for d in dated] + [(None, d) for d in dated] + list(pairwise(dated))
    ):
        ds.add(
            Claim(
                f"c-{i:02d}",
                "a",
                "supplies",
                "b",
                "plan",
                stated_on=start or end,
                valid_from=start,
                valid_to=end,
                reported_in=["s"],
            )
        )
    return ds


def test_timeline_edges_agree(neo4j_server, neo4j_driver):
    """Every window over edge dates, both modes: same claims on both engines, as overlaps says."""
    dataset = _edge_dataset()
    clear(neo4j_driver)
    store = Neo4jStore(target_of(neo4j_server))
    store.load(dataset)
    graph = build_graph(dataset)
    for since in EDGE_DATES:
        for until in EDGE_DATES:
            if since and until and date_start(since) > date_end(until):
                continue
            for by in ("stated", "valid"):
                params = {"since": since, "until": until, "by": by}
                memory = run_query("timeline", params, graph)
                assert run_query("timeline", params, store).rows == memory.rows, params
                expected = {
                    c.id
                    for c in dataset.claims.values()
                    if overlaps(
                        c.stated_on if by == "stated" else c.valid_from,
                        c.stated_on if by == "stated" else c.valid_to,
                        since,
                        until,
                    )
                }
                assert {r["claim"] for r in memory.rows} == expected, params
