"""Parameters: -p parsing, typing, defaults, and names resolved to ids (memory engine)."""

from __future__ import annotations

import pytest

from axisgraph.errors import EXIT_INPUT, EXIT_USAGE, InputError, NotFoundError, UsageError
from axisgraph.graph.model import Claim, Dataset, Entity, Source
from axisgraph.queries import get_query, parse_param_args, run_query
from axisgraph.queries.engines import MemoryEngine
from axisgraph.queries.params import bind_params


def bind(name, raw, graph):
    return bind_params(get_query(name), raw, MemoryEngine(graph))


def test_parse_param_args():
    assert parse_param_args(["actor=wagner-group", "note=a=b", "empty="]) == {
        "actor": "wagner-group",
        "note": "a=b",
        "empty": "",
    }


@pytest.mark.parametrize("args", [["actor"], ["=x"], ["actor=a", "actor=b"]])
def test_parse_param_args_refuses_bad_pairs(args):
    with pytest.raises(UsageError) as err:
        parse_param_args(args)
    assert err.value.exit_code == EXIT_USAGE


def test_defaults_and_types(bundled):
    bound = bind("supply_chains_into", {"actor": "wagner-group"}, bundled)
    assert bound == {"actor": "wagner-group", "max_hops": 3}
    bound = bind("timeline", {"since": "2022-12-05", "until": "2023"}, bundled)
    assert bound == {
        "since": "2022-12-05",
        "until": "2023",
        "by": "stated",
        "actor": None,
        "predicate": None,
    }
    assert bind("brokers", {"limit": 3}, bundled)["limit"] == 3  # typed values work too


@pytest.mark.parametrize(
    ("name", "raw", "named"),
    [
        ("suppliers_of", {}, "actor"),
        ("suppliers_of", {"actr": "iran"}, "actr"),
        ("supply_chains_into", {"actor": "iran", "max_hops": "two"}, "max_hops"),
        ("supply_chains_into", {"actor": "iran", "max_hops": "7"}, "max_hops"),
        ("supply_chains_into", {"actor": "iran", "max_hops": "0"}, "max_hops"),
        ("suppliers_of", {"actor": "iran", "min_status": "rumour"}, "min_status"),
        ("timeline", {"since": "2022-13"}, "since"),
        ("timeline", {"since": "yesterday"}, "since"),
        ("timeline", {"since": "2023", "until": "2022-12"}, "since"),
        ("timeline", {"by": "reported"}, "by"),
        ("shortest_paths", {"source": "iran", "target": "Tehran"}, "source"),
        ("brokers", {"limit": True}, "limit"),
    ],
)
def test_bad_usage_names_the_parameter(name, raw, named, bundled):
    with pytest.raises(UsageError) as err:
        bind(name, raw, bundled)
    assert err.value.exit_code == EXIT_USAGE
    assert named in str(err.value)


def test_unknown_parameter_suggests_the_right_one(bundled):
    with pytest.raises(UsageError, match="did you mean actor"):
        bind("suppliers_of", {"actr": "iran"}, bundled)


@pytest.mark.parametrize(
    "value",
    ["wagner-group", "WAGNER-GROUP", "Wagner Group", "wagner group", "mpc wagner", "Wagner"],
)
def test_actor_by_id_name_or_alias_any_case(value, bundled):
    assert bind("suppliers_of", {"actor": value}, bundled)["actor"] == "wagner-group"


def test_alias_resolution_north_korea(bundled):
    assert bind("recipients_of", {"actor": "dprk"}, bundled)["actor"] == "north-korea"
    assert bind("recipients_of", {"actor": "Pyongyang"}, bundled)["actor"] == "north-korea"


def test_unknown_actor_suggests_close_names(bundled):
    with pytest.raises(NotFoundError) as err:
        bind("suppliers_of", {"actor": "wagnr"}, bundled)
    assert err.value.exit_code == EXIT_INPUT
    assert "did you mean" in str(err.value) and "wagner-group" in str(err.value)


def test_unknown_actor_far_from_everything(bundled):
    with pytest.raises(NotFoundError, match="nothing is close"):
        bind("suppliers_of", {"actor": "zzzzqqq"}, bundled)


def test_entity_of_the_wrong_kind_is_not_found(bundled):
    with pytest.raises(NotFoundError):
        bind("suppliers_of", {"actor": "shahed-136"}, bundled)  # a weapon, not an actor
    assert bind("weapon_trail", {"weapon": "Shahed-136"}, bundled)["weapon"] == "shahed-136"


def test_ambiguous_name_asks_for_the_id():
    ds = Dataset()
    ds.add(Entity("acme-1", "Company", "Acme"))
    ds.add(Entity("acme-2", "Company", "Acme"))
    ds.add(Source("s", "S"))
    ds.add(Claim("c", "acme-1", "supplies", "acme-2", "plan", reported_in=["s"]))
    from axisgraph.graph.build import build_graph

    graph = build_graph(ds)
    with pytest.raises(InputError, match="acme-1, acme-2"):
        run_query("suppliers_of", {"actor": "acme"}, graph)
    assert run_query("suppliers_of", {"actor": "acme-2"}, graph).rows[0]["supplier_id"] == "acme-1"


def test_unknown_query_suggests_names(bundled):
    with pytest.raises(NotFoundError, match="suppliers_of"):
        run_query("supplier_of", {}, bundled)
