"""The maps in real headless Chromium: offline, counts, filters, search,
tooltips, hostile text, layout at scale, and a screenshot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from chromium import UNDRAWN_NODES, png_size
from map_graphs import XSS, XSS_URL, random_graph, xss_graph

from axisgraph.maps import render_map

SCREENSHOT = Path("/tmp/axisgraph-map.png")
# A MapPage (see conftest.py); not imported, because ``conftest`` is a
# different module in every test folder.
MapPage = Any
Open = Callable[..., MapPage]

VISIBLE_EDGES = """() => axisgraph.edges.get({filter: e => !e.hidden})
    .map(e => e.from + ' ' + e.type + ' ' + e.to).sort()"""
COUNTS = "() => [axisgraph.visibleNodeCount(), axisgraph.visibleEdgeCount()]"

# Find a point on the canvas where the mouse is over this edge, no node and
# no panel.
EDGE_POINT = """(id) => {
  const net = axisgraph.network;
  const [a, b] = net.getConnectedNodes(id).map(n => net.canvasToDOM(net.getPosition(n)));
  const box = document.getElementById('ag-network').getBoundingClientRect();
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    for (const off of [0, 3, -3, 6, -6, 10, -10, 15, -15]) {
      const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const p = {x: a.x + (b.x - a.x) * t - (b.y - a.y) / len * off,
                 y: a.y + (b.y - a.y) * t + (b.x - a.x) / len * off};
      const page = {x: box.left + p.x, y: box.top + p.y};
      const top = document.elementFromPoint(page.x, page.y);
      const onCanvas = top && document.getElementById('ag-network').contains(top);
      if (onCanvas && net.getEdgeAt(p) === id && net.getNodeAt(p) === undefined) return page;
    }
  }
  return null;
}"""


def _edge_id(m: MapPage, source: str, rel: str, target: str) -> str:
    found = m.js(
        "([s, r, t]) => axisgraph.edges.get({filter: e => e.from === s && e.type === r"
        " && e.to === t}).map(e => e.id)",
        [source, rel, target],
    )
    assert len(found) == 1
    return str(found[0])


def _toggle(m: MapPage, legend: str, text: str) -> None:
    m.page.locator(f"#ag-legend-{legend} label", has_text=text).locator("input").click()


def test_map_loads_offline_with_every_node_and_edge(open_map: Open, graph: nx.MultiDiGraph) -> None:
    view = render_map(graph)
    m = open_map(view)
    assert m.external == []
    assert m.errors == []  # includes CSP violations and script errors
    assert m.js("() => [axisgraph.nodes.length, axisgraph.edges.length]") == [14, 8]
    assert m.js(COUNTS) == [view.node_count, view.edge_count] == [14, 8]
    assert m.js("() => axisgraph.network.body.nodeIndices.length") == 14
    assert m.page.locator("#ag-counts").inner_text() == "Showing 14 of 14 nodes · 8 of 8 links"
    assert m.page.locator("#ag-legend-kinds label").count() == 8
    assert m.page.locator("#ag-title").inner_text() == "Fixture network"
    assert "data version fixture-1" in m.page.locator("#ag-meta").inner_text()


def test_csp_blocks_injected_markup(open_map: Open, graph: nx.MultiDiGraph) -> None:
    m = open_map(render_map(graph))
    m.js(
        "() => document.body.insertAdjacentHTML('beforeend',"
        " '<img src=x onerror=\"window.__csp=1\">')"
    )
    m.page.wait_for_timeout(200)
    assert m.js("() => window.__csp") is None


def test_kind_type_and_status_filters_change_what_is_visible(
    open_map: Open, graph: nx.MultiDiGraph
) -> None:
    m = open_map(render_map(graph))
    _toggle(m, "kinds", "Weapon")
    assert m.js(COUNTS) == [12, 8]
    _toggle(m, "kinds", "ArmedGroup")
    assert m.js(COUNTS) == [10, 2]  # every link touching Wagner or Hezbollah goes too
    _toggle(m, "kinds", "ArmedGroup")
    _toggle(m, "kinds", "Weapon")
    assert m.js(COUNTS) == [14, 8]
    _toggle(m, "types", "SUPPLIES")
    assert m.js(COUNTS) == [14, 5]
    _toggle(m, "types", "SUPPLIES")
    _toggle(m, "statuses", "assessment or concern")
    assert "iran SUPPLIES russia" not in m.js(VISIBLE_EDGES)
    assert m.js(COUNTS) == [14, 6]
    _toggle(m, "statuses", "denied")
    assert "north-korea SUPPLIES wagner-group" not in m.js(VISIBLE_EDGES)
    assert m.js(COUNTS) == [14, 5]
    m.page.locator("#ag-hide-isolated").check()
    assert m.js(COUNTS)[0] == 7  # Iran lost both its links; isolated nodes go too
    m.page.locator("#ag-reset").click()
    assert m.js(COUNTS) == [14, 8]
    assert m.page.locator("#ag-counts").inner_text() == "Showing 14 of 14 nodes · 8 of 8 links"


def test_date_range_filters_by_report_or_validity(open_map: Open, graph: nx.MultiDiGraph) -> None:
    m = open_map(render_map(graph))
    m.page.fill("#ag-date-from", "2023-06")
    m.page.fill("#ag-date-to", "2023-12")
    assert m.js(VISIBLE_EDGES) == [
        "iran BACKS hezbollah",  # undated, kept while "keep links without dates" is on
        "russia BACKS wagner-group",
        "wagner-group SUPPLIES hezbollah",
    ]
    m.page.locator("#ag-date-undated").uncheck()
    assert m.js(COUNTS)[1] == 2
    m.page.select_option("#ag-date-mode", "valid")
    m.page.fill("#ag-date-to", "2023")
    assert m.js(VISIBLE_EDGES) == [
        "iran SUPPLIES russia",  # valid from 2022, no end: still holds
        "us-treasury DESIGNATES wagner-group",
        "wagner-group OPERATES_IN ukraine",
    ]
    m.page.fill("#ag-date-from", "2022-11-15")
    m.page.fill("#ag-date-to", "2022-11-15")
    assert "north-korea SUPPLIES wagner-group" in m.js(VISIBLE_EDGES)
    m.page.fill("#ag-date-from", "20x")
    assert m.page.get_attribute("#ag-date-from", "aria-invalid") == "true"
    m.page.fill("#ag-date-to", "")
    assert m.js(COUNTS)[1] == 8  # an unreadable bound is ignored


def test_search_by_name_and_alias_focuses_the_node(open_map: Open, graph: nx.MultiDiGraph) -> None:
    m = open_map(render_map(graph))
    box = m.page.locator("#ag-search-input")
    box.fill("PMC Wagner")
    box.press("Enter")
    assert m.js("() => axisgraph.network.getSelectedNodes()") == ["wagner-group"]
    assert m.page.locator("#ag-panel h2").inner_text() == "Wagner Group"
    assert "Found Wagner Group." in m.page.locator("#ag-search-status").inner_text()
    m.page.wait_for_function(
        """() => { const n = axisgraph.network.getPosition('wagner-group');
                   const v = axisgraph.network.getViewPosition();
                   return Math.hypot(n.x - v.x, n.y - v.y) < 2; }"""
    )
    box.fill("dprk")  # an exact alias beats a name that merely starts with it
    box.press("Enter")
    assert m.js("() => axisgraph.network.getSelectedNodes()") == ["north-korea"]
    box.fill("kirb")
    first = m.page.locator("#ag-search-results button").first
    assert first.inner_text().startswith("John Kirby")
    first.click()
    assert m.js("() => axisgraph.network.getSelectedNodes()") == ["john-kirby"]
    assert "NSC spokesperson" in m.page.locator("#ag-panel").inner_text()
    box.fill("zzz-no-such")
    assert m.page.locator("#ag-search-status").inner_text() == "No match."


def test_search_reports_nodes_hidden_by_filters(open_map: Open, graph: nx.MultiDiGraph) -> None:
    m = open_map(render_map(graph))
    _toggle(m, "kinds", "Person")
    m.page.fill("#ag-search-input", "John Kirby")
    m.page.press("#ag-search-input", "Enter")
    assert "hidden by the current filters" in m.page.locator("#ag-search-status").inner_text()
    assert m.js("() => axisgraph.network.getSelectedNodes()") == []


def test_edge_tooltip_and_panel_list_claims_with_sources(
    open_map: Open, graph: nx.MultiDiGraph
) -> None:
    m = open_map(render_map(graph))
    edge = _edge_id(m, "north-korea", "SUPPLIES", "wagner-group")
    point = m.js(EDGE_POINT, edge)
    assert point, "edge not reachable with the mouse"
    m.page.mouse.move(point["x"], point["y"])
    tooltip = m.page.locator("#ag-tooltip")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert "North Korea → SUPPLIES → Wagner Group" in text
    assert "White House press briefing by John Kirby (White House, 2023-01-20)" in text
    assert "DPRK Ministry of Foreign Affairs (2022-12, KCNA statement on arms reports)" in text
    m.page.mouse.click(point["x"], point["y"])
    panel = m.page.locator("#ag-panel")
    panel.wait_for(state="visible")
    assert "infantry rockets and missiles" in panel.inner_text()
    assert "Called the reports groundless." in panel.inner_text()
    assert panel.locator("a.ag-url").get_attribute("href") == "https://example.org/briefing"
    assert panel.locator("a.ag-url").get_attribute("rel") == "noopener noreferrer"
    two = _edge_id(m, "wagner-group", "SUPPLIES", "hezbollah")
    m.js("(id) => axisgraph.showEdge(id)", two)
    text = panel.inner_text()
    assert "Wagner prepares to provide an SA-22 system to Hezbollah." in text
    assert "Media report that Wagner may send air defence to Hezbollah." in text
    assert "2 independent sources" in text
    assert text.count("Example News article on Wagner air defence (Example News, 2023-11-21)") == 2


def test_node_tooltip_shows_kind_aliases_and_degree(open_map: Open, graph: nx.MultiDiGraph) -> None:
    m = open_map(render_map(graph))
    box = m.js(
        """() => { const net = axisgraph.network;
                   const p = net.canvasToDOM(net.getPosition('north-korea'));
                   const r = document.getElementById('ag-network').getBoundingClientRect();
                   return {x: r.left + p.x, y: r.top + p.y}; }"""
    )
    m.page.mouse.move(box["x"], box["y"])
    tooltip = m.page.locator("#ag-tooltip")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert "North Korea" in text and "State" in text
    assert "DPRK, Democratic People's Republic of Korea" in text
    assert "Links on this map: 1" in text


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "without-csp"])
def test_hostile_text_is_shown_as_text(open_map: Open, csp: bool) -> None:
    m = open_map(render_map(xss_graph(), csp=csp))
    page = m.page
    assert page.title() == XSS[4]
    assert page.locator("#ag-title").inner_text() == XSS[4]
    assert page.locator("#ag-data-version").inner_text() == XSS[1]
    page.fill("#ag-search-input", "Wagner")
    assert page.locator("#ag-search-results button").first.inner_text().startswith(XSS[0])
    page.press("#ag-search-input", "Enter")
    panel = page.locator("#ag-panel")
    text = panel.inner_text()
    for expected in (XSS[0] + " Wagner", XSS[1], XSS[2], XSS[3], XSS[5]):
        assert expected in text, expected
    m.js("(id) => axisgraph.showEdge(id)", _edge_id(m, "north-korea", "SUPPLIES", "wagner-group"))
    text = panel.inner_text()
    for expected in (XSS[0], XSS[1], XSS[2], XSS[3], XSS[5], XSS_URL):
        assert expected in text, expected
    assert panel.locator("a").count() == 0  # a javascript: url never becomes a link
    legend = page.locator("#ag-controls").inner_text()
    assert XSS[1] in legend and XSS[2] in legend  # unknown kind and relationship type
    page.locator("#ag-panel-close").click()
    assert panel.is_hidden()
    odd = _edge_id(m, "odd-kind", XSS[2], "iran")
    point = m.js(EDGE_POINT, odd)
    assert point, "hostile edge not reachable with the mouse"
    if point:
        page.mouse.move(point["x"], point["y"])
        page.locator("#ag-tooltip").wait_for(state="visible")
        assert XSS[2] in page.locator("#ag-tooltip").inner_text()
    page.wait_for_timeout(300)
    assert m.dialogs == []
    assert m.js("() => window.__xss") is None
    assert m.js("() => document.querySelectorAll('script').length") == 3
    assert m.js("() => document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert m.js("() => document.querySelectorAll('[onload], [onerror]').length") == 0
    assert m.external == []
    assert m.errors == []


def test_large_graph_uses_the_precomputed_layout(open_map: Open) -> None:
    G = random_graph(1500, 3000)
    view = render_map(G)
    assert view.precomputed_layout and view.node_count == 1500
    m = open_map(view, "large.html")
    assert m.js(COUNTS) == [1500, view.edge_count]
    assert m.js("() => axisgraph.network.physics.physicsEnabled") is False
    moved = m.js(
        """() => axisgraph.nodes.get().filter(n => {
             const p = axisgraph.network.getPosition(n.id);
             return Math.abs(p.x - n.x) > 1 || Math.abs(p.y - n.y) > 1; }).length"""
    )
    assert moved == 0
    _toggle(m, "kinds", "Person")
    assert m.js(COUNTS)[0] == 1200
    assert m.external == [] and m.errors == []


def test_an_empty_map_still_loads(open_map: Open) -> None:
    m = open_map(render_map(nx.MultiDiGraph(name="Empty", data_version="0")))
    assert m.js(COUNTS) == [0, 0]
    assert m.page.locator("#ag-legend-kinds").inner_text() == "No nodes."
    assert m.external == [] and m.errors == []


def test_map_renders_inside_a_notebook_iframe(chromium: Any, graph: nx.MultiDiGraph) -> None:
    page = chromium.new_page()
    try:
        page.set_content(f"<html><body>{render_map(graph)._repr_html_()}</body></html>")
        frame = page.frame_locator("iframe")
        frame.locator("body[data-ready=true]").wait_for(timeout=30_000)
        assert frame.locator("#ag-counts").inner_text() == "Showing 14 of 14 nodes · 8 of 8 links"
    finally:
        page.close()


def test_screenshot_of_a_rendered_map(open_map: Open, graph: nx.MultiDiGraph) -> None:
    m = open_map(render_map(graph, title="axisgraph fixture map"))
    m.js("() => axisgraph.network.fit({animation: false})")
    assert m.js(UNDRAWN_NODES) == []  # every node is drawn where the network puts it
    m.page.screenshot(path=str(SCREENSHOT), full_page=True)
    width, height = png_size(SCREENSHOT)
    assert width == m.js("() => document.documentElement.clientWidth")
    assert height >= m.js("() => window.innerHeight")
