"""Maps: time until drawn and interactive in headless Chromium, ours against pyvis defaults.

The same nodes and links are drawn both ways: ``render_map`` (our template; above its layout
threshold, positions computed in Python and physics off) and ``pyvis.network.Network()`` with
default options (Barnes-Hut physics, 1,000 stabilisation iterations), written with
``cdn_resources="in_line"`` so vis-network is in the page. Every request that is not a local
file is aborted (pyvis still links Bootstrap from a CDN), so both pages run offline.

"Ready" is a timestamp the page records itself (``performance.now()``, from navigation start):
ours when ``app.js`` marks ``body[data-ready]`` (first frame after the layout settled); pyvis
at the first ``afterDrawing`` after ``stabilizationIterationsDone``. pyvis is cut off at
``pyvis_cap_s``; a capped run makes the speedup a lower bound.

pyvis's ``add_edge`` compares each new link with every link so far (quadratic in Python), so
the baseline's link list is built as ``add_edge`` would leave it (first link per node pair,
undirected), without the wait; the HTML is the same.
"""

from __future__ import annotations

import statistics
from collections import Counter, deque
from pathlib import Path
from typing import Any

import networkx as nx

from bench.common import SEED, Results, say, stopwatch

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = ("file:", "data:", "about:", "blob:")
# Records itself as soon as either page is ready; installed before any page script runs.
READY_HOOK = """
(() => {
  const mark = () => {
    if (window.__benchReady === undefined) window.__benchReady = performance.now();
  };
  new MutationObserver(() => {
    if (document.body && document.body.getAttribute('data-ready') === 'true') mark();
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});
  let net;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return net; },
    set(value) {
      net = value;
      if (value && value.once) {
        value.once('stabilizationIterationsDone', () => value.once('afterDrawing', mark));
      }
    },
  });
})();
"""


