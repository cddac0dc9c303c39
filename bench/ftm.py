"""FtM import: entities per second and peak memory, on real data and on generated files.

The real file is the largest FtM file in ``../shared/realdata/ftm`` (an OpenSanctions delta of
the ``sanctions`` collection). Generated files come from ``write_ftm`` at each size, so the
growth of peak RSS with the file shows whether the import streams. Each import runs in a fresh
process, into the memory engine (which keeps the whole graph, so its memory must grow) and
into Neo4j (where only the importer's own state stays in Python).
"""

from __future__ import annotations

from typing import Any

from axisgraph.app.generate import write_ftm
from bench.common import REALDATA, SEED, Results, run_child, say, temp_home
from bench.neo import BenchNeo4j

REAL_FILE = "opensanctions__yente__entities.delta.json.gz"


def _import(path: Any, engine: str, neo: BenchNeo4j | None) -> dict[str, Any]:
    env: dict[str, str] = {}
    if engine == "neo4j":
        assert neo is not None
        neo.wipe_data()
        env.update(neo.env())
    with temp_home("ftm-home-") as home:
        env["AXISGRAPH_HOME"] = str(home)
        report: dict[str, Any] = run_child(
            ["ftm", "--file", str(path), "--engine", engine], env=env, timeout=3 * 3600
        )
        return report


def run(neo: BenchNeo4j | None, results: Results) -> None:
    section = results.section("ftm")
    engines = ["memory", "neo4j"] if neo is not None else ["memory"]
    real = REALDATA / REAL_FILE
    if real.exists():
        for engine in engines:
            say(f"ftm: real file {real.name} into {engine}")
            report = _import(real, engine, neo)
            section.setdefault("real", {})[engine] = report
            results.metric(f"ftm.real.{engine}.entities_per_s", report["entities_per_s"])
    else:
        results.note("ftm", f"real file not found: {real}")
    generated: dict[str, Any] = section.setdefault("generated", {})
    with temp_home("ftm-files-") as work:
        for size in results.config.ftm_sizes:
            path = work / f"generated-{size}.ftm.json"
            lines = write_ftm(path, size, SEED)
            for engine in engines:
                say(f"ftm: {lines:,} generated entities ({size:,} records) into {engine}")
                report = _import(path, engine, neo)
                generated.setdefault(str(size), {})[engine] = report
                results.metric(f"ftm.{size}.{engine}.entities_per_s", report["entities_per_s"])
                results.metric(f"ftm.{size}.{engine}.peak_rss_mb", report["peak_rss_mb"])
    sizes = [str(s) for s in sorted(results.config.ftm_sizes)]
    large, small = generated[sizes[-1]], generated[sizes[0]]
    results.metric("ftm.entities_per_s", large["memory"]["entities_per_s"])
    if "neo4j" in large:
        results.metric("ftm.neo4j.entities_per_s", large["neo4j"]["entities_per_s"])
    if len(sizes) > 1:
        factor = large["memory"]["entities"] / small["memory"]["entities"]
        results.metric("ftm.file_growth_x", factor)
        for engine in engines:
            growth = large[engine]["peak_rss_mb"] / small[engine]["peak_rss_mb"]
            results.metric(f"ftm.{engine}.peak_rss_growth_x", growth)
