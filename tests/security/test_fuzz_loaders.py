"""Fuzz the file loaders: the only outcomes are success or a clean InputError, and a failed
load leaves the saved graph byte-for-byte unchanged."""

from __future__ import annotations

import copy
import json
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from axisgraph.app.load import load_paths
from axisgraph.errors import InputError
from axisgraph.settings import get_settings
from axisgraph.store.memory import MemoryStore

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

VALID = {
    "entities": [
        {"id": "acme", "kind": "Company", "name": "Acme", "aliases": ["A"]},
        {"id": "rifle", "kind": "Weapon", "name": "Rifle"},
    ],
    "sources": [{"id": "src-r", "name": "Report", "published_on": "2024-01-02", "cites": []}],
    "claims": [
        {
            "id": "c-1",
            "subject": "acme",
            "predicate": "supplies",
            "object": "wagner-group",
            "status": "plan",
            "items": ["rifle"],
            "reported_in": ["src-r"],
            "quantities": [{"amount": 3, "unit": "crates"}],
            "denials": [{"by": "acme", "on": "2024-01-03", "source": "src-r"}],
        }
    ],
}

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a" * 30_000,
            "<script>alert(1)</script>",
            "' OR 1=1 //",
            "}{",
            "`x`",
            "DETACH DELETE",
            "💣",
            "\u202e",
            "..",
            "2023-02-30",
            "9999-99",
            "nobody",
            "c-1",
            "acme",
            "src-r",
        ]
    ),
)
ANY_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), HOSTILE_TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(string.ascii_lowercase, max_size=8), inner, max_size=4),
    ),
    max_leaves=12,
)


@st.composite
def mutated(draw: st.DrawFn) -> object:
    """The valid document with a few random changes: wrong types, missing keys, new keys,
    duplicate ids and dangling references."""
    doc = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        section = draw(st.sampled_from(["entities", "sources", "claims"]))
        records = doc[section]
        action = draw(st.sampled_from(["set", "drop", "add", "dup", "replace-section"]))
        if action == "replace-section":
            doc[section] = draw(ANY_VALUE)
            continue
        if not isinstance(records, list) or not records:
            continue
        record = records[draw(st.integers(0, len(records) - 1))]
        if not isinstance(record, dict):
            continue
        keys = sorted(record)
        if not keys and action in ("set", "drop"):
            continue
        if action == "set":
            record[draw(st.sampled_from(keys))] = draw(ANY_VALUE)
        elif action == "drop":
            record.pop(draw(st.sampled_from(keys)))
        elif action == "add":
            record[draw(st.text(string.ascii_lowercase, min_size=1, max_size=8))] = draw(ANY_VALUE)
        else:
            records.append(copy.deepcopy(record))
    return doc


def _attempt(path: Path) -> None:
    store = MemoryStore(get_settings())
    saved = store.path
    before = saved.read_bytes() if saved.exists() else None
    try:
        load_paths([path], store)
    except InputError as exc:
        text = str(exc)
        assert "\n" not in text and text.strip()
        assert str(path) in text, text
        after = saved.read_bytes() if saved.exists() else None
        assert before == after, "a failed load changed the saved graph"


@FUZZ
@given(doc=mutated())
def test_mutated_yaml(tmp_path_factory, tally, doc):
    path = tmp_path_factory.mktemp("fuzz") / "claims.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    tally("yaml: mutated documents")
    _attempt(path)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_as_yaml(tmp_path_factory, tally, data):
    path = tmp_path_factory.mktemp("fuzz") / "claims.yaml"
    path.write_bytes(data)
    tally("yaml: random bytes")
    _attempt(path)


def write_csv(folder: Path, doc: object) -> Path:
    """The claims of a mutated document as a CSV file (lists joined with ``;``)."""
    records = doc.get("claims") if isinstance(doc, dict) else None
    if not isinstance(records, list):
        records = [{"id": "x"}]
    columns = sorted({k for r in records if isinstance(r, dict) for k in r}) or ["id"]
    lines = [",".join(columns)]
    for record in records:
        row = record if isinstance(record, dict) else {}
        cells = []
        for col in columns:
            value = row.get(col, "")
            text = ";".join(map(str, value)) if isinstance(value, list) else str(value)
            cells.append('"' + text.replace('"', '""') + '"')
        lines.append(",".join(cells))
    path = folder / "claims.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@FUZZ
@given(doc=mutated())
def test_mutated_csv(tmp_path_factory, tally, doc):
    path = write_csv(tmp_path_factory.mktemp("fuzz"), doc)
    tally("csv: mutated rows")
    _attempt(path)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_as_csv(tmp_path_factory, tally, data):
    path = tmp_path_factory.mktemp("fuzz") / "claims.csv"
    path.write_bytes(data)
    tally("csv: random bytes")
    _attempt(path)


@FUZZ
@given(value=ANY_VALUE)
def test_hostile_node_link_json(tmp_path_factory, tally, value):
    base = {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [{"id": "a", "labels": ["Person"], "name": "A"}],
        "links": [],
    }
    key = ["nodes", "links", "graph"][hash(json.dumps(value, default=str)) % 3]
    base[key] = value
    path = tmp_path_factory.mktemp("fuzz") / "graph.json"
    path.write_text(json.dumps(base, default=str), encoding="utf-8")
    tally("node-link json: hostile values")
    _attempt(path)