def select_nodes(graph: nx.MultiDiGraph, n: int) -> list[str]:
    """``n`` entity nodes, breadth first from the busiest hub along projected links."""
    adjacency: dict[str, set[str]] = {}
    for u, v, projected in graph.edges(data="projected"):
        if projected:
            adjacency.setdefault(u, set()).add(v)
            adjacency.setdefault(v, set()).add(u)
    degree = Counter({node: len(adj) for node, adj in adjacency.items()})
    hidden = {"Claim", "Source"}
    hubs = [m for m, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    hubs += sorted(m for m, d in graph.nodes(data=True) if m not in degree)
    chosen: dict[str, None] = {}
    for hub in hubs:
        if hub in chosen or graph.nodes[hub]["labels"][0] in hidden:
            continue
        queue = deque([hub])
        while queue and len(chosen) < n:
            node = queue.popleft()
            if node in chosen:
                continue
            chosen[node] = None
            queue.extend(sorted(adjacency.get(node, ())))
        if len(chosen) >= n:
            break
    return list(chosen)


def pyvis_page(payload: Any, path: Path) -> None:
    """The same nodes and links through ``pyvis.network.Network()`` with its defaults."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    for node in payload.nodes:
        net.add_node(node["id"], label=node["label"])
    seen: set[frozenset[str]] = set()
    for edge in payload.edges:
        pair = frozenset((edge["from"], edge["to"]))
        if pair not in seen:  # what add_edge keeps in an undirected network
            seen.add(pair)
            net.edges.append(Edge(edge["from"], edge["to"], net.directed).options)
    path.write_text(net.generate_html(), encoding="utf-8")


def time_page(browser: Any, path: Path, cap_s: float) -> dict[str, Any]:
    """Seconds from navigation start until the page marks itself ready (None past the cap)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    try:
        context.route("**/*", route)
        context.add_init_script(READY_HOOK)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(path.as_uri(), wait_until="commit", timeout=cap_s * 1000)
        try:
            page.wait_for_function(
                "() => window.__benchReady !== undefined", timeout=cap_s * 1000, polling=50
            )
            seconds = page.evaluate("() => window.__benchReady") / 1000
        except PlaywrightTimeout:
            seconds = None
    finally:
        context.close()
    return {"seconds": seconds, "blocked_requests": len(blocked), "page_errors": errors[:3]}


def run(results: Results) -> None:
    from playwright.sync_api import sync_playwright

    from axisgraph.app.generate import generate
    from axisgraph.graph.build import build_graph
    from axisgraph.maps import build_payload, render_map
    from bench.common import temp_home

    config = results.config
    section = results.section("maps")
    records = max(200, int(max(config.map_sizes) * 2.7))
    say(f"maps: generating {records:,} records")
    graph = build_graph(generate(records, SEED))
    with temp_home("maps-") as work, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in config.map_sizes:
                nodes = select_nodes(graph, n)
                say(f"maps {n:,}: rendering ours and pyvis's")
                with stopwatch() as ours_py:
                    view = render_map(graph, nodes, title=f"benchmark {n}")
                ours = work / f"ours-{n}.html"
                view.save(ours)
                with stopwatch() as pyvis_py:
                    pyvis_page(build_payload(graph, nodes), work / f"pyvis-{n}.html")
                ours_runs, pyvis_runs = [], []
                for _ in range(config.map_reps):
                    say(f"maps {n:,}: Chromium (pyvis capped at {config.pyvis_cap_s:.0f} s)")
                    ours_runs.append(time_page(browser, ours, config.pyvis_cap_s))
                    pyvis_runs.append(
                        time_page(browser, work / f"pyvis-{n}.html", config.pyvis_cap_s)
                    )
                    if pyvis_runs[-1]["seconds"] is None:
                        break  # a capped baseline is not repeated
                entry = _entry(
                    n,
                    view,
                    (ours, work / f"pyvis-{n}.html"),
                    ours_runs,
                    pyvis_runs,
                    config.pyvis_cap_s,
                )
                entry.update(
                    ours_render_python_s=round(ours_py[0], 3),
                    pyvis_build_python_s=round(pyvis_py[0], 3),
                    cap_s=config.pyvis_cap_s,
                )
                section[str(n)] = entry
                for key in ("speedup_vs_pyvis_default", "file_bytes", "ours_ready_s"):
                    results.metric(f"maps.{n}.{key}", entry[key])
                results.metric(f"maps.{n}.pyvis_ready_s", entry["pyvis_ready_s"])
                results.metric(f"maps.{n}.speedup_is_lower_bound", entry["pyvis_capped"])
        finally:
            browser.close()


def _entry(
    n: int,
    view: Any,
    files: tuple[Path, Path],
    ours_runs: list[dict],
    pyvis_runs: list[dict],
    cap: float,
) -> dict[str, Any]:
    ours, pyvis = files
    ours_times = [r["seconds"] for r in ours_runs if r["seconds"] is not None]
    if not ours_times:
        raise RuntimeError(f"our {n}-node map never became ready: {ours_runs}")
    ours_s = statistics.median(ours_times)
    capped = any(r["seconds"] is None for r in pyvis_runs)
    pyvis_times = [r["seconds"] for r in pyvis_runs if r["seconds"] is not None]
    pyvis_s = None if capped else statistics.median(pyvis_times)
    baseline = pyvis_s if pyvis_s is not None else cap
    return {
        "nodes": view.node_count,
        "edges": view.edge_count,
        "precomputed_layout": view.precomputed_layout,
        "ours_ready_s": round(ours_s, 3),
        "ours_runs_s": ours_times,
        "pyvis_ready_s": None if pyvis_s is None else round(pyvis_s, 3),
        "pyvis_runs_s": pyvis_times,
        "pyvis_capped": capped,
        "speedup_vs_pyvis_default": baseline / ours_s if baseline else None,
        "file_bytes": ours.stat().st_size,
        "pyvis_file_bytes": pyvis.stat().st_size,
        "blocked_requests": {
            "ours": ours_runs[0]["blocked_requests"],
            "pyvis": pyvis_runs[0]["blocked_requests"],
        },
        "page_errors": {"ours": ours_runs[0]["page_errors"], "pyvis": pyvis_runs[0]["page_errors"]},
    }
