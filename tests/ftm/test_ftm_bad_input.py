"""Bad FtM input: an error naming the line and the entity id, and nothing written."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from ftm_support import ent, write_lines

from axisgraph.app.ftm_load import load_ftm
from axisgraph.errors import InputError
from axisgraph.store.memory import MemoryStore

GOOD = [
    ent("p-1", "Person", name="Ivan Testov", country="ru"),
    ent("c-1", "Company", name="Testov Drones LLC", country="ru"),
]


def _delta(op: str, entity: dict[str, Any]) -> dict[str, Any]:
    return {"op": op, "entity": entity}


CASES: list[tuple[str, list[dict[str, Any] | str], int, str | None, str]] = [
    (
        "malformed JSON",
        [*GOOD, '{"id": "x-9", "schema": "Person", "properties": {'],
        3,
        "x-9",
        "malformed JSON",
    ),
    ("not an object", [*GOOD, "[1, 2]"], 3, None, "JSON object"),
    (
        "unknown schema",
        [*GOOD, ent("x-1", "Drone", name="Orlan")],
        3,
        "x-1",
        "unknown schema 'Drone'",
    ),
    ("abstract schema", [*GOOD, ent("x-2", "Thing", name="t")], 3, "x-2", "abstract"),
    (
        "unknown property",
        [ent("x-3", "Person", name="A", calibre="7.62")],
        1,
        "x-3",
        "unknown property 'calibre'",
    ),
    (
        "invalid date",
        [*GOOD, ent("x-4", "Person", name="B", birthDate="31.12.1970")],
        3,
        "x-4",
        "invalid date",
    ),
    (
        "invalid country",
        [ent("x-5", "Person", name="C", country="Ruritania")],
        1,
        "x-5",
        "invalid country",
    ),
    (
        "bad entity reference",
        [*GOOD, ent("x-6", "Ownership", owner="p-1", asset="not an id!")],
        3,
        "x-6",
        "invalid entity",
    ),
    (
        "reverse property",
        [ent("x-7", "Person", name="D", ownershipOwner="o-1")],
        1,
        "x-7",
        "reverse property",
    ),
    ("values not strings", [ent("x-8", "Person", name=[1, 2])], 1, "x-8", "list of strings"),
    (
        "invalid id",
        [*GOOD, ent("has space", "Person", name="E")],
        3,
        None,
        "invalid or missing entity id",
    ),
    (
        "duplicate id",
        [*GOOD, ent("p-1", "Person", name="Again")],
        3,
        "p-1",
        "duplicate id (first at line 1)",
    ),
    (
        "sanction without entity",
        [*GOOD, ent("s-1", "Sanction", authority="OFAC")],
        3,
        "s-1",
        "needs an entity",
    ),
    (
        "self link",
        [*GOOD, ent("o-1", "Ownership", owner="c-1", asset="c-1")],
        3,
        "o-1",
        "to itself",
    ),
    (
        "validity ends before it starts",
        [
            *GOOD,
            ent(
                "o-2", "Ownership", owner="p-1", asset="c-1", startDate="2024-05-01", endDate="2023"
            ),
        ],
        3,
        "o-2",
        "before startDate",
    ),
    (
        "DEL without id",
        [_delta("ADD", GOOD[0]), _delta("DEL", {})],
        2,
        None,
        "DEL without a valid entity id",
    ),
    (
        "unknown op",
        [_delta("ADD", GOOD[0]), _delta("PATCH", GOOD[1])],
        2,
        "c-1",
        "unknown op 'PATCH'",
    ),
    ("flat line in a delta", [_delta("ADD", GOOD[0]), GOOD[1]], 2, "c-1", "flat entity line"),
    ("delta line in a flat file", [GOOD[0], _delta("ADD", GOOD[1])], 2, "c-1", "delta line"),
]


@pytest.mark.parametrize(
    ("case", "lines", "line", "entity_id", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_line_names_line_and_id_and_writes_nothing(
    memory: MemoryStore,
    tmp_path: Path,
    case: str,
    lines: list[dict[str, Any] | str],
    line: int,
    entity_id: str | None,
    message: str,
) -> None:
    path = write_lines(tmp_path / "bad.ftm.json", lines)
    with pytest.raises(InputError) as caught:
        load_ftm(path, memory)
    error = caught.value
    assert error.line == line and error.path == str(path)
    assert message in str(error)
    assert (f"entity {entity_id!r}" if entity_id else "entity id unknown") in str(error)
    assert f"{path}:{line}" in str(error)
    assert not memory.saved  # nothing written: the bundled dataset is still the graph


def test_bad_line_leaves_a_saved_graph_unchanged(memory: MemoryStore, tmp_path: Path) -> None:
    load_ftm(write_lines(tmp_path / "good.ftm.json", GOOD), memory)
    before = memory.path.read_bytes()
    bad = write_lines(tmp_path / "bad.ftm.json", [ent("p-2", "Person", name="F"), "{oops"])
    with pytest.raises(InputError):
        load_ftm(bad, memory)
    assert memory.path.read_bytes() == before


def test_skip_invalid_loads_the_rest_and_reports(memory: MemoryStore, tmp_path: Path) -> None:
    lines = [
        *GOOD,
        "{oops",
        ent("x-1", "Drone", name="Orlan"),
        ent("o-1", "Ownership", owner="p-1", asset="c-1"),
    ]
    path = write_lines(tmp_path / "mixed.ftm.json", lines)
    report = tmp_path / "skipped.jsonl"
    summary = load_ftm(path, memory, skip_invalid=True, report_path=report)
    assert summary.skipped == 2 and summary.report == str(report)
    skipped = [json.loads(line) for line in report.read_text().splitlines()]
    assert [(s["line"], s["id"]) for s in skipped] == [(3, None), (4, "x-1")]
    assert "unknown schema" in skipped[1]["reason"]
    graph = memory.graph()
    assert {"p-1", "c-1", "o-1"} <= set(graph.nodes) and "x-1" not in graph
    assert ("p-1", "c-1", "OWNS") in {(u, v, d["type"]) for u, v, d in graph.edges(data=True)}


def test_skip_report_goes_under_home_by_default(
    memory: MemoryStore, tmp_path: Path, home: Path
) -> None:
    path = write_lines(tmp_path / "one-bad.ftm.json", [*GOOD, "{"])
    summary = load_ftm(path, memory, skip_invalid=True)
    assert summary.report == str(home / "reports" / "one-bad.ftm.json.skipped.jsonl")
    assert Path(summary.report).exists()


def test_ftm_id_that_names_a_curated_record_is_refused(memory: MemoryStore, tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "clash.ftm.json", [*GOOD, ent("wagner-group", "Organization", name="W")]
    )
    with pytest.raises(InputError, match="already names a curated record") as caught:
        load_ftm(path, memory)
    assert caught.value.line == 3
    assert not memory.saved


def test_delta_that_deletes_a_curated_record_is_refused(
    memory: MemoryStore, tmp_path: Path
) -> None:
    path = write_lines(
        tmp_path / "del.delta.json", [_delta("ADD", GOOD[0]), _delta("DEL", {"id": "hezbollah"})]
    )
    with pytest.raises(InputError, match="deletes a curated record") as caught:
        load_ftm(path, memory)
    assert caught.value.line == 2
    assert not memory.saved


def test_truncated_gzip_is_bad_input(memory: MemoryStore, tmp_path: Path) -> None:
    people = [ent(f"p-{i}", "Person", name=f"Person {i}") for i in range(2_000)]
    data = gzip.compress("\n".join(json.dumps(e) for e in people).encode())
    path = tmp_path / "cut.ftm.json.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="cannot be read to the end"):
        load_ftm(path, memory)
    assert not memory.saved


def test_missing_file(memory: MemoryStore, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        load_ftm(tmp_path / "nope.json", memory)
