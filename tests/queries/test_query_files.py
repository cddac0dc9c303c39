"""The saved Cypher files: one per query, headers in step with the registry, schema names only.

These run without Neo4j; whether the Cypher answers like the memory engine is the
differential tests' job.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from axisgraph.graph.schema import get_schema
from axisgraph.queries import QUERIES
from axisgraph.queries.engines import cypher_text
from axisgraph.queries.reference import header
from axisgraph.queries.sanctions import ADVERSARIAL_TYPES, SANCTION_PREDICATES

CYPHER_DIR = Path(str(resources.files("axisgraph.queries").joinpath("cypher")))
NAMES = [q.name for q in QUERIES]
WRITES = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b|\bCALL\s+[a-z]", re.I
)


def body(name: str) -> str:
    """The file without its comment lines."""
    return "\n".join(
        line for line in cypher_text(name).splitlines() if not line.lstrip().startswith("//")
    )


def test_one_file_per_query_and_no_strays():
    assert sorted(p.stem for p in CYPHER_DIR.glob("*.cypher")) == sorted(NAMES)
    assert len(set(NAMES)) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_header_matches_registry(name):
    query = next(q for q in QUERIES if q.name == name)
    assert cypher_text(name).startswith(header(query))
    assert f"// name: {name}\n" in cypher_text(name)


@pytest.mark.parametrize("name", NAMES)
def test_parameters_in_cypher_are_the_declared_ones(name):
    query = next(q for q in QUERIES if q.name == name)
    used = set(re.findall(r"\$([A-Za-z_]\w*)", body(name)))
    declared = {p.name for p in query.params}
    # A query finished in Python (brokers) may leave some parameters to that step.
    assert used <= declared if query.finish is not None else used == declared


@pytest.mark.parametrize("name", NAMES)
def test_labels_and_types_come_from_the_schema(name):
    schema = get_schema()
    text = re.sub(r"'[^']*'", "''", body(name))  # ignore string literals
    rel = re.compile(r"\[\s*\w*\s*:\s*([A-Z][A-Z_|]*)")
    types = [t for group in rel.findall(text) for t in group.split("|")]
    text = rel.sub("[", text)
    labels = re.findall(r"\b[a-z]\w*:([A-Z]\w*)", text) + re.findall(r"\(\s*:([A-Z]\w*)", text)
    assert labels and all(schema.check_label(label) for label in labels)
    assert all(schema.check_type(t) for t in types)


@pytest.mark.parametrize("name", NAMES)
def test_queries_are_read_only_text(name):
    assert not WRITES.search(body(name).replace("CALL (rank, w, parts) {", ""))


@pytest.mark.parametrize("name", NAMES)
def test_status_ranks_and_predicates_match_the_schema(name):
    schema = get_schema()
    text = body(name)
    for literal in re.findall(r"\{(announced_action[^}]*)\}", text):
        ranks = dict(item.split(": ") for item in literal.split(", "))
        assert {k: int(v) for k, v in ranks.items()} == {
            s.name: s.rank for s in schema.statuses.values()
        }
    for group in re.findall(r"predicate (?:=|IN) (\[[^\]]*\]|'[^']*')", text):
        for predicate in re.findall(r"'([^']*)'", group):
            assert predicate in schema.predicates


def test_exposure_cypher_lists_the_adversarial_types():
    text = body("sanctions_exposure")
    lists = re.findall(r"NOT type\(r\) IN\s*\[([^\]]*)\]", text)
    assert lists  # one per depth branch; every one the same
    for listed in lists:
        assert sorted(re.findall(r"'([A-Z_]+)'", listed)) == sorted(ADVERSARIAL_TYPES)
    assert get_schema().adversarial_types == ADVERSARIAL_TYPES  # read from schema.yaml
    assert {"DESIGNATES", "ATTACKS"} <= set(
        ADVERSARIAL_TYPES
    ) and "SUPPLIES" not in ADVERSARIAL_TYPES
    for rel_type in ADVERSARIAL_TYPES:
        get_schema().check_type(rel_type)


def test_sanction_predicates_match_the_designations_cypher():
    assert "['designates', 'restricts']" in body("designations_of")
    assert SANCTION_PREDICATES == ("designates", "restricts")


@pytest.mark.parametrize("query", QUERIES, ids=NAMES)
def test_specs_are_complete(query):
    assert query.purpose and query.order and query.columns
    assert set(query.node_columns) <= set(query.columns)
    assert len(set(query.columns)) == len(query.columns)
    for param in query.params:
        assert param.description.endswith(".") and param.example
        if param.type == "enum":
            assert param.example in param.choices
            assert param.default is None or param.default in param.choices


BRANCH = re.compile(r"WITH (?:\$(\w+) AS \w+ WHERE \w+|\w+ WHERE \$(\w+)) = (\d+)")


@pytest.mark.parametrize("name", NAMES)
def test_bounded_branches_cover_every_allowed_value(name):
    """Path bounds cannot be parameters, so some queries hold one branch per allowed value.

    A value without its branch would answer with no rows instead of failing, so every value
    the parameter accepts must have exactly one branch.
    """
    query = next(q for q in QUERIES if q.name == name)
    found: dict[str, list[int]] = {}
    for first, second, value in BRANCH.findall(body(name)):
        found.setdefault(first or second, []).append(int(value))
    for param_name, values in found.items():
        param = next(p for p in query.params if p.name == param_name)
        assert param.type == "int" and param.minimum is not None and param.maximum is not None
        assert sorted(values) == list(range(param.minimum, param.maximum + 1)), param_name


def test_bounded_branch_queries_are_the_expected_ones():
    branched = {name for name in NAMES if BRANCH.search(body(name))}
    assert branched == {"neighbourhood", "supply_chains_into", "sanctions_exposure"}
