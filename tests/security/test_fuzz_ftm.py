"""Fuzz the FtM loader (flat entity files and OpenSanctions deltas), on both engines.

Hypothesis mutates a small valid file: wrong types, missing keys, unknown schemata and
properties, huge strings, deep nesting, invalid UTF-8, lone surrogates, duplicate ids,
dangling references, DEL without an id, ops out of order. The only outcomes allowed are a load
or an ``InputError`` whose one-line message names the file and the line (and the entity id
when the line has one). After a failed load the saved memory graph is byte-for-byte unchanged,
and Neo4j count-for-count (every label, every type) and checksum-for-checksum unchanged.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import snapshot, wipe_all
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_loaders import ANY_VALUE, HOSTILE_TEXT, mutated, write_csv

from axisgraph.app.load import load_paths
from axisgraph.errors import InputError
from axisgraph.settings import get_settings
from axisgraph.store.memory import MemoryStore
from axisgraph.store.neo4j_store import Neo4jStore


def fuzz(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    return {
        "id": entity_id,
        "schema": schema,
        "properties": {k: v if isinstance(v, list) else [v] for k, v in props.items()},
        "datasets": ["fuzz"],
    }


FLAT = [
    entity("fz-person", "Person", name="Ivan Fuzzov", country="ru", birthDate="1970-01-02"),
    entity("fz-company", "Company", name="Fuzz Drones LLC", country="ru"),
    entity(
        "fz-sanction",
        "Sanction",
        entity="fz-company",
        authority="Office of Foreign Assets Control",
        country="us",
        program="RUSSIA-EO14024",
        startDate="2023-05",
    ),
    entity("fz-own", "Ownership", owner="fz-person", asset="fz-company", percentage="51"),
    entity("fz-dir", "Directorship", director="fz-person", organization="fz-company"),
]
PROPERTIES = [
    "name",
    "alias",
    "country",
    "birthDate",
    "entity",
    "owner",
    "asset",
    "authority",
    "startDate",
    "endDate",
    "percentage",
    "topics",
    "sourceUrl",
    "calibre",
    "ownershipOwner",
]
SCHEMATA = ["Person", "Company", "Drone", "Thing", "LegalEntity", "person", "", "Sanction"]
DEEP = [b"[" * n + b"]" * n for n in (50, 999, 5_000, 100_000)]
REFERENCES = ["nobody", "fz-person", "fz-company", "fz-sanction", "wagner-group", "x" * 300]


def _serialised(draw: st.DrawFn, lines: list[Any]) -> list[bytes]:
    """The lines as bytes; in one file in three, one line broken at the byte level."""
    out = [_dumped(line) for line in lines]
    if out and draw(st.integers(0, 2)) == 0:
        i = draw(st.integers(0, len(out) - 1))
        out[i] = _broken(draw, out[i])
    return out


def _broken(draw: st.DrawFn, data: bytes) -> bytes:
    """A line cut short, with invalid UTF-8, deep nesting, a lone surrogate or a NUL."""
    how = draw(st.sampled_from(["cut", "byte", "deep", "surrogate", "nul"]))
    at = draw(st.integers(0, len(data)))
    if how == "cut":
        return data[:at]
    if how == "byte":
        return data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + data[at:]
    if how == "deep":
        return data.replace(b'"fz-', draw(st.sampled_from(DEEP)) + b', "fz-', 1)
    if how == "surrogate":
        return data.replace(b'"name": ["', b'"name": ["\\ud800', 1)
    return data[:at] + b"\x00" + data[at:]


def _mutate_entity(draw: st.DrawFn, record: dict[str, Any]) -> None:
    action = draw(
        st.sampled_from(["key", "drop", "prop", "values", "schema", "ref", "huge", "meta"])
    )
    if action == "key":
        record[draw(st.sampled_from(["id", "schema", "properties", "target"]))] = draw(ANY_VALUE)
    elif action == "drop" and record:
        record.pop(draw(st.sampled_from(sorted(record))))
    elif action == "prop":
        props = record.setdefault("properties", {})
        if isinstance(props, dict):
            props[draw(st.sampled_from(PROPERTIES))] = draw(ANY_VALUE)
    elif action == "values":
        props = record.get("properties")
        if isinstance(props, dict) and props:
            name = draw(st.sampled_from(sorted(props)))
            props[name] = draw(st.lists(HOSTILE_TEXT, max_size=3))
    elif action == "schema":
        record["schema"] = draw(st.one_of(st.sampled_from(SCHEMATA), HOSTILE_TEXT))
    elif action == "ref":
        props = record.setdefault("properties", {})
        if isinstance(props, dict):
            name = draw(st.sampled_from(["entity", "owner", "asset", "director", "organization"]))
            props[name] = [draw(st.one_of(st.sampled_from(REFERENCES), HOSTILE_TEXT))]
    elif action == "huge":
        size = draw(st.sampled_from([10_000, 300_000]))
        record.setdefault("properties", {})
        if isinstance(record["properties"], dict):
            record["properties"]["name"] = ["\u00e9" * size]
    else:
        key = draw(st.sampled_from(["datasets", "referents", "caption", "first_seen", "target"]))
        record[key] = draw(ANY_VALUE)


@st.composite
def flat_file(draw: st.DrawFn) -> list[bytes]:
    lines: list[Any] = copy.deepcopy(FLAT)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["entity"] * 4 + ["dup", "swap", "replace", "delta"]))
        if action == "entity" and isinstance(lines[i], dict):
            _mutate_entity(draw, lines[i])
        elif action == "dup":
            lines.append(copy.deepcopy(lines[i]))
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "replace":
            lines[i] = draw(ANY_VALUE)
        else:
            lines[i] = {"op": "ADD", "entity": lines[i]}
    return _serialised(draw, lines)


def _dumped(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")


def _op(op: Any, record: Any) -> dict[str, Any]:
    return {"op": op, "entity": record}


DELTA = [
    _op("ADD", FLAT[0]),
    _op("ADD", FLAT[1]),
    _op("MOD", entity("fz-company", "Company", name="Fuzz Drones Renamed LLC", country="ru")),
    _op("ADD", FLAT[2]),
    _op("ADD", FLAT[3]),
    _op("DEL", {"id": "fz-own"}),
    _op("DEL", {"id": "fz-never-there"}),
]


@st.composite
def delta_file(draw: st.DrawFn) -> list[bytes]:
    lines: list[Any] = copy.deepcopy(DELTA)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        action = draw(
            st.sampled_from(
                ["entity", "entity", "op", "del", "shuffle", "dup", "flat", "drop", "entity-type"]
            )
        )
        if action == "entity" and isinstance(line.get("entity"), dict):
            _mutate_entity(draw, line["entity"])
        elif action == "op":
            line["op"] = draw(
                st.one_of(st.sampled_from(["ADD", "MOD", "DEL", "add", ""]), ANY_VALUE)
            )
        elif action == "del":  # without an id, of a curated record, of what the file adds
            gone = draw(st.sampled_from([None, "", "wagner-group", "fz-person", "fz-own", 7]))
            lines.insert(i, _op("DEL", {} if gone is None else {"id": gone}))
        elif action == "shuffle":  # ops out of order: MOD before ADD, DEL before ADD
            lines = draw(st.permutations(lines))
        elif action == "dup":
            lines.append(copy.deepcopy(line))
        elif action == "flat" and isinstance(line.get("entity"), dict):
            lines[i] = line["entity"]
        elif action == "drop":
            line.pop(draw(st.sampled_from(["op", "entity"])), None)
        else:
            line["entity"] = draw(ANY_VALUE)
    return _serialised(draw, lines)


def _write(folder: Path, name: str, lines: list[bytes]) -> Path:
    path = folder / name
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _check_error(exc: InputError, path: Path) -> None:
    """One line, naming the file and, for a line's own problem, the line and the entity."""
    text = str(exc)
    assert "\n" not in text and text.strip(), text
    assert str(path) in text, text
    assert exc.line is not None, text
    assert f"{path}:{exc.line}" in text, text
    raw = path.read_bytes().split(b"\n")[exc.line - 1]
    if b"schema" in raw or b"entity" in raw:
        assert "entity " in text or "cannot tell the format" in text, text


