"""Every canned query, several parameter sets each: Neo4j and the embedded engine agree exactly.

Rows are compared in order (every query defines a total order), and so are the answer's
subgraph (nodes and relationships) and the bound parameters.
"""

from __future__ import annotations

import pytest

from axisgraph.queries import QUERIES, run_query

# Tests that use a Neo4j fixture are marked `neo4j` by tests/conftest.py.

CASES: dict[str, list[dict[str, str]]] = {
    "suppliers_of": [
        {"actor": "wagner-group"},
        {"actor": "Russia"},
        {"actor": "hezbollah", "min_status": "plan"},
        {"actor": "iran", "min_status": "plan"},
        {"actor": "DPRK"},
    ],
    "recipients_of": [
        {"actor": "iran"},
        {"actor": "north-korea"},
        {"actor": "wagner-group", "min_status": "media_report"},
        {"actor": "Moscow"},
    ],
    "supply_chains_into": [
        {"actor": "wagner-group", "max_hops": "1"},
        {"actor": "russia"},
        {"actor": "hezbollah", "max_hops": "6"},
        {"actor": "iran", "max_hops": "2"},
    ],
    "designations_of": [
        {"actor": "wagner-group"},
        {"actor": "iran"},
        {"actor": "qods-executives"},
        {"actor": "wagner-support-network", "min_status": "announced_action"},
    ],
    "sanctions_exposure": [
        {},
        {"max_hops": "1"},
        {"max_hops": "4", "min_status": "plan"},
        {"actor": "wagner-group", "max_hops": "3"},
        {"actor": "iran", "min_status": "announced_action"},
    ],
    "shortest_paths": [
        {"source": "north-korea", "target": "hezbollah"},
        {"source": "Russia", "target": "hezbollah"},
        {"source": "yevgeny-prigozhin", "target": "iran"},
        {"source": "hamas", "target": "csis"},
        {"source": "iran", "target": "wagner-group", "max_hops": "1"},
        {"source": "us-treasury", "target": "north-korea", "max_hops": "2"},
    ],
    "asserted_by": [
        {"actor": "john-kirby"},
        {"actor": "Linda Thomas-Greenfield"},
        {"actor": "kyiv-independent"},
        {"actor": "csis"},
    ],
    "denied_claims": [
        {},
        {"by": "north-korea"},
        {"about": "wagner-group"},
        {"by": "iran", "about": "russia"},
    ],
    "single_source_claims": [
        {},
        {"predicate": "supplies"},
        {"actor": "iran"},
        {"predicate": "designates", "actor": "wagner-group"},
    ],
    "timeline": [
        {"since": "2022-11", "until": "2023-01"},
        {"since": "2022-12", "until": "2022-12", "by": "valid"},
        {"since": "2023"},
        {"until": "2022", "by": "valid"},
        {"predicate": "supplies", "actor": "north-korea", "by": "valid"},
    ],
    "violations": [
        {},
        {"instrument": "unsc-resolution-2231"},
        {"actor": "north-korea"},
        {"instrument": "UN Security Council resolution 2231", "actor": "russia"},
    ],
    "neighbourhood": [
        {"actor": "hezbollah"},
        {"actor": "wagner-group", "depth": "2"},
        {"actor": "russia", "depth": "3"},
        {"actor": "john-kirby", "depth": "4"},
    ],
    "operates_in": [
        {"actor": "wagner-group"},
        {"actor": "hezbollah"},
        {"actor": "Wagner"},
        {"actor": "iran"},
    ],
    "weapon_trail": [
        {"weapon": "shahed-136"},
        {"weapon": "iranian-uavs"},
        {"weapon": "arms-and-ammunition"},
        {"weapon": "air-defence-systems"},
        {"weapon": "shahed-136-us-components"},
    ],
    "brokers": [
        {},
        {"limit": "3"},
        {"min_status": "official_statement"},
        {"min_status": "plan", "limit": "1000"},
    ],
}

PARAMS = [(name, params) for name, sets in CASES.items() for params in sets]


def test_every_query_has_at_least_three_parameter_sets():
    assert set(CASES) == {q.name for q in QUERIES}
    assert all(len(sets) >= 3 for sets in CASES.values())


@pytest.mark.parametrize(
    ("name", "params"), PARAMS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(PARAMS)]
)
def test_engines_agree_on_bundled_data(name, params, bundled, neo4j_store):
    memory = run_query(name, params, bundled)
    neo = run_query(name, params, neo4j_store)
    assert (memory.engine, neo.engine) == ("memory", "neo4j")
    assert neo.params == memory.params
    assert neo.columns == memory.columns
    assert neo.rows == memory.rows
    assert neo.nodes == memory.nodes
    assert neo.edges == memory.edges


def test_most_parameter_sets_have_answers(bundled):
    """The differential cases are worth comparing: most of them answer with rows."""
    empty = [(n, p) for n, p in PARAMS if not run_query(n, p, bundled).rows]
    assert len(empty) <= 5, empty
