"""``RESULTS.md``: each goal with what this run measured and whether it was met, then tables."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import Results

NA = "not available"
LIMITS = Path(__file__).resolve().parent / "LIMITS.md"
"""Hand-written analysis of the latest full run, appended to RESULTS.md."""


def _x(value: Any, digits: int = 1) -> str:
    return NA if value is None else f"{value:,.{digits}f}×"


def _n(value: Any, digits: int = 0) -> str:
    return NA if value is None else f"{value:,.{digits}f}"


def _met(ok: bool | None) -> str:
    return NA if ok is None else ("**met**" if ok else "**not met**")


def _size(n: Any) -> str:
    n = int(n)
    exponent = len(str(n)) - 1
    return f"10^{exponent}" if n == 10**exponent else f"{n:,}"


class _Doc:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.add("| " + " | ".join(header) + " |", "|" + "---|" * len(header))
        self.add(*("| " + " | ".join(row) + " |" for row in rows))
        self.add("")


def _goals(r: Results) -> list[list[str]]:
    m, d = r.metrics, r.data
    rows: list[list[str]] = []
    at = m.get("load.measured_at_records")
    where = f" at {_size(at)} records" if at else ""
    ratio = m.get("load.batched_vs_per_row")
    rows.append(
        [
            "Batched load ≥ 50× one transaction per row",
            f"`load.batched_vs_per_row` = {_x(ratio)}{where}",
            _met(None if ratio is None else ratio >= 50),
        ]
    )
    vs_admin = m.get("load.batched_vs_admin_import")
    bulk = m.get("load.bulk_vs_admin_import")
    needs_bulk = vs_admin is not None and vs_admin < 1 / 3
    rows.append(
        [
            "Batched ≥ ⅓ of `neo4j-admin import` for initial loads, else add `load --bulk`",
            f"`load.batched_vs_admin_import` = {_x(vs_admin, 2)}{where}"
            + (
                f"; below ⅓, so `--bulk` exists: `load.bulk_vs_admin_import` = {_x(bulk, 2)}"
                if needs_bulk
                else ""
            ),
            _met(None if vs_admin is None else (vs_admin >= 1 / 3 or bulk is not None)),
        ]
    )
    speed = m.get("queries.lookup_speedup_with_constraints")
    at_q = m.get("queries.measured_at_records")
    rows.append(
        [
            "ID and name lookups ≥ 10× faster with constraints",
            f"id {_x(m.get('queries.id_lookup_speedup_with_constraints'))}, name "
            f"{_x(m.get('queries.name_lookup_speedup_with_constraints'))} (p50)"
            + (f" at {_size(at_q)} records" if at_q else ""),
            _met(None if speed is None else speed >= 10),
        ]
    )
    maps = d.get("maps", {})
    five = maps.get("5000") if isinstance(maps, dict) else None
    rows.append(
        [
            "5,000-node map interactive within a few seconds (≤ 5 s)",
            f"{_n(five['ours_ready_s'], 2)} s in headless Chromium" if five else NA,
            _met(None if not five else five["ours_ready_s"] <= 5),
        ]
    )
    big = [(int(n), e) for n, e in maps.items() if n.isdigit() and int(n) >= 1000]
    if big:
        parts = [
            f"{_size(n) if n >= 10_000 else f'{n:,}'}: "
            + ("≥ " if e["pyvis_capped"] else "")
            + _x(e["speedup_vs_pyvis_default"])
            for n, e in sorted(big)
        ]
        ok = all((e["speedup_vs_pyvis_default"] or 0) >= 10 for _, e in big)
        rows.append(
            ["Maps ≥ 10× faster than pyvis defaults from 1,000 nodes", ", ".join(parts), _met(ok)]
        )
    else:
        rows.append(["Maps ≥ 10× faster than pyvis defaults from 1,000 nodes", NA, _met(None)])
    cli = d.get("cli", {})
    for name, goal in (("--help", 2), ("query --help", 2), ("query list", 2), ("stats", 3)):
        e = cli.get(name)
        title = f"`axisgraph {name}` within {goal}× a bare Typer app's `--help`"
        if not e:
            rows.append([title, NA, _met(None)])
            continue
        measured = f"{e['min_s']:.2f} s vs {cli['baseline_s']:.2f} s: {e['x_baseline']:.2f}×"
        rows.append([title, measured, _met(e["x_baseline"] <= goal)])
    mem = d.get("memory_engine", {})
    top = max((int(k) for k in mem if k.isdigit()), default=None)
    if top is not None and "peak_rss_mb" in mem[str(top)]:
        e = mem[str(top)]
        peak = e["peak_rss_mb"]
        failed = e.get("failed_stage")
        stages = ", ".join(
            f"{name} {info['peak_rss_mb'] / 1024:.2f} GiB"
            for name, info in e["stages"].items()
            if "peak_rss_mb" in info and "error" not in info
        )
        measured = f"peak RSS {peak / 1024:,.2f} GiB at {_size(top)} records ({stages})"
        if failed:
            measured += (
                f"; **{failed} failed under a {e['address_space_limit_gib']:g} GiB "
                "address-space cap**"
            )
        ok = peak <= 8 * 1024 and not failed
        verdict = _met(ok) if top >= 1_000_000 else f"{_met(ok)} (measured at {_size(top)} only)"
        rows.append(["Memory engine: 10^6 entities within 8 GiB", measured, verdict])
    else:
        rows.append(["Memory engine: 10^6 entities within 8 GiB", NA, _met(None)])
    growth = m.get("ftm.neo4j.peak_rss_growth_x")
    file_growth = m.get("ftm.file_growth_x")
    rows.append(
        [
            "FtM import memory stays flat as the file grows (Neo4j target)",
            f"file {_x(file_growth)} larger → peak RSS {_x(growth, 2)}"
            if growth is not None
            else NA,
            _met(None if growth is None else growth <= 1.5),
        ]
    )
    return rows


def _machine(doc: _Doc, r: Results) -> None:
    mc = r.data.get("machine", {})
    pk = mc.get("packages", {})
    doc.add(
        f"- Machine: **{mc.get('cores')} cores, {mc.get('memory_gib')} GiB** "
        f"({mc.get('platform')}); load average {mc.get('load_average_at_start')} at the start, "
        f"{mc.get('load_average_at_end')} at the end (the machine is shared, so absolute "
        "figures are noisy: every goal is a ratio measured side by side in this run).",
        f"- Neo4j {mc.get('neo4j_server')} Community (private server, heap {mc.get('neo4j_heap')}, "
        f"page cache {mc.get('neo4j_pagecache')}); {mc.get('java')}; Python {mc.get('python')}; "
        f"driver neo4j {pk.get('neo4j')} "
        f"(neo4j-rust-ext: {pk.get('neo4j-rust-ext') or 'not installed'}); "
        f"networkx {pk.get('networkx')}; pyvis {pk.get('pyvis')}; followthemoney "
        f"{pk.get('followthemoney')}; {mc.get('chromium')}.",
        f"- Configuration `{r.config.name}`; seconds per section: {mc.get('seconds_per_section')}; "
        f"total {mc.get('total_seconds')} s.",
    )
    for rerun in mc.get("reruns", []):
        doc.add(
            f"- Rerun with `--merge`: {', '.join(rerun['sections'])} (load average "
            f"{rerun['load_average']} at its start); each section's comparisons are side by side "
            "within its own run."
        )
    doc.add("")


def _load(doc: _Doc, r: Results) -> None:
    data = r.data.get("load", {})
    doc.add("## Load into Neo4j", "")
    if "error" in data or not data:
        doc.add(f"{NA}: {data.get('error', 'not run')}", "")
        return
    rows = []
    for size, e in sorted(data.items(), key=lambda kv: int(kv[0])):
        per = e["per_row"]
        rows.append(
            [
                _size(size),
                f"{e['rows']:,}",
                _n(per["rows_per_s"]) + (" (extrapolated)" if per["extrapolated"] else ""),
                _n(e.get("batched_before", {}).get("rows_per_s")),
                _n(e["batched"]["rows_per_s"]),
                _n(e.get("admin_import", {}).get("rows_per_s")),
                _n(e.get("bulk", {}).get("rows_per_s")),
                _x(e["batched_vs_per_row"]),
                _x(e.get("batched_vs_admin_import"), 2),
                _x(e.get("bulk_vs_batched"), 2),
            ]
        )
    doc.table(
        [
            "records",
            "rows (nodes + rels)",
            "per row, rows/s",
            "batched before, rows/s",
            "batched (ours), rows/s",
            "admin import, rows/s",
            "`--bulk`, rows/s",
            "batched ÷ per row",
            "batched ÷ admin",
            "bulk ÷ batched",
        ],
        rows,
    )
    doc.add(
        "Rows are the nodes plus relationships of the final graph (projections included), the "
        "same for every loader. *Per row*: one managed transaction per node (`MERGE_NODES` with "
        "one row) and per relationship (`CREATE_EDGES` with one row), each phase run for "
        f"{r.config.per_row_budget_s:.0f} s and its rate extrapolated to the whole graph (the "
        "nodes it did not reach were written in one untimed batch so that relationships have "
        "their ends). *Batched*: `Neo4jStore.load` as `axisgraph load --neo4j` runs it, "
        "validation and projections included, one all-or-nothing transaction. *Admin import*: "
        "`neo4j-admin database import full` on `write_csv`'s files into a separate stopped home "
        "(the wall time of the command, JVM start included; node, relationship, label and type "
        "counts checked afterwards). *`--bulk`*: `axisgraph.store.bulk.bulk_load`, end to end "
        "(validate, build, CSV, stop, import, start, constraints, empty lists restored).",
        "",
    )
    for size, e in sorted(data.items(), key=lambda kv: int(kv[0])):
        if "bulk" not in e:
            continue
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in e["bulk"]["stages"].items())
        doc.add(
            f"- {_size(size)}: admin import {e['admin_import']['seconds']:.1f} s "
            f"(the tool reports {e['admin_import']['tool_reported_seconds']} s; writing the CSV "
            f"{e['admin_import']['csv_seconds']:.1f} s); `--bulk` stages: {stages}."
        )
    doc.add("")


NOOP_ON_NEW = (
    "CLAIMS_OF_TRIPLES",
    "DELETE_PROJECTIONS",
    "OLD_TRIPLES",
    "DELETE_CLAIM_STRUCTURE",
    "DELETE_SOURCE_STRUCTURE",
)


def _breakdown(doc: _Doc, size: str, e: dict[str, Any]) -> None:
    before, after = e.get("batched_before", {}), e.get("batched", {})
    if not (before.get("statements") and after.get("statements")):
        return
    sb = sum(v["seconds"] for v in before["statements"].values())
    sa = sum(v["seconds"] for v in after["statements"].values())
    noop = sum(v["seconds"] for k, v in before["statements"].items() if k in NOOP_ON_NEW)
    tb, ta = before["seconds_with_statement_timer"], after["seconds_with_statement_timer"]
    doc.add(
        f"With every statement timed ({_size(size)} records, one run each): before, the "
        f"statements took {sb:.1f} s of the load's {tb:.1f} s, and those with nothing to do on "
        f"new ids ({', '.join(f'`{n}`' for n in NOOP_ON_NEW[:2])}, old triples and old "
        f"structure) {noop:.1f} s of them ({100 * noop / sb if sb else 0:.0f} %); after, the "
        f"statements took {sa:.1f} s of {ta:.1f} s. The rest of each load is Python (rows, "
        "projections) and the commit, where Neo4j writes the store and every index entry.",
        "",
    )
    for key, label in (("batched_before", "before"), ("batched", "after")):
        top = sorted(e[key]["statements"].items(), key=lambda kv: -kv[1]["seconds"])
        text = ", ".join(f"`{name}` {v['seconds']:.1f} s ({v['calls']} calls)" for name, v in top)
        doc.add(f"- {label}: {text}.")
    doc.add("")


def _optimisation(doc: _Doc, r: Results) -> None:
    data = r.data.get("load", {})
    doc.add(
        "## The optimisation: projecting new triples from the load itself",
        "",
        "pyinstrument on `Neo4jStore.load` (10^4 records) showed the Python process waiting on "
        "Neo4j for most of the load (5 s of CPU in 26 s), so each Cypher statement was timed. "
        "On an initial load a large share of Neo4j's time went on statements that find nothing "
        "to do when the ids are new: reading back the claims behind every touched (subject, "
        "type, object) triple (`CLAIMS_OF_TRIPLES`, which expands every claim of a hub), "
        "deleting projections that cannot exist yet (`DELETE_PROJECTIONS`), and looking for "
        "old structure and old triples of claims that were never stored. Python also re-checked "
        "labels and types against the schema for every row.",
        "",
        "The fix (`axisgraph/store/neo4j_store.py`): before writing a batch the loader asks which "
        "of its ids exist (one index seek each). A triple with an end that did not exist before "
        "the load can only be backed by claims of this load, so its projection is computed in "
        "Python from those claims (the same `project` function the memory engine uses) and "
        "created without reading anything back; only triples between two existing nodes take "
        "the old path. Old structure and old triples are looked up only for ids that existed. "
        "Label and type checks are cached per distinct value. Behaviour is unchanged: "
        "`tests/store` and `tests/graph` pass, and every load in this run below "
        "50,000 rows is compared with the memory engine's graph (equal).",
        "",
    )
    if "error" in data or not data:
        return
    rows = []
    for size, e in sorted(data.items(), key=lambda kv: int(kv[0])):
        if "batched_before" in e:
            rows.append(
                [
                    _size(size),
                    ", ".join(f"{x:.1f}" for x in e["batched_before"].get("runs_s", [])) + " s",
                    ", ".join(f"{x:.1f}" for x in e["batched"].get("runs_s", [])) + " s",
                    _n(e["batched_before"]["rows_per_s"]),
                    _n(e["batched"]["rows_per_s"]),
                    _x(e["batched_after_vs_before"], 2),
                ]
            )
    if rows:
        doc.add(
            "Measured side by side in this run (same data, same server, alternating; the "
            "fastest run of each counts):",
            "",
        )
        doc.table(
            [
                "records",
                "before, runs",
                "after, runs",
                "before, rows/s",
                "after, rows/s",
                "after ÷ before",
            ],
            rows,
        )
    for size, e in sorted(data.items(), key=lambda kv: int(kv[0])):
        _breakdown(doc, size, e)


def _queries(doc: _Doc, r: Results) -> None:
    data = r.data.get("queries", {})
    doc.add("## Canned queries", "")
    if "error" in data or not data:
        doc.add(f"{NA}: {data.get('error', 'not run')}", "")
        return
    sizes = sorted(data, key=int)
    for size in sizes:
        e = data[size]
        doc.add(f"### {_size(size)} records", "")
        rows = []
        for name in e["memory"]:
            cells = [f"`{name}`", str(e["memory"][name]["rows"])]
            for engine in ("memory", "neo4j", "neo4j_no_constraints"):
                t = e[engine][name]
                if t["p50_ms"] is None:
                    cells.append(f"> {r.config.query_cap_s:.0f} s, terminated")
                else:
                    cells.append(f"{t['p50_ms']:,.1f} / {t['p95_ms']:,.1f}")
            rows.append(cells)
        doc.table(
            [
                "query",
                "rows",
                "memory p50 / p95 ms",
                "Neo4j p50 / p95 ms",
                "Neo4j, no constraints, p50 / p95 ms",
            ],
            rows,
        )
        look = []
        for kind in ("id_lookup", "name_lookup"):
            w, wo = e["lookups_with_constraints"][kind], e["lookups_without_constraints"][kind]
            look.append(
                [
                    kind.replace("_", " "),
                    f"{w['p50_ms']:.2f} / {w['p95_ms']:.2f}",
                    f"{wo['p50_ms']:.2f} / {wo['p95_ms']:.2f}",
                    _x(e[f"{kind}_speedup_with_constraints"]),
                ]
            )
        doc.table(
            [
                "lookup (one Bolt round trip)",
                "with, p50 / p95 ms",
                "without, p50 / p95 ms",
                "speedup",
            ],
            look,
        )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        factor = int(large) / int(small)
        rows = []
        for name in data[large]["memory"]:
            cells = [f"`{name}`"]
            for engine in ("memory", "neo4j", "neo4j_no_constraints"):
                a, b = data[small][engine][name]["p50_ms"], data[large][engine][name]["p50_ms"]
                cells.append(_x(b / a if a and b else None, 1))
            rows.append(cells)
        doc.add(f"### p50 latency growth, {_size(small)} → {_size(large)} ({factor:.0f}× data)", "")
        doc.table(["query", "memory", "Neo4j", "Neo4j, no constraints"], rows)
    doc.add(
        "Entity parameters name the network's hubs for each question (the most supplied actor, "
        "the most designated, ...), the heavy-tail worst case. Times include `run_query`'s "
        "parameter resolution and the answer's subgraph, as the CLI runs it. Runs per cell: "
        f"up to {r.config.query_reps} after one warm-up, within {r.config.query_budget_s:.0f} s.",
        "",
    )


def _maps(doc: _Doc, r: Results) -> None:
    data = r.data.get("maps", {})
    doc.add("## Maps in headless Chromium", "")
    if "error" in data or not data:
        doc.add(f"{NA}: {data.get('error', 'not run')}", "")
        return
    rows = []
    for n, e in sorted(data.items(), key=lambda kv: int(kv[0])):
        pyvis = (
            f"> {e['cap_s']:.0f} s (capped)" if e["pyvis_capped"] else f"{e['pyvis_ready_s']:.2f} s"
        )
        rows.append(
            [
                f"{int(n):,}",
                f"{e['edges']:,}",
                f"{e['ours_ready_s']:.2f} s",
                pyvis,
                ("≥ " if e["pyvis_capped"] else "") + _x(e["speedup_vs_pyvis_default"]),
                f"{e['file_bytes'] / 1e6:.2f} MB",
                f"{e['pyvis_file_bytes'] / 1e6:.2f} MB",
                f"{e['ours_render_python_s']:.2f} s",
                "precomputed" if e["precomputed_layout"] else "physics",
            ]
        )
    doc.table(
        [
            "nodes",
            "links",
            "ours: ready",
            "pyvis defaults: ready",
            "speedup",
            "our file",
            "pyvis file",
            "our render (Python)",
            "our layout",
        ],
        rows,
    )
    doc.add(
        "Ready = the page's own `performance.now()` when it is drawn and interactive: ours at "
        "`body[data-ready]` (first frame after layout), pyvis at the first `afterDrawing` after "
        "`stabilizationIterationsDone`. Same nodes and links, viewport 1280×800, all non-file "
        "requests aborted (pyvis links Bootstrap from a CDN; vis-network is inlined).",
        "",
    )


def _stage_cell(stage: dict[str, Any] | None) -> str:
    if not stage:
        return NA
    if "error" in stage:
        rss = f" (RSS {stage['rss_mb'] / 1024:.2f} GiB)" if "rss_mb" in stage else ""
        return f"failed: {stage['error']}{rss}"
    return f"{stage['seconds']:.1f} s, peak {stage['peak_rss_mb'] / 1024:.2f} GiB"


def _memory(doc: _Doc, r: Results) -> None:
    data = r.data.get("memory_engine", {})
    doc.add("## Memory engine", "")
    if "error" in data or not data:
        doc.add(f"{NA}: {data.get('error', 'not run')}", "")
        return
    rows = []
    for size, e in sorted(data.items(), key=lambda kv: int(kv[0])):
        if "error" in e:
            rows.append([_size(size), NA, NA, NA, NA, e["error"][:80], NA])
            continue
        st = dict(e["stages"])
        if "crashed" in e and e.get("failed_stage") in st:
            how = e["crashed"].rsplit(": ", 1)[-1]
            st[e["failed_stage"]] = {
                "error": f"{how} under the {e['address_space_limit_gib']:g} GiB address-space cap"
            }
        rows.append(
            [
                _size(size),
                f"{e['nodes']:,} / {e['edges']:,}" if "nodes" in e else NA,
                _stage_cell(st.get("generate")),
                _stage_cell(st.get("load")),
                _stage_cell(st.get("reload")),
                f"{e['peak_rss_mb'] / 1024:.2f} GiB",
                f"{e['file_bytes'] / 1e6:,.0f} MB" if "file_bytes" in e else NA,
            ]
        )
    doc.table(
        [
            "records",
            "nodes / edges",
            "generate",
            "load (validate, build, save)",
            "reload the saved graph",
            "peak RSS, whole run",
            "saved file",
        ],
        rows,
    )
    doc.add(
        "Each size runs in a fresh process with its address space capped at "
        f"{next(iter(data.values())).get('address_space_limit_gib', '?')} GiB, so a stage that "
        "would need more fails here (MemoryError, or a crash inside a C extension) instead of "
        "pushing a shared machine into swap. Peaks are the process's high-water mark (`VmHWM`) "
        "at the end of each stage.",
        "",
    )


def _ftm(doc: _Doc, r: Results) -> None:
    data = r.data.get("ftm", {})
    doc.add("## FtM import", "")
    if "error" in data or not data:
        doc.add(f"{NA}: {data.get('error', 'not run')}", "")
        return
    rows = []
    for engine, e in data.get("real", {}).items():
        rows.append(
            [
                e["file"],
                engine,
                f"{e['entities']:,}",
                _n(e["entities_per_s"]),
                f"{e['peak_rss_mb']:,.0f} MB",
            ]
        )
    for size, by_engine in sorted(data.get("generated", {}).items(), key=lambda kv: int(kv[0])):
        for engine, e in by_engine.items():
            rows.append(
                [
                    f"generated, {_size(size)} records ({e['file_bytes'] / 1e6:.1f} MB)",
                    engine,
                    f"{e['entities']:,}",
                    _n(e["entities_per_s"]),
                    f"{e['peak_rss_mb']:,.0f} MB",
                ]
            )
    doc.table(["file", "into", "entities", "entities/s", "peak RSS"], rows)


def _cli(doc: _Doc, r: Results) -> None:
    data = r.data.get("cli", {})
    doc.add("## CLI start", "")
    if "error" in data or not data:
        doc.add(f"{NA}: {data.get('error', 'not run')}", "")
        return
    rows = [["bare Typer app `--help`", f"{data['baseline_s']:.3f} s", "1.00×"]]
    for name, e in data.items():
        if isinstance(e, dict) and "min_s" in e:
            rows.append([f"`axisgraph {name}`", f"{e['min_s']:.3f} s", f"{e['x_baseline']:.2f}×"])
    doc.table(["command (whole process)", f"min of {data['reps']}", "× bare app"], rows)
    doc.add(
        "Each command is a fresh `python -m axisgraph` process on the bundled dataset (no saved "
        "graph) in a private AXISGRAPH_HOME, interleaved with the bare app's runs.",
        "",
    )


def _screen(doc: _Doc, r: Results) -> None:
    data = r.data.get("screen", {})
    if not data:
        return
    doc.add("## Screening", "")
    rows = []
    for name, label in (
        ("logic_v2", "nomenklatura logic-v2 (ours)"),
        ("rapidfuzz", "rapidfuzz token_sort (baseline)"),
    ):
        e = data.get(f"pairs_{name}")
        if not e:
            continue
        d, b, rd = e["at_default"], e["best"], e["real_at_default"]
        rows.append(
            [
                label,
                f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}",
                f"{b['f1']:.3f} at {b['threshold']:.2f}",
                f"{rd['precision']:.3f} / {rd['recall']:.3f} / {rd['f1']:.3f}",
                f"{e['seconds']:.1f} s",
            ]
        )
    doc.add(
        "Labelled pairs: nomenklatura's `name_bench` (826 pairs; 321 of them not LLM-made), "
        "scored as pairs at the default threshold 0.70.",
        "",
    )
    doc.table(
        ["scorer", "P / R / F1 (all pairs)", "best F1", "P / R / F1 (real pairs)", "time"], rows
    )
    un = data.get("un_end_to_end")
    if un:
        doc.add(
            f"End to end (trigram candidates, then scores): {un['listed']:,} UN-listed persons as "
            f"the graph; their perturbed twins found among the hits **{un['recall']:.1%}** "
            f"(best hit {un['top1']:.1%}); {un['negatives']:,} synthetic persons that should "
            f"match nobody: **{un['false_positive_rate']:.2%}** with a hit.",
            "",
        )
    rate = data.get("rate")
    if rate:
        doc.add(
            f"Rate: {rate['names']:,} synthetic names against the {rate['actors']:,} actors of "
            f"a generated {_size(rate['records'])}-record graph: **{rate['names_per_s']:,.0f} "
            f"names/s** ({rate['hits']:,} hits); the index took {rate['index_s']:.1f} s. Not "
            "counted: rigour builds its person-name tables once per process (about 7 s here, "
            "measured apart), before the first name.",
            "",
        )


def write_report(results: Results, path: Path) -> None:
    doc = _Doc()
    doc.add(
        "# Benchmark results",
        "",
        f"Written by `python -m bench{' --quick' if results.config.name == 'quick' else ''}` "
        f"on {time.strftime('%Y-%m-%d %H:%M %Z')}. Every figure is in `bench/results.json`. "
        "Generated data: `axisgraph.app.generate` (heavy-tailed degrees, designation clusters, "
        "supply chains, mixed statuses and sources, denials); *records* count parties, things, "
        "sources and claims, as FtM counts entities.",
        "",
    )
    _machine(doc, results)
    doc.add("## Goals", "")
    doc.table(["goal", "measured", "met?"], _goals(results))
    sections: list[Callable[[_Doc, Results], None]] = [
        _cli,
        _load,
        _optimisation,
        _queries,
        _maps,
        _memory,
        _ftm,
        _screen,
    ]
    for render in sections:
        render(doc, results)
    if results.notes:
        doc.add("## Notes from this run", "")
        for section, notes in results.notes.items():
            doc.add(*(f"- {section}: {note}" for note in notes))
        doc.add("")
    if LIMITS.exists():
        doc.add(LIMITS.read_text(encoding="utf-8").strip(), "")
    path.write_text("\n".join(doc.lines).rstrip() + "\n", encoding="utf-8")
