"""The canned queries answer the analysts' questions on the bundled data (memory engine).

Every expectation here is a fact in ``axisgraph/data/FACTS.md``; the differential tests
then hold Neo4j to the same answers.
"""

from __future__ import annotations

import json

import pytest

from axisgraph.queries import QUERIES, run_query


def rows(name, bundled, **params):
    return run_query(name, params, bundled).rows


def by(rows_, key):
    return {r[key]: r for r in rows_}


def test_north_korea_supplies_wagner_and_denies_it(bundled):
    found = by(rows("suppliers_of", bundled, actor="Wagner Group"), "supplier_id")
    dprk = found["north-korea"]
    assert dprk["denied"] is True
    assert dprk["status"] == "official_statement"
    assert {"arms-and-ammunition", "infantry-rockets"} <= set(dprk["items"])
    assert "c-dprk-arms-to-wagner-2023-01" in dprk["claims"]
    assert dprk["first_reported"] <= dprk["last_reported"]


def test_iran_supplies_russia_and_wagner_plans_air_defence_for_iran(bundled):
    recipients = by(rows("recipients_of", bundled, actor="iran"), "recipient_id")
    assert "russia" in recipients and "shahed-drones" in recipients["russia"]["items"]
    plans = by(rows("suppliers_of", bundled, actor="iran"), "supplier_id")
    assert plans["wagner-group"]["status"] == "plan"
    assert rows("suppliers_of", bundled, actor="iran", min_status="media_report") == [
        r for r in rows("suppliers_of", bundled, actor="iran") if r["status"] != "plan"
    ]


def test_supply_chain_from_north_korea_through_wagner_to_hezbollah(bundled):
    paths = [r["path"] for r in rows("supply_chains_into", bundled, actor="hezbollah")]
    assert ["north-korea", "wagner-group", "hezbollah"] in paths
    assert all(len(p) - 1 <= 3 for p in paths)
    one_hop = rows("supply_chains_into", bundled, actor="hezbollah", max_hops=1)
    assert [r["path"] for r in one_hop] == [["wagner-group", "hezbollah"]]


def test_wagner_designations_by_whom_and_under_what(bundled):
    found = by(rows("designations_of", bundled, actor="wagner-group"), "claim")
    tco = found["c-treasury-designates-wagner-tco"]
    assert (tco["by_id"], tco["instruments"], tco["status"]) == (
        "us-treasury",
        ["eo-13581"],
        "announced_action",
    )
    assert tco["denied_by"] == ["yevgeny-prigozhin"]
    assert found["c-eu-sanctions-wagner-2021-12"]["by_id"] == "european-union"
    assert "c-commerce-designates-wagner-meu" in found
    restricted = by(rows("designations_of", bundled, actor="iran"), "claim")
    assert restricted["c-resolution-2231-restricts-iran"]["by_id"] == "unsc-resolution-2231"


def test_exposure_lists_undesignated_neighbours_only(bundled):
    exposed = by(rows("sanctions_exposure", bundled, actor="wagner-group", max_hops=1), "actor_id")
    assert {"north-korea", "yevgeny-prigozhin", "russia"} <= set(exposed)
    assert "wagner-group" not in exposed and "iran" not in exposed  # both designated
    assert all(r["exposed_to"] == ["wagner-group"] for r in exposed.values())
    assert "us-treasury" not in exposed  # designating is not a tie


def test_shortest_path_north_korea_to_hezbollah_runs_through_wagner(bundled):
    (row,) = rows("shortest_paths", bundled, source="DPRK", target="Hezbollah")
    assert row["path"] == ["north-korea", "wagner-group", "hezbollah"]
    assert "wagner-group SUPPLIES hezbollah" in row["links"]
    assert "c-wsj-wagner-pantsir-to-hezbollah" in row["claims"]
    back = rows("shortest_paths", bundled, source="hezbollah", target="north-korea")
    assert [r["path"][::-1] for r in back] == [row["path"]]


