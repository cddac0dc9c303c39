"""One set of value rules at validation, so both engines accept a file or both refuse it.

Promise: integers past 64 bits, numbers too long to read, NaN and infinity, text past the
indexed-text cap (``MAX_INDEXED_BYTES`` of UTF-8 in ``id``, ``name`` and a claim's summary),
NUL and the other control characters XML forbids, and duplicate JSON keys are refused with
one line naming the file, the line and the field (exit 1), by the embedded engine and by
Neo4j alike, before either writes anything. Text at the cap loads on both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from axisgraph.graph.values import MAX_INDEXED_BYTES

YAML_HEAD = "entities:\n  - id: acme-drones\n    kind: Company\n"


def _yaml(tmp: Path, body: str) -> Path:
    path = tmp / "hostile.yaml"
    path.write_text(YAML_HEAD + body, encoding="utf-8")
    return path


def _ftm(tmp: Path, line: str) -> Path:
    good = {"id": "p-1", "schema": "Person", "properties": {"name": ["Ivan Testov"]}}
    path = tmp / "hostile.ftm.json"
    path.write_text(json.dumps(good) + "\n" + line + "\n", encoding="utf-8")
    return path


def _node_link(tmp: Path, node_text: str) -> Path:
    path = tmp / "hostile.json"
    path.write_text(
        '{\n"directed": true,\n"multigraph": true,\n"graph": {},\n"nodes": [\n'
        + node_text
        + '\n],\n"links": []\n}\n',
        encoding="utf-8",
    )
    return path


def _csv(tmp: Path, name: str) -> Path:
    path = tmp / "hostile.csv"
    path.write_text(f"id,kind,name\nacme-drones,Company,{name}\n", encoding="utf-8")
    return path


LONG = "x" * 10_000
# (case id, file maker, expected line, a word of the expected field, a word of the reason)
Case = tuple[str, Callable[[Path], Path], int, str, str]
CASES: list[Case] = [
    (
        "yaml-int-past-64-bits",
        lambda t: _yaml(
            t, "    name: Acme\n    properties:\n      serial: 123456789012345678901\n"
        ),
        5,
        "properties.serial",
        "64 bits",
    ),
    (
        "yaml-5000-digits",
        lambda t: _yaml(t, "    name: Acme\n    properties:\n      serial: " + "9" * 5000 + "\n"),
        6,
        "",
        "too long to read",
    ),
    (
        "yaml-inf",
        lambda t: _yaml(t, "    name: Acme\n    properties:\n      weight: .inf\n"),
        5,
        "properties.weight",
        "finite",
    ),
    (
        "yaml-nan",
        lambda t: _yaml(t, "    name: Acme\n    properties:\n      weight: .nan\n"),
        5,
        "properties.weight",
        "finite",
    ),
    ("yaml-long-name", lambda t: _yaml(t, f"    name: {LONG}\n"), 4, "name", "indexes"),
    ("yaml-escaped-nul", lambda t: _yaml(t, '    name: "Ac\\0me"\n'), 4, "name", "U+0000"),
    ("yaml-escaped-x01", lambda t: _yaml(t, '    name: "Ac\\x01me"\n'), 4, "name", "U+0001"),
    (
        "yaml-control-in-alias",
        lambda t: _yaml(t, '    name: Acme\n    aliases: ["A\\x1bcme"]\n'),
        5,
        "aliases[0]",
        "U+001B",
    ),
    ("csv-raw-nul", lambda t: _csv(t, "Ac\x00me"), 2, "name", "U+0000"),
    ("csv-long-name", lambda t: _csv(t, LONG), 2, "name", "indexes"),
    (
        "ftm-duplicate-key",
        lambda t: _ftm(
            t, '{"id": "p-2", "schema": "Person", "schema": "Company", "properties": {}}'
        ),
        2,
        "",
        "appears twice",
    ),
    (
        "ftm-5000-digits",
        lambda t: _ftm(
            t, '{"id": "p-2", "schema": "Person", "properties": {}, "x": ' + "7" * 5000 + "}"
        ),
        2,
        "",
        "too long to read",
    ),
    (
        "ftm-nan",
        lambda t: _ftm(t, '{"id": "p-2", "schema": "Person", "properties": {}, "x": NaN}'),
        2,
        "",
        "NaN",
    ),
    (
        "ftm-long-name",
        lambda t: _ftm(
            t, json.dumps({"id": "p-2", "schema": "Person", "properties": {"name": [LONG]}})
        ),
        2,
        "name",
        "indexes",
    ),
    (
        "ftm-escaped-nul",
        lambda t: _ftm(
            t, '{"id": "p-2", "schema": "Person", "properties": {"name": ["Iv\\u0000an"]}}'
        ),
        2,
        "name",
        "U+0000",
    ),
    (
        "node-link-duplicate-key",
        lambda t: _node_link(
            t, '{"id": "acme", "labels": ["Company", "Actor"],\n "name": "A",\n "name": "B"}'
        ),
        8,
        "",
        "appears twice",
    ),
    (
        "node-link-int-past-64-bits",
        lambda t: _node_link(
            t,
            '{"id": "acme", "labels": ["Company", "Actor"], "name": "A", '
            '"serial": 123456789012345678901}',
        ),
        0,
        "serial",
        "64 bits",
    ),
    (
        "node-link-control",
        lambda t: _node_link(
            t, '{"id": "acme", "labels": ["Company", "Actor"], "name": "A\\u0007"}'
        ),
        0,
        "name",
        "U+0007",
    ),
]


def _verdict(result, path: Path, line: int, field: str, reason: str) -> str:  # type: ignore[no-untyped-def]
    assert result.code == 1, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    message = lines[0]
    where = f"{path}:{line}" if line else str(path)
    assert where in message, (where, message)
    assert field in message and reason in message, message
    return message.replace(str(path), "FILE")


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_both_engines_refuse_alike(case, tmp_path, cli, tally):
    _name, make, line, field, reason = case
    path = make(tmp_path)
    memory = _verdict(cli("load", str(path), "--memory"), path, line, field, reason)
    assert cli("stats", "--memory", "--format", "json").code == 0
    tally("value rules: hostile files, embedded engine")
    assert memory


@pytest.mark.neo4j
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_neo4j_refuses_alike(case, tmp_path, cli, neo4j_env, neo4j_db, tally):
    _name, make, line, field, reason = case
    path = make(tmp_path)
    memory = _verdict(cli("load", str(path), "--memory"), path, line, field, reason)
    on_neo4j = _verdict(cli("load", str(path), "--neo4j"), path, line, field, reason)
    assert on_neo4j == memory
    count = neo4j_db.execute_query("MATCH (n {id: 'acme-drones'}) RETURN count(n) AS n")
    assert count.records[0]["n"] == 0
    tally("value rules: hostile files, Neo4j (verdicts compared)")


@pytest.mark.neo4j
@pytest.mark.parametrize("unit", ["x", "é", "🛩"], ids=["1-byte", "2-byte", "4-byte"])
def test_text_at_the_cap_loads_on_both(unit, tmp_path, cli, neo4j_env, neo4j_db):
    name = unit * (MAX_INDEXED_BYTES // len(unit.encode("utf-8")))
    assert len(name.encode("utf-8")) == MAX_INDEXED_BYTES
    path = _yaml(tmp_path, f'    name: "{name}"\n    description: "tab\\there"\n')
    assert cli("load", str(path), "--memory").code == 0
    result = cli("load", str(path), "--neo4j")
    assert result.code == 0, result.err
    stored = neo4j_db.execute_query("MATCH (n {id: 'acme-drones'}) RETURN n.name AS name")
    assert stored.records[0]["name"] == name
    over = _yaml(tmp_path, f'    name: "{name}{unit}"\n')
    assert cli("load", str(over), "--memory").code == 1
    assert cli("load", str(over), "--neo4j").code == 1


def test_exports_stay_well_formed_xml(tmp_path, cli):
    """Tab, newline and carriage return are allowed, and survive GraphML and GEXF."""
    path = _yaml(tmp_path, '    name: "Acme"\n    description: "tab\\tnew\\nline\\r"\n')
    assert cli("load", str(path)).code == 0
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"graph.{fmt}"
        assert cli("export", "--format", fmt, "-o", str(out)).code == 0
        graph = read(out)
        assert "acme-drones" in graph
