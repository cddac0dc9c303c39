"""The embedded engine at scale: load time and peak memory, each size in a fresh process.

A load is what ``axisgraph load --memory --fresh`` does after parsing: validate, build the
intermediate graph with its projections, and save it as node-link JSON; then the graph is read
back, as every later command does. Peak RSS is the process's high-water mark (``VmHWM``), with
the generated dataset in memory as a parsed file would be.
"""

from __future__ import annotations

from bench.common import SEED, Results, run_child, say, temp_home

GOAL_MB = 8 * 1024
LIMIT_GIB = 11.0  # the child's address-space cap: a shared 24 GiB machine must not swap or OOM


def run(results: Results) -> None:
    section = results.section("memory_engine")
    for size in results.config.memory_sizes:
        say(f"memory engine {size:,}: generate, load, save, reload (child process)")
        with temp_home("memory-") as home:
            try:
                report = run_child(
                    ["memory", "--records", str(size), "--seed", str(SEED)]
                    + ["--limit-gib", str(LIMIT_GIB)],
                    env={"AXISGRAPH_HOME": str(home)},
                    timeout=3 * 3600,
                )
            except RuntimeError as exc:
                section[str(size)] = {"error": str(exc)}
                results.note("memory_engine", f"{size}: {exc}")
                continue
        if "crashed" in report:
            last = list(report["stages"])[-1] if report["stages"] else "start"
            report["failed_stage"] = {"generate": "load", "load": "reload"}.get(last, last)
            report["peak_rss_mb"] = max(
                (s.get("peak_rss_mb", 0) for s in report["stages"].values()), default=0
            )
            how = report["crashed"].rsplit(": ", 1)[-1]
            report["stages"][report["failed_stage"]] = {
                "error": f"{how} under the {LIMIT_GIB:g} GiB address-space cap"
            }
        section[str(size)] = report
        results.metric(f"memory_engine.{size}.peak_rss_mb", report["peak_rss_mb"])
        if "failed_stage" in report:
            results.metric(f"memory_engine.{size}.failed_stage", report["failed_stage"])
            results.note(
                "memory_engine",
                f"{size}: {report['failed_stage']} hit the {LIMIT_GIB:g} GiB address-space cap",
            )
        for stage, info in report["stages"].items():
            if "seconds" in info:
                results.metric(f"memory_engine.{size}.{stage}_s", info["seconds"])
            results.metric(f"memory_engine.{size}.{stage}_peak_rss_mb", info.get("peak_rss_mb"))
        if "file_bytes" in report:
            results.metric(f"memory_engine.{size}.file_bytes", report["file_bytes"])