def test_everything_kirby_asserted(bundled):
    claims = {r["claim"] for r in rows("asserted_by", bundled, actor="John Kirby")}
    assert {"c-dprk-arms-to-wagner-2023-01", "c-wagner-operates-in-ukraine"} <= claims


def test_denials_by_north_korea(bundled):
    found = rows("denied_claims", bundled, by="north-korea")
    assert {r["claim"] for r in found} >= {"c-dprk-arms-to-wagner-2023-01"}
    iran = rows("denied_claims", bundled, by="iran")
    assert {r["denial_source"] for r in iran} >= {"src-iran-acknowledgement-2022-12"}
    assert any(r["denied_on"] == "2022-12" for r in iran)


def test_single_source_claims_count_citing_sources_once(bundled):
    found = by(rows("single_source_claims", bundled), "claim")
    # The analysis cites the briefing it reports: the two count once.
    assert set(found["c-dprk-arms-to-wagner-2023-01"]["sources"]) == {
        "src-wh-briefing-2023-01-20",
        "src-levi-julian-analysis-2023-01",
    }


def test_timeline_by_stated_date_and_by_validity(bundled):
    stated = {r["claim"] for r in rows("timeline", bundled, since="2023-01", until="2023-01")}
    assert "c-dprk-arms-to-wagner-2023-01" in stated
    assert "c-wsj-wagner-pantsir-to-hezbollah" not in stated  # stated 2023-11
    valid = {
        r["claim"]
        for r in rows("timeline", bundled, since="2022-11-19", until="2022-11-19", by="valid")
    }
    assert "c-dprk-rail-shipment-2022-11" in valid  # valid 2022-11-18 .. 2022-11-19
    assert "c-ltg-dprk-rockets-missiles-to-wagner-2022-12" not in valid


def test_violations_of_resolution_2231(bundled):
    found = rows("violations", bundled, instrument="UN Security Council resolution 2231")
    assert [r["claim"] for r in found] == ["c-ltg-iran-uavs-to-russia-since-august"]
    assert found[0]["denied"] is True


def test_neighbourhood_and_where_wagner_operates(bundled):
    near = by(rows("neighbourhood", bundled, actor="hezbollah"), "node_id")
    assert near["wagner-group"]["hops"] == 1 and near["lebanon"]["kind"] == "Place"
    places = by(rows("operates_in", bundled, actor="wagner-group"), "place_id")
    assert {"syria", "libya", "mali", "bakhmut"} <= set(places)
    assert places["bakhmut"]["within"] == ["eastern-ukraine", "ukraine"]


def test_shahed_trail_reaches_component_makers_and_their_countries(bundled):
    trail = rows("weapon_trail", bundled, weapon="shahed-136")
    roles = {(r["role"], r["node_id"]) for r in trail}
    assert ("produces", "iran") in roles
    assert ("produces component", "us-shahed-component-makers") in roles
    assert ("component maker located in", "china") in roles
    assert ("component maker country", "united-states") in roles
    drones = {
        (r["role"], r["node_id"]) for r in rows("weapon_trail", bundled, weapon="shahed-drones")
    }
    assert {("supplies", "iran"), ("receives", "russia")} <= drones


def test_brokers_rank_wagner_first(bundled):
    ranked = rows("brokers", bundled)
    assert ranked[0]["actor_id"] == "wagner-group" and ranked[0]["rank"] == 1
    assert [r["betweenness"] for r in ranked] == sorted(
        (r["betweenness"] for r in ranked), reverse=True
    )
    assert len(rows("brokers", bundled, limit=2)) == 2


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_examples_answer_with_json_friendly_rows_and_a_real_subgraph(query, bundled):
    result = run_query(query.name, query.example_params(), bundled)
    assert result.rows, f"the documented example of {query.name} answers nothing"
    assert all(tuple(r) == query.columns for r in result.rows)
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
    assert result.nodes == sorted(set(result.nodes)) and set(result.nodes) <= set(bundled)
    for source, target, rel_type in result.edges:
        assert source in result.nodes and target in result.nodes
        assert rel_type in {d["type"] for d in bundled.get_edge_data(source, target).values()}