# -- the memory engine -------------------------------------------------------------------------


@pytest.fixture
def baseline(tmp_path: Path) -> tuple[MemoryStore, bytes]:
    """The embedded engine with the bundled data and a valid FtM file loaded and saved."""
    store = MemoryStore(get_settings())
    good = _write(tmp_path, "good.ftm.json", [_dumped(e) for e in FLAT])
    load_paths([good], store)
    return store, store.path.read_bytes()


def _attempt_memory(store: MemoryStore, saved: bytes, path: Path) -> None:
    store.path.write_bytes(saved)  # every example starts from the same graph
    try:
        load_paths([path], store)
    except InputError as exc:
        _check_error(exc, path)
        assert store.path.read_bytes() == saved, "a failed load changed the saved graph"


@fuzz(150)
@given(lines=flat_file())
def test_fuzz_flat_ftm_on_the_memory_engine(tmp_path_factory, baseline, tally, lines):
    path = _write(tmp_path_factory.mktemp("ftm"), "entities.ftm.json", lines)
    tally("ftm entities: mutated files, memory engine")
    _attempt_memory(*baseline, path)


@fuzz(150)
@given(lines=delta_file())
def test_fuzz_delta_ftm_on_the_memory_engine(tmp_path_factory, baseline, tally, lines):
    path = _write(tmp_path_factory.mktemp("ftm"), "entities.delta.json", lines)
    tally("ftm deltas: mutated files, memory engine")
    _attempt_memory(*baseline, path)


