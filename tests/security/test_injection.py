"""Cypher injection: hostile strings through every query parameter, as actor names in the data,
and as ad-hoc ``axisgraph cypher``.

Promises: a value is only ever a ``$parameter`` (it never becomes Cypher text), so a hostile
string either names nothing (a clean "no actor matches", exit 1), is refused by its type
(exit 2), or is looked up as the data it is. Nothing is written, nothing outside the query's
meaning is read. Labels and relationship types only come from the schema. ``axisgraph cypher``
refuses anything that is not a pure read, each with a clear message, before it runs.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hostile import cypher_payloads, format_placeholders, slug, snapshot, wipe_all

from axisgraph.app.load import load_paths
from axisgraph.errors import InputError, NotFoundError, UsageError
from axisgraph.graph.build import build_graph
from axisgraph.graph.schema import get_schema
from axisgraph.graph.version import data_version
from axisgraph.loaders.yaml_claims import load_dataset
from axisgraph.queries.adhoc import parse_value
from axisgraph.queries.catalog import QUERIES
from axisgraph.queries.engines import Neo4jEngine, cypher_text
from axisgraph.queries.registry import run_query
from axisgraph.queries.spec import Query
from axisgraph.settings import reset_settings
from axisgraph.store.connection import Target
from axisgraph.store.memory import MemoryStore
from axisgraph.store.neo4j_store import Neo4jStore

PACKAGE = Path(__file__).resolve().parents[2] / "axisgraph"
PAYLOADS = cypher_payloads()
CLEAN = (UsageError, NotFoundError, InputError)


# -- the data: the bundled dataset plus one actor per payload, named by it -----------------------


def _spellings(graph: nx.MultiDiGraph) -> set[str]:
    out: set[str] = set()
    for node, attrs in graph.nodes(data=True):
        out |= {str(node).casefold(), str(attrs.get("name") or "").casefold()}
        out |= {str(a).casefold() for a in attrs.get("aliases") or []}
    return out


@cache
def named_payloads() -> tuple[str, ...]:
    """Payloads usable as actor names: each names one actor only (no two alike in any case,
    none like a bundled id, name or alias), is not changed by the parameter's trimming, and
    passes the value rules both engines apply (tests/security/test_value_rules.py shows the
    rest refused by both)."""
    from axisgraph.graph.values import text_problem

    taken = _spellings(build_graph(load_dataset()))
    out: list[str] = []
    for payload in PAYLOADS:
        key = payload.casefold()
        stored = text_problem(payload, indexed=True) is None
        if payload != payload.strip() or not stored or key in taken:
            continue
        taken |= {key, f"{payload} (alias)".casefold()}
        out.append(payload)
    return tuple(out)


def payload_file(folder: Path) -> Path:
    """A claims file: one company per payload (name, alias, description, property, claim
    summary and note are the payload) supplying one sink actor."""
    entities: list[dict[str, Any]] = [
        {"id": "inj-sink", "kind": "ArmedGroup", "name": "Injection sink"}
    ]
    claims = []
    for i, payload in enumerate(named_payloads()):
        entities.append(
            {
                "id": slug(i, "inj"),
                "kind": "Company",
                "name": payload,
                "aliases": [f"{payload} (alias)"],
                "description": payload,
                "properties": {"motto": payload},
            }
        )
        claims.append(
            {
                "id": slug(i, "c-inj"),
                "subject": slug(i, "inj"),
                "predicate": "supplies",
                "object": "inj-sink",
                "status": "media_report",
                "summary": payload,
                "note": payload,
                "stated_on": "2024-01-02",
                "reported_in": ["src-inj"],
            }
        )
    doc = {
        "entities": entities,
        "sources": [{"id": "src-inj", "name": "Injection test source", "type": "report"}],
        "claims": claims,
    }
    path = folder / "payloads.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def payload_yaml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return payload_file(tmp_path_factory.mktemp("injection"))


@pytest.fixture(scope="module")
def memory_graph(payload_yaml: Path) -> nx.MultiDiGraph:
    dataset = load_dataset()
    dataset = dataset.merge(load_dataset([payload_yaml], base=dataset))
    return build_graph(dataset, name="axisgraph")


@pytest.fixture(scope="module")
def neo4j_target(neo4j_server: Any, neo4j_driver: Any, payload_yaml: Path) -> Target:
    """Neo4j holding the bundled dataset and the payload actors, loaded once for the module."""
    wipe_all(neo4j_driver)
    target = Target(neo4j_server.uri, neo4j_server.user, neo4j_server.password, None, "tests")
    store = Neo4jStore(target)
    load_paths([], store)
    load_paths([payload_yaml], store)
    return target


@pytest.fixture
def neo4j_store(neo4j_target: Target) -> Neo4jStore:
    return Neo4jStore(neo4j_target)


@pytest.fixture
def neo4j_cli(neo4j_server: Any, neo4j_target: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    reset_settings()


# -- every payload through every parameter of every canned query ---------------------------------


def _cases() -> Iterator[tuple[Query, str, dict[str, Any]]]:
    """(query, parameter, parameters) with one payload in one parameter, the rest examples."""
    for query in QUERIES:
        for param in query.params:
            base = {p.name: p.example for p in query.params if p.required and p is not param}
            for payload in PAYLOADS:
                yield query, param.name, {**base, param.name: payload}


def _names(graph: nx.MultiDiGraph, node: str) -> set[str]:
    attrs = graph.nodes[node]
    names = {node, str(attrs.get("name") or ""), *map(str, attrs.get("aliases") or [])}
    return {n.casefold() for n in names}


def _answer(query: Query, params: dict[str, Any], store: Any) -> Any:
    """The rows, or the kind of clean error; anything else fails the test."""
    try:
        result = run_query(query.name, params, store=store)
    except CLEAN as exc:
        text = str(exc)
        assert "\n" not in text and "Traceback" not in text
        return (type(exc).__name__, text)
    return result


def _check_meaning(query: Query, params: dict[str, Any], result: Any, graph: Any) -> None:
    """A payload that was accepted means what it says: an entity parameter names that entity
    (by id, name or alias), and the rows are those of the resolved id itself."""
    for param in query.params:
        value = result.params[param.name]
        if param.label is not None and value is not None:
            assert str(params[param.name]).strip().casefold() in _names(graph, value)


def test_every_payload_in_every_parameter_on_the_memory_engine(memory_graph, tally):
    before = data_version(memory_graph)
    outcomes: dict[str, int] = {}
    for query, name, params in _cases():
        answer = _answer(query, params, memory_graph)
        kind = answer[0] if isinstance(answer, tuple) else "answered"
        outcomes[kind] = outcomes.get(kind, 0) + 1
        tally("injection: canned-query parameters, memory engine")
        if kind == "answered":
            _check_meaning(query, params, answer, memory_graph)
            again = run_query(query.name, answer.params, store=memory_graph)
            assert again.rows == answer.rows, (query.name, name)
    assert data_version(memory_graph) == before
    # Most payloads are refused by their type or name nothing; a few are real names.
    assert outcomes["NotFoundError"] and outcomes["UsageError"] and outcomes["answered"]


@pytest.mark.neo4j
def test_every_payload_in_every_parameter_on_neo4j(neo4j_store, memory_graph, tally):
    before = snapshot(neo4j_store)
    mismatches = []
    for query, name, params in _cases():
        on_neo4j = _answer(query, params, neo4j_store)
        in_memory = _answer(query, params, memory_graph)
        neo = on_neo4j if isinstance(on_neo4j, tuple) else (on_neo4j.params, on_neo4j.rows)
        mem = in_memory if isinstance(in_memory, tuple) else (in_memory.params, in_memory.rows)
        if neo != mem:  # the memory engine never runs Cypher: it is the meaning
            mismatches.append((query.name, name, params[name]))
        tally("injection: canned-query parameters, Neo4j")
    assert mismatches == []
    assert snapshot(neo4j_store) == before


@pytest.mark.neo4j
def test_payloads_as_raw_cypher_parameters(neo4j_store, tally):
    """Past the Python checks, straight into each ``.cypher`` file: a payload in an entity
    parameter is an id nothing has, so every query answers nothing, and nothing is written."""
    engine = Neo4jEngine(neo4j_store)
    before = snapshot(neo4j_store)
    for query in QUERIES:
        defaults = {p.name: p.default for p in query.params}
        defaults |= {p.name: p.example for p in query.params if p.required}
        for param in query.params:
            if param.label is None:
                continue
            for payload in PAYLOADS:
                params = {**defaults, param.name: payload}
                if query.name == "shortest_paths":  # the other end must exist to mean anything
                    params |= {"source": "north-korea", "target": "hezbollah", param.name: payload}
                assert engine.run(query, params) == [], (query.name, param.name, payload)
                tally("injection: raw .cypher entity parameters, Neo4j")
    assert snapshot(neo4j_store) == before


def test_cli_exit_codes_for_payload_parameters(cli, memory_graph, tally):
    """Through the command line: 0, 1 (names nothing) or 2 (wrong type), one line, never a
    traceback. One parameter of each type; the library tests above cover all of them."""
    picks = [
        ("suppliers_of", "actor"),
        ("suppliers_of", "min_status"),
        ("supply_chains_into", "max_hops"),
        ("timeline", "since"),
        ("violations", "instrument"),
        ("weapon_trail", "weapon"),
    ]
    for name, param in picks:
        query = next(q for q in QUERIES if q.name == name)
        base = [f"{p.name}={p.example}" for p in query.params if p.required and p.name != param]
        for payload in PAYLOADS:
            if "\x00" in payload:
                continue  # an argv entry cannot hold NUL
            args = ["query", "run", name, "-p", f"{param}={payload}"]
            for extra in base:
                args += ["-p", extra]
            result = cli(*args, "--format", "json")
            assert result.code in (0, 1, 2), (name, param, payload, result.err)
            assert "Traceback" not in result.err
            if result.code:
                lines = result.err.strip().splitlines()
                assert len(lines) == 1 and lines[0].startswith("axisgraph: error:"), result.err
            else:
                json.loads(result.out)
            tally("injection: CLI query parameters, memory engine")


# -- actor names in the data -----------------------------------------------------------------------


def _named_answers(store: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, payload in enumerate(named_payloads()):
        by_name = run_query("recipients_of", {"actor": payload}, store=store)
        by_alias = run_query("recipients_of", {"actor": f"{payload} (alias)"}, store=store)
        out[payload] = (
            by_name.params["actor"],
            [r["recipient_id"] for r in by_name.rows],
            by_alias.params["actor"],
            slug(i, "inj"),
        )
    sink = run_query("suppliers_of", {"actor": "Injection sink"}, store=store)
    out["suppliers"] = sorted((r["supplier_id"], r["supplier"]) for r in sink.rows)
    timeline = run_query("timeline", {"actor": "inj-sink"}, store=store)
    out["summaries"] = sorted((r["claim"], r["summary"]) for r in timeline.rows)
    return out


def _check_named(answers: dict[str, Any]) -> None:
    for payload in named_payloads():
        actor, recipients, by_alias, expected = answers[payload]
        assert actor == by_alias == expected, payload
        assert recipients == ["inj-sink"], payload
    expected_suppliers = sorted((slug(i, "inj"), p) for i, p in enumerate(named_payloads()))
    assert answers["suppliers"] == expected_suppliers  # every name back verbatim, nothing else
    assert answers["summaries"] == sorted(
        (slug(i, "c-inj"), p) for i, p in enumerate(named_payloads())
    )


def test_payload_names_are_data_on_the_memory_engine(memory_graph, tally):
    before = data_version(memory_graph)
    _check_named(_named_answers(memory_graph))
    assert data_version(memory_graph) == before
    tally("injection: actor names in data, memory engine", len(named_payloads()))


@pytest.mark.neo4j
def test_payload_names_are_data_on_neo4j(neo4j_store, memory_graph, tally):
    before = snapshot(neo4j_store)
    answers = _named_answers(neo4j_store)
    _check_named(answers)
    assert answers == _named_answers(memory_graph)
    # The names went in and come out byte for byte.
    stored = {n: a for n, a in neo4j_store.graph().nodes(data=True) if n.startswith("inj-")}
    for i, payload in enumerate(named_payloads()):
        attrs = stored[slug(i, "inj")]
        assert (attrs["name"], attrs["description"], attrs["motto"]) == (payload,) * 3
    assert snapshot(neo4j_store) == before
    tally("injection: actor names in data, Neo4j", len(named_payloads()))


@pytest.mark.neo4j
def test_payloads_as_adhoc_parameters(cli, neo4j_cli, neo4j_target, tally):
    """``axisgraph cypher … -p name=<payload>``: the value is compared, never parsed as Cypher;
    a value the driver cannot carry (an integer past 64 bits) is bad usage, exit 2."""
    before = snapshot(Neo4jStore(neo4j_target))
    statement = "MATCH (n:Actor) WHERE n.name = $name RETURN n.id AS id ORDER BY id"
    expected = {p: slug(i, "inj") for i, p in enumerate(named_payloads())}
    for payload in PAYLOADS:
        value = parse_value(payload)  # what `-p name=…` passes: JSON when it parses
        result = cli("cypher", statement, "-p", f"name={payload}", "--format", "json")
        tally("injection: ad-hoc Cypher parameters, Neo4j")
        if result.code == 2:
            assert isinstance(value, int) and not -(2**63) <= value < 2**63, result.err
            assert "cannot be sent to Neo4j" in result.err
            continue
        assert result.code == 0, (payload, result.err)
        want = [{"id": expected[payload]}] if value == payload and payload in expected else []
        assert json.loads(result.out) == want, payload
    assert snapshot(Neo4jStore(neo4j_target)) == before


# -- ad-hoc Cypher that writes, changes the schema or acts outside the graph is refused -----------

REFUSED = [
    ("CREATE (:Pwned {id: 'x'})", "writes data"),
    ("MERGE (n:Entity {id: 'wagner-group'}) RETURN n", "writes data"),
    ("MATCH (n:Entity {id: 'iran'}) SET n.name = 'pwned'", "writes data"),
    ("MATCH (n:Entity {id: 'iran'}) DELETE n", "writes data"),
    ("MATCH (n:Entity {id: 'iran'}) REMOVE n:Actor", "writes data"),
    ("MATCH (n) DETACH DELETE n", "writes data"),
    ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS", "writes data"),
    ("CALL () { MATCH (n) RETURN n } IN TRANSACTIONS RETURN count(n) AS c", "IN TRANSACTIONS"),
    ("CALL { MATCH (n) RETURN n.id AS i } IN CONCURRENT TRANSACTIONS RETURN i", "IN TRANSACTIONS"),
    ("CREATE INDEX pwned IF NOT EXISTS FOR (n:Entity) ON (n.pwned)", "schema"),
    ("DROP INDEX axisgraph_entity_name", "schema"),
    ("CREATE CONSTRAINT pwned FOR (n:Pwned) REQUIRE n.id IS UNIQUE", "schema"),
    ("DROP CONSTRAINT axisgraph_entity_id", "schema"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "LOAD CSV"),
    ("LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS l RETURN l", "LOAD CSV"),
    ("CALL db.createLabel('Pwned')", "writes data"),
    ("CALL db.createRelationshipType('PWNED')", "writes data"),
    ("CALL db.createProperty('pwned')", "writes data"),
    ("CALL db.clearQueryCaches()", "schema or the server"),
    ("CALL db.stats.collect('QUERIES')", "not on the list of pure reads"),
    ("CALL db.resampleOutdatedIndexes()", "not on the list of pure reads"),
    ("CALL db.prepareForReplanning()", "not on the list of pure reads"),
    ("CALL dbms.listConfig()", "schema or the server"),
    ("CALL dbms.killConnection('bolt-1')", "schema or the server"),
    ("CALL tx.setMetaData({pwned: true})", "schema or the server"),
    ("CALL dbms.security.createUser('pwned', 'pwned-password', false)", "no procedure"),
    ("CREATE USER pwned SET PASSWORD 'pwned-password'", "schema or the server"),
    ("ALTER USER neo4j SET PASSWORD 'pwned-password'", "schema or the server"),
    ("SHOW USERS", "schema or the server"),
    ("USE system SHOW USERS", "USE"),
    ("USE system MATCH (n) RETURN n", "cannot run"),
    ("CREATE DATABASE pwned", "cannot run"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS"),
    ("SHOW TRANSACTIONS", "other sessions' queries"),
    ("SHOW SETTINGS YIELD name, value RETURN name, value", "server's configuration"),
    ("RETURN 1; MATCH (n) DETACH DELETE n", "one statement"),
    ("/* hidden */ EXPLAIN MATCH (n) DETACH DELETE n", "writes data"),
    ("// first\nPROFILE CREATE (:Pwned)", "writes data"),
    ("CYPHER runtime=slotted CREATE (:Pwned)", "writes data"),
    ("MATCH (n) WITH collect(n) AS ns FOREACH (n IN ns | SET n.pwned = 1)", "writes data"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize(("statement", "why"), REFUSED, ids=[s[:40] for s, _ in REFUSED])
def test_adhoc_refusals(cli, neo4j_cli, neo4j_target, neo4j_store, tally, statement, why):
    before = snapshot(neo4j_store)
    result = cli("cypher", statement)
    assert result.code == 2, (statement, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("axisgraph: error:"), result.err
    assert why in lines[0], lines[0]
    assert snapshot(Neo4jStore(neo4j_target)) == before  # the CLI closed the old driver
    tally("injection: ad-hoc writes, schema changes and procedures refused")


@pytest.mark.neo4j
def test_every_payload_as_an_adhoc_statement(cli, neo4j_cli, neo4j_target, neo4j_store, tally):
    before = snapshot(neo4j_store)
    for payload in PAYLOADS:
        if "\x00" in payload:
            continue
        result = cli("cypher", payload)
        assert result.code in (0, 2), (payload, result.err)
        assert "Traceback" not in result.err
        tally("injection: payloads as ad-hoc statements")
    assert snapshot(Neo4jStore(neo4j_target)) == before


# -- identifiers only come from the schema ---------------------------------------------------------


def test_schema_rejects_every_payload_as_a_label_or_type(tally):
    schema = get_schema()
    for payload in PAYLOADS:
        for check in (schema.check_label, schema.check_type):
            with pytest.raises(ValueError, match="not in the schema"):
                check(payload)
        tally("injection: labels and types checked against the schema", 2)
    for label in schema.labels:
        assert schema.check_label(label) == label
        with pytest.raises(ValueError):
            schema.check_label(label + "`) DETACH DELETE n //")


def test_cypher_files_and_constants_have_no_format_placeholders():
    """Values reach Cypher only as ``$parameters``: no ``{name}`` or ``%s`` a caller could
    fill with text, except the two templates formatted with schema-checked labels."""
    from axisgraph.store import cypher

    for query in QUERIES:
        assert format_placeholders(cypher_text(query.name)) == [], query.name
    templates = {"CONSTRAINT", "NAME_INDEX"}
    for name, value in vars(cypher).items():
        if isinstance(value, str) and name.isupper():
            found = format_placeholders(value)
            assert found == (["{label}"] if name in templates else []), name


CYPHER_WORDS = re.compile(r"\b(MATCH|MERGE|CREATE|DELETE|RETURN|UNWIND|SET|CALL|YIELD) ")
TEMPLATES = {"cypher.CONSTRAINT", "cypher.NAME_INDEX"}


def _formatted_text(node: ast.AST) -> str | None:
    """The literal text of an f-string or of ``"..." % x``, else None."""
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        return node.left.value
    return None


def _checked_names(function: ast.AST) -> set[str]:
    """Names a function assigns from ``….check_label(…)`` or ``….check_type(…)``."""
    names = set()
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr in {"check_label", "check_type"}
        ):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def test_no_cypher_is_built_by_formatting_in_the_package():
    """No f-string or ``%`` builds Cypher anywhere in the package, and ``.format`` fills only
    the two schema templates, with a label the same function took from ``check_label``."""
    offenders, templates_filled = [], 0
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            text = _formatted_text(node)
            if text and CYPHER_WORDS.search(text):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for call in ast.walk(function):
                if not (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "format"
                ):
                    continue
                target = ast.unparse(call.func.value)
                if not (target.startswith("cypher.") or CYPHER_WORDS.search(target)):
                    continue
                where = f"{path.relative_to(PACKAGE)}:{call.lineno}"
                assert target in TEMPLATES, where
                values = [k.value for k in call.keywords] + list(call.args)
                assert all(
                    isinstance(v, ast.Name) and v.id in _checked_names(function) for v in values
                ), f"{where}: {ast.unparse(call)} is not filled from check_label"
                templates_filled += 1
    assert offenders == []
    assert templates_filled == len(TEMPLATES)  # the scan did see them


def test_memory_store_is_never_written_by_queries():
    """The embedded engine's queries read the graph only: no saved file appears."""
    store = MemoryStore()
    for query in QUERIES:
        run_query(query.name, query.example_params(), store=store)
    assert not store.saved
