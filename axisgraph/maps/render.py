"""Render a map payload as one self-contained, offline HTML file.

pyvis assembles the vis-network nodes, edges and options; our own Jinja
template writes the page, because pyvis 0.3.2's template links Bootstrap
from a CDN and writes data into a script unescaped. vis-network, our
``app.js`` and ``style.css`` are inlined from ``assets/``; the data goes
in as escaped JSON that ``app.js`` reads with ``JSON.parse``. A
Content-Security-Policy admits only the page's own scripts (by hash) and
forbids every network fetch.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from pyvis.network import Network

from axisgraph.maps.layout import compute_positions
from axisgraph.maps.options import DEFAULT_LAYOUT_THRESHOLD, vis_options
from axisgraph.maps.payload import MapPayload, build_payload
from axisgraph.maps.view import MapView

_HERE = Path(__file__).resolve().parent
ASSETS = _HERE / "assets"
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_LABEL_INSIDE = {"box", "ellipse", "circle", "database", "text"}
# Carried on each vis edge for app.js's filters; vis-network ignores them.
_EDGE_FILTER_FIELDS = ("type", "status", "denied", "structure", "reported", "valid")


class _IdList(list[Any]):
    """pyvis keeps node ids in a list and tests membership per edge, which is
    quadratic; this list answers membership from a set."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[Any] = set()

    def append(self, item: Any) -> None:
        self._ids.add(item)
        super().append(item)

    def __contains__(self, item: object) -> bool:
        return item in self._ids


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so no string in
    the data can close the script element or open a comment; U+2028/2029
    are escaped for old JavaScript parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


@functools.cache
def _asset(name: str) -> str:
    """An asset's text, checked so it cannot break out of its element."""
    text = (ASSETS / name).read_text(encoding="utf-8").replace("\r\n", "\n")
    text = _SOURCE_MAP.sub("\n", text)
    closer = "</style" if name.endswith(".css") else "</script"
    if closer in text.lower() or "<!--" in text:
        raise RuntimeError(f"asset {name} cannot be inlined: it contains {closer!r} or '<!--'")
    return text


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _csp(scripts: Iterable[str]) -> str:
    hashes = " ".join(_sha256(s) for s in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _darker(color: str, factor: float = 0.7) -> str:
    """A darker shade of a ``#rrggbb`` colour, for node borders."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return color
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * factor):02x}" for c in rgb)


def _contrast(color: str) -> str:
    """Black or white text, whichever reads better on ``color``."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return "#1d1d1f"
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#1d1d1f" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _add_nodes(net: Network, nodes: list[dict[str, Any]], positions: dict[str, Any]) -> None:
    for node in nodes:
        color = node["color"]
        extra: dict[str, Any] = {}
        if node["id"] in positions:
            extra["x"], extra["y"] = positions[node["id"]]
        if node["shape"] in _LABEL_INSIDE:
            extra["font"] = {"color": _contrast(color), "strokeWidth": 0}
        net.add_node(
            node["id"],
            label=node["label"],
            shape=node["shape"],
            color={
                "background": color,
                "border": _darker(color),
                "highlight": {"background": color, "border": "#000000"},
            },
            size=node["size"],
            kind=node["kind"],
            **extra,
        )


def _add_edges(net: Network, edges: list[dict[str, Any]], large: bool) -> None:
    parallel: dict[frozenset[str], int] = {}
    for edge in edges:
        pair = frozenset((edge["from"], edge["to"]))
        rank = parallel[pair] = parallel.get(pair, -1) + 1
        extra: dict[str, Any] = {k: edge[k] for k in _EDGE_FILTER_FIELDS}
        if not large:
            # Links between the same two nodes bend by different amounts so
            # none hides another; a lone link stays straight.
            extra["smooth"] = {"enabled": rank > 0, "type": "curvedCW", "roundness": 0.2 * rank}
        net.add_edge(
            edge["from"],
            edge["to"],
            id=edge["id"],
            color=edge["color"],  # a string colours every state: normal, highlight, hover
            dashes=edge["dashes"],
            width=edge["width"],
            **extra,
        )


def _network(payload: MapPayload, large: bool) -> Network:
    """Assemble vis-network items and options with pyvis."""
    net = Network(directed=True, height="100%", width="100%")
    net.node_ids = _IdList()
    positions: dict[str, tuple[float, float]] = {}
    if large:
        pairs = [(e["from"], e["to"]) for e in payload.edges]
        positions = compute_positions([n["id"] for n in payload.nodes], pairs)
    _add_nodes(net, payload.nodes, positions)
    _add_edges(net, payload.edges, large)
    net.options = vis_options(large=large, node_count=len(payload.nodes))
    return net


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE)), autoescape=True, keep_trailing_newline=True
    )
    return env.get_template("template.html")


def render_payload(
    payload: MapPayload,
    *,
    title: str | None = None,
    layout_threshold: int = DEFAULT_LAYOUT_THRESHOLD,
    generated_at: datetime | None = None,
    csp: bool = True,
) -> MapView:
    """Render an already built payload; see :func:`render_map`."""
    large = len(payload.nodes) > layout_threshold
    net = _network(payload, large)
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    title = title or payload.meta.get("name") or "axisgraph map"
    stamp = (generated_at or datetime.now(UTC)).replace(microsecond=0).isoformat()
    data = {
        "meta": {**payload.meta, "title": title, "generated_at": stamp, "large": large},
        "legend": payload.legend,
        "nodes": nodes,
        "edges": edges,
        "nodeDetails": payload.node_details,
        "edgeDetails": payload.edge_details,
        "options": json.loads(options_json),
    }
    scripts = [_asset("vis-network.min.js"), _asset("app.js")]
    page = _template().render(
        title=title,
        generated_at=stamp,
        data_version=payload.meta.get("data_version") or "unknown",
        csp=_csp(scripts) if csp else None,
        css=_asset("style.css"),
        data_json=script_json(data),
        vis_js=scripts[0],
        app_js=scripts[1],
    )
    return MapView(
        html=page,
        title=title,
        node_count=len(nodes),
        edge_count=len(edges),
        precomputed_layout=large,
    )


def render_map(
    G: nx.MultiDiGraph,
    nodes: Iterable[str] | None = None,
    *,
    title: str | None = None,
    include_sources: bool = False,
    include_claims: bool = False,
    include_structure: bool = False,
    layout_threshold: int = DEFAULT_LAYOUT_THRESHOLD,
    generated_at: datetime | None = None,
    csp: bool = True,
) -> MapView:
    """Render a map of ``G`` (or of the nodes listed) as one offline HTML page.

    Args:
        G: the intermediate graph.
        nodes: restrict the map to these node ids, e.g. a query's answer.
        title: the page title; defaults to ``G.graph["name"]``.
        include_sources: show Source nodes.
        include_claims: show Claim nodes.
        include_structure: show structure edges between visible nodes.
        layout_threshold: above this many nodes the layout is computed in
            Python and browser physics is off.
        generated_at: the time stamped on the page (default: now, UTC).
        csp: add the Content-Security-Policy (tests turn it off to check
            that the page is safe without it).

    Raises:
        ValueError: if ``nodes`` names an id that is not in ``G``.
    """
    payload = build_payload(
        G,
        nodes,
        include_sources=include_sources,
        include_claims=include_claims,
        include_structure=include_structure,
    )
    return render_payload(
        payload,
        title=title,
        layout_threshold=layout_threshold,
        generated_at=generated_at,
        csp=csp,
    )
