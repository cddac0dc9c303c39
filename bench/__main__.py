"""``python -m bench [--quick] [--only load,queries,...]``: run the benchmarks, write the results.

Writes ``bench/results.json`` (every measurement, the named metrics) and ``bench/RESULTS.md``
(each goal, what was measured, met or not). Neo4j runs in a private temporary home on free
ports; nothing of the user's state is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

from bench.common import BENCH_DIR, CONFIGS, Config, Results, machine_info, say
from bench.neo import BenchNeo4j, bench_server

SECTIONS = ("cli", "load", "queries", "maps", "memory", "ftm", "screen")
NEEDS_NEO4J = {"load", "queries", "ftm"}
DATA_KEY = {"memory": "memory_engine"}  # section -> its key in results (and metric prefix)


def _section(name: str, results: Results, neo: BenchNeo4j | None) -> None:
    if name == "cli":
        from bench import cli

        cli.run(results)
    elif name == "load":
        from bench import load

        assert neo is not None
        load.run(neo, results)
    elif name == "queries":
        from bench import queries

        assert neo is not None
        queries.run(neo, results)
    elif name == "maps":
        from bench import maps

        maps.run(results)
    elif name == "memory":
        from bench import memory

        memory.run(results)
    elif name == "ftm":
        from bench import ftm

        ftm.run(neo, results)
    elif name == "screen":
        from bench import screen

        screen.run(results)


def run_benchmarks(
    config: Config,
    sections: tuple[str, ...] = SECTIONS,
    *,
    neo: BenchNeo4j | None = None,
    out_dir: Path = BENCH_DIR,
    strict: bool = False,
    merge: bool = False,
) -> Results:
    """Run ``sections`` at ``config``'s sizes and write results.json and RESULTS.md.

    Args:
        neo: a Neo4j to use (the smoke test's); default: start a private one if needed.
        strict: re-raise a section's failure instead of recording it as "not available".
        merge: keep the other sections of the results.json already in ``out_dir`` (a section
            rerun alone; its own comparisons are still side by side within the rerun).
    """
    from bench.report import write_report

    results = Results(config)
    previous = out_dir / "results.json"
    if merge and previous.exists():
        _merge_previous(results, json.loads(previous.read_text()), sections)
    fresh_info = machine_info()
    if "machine" in results.data:  # merged: keep the main run's, record the rerun's load
        results.data["machine"].setdefault("reruns", []).append(
            {"sections": list(sections), "load_average": fresh_info["load_average_at_start"]}
        )
    else:
        results.data["machine"] = fresh_info
    results.data["machine"]["neo4j_heap"] = config.heap
    results.data["machine"]["neo4j_pagecache"] = config.pagecache
    timings: dict[str, float] = {}
    began = time.monotonic()

    def save(final: bool) -> None:
        """Write what has been measured so far: a long run keeps every finished section."""
        machine = results.data["machine"]
        if final and not machine.get("reruns"):
            machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        machine["seconds_per_section"] = {**machine.get("seconds_per_section", {}), **timings}
        if final:
            machine.setdefault("total_seconds", round(time.monotonic() - began, 1))
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "results.json").write_text(
            json.dumps(results.to_json(), indent=1, sort_keys=False, default=str) + "\n",
            encoding="utf-8",
        )
        write_report(results, out_dir / "RESULTS.md")

    def each(server: BenchNeo4j | None) -> None:
        for name in sections:
            say(f"== {name} ==")
            started = time.monotonic()
            try:
                _section(name, results, server)
            except Exception as exc:  # a broken section must not lose the others
                if strict:
                    raise
                results.data[DATA_KEY.get(name, name)] = {"error": f"{type(exc).__name__}: {exc}"}
                results.note(
                    DATA_KEY.get(name, name), f"not available: {type(exc).__name__}: {exc}"
                )
                traceback.print_exc()
            timings[name] = round(time.monotonic() - started, 1)
            save(final=False)

    if neo is None and NEEDS_NEO4J & set(sections):
        with bench_server(config.heap, config.pagecache) as server:
            each(server)
    else:
        each(neo)
    save(final=True)
    return results


def _merge_previous(results: Results, old: dict, sections: tuple[str, ...]) -> None:
    """Take over what an earlier run measured for the sections not being rerun."""
    rerun = {DATA_KEY.get(s, s) for s in sections} | set(sections)
    results.data["machine"] = dict(old.get("machine", {}))
    for key, value in old.get("measurements", {}).items():
        if key not in rerun:
            results.data[key] = value
    for name, value in old.get("metrics", {}).items():
        if name.split(".", 1)[0] not in rerun:
            results.metrics[name] = value
    for key, notes in old.get("notes", {}).items():
        if key not in rerun:
            results.notes[key] = list(notes)
    stamp = time.strftime("%H:%M")
    for section in sections:
        results.note(
            section, f"rerun alone at {stamp} (--merge); other sections from the run before"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes: a few minutes")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated sections: {SECTIONS}"
    )
    parser.add_argument("--out-dir", type=Path, default=BENCH_DIR, help="where results go")
    parser.add_argument(
        "--merge", action="store_true", help="keep the other sections of the existing results"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite RESULTS.md from results.json"
    )
    args = parser.parse_args(argv)
    if args.report_only:
        from bench.report import write_report

        old = json.loads((args.out_dir / "results.json").read_text())
        results = Results(CONFIGS[old["config"]])
        _merge_previous(results, old, ())
        write_report(results, args.out_dir / "RESULTS.md")
        say(f"rewrote {args.out_dir / 'RESULTS.md'}")
        return 0
    sections = tuple(s.strip() for s in args.only.split(",") if s.strip())
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown sections {unknown}; choose from {SECTIONS}")
    config = CONFIGS["quick" if args.quick else "full"]
    say(f"running {config.name} benchmarks: {', '.join(sections)}")
    results = run_benchmarks(config, sections, out_dir=args.out_dir, merge=args.merge)
    failed = [s for s in sections if "error" in results.data.get(s, {})]
    say(f"wrote {args.out_dir / 'results.json'} and {args.out_dir / 'RESULTS.md'}")
    if failed:
        say(f"sections not available: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