@fuzz(100)
@given(data=st.lists(st.binary(max_size=120), min_size=1, max_size=4))
def test_random_bytes_as_ftm(tmp_path_factory, baseline, tally, data):
    head = _dumped(FLAT[0])  # a real first line, so the file is read as FtM
    path = _write(tmp_path_factory.mktemp("ftm"), "entities.ftm.json", [head, *data])
    tally("ftm entities: random byte lines, memory engine")
    _attempt_memory(*baseline, path)


# -- Neo4j ---------------------------------------------------------------------------------------


@pytest.fixture
def neo4j_baseline(neo4j_env: Any, tmp_path: Path) -> Neo4jStore:
    """Neo4j with the bundled data and the valid FtM file: the graph a failed load must keep."""
    store = Neo4jStore()
    wipe_all(store.driver)
    load_paths([], store)
    load_paths([_write(tmp_path, "good.ftm.json", [_dumped(e) for e in FLAT])], store)
    return store


def _attempt_neo4j(store: Neo4jStore, path: Path) -> None:
    """Load ``path``; on failure the database must be exactly as before."""
    before = snapshot(store)
    try:
        load_paths([path], store)
    except InputError as exc:
        _check_error(exc, path)
        assert snapshot(store) == before, "a failed load changed Neo4j"


@pytest.mark.neo4j
@fuzz(40)
@given(lines=flat_file())
def test_fuzz_flat_ftm_on_neo4j(tmp_path_factory, neo4j_baseline, tally, lines):
    path = _write(tmp_path_factory.mktemp("ftm"), "entities.ftm.json", lines)
    tally("ftm entities: mutated files, Neo4j")
    _attempt_neo4j(neo4j_baseline, path)


@pytest.mark.neo4j
@fuzz(40)
@given(lines=delta_file())
def test_fuzz_delta_ftm_on_neo4j(tmp_path_factory, neo4j_baseline, tally, lines):
    path = _write(tmp_path_factory.mktemp("ftm"), "entities.delta.json", lines)
    tally("ftm deltas: mutated files, Neo4j")
    _attempt_neo4j(neo4j_baseline, path)


