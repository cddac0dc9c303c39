"""Two loads into the embedded engine at once: one waits for the other, nothing is lost.

Promise: writers of the saved graph hold a lock for the whole read-merge-write; a second
writer says once that it waits, and gives up after ``AXISGRAPH_LOCK_TIMEOUT`` seconds with
one line (exit 3); readers answer meanwhile. Five rounds of two concurrent ``axisgraph
load`` processes with disjoint ids (a node-link JSON file and an FtM file) keep every record.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from synthetic import synthetic

from axisgraph.graph.build import build_graph
from axisgraph.graph.export import write_json

pytestmark = pytest.mark.slow

ROUNDS = 5


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return {**env, "AXISGRAPH_HOME": str(home), **extra}


def _start(home: Path, path: Path, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "axisgraph", "load", str(path)],
        env=_env(home, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _out, err = process.communicate(timeout=600)
    return process.returncode, err


def _ids(home: Path) -> set[str]:
    data = orjson.loads((home / "graph.json").read_bytes())
    return {node["id"] for node in data["nodes"]}


def _files(folder: Path, name: str) -> tuple[Path, Path]:
    """A node-link JSON file and an FtM file whose ids no other round uses."""
    node_link = folder / f"{name}-a.json"
    write_json(build_graph(synthetic(2_000, 4_000, prefix=f"{name}a")), node_link)
    ftm = folder / f"{name}-b.ftm.json"
    with ftm.open("w", encoding="utf-8") as out:
        for i in range(3_000):
            entity = {
                "id": f"{name}b-p{i}",
                "schema": "Person",
                "properties": {"name": [f"Person {name} {i}"]},
                "datasets": ["test_list"],
            }
            out.write(json.dumps(entity) + "\n")
    return node_link, ftm


def test_two_loads_at_once_keep_every_record(tmp_path, tally):
    waited = 0
    for round_ in range(ROUNDS):
        folder = tmp_path / f"round-{round_}"
        folder.mkdir()
        first, second = _files(folder, f"r{round_}")
        # what the two loads give one after the other
        alone = folder / "alone"
        for path in (first, second):
            code, err = _finish(_start(alone, path))
            assert code == 0, err
        expected = _ids(alone)

        together = folder / "together"
        runs = [_start(together, first), _start(together, second)]
        results = [_finish(run) for run in runs]
        tally("concurrent loads: rounds of two")
        for code, err in results:
            assert code == 0, err
            assert "Traceback" not in err
        waited += sum("waiting for another load" in err for _code, err in results)
        got = _ids(together)
        assert got == expected, (
            f"round {round_}: {len(expected - got)} records lost, {len(got - expected)} extra"
        )
    print(f"{waited} of {ROUNDS} rounds: one load waited for the other")
    assert waited, "the loads never overlapped, so the lock was never tested"


def test_a_held_lock_times_out_in_one_line_and_readers_still_answer(tmp_path):
    home = tmp_path / "home"
    small = tmp_path / "small.ftm.json"
    entity = {"id": "solo-1", "schema": "Person", "properties": {"name": ["Solo"]}}
    small.write_text(json.dumps(entity) + "\n", encoding="utf-8")
    code, err = _finish(_start(home, small))
    assert code == 0, err
    before = (home / "graph.json").read_bytes()
    with open(home / "graph.json.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a long load would
        code, err = _finish(_start(home, small, AXISGRAPH_LOCK_TIMEOUT="1"))
        stats = subprocess.run(
            [sys.executable, "-m", "axisgraph", "stats", "--format", "json"],
            env=_env(home),
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert code == 3, err
    lines = err.strip().splitlines()
    assert "Traceback" not in err and len(lines) == 2, err
    assert "waiting for another load" in lines[0], lines
    assert "locked for over 1 s" in lines[1] and "AXISGRAPH_LOCK_TIMEOUT" in lines[1], lines
    assert (home / "graph.json").read_bytes() == before
    assert stats.returncode == 0, stats.stderr
