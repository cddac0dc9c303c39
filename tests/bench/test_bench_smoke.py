"""The benchmark code, run at a tiny size against the test session's Neo4j, so it never rots.

No timing is asserted: only that every section runs, writes the named figures as positive
numbers, and that every loader (batched, before/after, bulk) writes the memory engine's graph.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # ``bench`` is a top-level package beside ``axisgraph``
    sys.path.insert(0, str(ROOT))

from bench.__main__ import SECTIONS, run_benchmarks  # noqa: E402
from bench.common import TINY  # noqa: E402
from bench.neo import BenchNeo4j  # noqa: E402

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path("/usr/bin/chromium").exists() or bool(shutil.which("chromium"))


def _positive(metrics: dict, name: str) -> float:
    value = metrics.get(name)
    assert isinstance(value, int | float) and value > 0, f"{name} = {value!r}"
    return float(value)


def test_benchmarks_run_at_a_tiny_size(neo4j_server, neo4j_db, tmp_path):
    from axisgraph.queries import query_names

    sections = tuple(s for s in SECTIONS if s != "maps" or _browser_available())
    neo = BenchNeo4j.attach(neo4j_server.uri, neo4j_server.password)
    try:
        run_benchmarks(TINY, sections, neo=neo, out_dir=tmp_path, strict=True)
    finally:
        neo.close()
    data = json.loads((tmp_path / "results.json").read_text())
    metrics = data["metrics"]
    assert data["machine"]["cores"] and data["machine"]["memory_gib"]
    for name in ("load.batched_vs_per_row", "load.batched_vs_admin_import"):
        _positive(metrics, name)
    load = data["measurements"]["load"]["200"]
    for loader in ("batched", "batched_before", "bulk"):
        assert load[loader]["equal_to_memory_engine"] is True, loader
    assert all(load["admin_import"]["check"].values())
    _positive(metrics, "queries.lookup_speedup_with_constraints")
    for name in query_names():
        for engine in ("memory", "neo4j", "neo4j_no_constraints"):
            _positive(metrics, f"queries.{name}.{engine}.p50_ms")
            _positive(metrics, f"queries.{name}.{engine}.p95_ms")
    if "maps" in sections:
        _positive(metrics, "maps.50.speedup_vs_pyvis_default")
        _positive(metrics, "maps.50.file_bytes")
    _positive(metrics, "memory_engine.200.peak_rss_mb")
    _positive(metrics, "cli.baseline_s")
    for command in ("help", "query_help", "query_list", "stats"):
        _positive(metrics, f"cli.{command}.min_s")
        _positive(metrics, f"cli.{command}.x_baseline")
    _positive(metrics, "ftm.entities_per_s")
    _positive(metrics, "ftm.neo4j.peak_rss_growth_x")
    for name in ("screen.pairs.logic_v2.f1", "screen.un.recall", "screen.rate.names_per_s"):
        _positive(metrics, name)
    assert 0 <= metrics["screen.un.false_positive_rate"] <= 1
    report = (tmp_path / "RESULTS.md").read_text()
    assert "## Goals" in report and "cores" in report
    assert report.count("| Batched load ≥ 50×") == 1
    assert "## Screening" in report and "names/s" in report
    assert "## CLI start" in report and "`axisgraph query list` within 2×" in report
