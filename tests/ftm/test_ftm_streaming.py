"""Reading an FtM file holds one line and one batch: peak memory does not grow with the file.

tracemalloc measures the Python heap of both passes (check and convert) over synthetic
files of 20,000 and 100,000 entities; the per-entity index lives on disk. No timings.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from axisgraph.ftm.passes import prepare
from axisgraph.graph.model import Dataset
from axisgraph.store.ftm import MemoryView

pytestmark = pytest.mark.slow


def _synthetic(path: Path, count: int) -> Path:
    """People, a company each tenth line, and a sanction on each company."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            if i % 10 == 9:
                row = {
                    "id": f"s-{i}",
                    "schema": "Sanction",
                    "properties": {
                        "entity": [f"c-{i - 1}"],
                        "authority": ["OFAC"],
                        "country": ["us"],
                        "program": ["RUSSIA-EO14024"],
                        "startDate": ["2023-02-24"],
                    },
                }
            elif i % 10 == 8:
                row = {
                    "id": f"c-{i}",
                    "schema": "Company",
                    "properties": {"name": [f"Drone Parts {i} LLC"], "country": ["ru"]},
                }
            else:
                row = {
                    "id": f"p-{i}",
                    "schema": "Person",
                    "properties": {
                        "name": [f"Person Number {i}"],
                        "birthDate": ["1970-01-01"],
                        "country": ["ru"],
                    },
                }
            row["datasets"] = ["synthetic"]
            handle.write(json.dumps(row) + "\n")
    return path


def _peak(path: Path) -> tuple[int, int]:
    """(peak bytes, records produced) of scanning and converting the whole file."""
    tracemalloc.start()
    produced = 0
    try:
        with prepare(path, MemoryView(Dataset())) as ready:
            for batch in ready.batches(check=True):
                produced += len(batch)
        return tracemalloc.get_traced_memory()[1], produced
    finally:
        tracemalloc.stop()


def test_peak_memory_does_not_scale_with_the_file(tmp_path: Path) -> None:
    small, small_records = _peak(_synthetic(tmp_path / "20k.ftm.json", 20_000))
    large, large_records = _peak(_synthetic(tmp_path / "100k.ftm.json", 100_000))
    assert large_records > 4.9 * small_records  # five times the data went through
    ratio = large / small
    mib = 2**20
    print(
        f"peak {small / mib:.1f} MiB for 20k entities, {large / mib:.1f} MiB for 100k: x{ratio:.2f}"
    )
    assert ratio < 1.5