@pytest.mark.neo4j
@fuzz(40)
@given(doc=mutated())
def test_fuzz_yaml_on_neo4j(tmp_path_factory, neo4j_baseline, tally, doc):
    path = tmp_path_factory.mktemp("yaml") / "claims.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    tally("yaml: mutated documents, Neo4j")
    _attempt_neo4j_any(neo4j_baseline, path)


@pytest.mark.neo4j
@fuzz(40)
@given(doc=mutated())
def test_fuzz_csv_on_neo4j(tmp_path_factory, neo4j_baseline, tally, doc):
    path = write_csv(tmp_path_factory.mktemp("csv"), doc)
    tally("csv: mutated rows, Neo4j")
    _attempt_neo4j_any(neo4j_baseline, path)


def _attempt_neo4j_any(store: Neo4jStore, path: Path) -> None:
    """YAML and CSV: problems in the whole document (a dangling reference) may have no line."""
    before = snapshot(store)
    try:
        load_paths([path], store)
    except InputError as exc:
        text = str(exc)
        assert "\n" not in text and str(path) in text, text
        assert snapshot(store) == before, "a failed load changed Neo4j"


def test_named_hostile_ftm_files_are_refused_with_their_line(tmp_path, baseline):
    """Not a fuzz run: one file per kind of problem the mutations aim at, each refused with
    its line, the saved graph unchanged."""
    store, saved = baseline
    cases: dict[str, list[bytes]] = {
        "deep nesting": [_dumped(FLAT[0]), b'{"id": "x", "schema": ' + DEEP[-1] + b"}"],
        "lone surrogate": [
            _dumped(FLAT[0]),
            b'{"id": "x", "schema": "Person", "properties": {"name": ["\\udc00"]}}',
        ],
        "invalid UTF-8": [_dumped(FLAT[0]), b'{"id": "x", "schema": "Person\xff"}'],
        "DEL without id": [_dumped(DELTA[0]), _dumped(_op("DEL", {}))],
        "unknown schema": [_dumped(FLAT[0]), _dumped(entity("x", "Drone", name="D"))],
        "duplicate id": [_dumped(FLAT[0]), _dumped(FLAT[0])],
        "property of another schema": [_dumped(entity("x", "Person", owner="fz-person"))],
        "reference that is not an id": [_dumped(entity("x", "Ownership", owner="a b", asset="c"))],
    }
    for name, lines in cases.items():
        path = _write(tmp_path, f"{name.replace(' ', '-')}.ftm.json", lines)
        with pytest.raises(InputError) as caught:
            load_paths([path], store)
        _check_error(caught.value, path)
        assert caught.value.line == len(lines), (name, str(caught.value))
        assert store.path.read_bytes() == saved, name


@pytest.mark.neo4j
def test_a_failure_inside_the_write_transaction_rolls_everything_back(neo4j_env, tmp_path, tally):
    """A delta that deletes 5,000 imported entities and then a curated one: the deletions run
    in the write transaction, in chunks of 5,000 ids, before the curated id is met; the
    refusal rolls every one of them back."""
    store = Neo4jStore()
    wipe_all(store.driver)
    load_paths([], store)
    people = [_dumped(entity(f"a-{i:05d}", "Person", name=f"Person {i}")) for i in range(5_000)]
    load_paths([_write(tmp_path, "people.ftm.json", people)], store)
    before = snapshot(store)
    doomed = [_dumped(_op("DEL", {"id": f"a-{i:05d}"})) for i in range(5_000)]
    doomed.append(_dumped(_op("DEL", {"id": "wagner-group"})))
    path = _write(tmp_path, "doom.delta.json", doomed)
    with pytest.raises(InputError, match="deletes a curated record") as caught:
        load_paths([path], store)
    assert caught.value.line == 5_001
    after = snapshot(store)
    tally("faults: failures inside a write transaction")
    lost = sum(max(0, before[k] - after[k]) for k in ("nodes", "relationships"))
    tally("faults: nodes and relationships lost", lost)
    assert after == before
