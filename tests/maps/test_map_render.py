"""Unit tests for the HTML page: self-contained, escaped, and the MapView."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import markupsafe
import networkx as nx
from map_graphs import XSS, _schema, random_graph, xss_graph

from axisgraph.maps import grass_stylesheet, render_map
from axisgraph.maps.render import ASSETS, script_json

DATA_SCRIPT = re.compile(
    r'<script type="application/json" id="axisgraph-data">(.*?)</script>', re.DOTALL
)


def _data(page: str) -> dict:
    match = DATA_SCRIPT.search(page)
    assert match, "no data script"
    return json.loads(match.group(1))


def test_page_is_one_file_with_no_outside_urls(graph: nx.MultiDiGraph) -> None:
    page = render_map(graph).html
    assert page.startswith("<!DOCTYPE html>")
    # Nothing can load: no external attributes, stylesheets, imports or fonts.
    assert not re.search(r"<(link|iframe|img|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE)
    assert not re.search(r"@import|@font-face|url\((?!\"?data:)", page)
    assert "sourceMappingURL" not in page
    assert "//cdn" not in page.lower()
    # Exactly three scripts: the data, vis-network and ours.
    assert len(re.findall(r"<script\b", page)) == 3
    assert len(re.findall(r"</script>", page)) == 3


def test_page_has_a_csp_that_admits_only_its_own_scripts(graph: nx.MultiDiGraph) -> None:
    page = render_map(graph).html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy
    assert "connect-src 'none'" in policy
    assert policy.count("'sha256-") == 2
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "Content-Security-Policy" not in render_map(graph, csp=False).html


def test_script_json_cannot_close_the_script_element() -> None:
    hostile = {"a": "</script><script>alert(1)</script>", "b": "<!-- \u2028 \u2029 &"}
    text = script_json(hostile)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == hostile


def test_hostile_data_stays_inside_the_data_script() -> None:
    G = xss_graph()
    page = render_map(G).html
    data = _data(page)
    assert data["meta"]["title"] == XSS[4]
    assert data["nodeDetails"]["wagner-group"]["aliases"] == [XSS[1], XSS[2]]
    for payload in XSS:
        if "<" in payload:  # markup must never appear raw in the page
            assert payload not in page, payload
    # The title and data version are written by Jinja, escaped.
    assert f"<title>{markupsafe.escape(XSS[4])}</title>" in page
    assert f'data-version">{markupsafe.escape(XSS[1])}</span>' in page


def test_vis_items_carry_style_and_filter_fields(graph: nx.MultiDiGraph) -> None:
    data = _data(render_map(graph).html)
    node = next(n for n in data["nodes"] if n["id"] == "wagner-group")
    assert node["shape"] == _schema()["node_kinds"]["ArmedGroup"]["shape"]
    assert node["color"]["background"] == _schema()["node_kinds"]["ArmedGroup"]["color"]
    assert node["kind"] == "ArmedGroup"
    edge = data["edges"][0]
    assert {"id", "from", "to", "type", "status", "denied", "reported", "valid"} <= set(edge)
    assert data["options"]["physics"]["stabilization"]["iterations"] == 200
    assert data["legend"]["kinds"]


def test_generated_at_and_data_version_are_shown(graph: nx.MultiDiGraph) -> None:
    stamp = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    page = render_map(graph, generated_at=stamp, title="Overview").html
    assert "generated at <time>2024-05-01T12:30:00+00:00</time>" in page
    assert "data version <span" in page and "fixture-1" in page
    assert '<h1 id="ag-title">Overview</h1>' in page
    assert render_map(graph, generated_at=stamp).html == render_map(graph, generated_at=stamp).html


def test_map_view_saves_and_embeds_in_notebooks(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    view = render_map(graph)
    assert (view.node_count, view.edge_count, view.precomputed_layout) == (14, 8, False)
    saved = view.save(tmp_path / "nested" / "map.html")
    assert saved.read_text(encoding="utf-8") == view.html
    frame = view._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts' in frame
    srcdoc = frame.split('srcdoc="', 1)[1].split('" title=', 1)[0]
    assert "<" not in srcdoc and '"' not in srcdoc
    assert html.unescape(srcdoc) == view.html
    assert "nodes=14" in repr(view)


def test_large_graphs_get_a_fixed_layout_without_physics() -> None:
    G = random_graph(300, 600)
    view = render_map(G, layout_threshold=100)
    data = _data(view.html)
    assert view.precomputed_layout
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["edges"]["smooth"] is False
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    points = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(points) == len(data["nodes"])  # no two nodes on the same spot
    small = _data(render_map(G, layout_threshold=1000).html)
    assert "x" not in small["nodes"][0] and small["options"]["physics"]["enabled"] is True


def test_parallel_links_bend_apart(graph: nx.MultiDiGraph) -> None:
    graph.add_edge(
        "wagner-group",
        "hezbollah",
        key="BACKS",
        type="BACKS",
        projected=True,
        status="assessment",
        claims=[],
        sources=[],
        source_count=0,
        denied=False,
    )
    edges = _data(render_map(graph).html)["edges"]
    pair = [e for e in edges if {e["from"], e["to"]} == {"wagner-group", "hezbollah"}]
    assert sorted(e["smooth"]["enabled"] for e in pair) == [False, True]


def test_vendored_assets_are_present_and_licensed() -> None:
    vis = (ASSETS / "vis-network.min.js").read_text(encoding="utf-8")
    assert "@version 9.1.13" in vis[:400]
    assert (ASSETS / "vis-network.LICENSE-MIT").exists()
    assert (ASSETS / "vis-network.LICENSE-APACHE-2.0").exists()
    assert "9.1.13" in (ASSETS / "README.md").read_text(encoding="utf-8")


def test_app_js_never_writes_html_from_strings() -> None:
    app = (ASSETS / "app.js").read_text(encoding="utf-8")
    for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in app, sink


def test_grass_stylesheet_uses_schema_colours() -> None:
    grass = grass_stylesheet()
    schema = _schema()
    blocks = dict(re.findall(r"^(\S+) \{\n(.*?)^\}$", grass, re.MULTILINE | re.DOTALL))
    for kind, spec in schema["node_kinds"].items():
        block = blocks[f"node.{kind}"]
        assert f"  color: {spec['color']};" in block
        assert "border-color: #" in block and "text-color-internal: #" in block
    assert "caption: '{name}';" in blocks["node.State"]
    assert "caption: '{predicate}';" in blocks["node.Claim"]
    for spec in schema["predicates"].values():
        assert f"relationship.{spec['projects_to']} {{" in grass
    for rel_type in schema["structure"]:
        assert f"relationship.{rel_type}" in blocks
