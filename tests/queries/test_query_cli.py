"""``axisgraph query list|show|run`` on the embedded engine: formats, errors, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from axisgraph.queries import QUERIES
from axisgraph.queries.reference import demo_questions, reference_markdown
from axisgraph.queries.registry import run_query


def test_list_shows_every_query_with_parameters_and_examples(cli):
    result = cli("query", "list", "--format", "json")
    assert result.code == 0, result.err
    listed = {row["name"]: row for row in json.loads(result.out)}
    assert list(listed) == [q.name for q in QUERIES]
    assert "actor (actor, required)" in listed["suppliers_of"]["parameters"]
    assert listed["suppliers_of"]["example"] == (
        "axisgraph query run suppliers_of -p actor=wagner-group"
    )


def test_list_as_table(cli):
    result = cli("query", "list")
    assert result.code == 0 and "weapon_trail" in result.out


def test_show_prints_the_cypher_with_its_header(cli):
    result = cli("query", "show", "suppliers_of")
    assert result.code == 0
    assert result.out.startswith("// name: suppliers_of\n")
    assert "// Neo4j Browser: :params {actor: " in result.out
    assert "MATCH (other:Entity)-[r:SUPPLIES]->" in result.out


def test_run_json_by_name_says_which_engine(cli):
    result = cli("query", "run", "suppliers_of", "-p", "actor=Wagner Group", "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    dprk = next(r for r in rows if r["supplier_id"] == "north-korea")
    assert dprk["denied"] is True
    assert "answered by the memory engine" in result.err


def test_run_csv(cli):
    result = cli("query", "run", "operates_in", "-p", "actor=wagner-group", "--format", "csv")
    assert result.code == 0, result.err
    table = list(csv.reader(io.StringIO(result.out)))
    assert table[0] == list(next(q for q in QUERIES if q.name == "operates_in").columns)
    assert [r[-1] for r in table[1:] if r[0] == "bakhmut"] == ["eastern-ukraine; ukraine"]
    assert "memory engine" in result.err


def test_run_table_caption_names_the_engine(cli):
    result = cli("query", "run", "brokers", "-p", "limit=2", "--memory")
    assert result.code == 0, result.err
    assert result.out.startswith("brokers(limit=2): 2 row(s)")
    assert "answered by the memory engine" in result.out


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["suppliers_of"], "actor"),
        (["supply_chains_into", "-p", "actor=iran", "-p", "max_hops=many"], "max_hops"),
        (["suppliers_of", "-p", "actor=iran", "-p", "colour=red"], "colour"),
        (["timeline", "-p", "since=2023-02-30"], "since"),
        (["timeline", "-p", "by=told"], "by"),
        (["suppliers_of", "-p", "actor"], "actor"),
    ],
)
def test_bad_parameters_exit_2_naming_them(cli, args, named):
    result = cli("query", "run", *args)
    assert result.code == 2, result.out + result.err
    assert named in result.err and "Traceback" not in result.err


def test_unknown_actor_exits_1_with_suggestions(cli):
    result = cli("query", "run", "designations_of", "-p", "actor=wagnr group")
    assert result.code == 1
    assert "did you mean wagner-group" in result.err
    assert "Traceback" not in result.err


def test_unknown_query_exits_1(cli):
    result = cli("query", "show", "who_supplies")
    assert result.code == 1 and "no canned query" in result.err


def test_neo4j_and_memory_together_is_bad_usage(cli):
    result = cli("query", "run", "brokers", "--neo4j", "--memory")
    assert result.code == 2


def test_no_neo4j_exits_3(cli):
    result = cli("query", "run", "brokers", "--neo4j")
    assert result.code == 3 and "Traceback" not in result.err
    result = cli("cypher", "MATCH (n) RETURN count(n)")
    assert result.code == 3 and "Traceback" not in result.err


def test_help_of_every_query_command_has_an_example(cli):
    for args in (["query"], ["query", "list"], ["query", "show"], ["query", "run"], ["cypher"]):
        result = cli(*args, "--help")
        assert result.code == 0, args
        assert "Example:" in result.out, args


def test_reference_is_current():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
    assert docs.read_text(encoding="utf-8") == reference_markdown(), (
        "docs/queries.md is stale: python -m axisgraph.queries.reference > docs/queries.md"
    )
    for query in QUERIES:
        assert f"## {query.name}\n" in reference_markdown()
    assert reference_markdown(level=2).startswith("## Canned queries")


def test_demo_questions_answer_on_the_bundled_data(bundled):
    questions = demo_questions()
    assert 3 <= len(questions) <= 4
    for title, name, params in questions:
        assert title.endswith("?")
        assert run_query(name, params, bundled).rows, title


def test_run_picks_columns(cli):
    args = ["query", "run", "suppliers_of", "-p", "actor=wagner-group", "--format", "csv"]
    result = cli(*args, "--columns", "supplier_id,denied")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["supplier_id,denied", "north-korea,yes"]
    bad = cli(*args, "--columns", "supplier,colour")
    assert bad.code == 2 and "colour" in bad.err


def test_result_subgraph_is_cut_from_the_graph(bundled):
    result = run_query("shortest_paths", {"source": "north-korea", "target": "hezbollah"}, bundled)
    cut = result.subgraph(bundled)
    assert sorted(cut.nodes) == result.nodes
    assert sorted({(u, v, t) for u, v, t in cut.edges(data="type")}) == result.edges
    assert cut.has_edge("wagner-group", "hezbollah")
