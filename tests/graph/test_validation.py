"""Every validation error names file, line and field, exits 1, and writes nothing anywhere."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

GOOD = """\
entities:
  - id: acme
    kind: Company
    name: Acme Arms
    aliases: [ACME]
  - id: rifle
    kind: Weapon
    name: Rifle
sources:
  - id: src-report
    name: A report
    published_on: "2024-02-03"
claims:
  - id: c-acme-supplies-wagner
    subject: acme
    predicate: supplies
    object: wagner-group
    status: media_report
    stated_on: "2024-02-03"
    items: [rifle]
    reported_in: [src-report]
"""

# (description, text replaced in GOOD, replacement, line, field, words in the message)
CASES = [
    (
        "unknown reference",
        "object: wagner-group",
        "object: nobody-at-all",
        17,
        "claims[0].object",
        "unknown reference 'nobody-at-all'",
    ),
    ("duplicate id", "  - id: rifle", "  - id: acme", 6, "entities[1].id", "duplicate id 'acme'"),
    (
        "bad status",
        "status: media_report",
        "status: rumour",
        18,
        "claims[0].status",
        "unknown status 'rumour'",
    ),
    (
        "bad date",
        'stated_on: "2024-02-03"',
        'stated_on: "2024-13-01"',
        19,
        "claims[0].stated_on",
        "has no month 13",
    ),
    (
        "missing source",
        "reported_in: [src-report]",
        "reported_in: [src-missing]",
        21,
        "claims[0].reported_in[0]",
        "unknown reference 'src-missing'",
    ),
    (
        "claim with no source",
        "    reported_in: [src-report]\n",
        "",
        14,
        "claims[0].reported_in",
        "at least one source",
    ),
    (
        "wrong kind of reference",
        "items: [rifle]",
        "items: [acme]",
        20,
        "claims[0].items[0]",
        "'acme' is a Company",
    ),
    (
        "subject kind does not fit",
        "subject: acme",
        "subject: rifle",
        15,
        "claims[0].subject",
        "'rifle' is a Weapon",
    ),
    (
        "unknown predicate",
        "predicate: supplies",
        "predicate: sells",
        16,
        "claims[0].predicate",
        "unknown predicate 'sells'",
    ),
    (
        "unknown kind",
        "kind: Company",
        "kind: Corporation",
        3,
        "entities[0].kind",
        "unknown kind 'Corporation'",
    ),
    (
        "unknown field",
        "    aliases: [ACME]",
        "    alias: [ACME]",
        5,
        "entities[0].alias",
        "unknown field 'alias'",
    ),
    ("wrong type", "name: Acme Arms", "name: [Acme]", 4, "entities[0].name", "must be non-empty"),
    (
        "validity reversed",
        "    items: [rifle]",
        '    items: [rifle]\n    valid_from: "2024-05"\n    valid_to: "2024-01"',
        22,
        "claims[0].valid_to",
        "ends (2024-01) before it starts",
    ),
]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_good_file_loads(tmp_path, cli):
    result = cli("load", str(_write(tmp_path, GOOD)))
    assert result.code == 0, result.err
    assert cli("load", str(_write(tmp_path, GOOD))).code == 0  # twice: same graph


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_error_points_at_file_line_and_field(tmp_path, cli, case):
    _name, old, new, line, field, words = case
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    from axisgraph.settings import get_settings

    saved = get_settings().graph_file
    before = saved.read_bytes() if saved.exists() else None
    result = cli("load", str(path))
    assert result.code == 1, result.out
    message = result.err.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert f"{path}:{line} [{field}]" in message, message
    assert words in message, message
    after = saved.read_bytes() if saved.exists() else None
    assert before == after  # nothing written


def test_malformed_yaml_and_bad_bytes(tmp_path, cli):
    path = _write(tmp_path, "entities:\n  - id: a\n    name: [unclosed\n")
    result = cli("load", str(path))
    assert result.code == 1 and f"{path}:" in result.err and "malformed YAML" in result.err
    path.write_bytes(b"entities:\n  - id: a\n    name: \xff\xfe\n")
    result = cli("load", str(path))
    assert result.code == 1 and f"{path}:3" in result.err and "UTF-8" in result.err


def test_yaml_bombs_are_bounded(tmp_path, cli):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    path = _write(tmp_path, "\n".join(lines) + "\n")
    result = cli("load", str(path))
    assert result.code == 1 and ("values" in result.err or "unknown field" in result.err)
    deep = _write(tmp_path, "entities: " + "[" * 5000 + "]" * 5000 + "\n")
    result = cli("load", str(deep))
    assert result.code == 1 and "nesting" in result.err


def test_on_key_is_not_a_boolean(tmp_path, cli):
    text = GOOD + textwrap.indent(
        textwrap.dedent("""\
        denials:
          - by: acme
            on: "2024-02-05"
            source: src-report
        """),
        "    ",
    )
    assert cli("load", str(_write(tmp_path, text))).code == 0


def test_missing_file(tmp_path, cli):
    result = cli("load", str(tmp_path / "nope.yaml"))
    assert result.code == 1 and "no such file" in result.err


@pytest.mark.neo4j
def test_nothing_reaches_neo4j_on_error(tmp_path, cli, neo4j_env, neo4j_db):
    assert cli("load", "--neo4j").code == 0
    before = neo4j_db.execute_query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r"
    ).records[0]
    for case in CASES:
        path = _write(tmp_path, GOOD.replace(case[1], case[2], 1))
        result = cli("load", str(path), "--neo4j")
        assert result.code == 1, (case[0], result.err)
        assert f"{path}:{case[3]} [{case[4]}]" in result.err
    after = neo4j_db.execute_query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r"
    ).records[0]
    assert (before["n"], before["r"]) == (after["n"], after["r"])
