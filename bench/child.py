"""Work measured in a fresh process, so its peak memory is its own.

``python -m bench.child memory --records N --seed S --out F``: generate, load into the memory
engine (validate, build, save), read the saved graph back. ``python -m bench.child ftm --file
PATH --engine memory|neo4j --out F``: one FtM import. AXISGRAPH_HOME (and NEO4J_* for Neo4j)
come from the parent. Each writes a JSON report with times and ``/proc`` memory figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from pathlib import Path
from typing import Any

from bench.common import rss_now_mb

OUT: Path | None = None  # where main() writes the report, and _stage the report so far


def _stage(report: dict[str, Any], name: str, began: float) -> float:
    report["stages"][name] = {"seconds": round(time.perf_counter() - began, 3), **rss_now_mb()}
    if OUT is not None:  # a crash later still leaves what was measured
        OUT.write_text(json.dumps({**report, "partial": True}), encoding="utf-8")
    return time.perf_counter()


def memory(records: int, seed: int, limit_gib: float) -> dict[str, Any]:
    """Generate, load (validate, build, save) and reload; a stage that would take the process
    past ``limit_gib`` of address space fails with MemoryError instead of starving the
    machine, and is reported as such."""
    from axisgraph.app.generate import generate
    from axisgraph.store.memory import MemoryStore

    limit = int(limit_gib * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    report: dict[str, Any] = {"records": records, "stages": {}, "start": rss_now_mb()}
    report["address_space_limit_gib"] = limit_gib
    store = MemoryStore()
    stage = "generate"
    try:
        began = time.perf_counter()
        dataset = generate(records, seed)
        began = _stage(report, stage, began)
        stage = "load"
        written = store.load(dataset, fresh=True)
        report["nodes"], report["edges"] = written.nodes, written.relationships
        _stage(report, stage, began)
        del dataset
        gc.collect()
        stage = "reload"
        began = time.perf_counter()
        reloaded = store.graph()
        _stage(report, stage, began)
        report["reloaded_nodes"] = reloaded.number_of_nodes()
    except MemoryError:
        report["stages"][stage] = {"error": f"MemoryError at {limit_gib:g} GiB", **rss_now_mb()}
        report["failed_stage"] = stage
    if store.path.exists():
        report["file_bytes"] = store.path.stat().st_size
    report["peak_rss_mb"] = rss_now_mb()["peak_rss_mb"]
    return report


def ftm(path: Path, engine: str) -> dict[str, Any]:
    from axisgraph.app.ftm_load import load_ftm
    from axisgraph.store.memory import MemoryStore
    from axisgraph.store.neo4j_store import Neo4jStore

    store = MemoryStore() if engine == "memory" else Neo4jStore()
    report: dict[str, Any] = {"file": path.name, "engine": engine, "start": rss_now_mb()}
    began = time.perf_counter()
    summary = load_ftm(path, store, fresh=engine == "memory")
    seconds = time.perf_counter() - began
    report.update(
        seconds=round(seconds, 3),
        lines=summary.lines,
        entities=summary.entities,
        entities_per_s=summary.entities / seconds,
        made=summary.made,
        file_bytes=path.stat().st_size,
        peak_rss_mb=rss_now_mb()["peak_rss_mb"],
    )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    parser.add_argument("what", choices=("memory", "ftm"))
    parser.add_argument("--records", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--file", type=Path)
    parser.add_argument("--engine", choices=("memory", "neo4j"), default="memory")
    parser.add_argument("--limit-gib", type=float, default=10.0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    global OUT
    OUT = args.out
    if args.what == "memory":
        report = memory(args.records, args.seed, args.limit_gib)
    else:
        report = ftm(args.file, args.engine)
    args.out.write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    main()
