"""HTML and script payloads in every text field that reaches a map, in real headless Chromium.

``corpus/html.txt`` holds payloads that, if a page ever treated text as HTML or script, would
open a dialog, set ``window.__xss`` or fetch something. Each one goes, through the real YAML
loader, into entity names, aliases, descriptions and properties; claim summaries, notes,
quantities; source names, publishers, authors, speakers and URLs (``javascript:``, ``data:``);
denial notes; and, set straight on the graph, into the fields the loaders would refuse: ids,
kinds, relationship types, statuses, predicates, dates. All of them together form the title
and the data version, and a map of a query's answer echoes a payload name in its title.

Each map is opened in Chromium with every request recorded; every node and link is shown in
the side panel and looked up in the search. Nothing may open a dialog, run, or fetch, and the
payloads must show up as the literal text they are. ``tests/maps/test_map_browser.py`` covers
the layout of the same panels and tooltips with a smaller corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hostile import corpus, slug

from axisgraph.app.load import load_paths
from axisgraph.app.map import make_map
from axisgraph.maps import MapView, render_map
from axisgraph.store.memory import MemoryStore

pytestmark = pytest.mark.browser

PAYLOADS = corpus("html")
LOCAL = ("file:", "about:", "blob:")
# Elements no payload may create (the legend draws its swatches as small SVGs of its own).
FORBIDDEN = (
    "img, iframe, frame, object, embed, svg:not(.ag-legend-row > svg), math, template, form, "
    "base, link, details, video, audio, source, marquee, xmp, plaintext, textarea, "
    "meta[http-equiv=refresh], body style, svg script, svg foreignObject"
)
# Fields filled through the YAML loader, and where each shows: entity panels or link panels.
NODE_FIELDS = ("entity name", "alias", "description", "property")
EDGE_FIELDS = (
    "claim summary",
    "claim note",
    "quantity",
    "source name",
    "source author",
    "source url",
    "publisher name",
    "speaker name",
    "asserting person",
    "item name",
    "violated instrument",
    "denial note",
    "denying actor",
)
RAW_FIELDS = ("id", "kind", "relationship type", "status", "predicate", "dates")


def payload_doc() -> dict[str, Any]:
    """Claims YAML with every payload in every free-text field."""
    entities: list[dict[str, Any]] = [{"id": "hub", "kind": "ArmedGroup", "name": "Map hub"}]
    sources, claims = [], []
    for i, p in enumerate(PAYLOADS):
        entities += [
            {
                "id": slug(i, "hx"),
                "kind": "Company",
                "name": p,
                "aliases": [p],
                "description": p,
                "properties": {"motto": p},
            },
            {"id": slug(i, "pub"), "kind": "GovernmentBody", "name": p},
            {"id": slug(i, "per"), "kind": "Person", "name": p},
            {"id": slug(i, "wpn"), "kind": "Weapon", "name": p},
            {"id": slug(i, "ins"), "kind": "Instrument", "name": p},
        ]
        sources.append(
            {
                "id": slug(i, "src"),
                "name": p,
                "type": "report",
                "publisher": slug(i, "pub"),
                "author": p,
                "speaker": slug(i, "per"),
                "url": p,
                "published_on": "2023-01-02",
            }
        )
        claims.append(
            {
                "id": slug(i, "clm"),
                "subject": slug(i, "hx"),
                "predicate": "supplies",
                "object": "hub",
                "status": "media_report",
                "summary": p,
                "note": p,
                "stated_on": "2023-01-02",
                "items": [slug(i, "wpn")],
                "quantities": [{"amount": 1, "unit": p}],
                "asserted_by": [slug(i, "per")],
                "reported_in": [slug(i, "src")],
                "violates": [slug(i, "ins")],
                "denials": [
                    {"by": slug(i, "pub"), "on": "2023-02", "source": slug(i, "src"), "note": p}
                ],
            }
        )
    return {"entities": entities, "sources": sources, "claims": claims}


def add_raw_payloads(G: nx.MultiDiGraph) -> None:
    """Payloads where the loaders would refuse them: as an id, a kind, a relationship type, a
    status, a predicate and dates (a graph from elsewhere, e.g. a notebook, may hold them)."""
    for i, p in enumerate(PAYLOADS):
        claim, source = slug(i, "odd-clm"), slug(i, "odd-src")
        G.add_node(p, labels=[p, "Actor"], name=f"odd {i}", aliases=[], kind_note=p)
        G.add_node(
            claim,
            labels=["Claim"],
            predicate=p,
            status=p,
            summary=f"odd claim {i}",
            stated_on=p,
            valid_from=p,
            valid_to=p,
            quantities=[p],
            note=None,
        )
        G.add_node(source, labels=["Source"], name=f"odd source {i}", type=p, published_on=p)
        G.add_edge(claim, p, key="HAS_SUBJECT", type="HAS_SUBJECT")
        G.add_edge(claim, "hub", key="HAS_OBJECT", type="HAS_OBJECT")
        G.add_edge(claim, source, key="REPORTED_IN", type="REPORTED_IN")
        G.add_edge("hub", claim, key="DENIES", type="DENIES", on=p, source_id=source, note=None)
        G.add_edge(
            p,
            "hub",
            key=p,
            type=p,
            projected=True,
            status=p,
            claims=[claim],
            sources=[source],
            source_count=1,
            denied=True,
            first_reported=p,
            last_reported=p,
            valid_from=p,
            valid_to=p,
        )


@pytest.fixture(scope="module")
def payload_store(tmp_path_factory: pytest.TempPathFactory) -> MemoryStore:
    """The embedded engine holding the bundled data and the payload file (own home)."""
    from axisgraph.settings import Settings, get_settings

    folder = tmp_path_factory.mktemp("map-injection")
    path = folder / "payloads.yaml"
    path.write_text(yaml.safe_dump(payload_doc(), allow_unicode=True), encoding="utf-8")
    base = get_settings()
    store = MemoryStore(Settings(None, "neo4j", None, None, folder / "home", base.cache))
    load_paths([path], store)
    return store


@pytest.fixture(scope="module")
def payload_graph(payload_store: MemoryStore) -> nx.MultiDiGraph:
    G = payload_store.graph()
    add_raw_payloads(G)
    joined = " | ".join(PAYLOADS)
    G.graph.update(name=joined, data_version=joined)
    return G


@dataclass
class Opened:
    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_page(chromium: Any, tmp_path: Path) -> Iterator[Callable[[MapView], Opened]]:
    """Open a map from file:// with every request, dialog and error recorded."""
    contexts: list[Any] = []

    def _open(view: MapView) -> Opened:
        path = view.save(tmp_path / f"map-{len(contexts)}.html")
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)

        def on_route(route: Any) -> None:
            if route.request.url.startswith(LOCAL):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", on_route)
        page.on(
            "request",
            lambda r: None if r.url == path.as_uri() else opened.requests.append(r.url),
        )
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_function("() => window.axisgraph && window.axisgraph.ready", timeout=120_000)
        return opened

    yield _open
    for context in contexts:
        context.close()


# Show every node and every link in the panel, search for every name, and return the texts.
WALK = """(payloads) => {
  const hook = window.axisgraph;
  const panel = document.getElementById('ag-panel-body');
  const nodes = [], edges = [], searches = [];  // pairs: ids like __proto__ are data too
  for (const n of hook.nodes.get()) { hook.showNode(n.id); nodes.push([n.id, panel.textContent]); }
  for (const e of hook.edges.get()) {
    hook.showEdge(e.id); edges.push([e.from + ' ' + e.to + ' ' + e.type, panel.textContent]);
  }
  const box = document.getElementById('ag-search-input');
  for (const p of payloads) {
    box.value = p; box.dispatchEvent(new Event('input', {bubbles: true}));
    searches.push(document.getElementById('ag-search-results').textContent);
  }
  return {nodes, edges, searches,
          counts: [hook.visibleNodeCount(), hook.nodes.length,
                   hook.visibleEdgeCount(), hook.edges.length],
          title: document.title,
          heading: document.getElementById('ag-title').textContent,
          version: document.getElementById('ag-data-version').textContent,
          legend: document.getElementById('ag-controls').textContent};
}"""

INERT = """(forbidden) => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(el.tagName + ' ' + a.name);
    if (el.getAttribute('style') && /url\\(/i.test(el.getAttribute('style'))) bad.push('style');
  }
  for (const a of document.querySelectorAll('a[href]'))
    if (!/^https?:\\/\\//i.test(a.getAttribute('href'))) bad.push('href ' + a.getAttribute('href'));
  return {bad, forbidden: document.querySelectorAll(forbidden).length,
          scripts: document.querySelectorAll('script').length,
          xss: [window.__xss, window.top.__xss, document.body.dataset.ready]};
}"""


def _assert_inert(m: Opened) -> None:
    m.page.wait_for_timeout(500)  # time for any timer, error handler or load to fire
    state = m.js(INERT, FORBIDDEN)
    assert state["bad"] == [] and state["forbidden"] == 0, state
    assert state["scripts"] == 3, state
    assert state["xss"][:2] == [None, None], state
    assert m.dialogs == [], m.dialogs
    assert m.requests == [], m.requests
    assert m.errors == [], m.errors[:3]


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "without-csp"])
def test_every_payload_in_every_field_stays_text(open_page, payload_graph, tally, csp):
    view = render_map(
        payload_graph,
        include_sources=True,
        include_claims=True,
        include_structure=True,
        layout_threshold=0,  # a precomputed layout: the page is ready without physics
        csp=csp,
    )
    m = open_page(view)
    seen = m.js(WALK, list(PAYLOADS))
    _assert_inert(m)
    seen["nodes"], seen["edges"] = dict(seen["nodes"]), dict(seen["edges"])
    shown, nodes, shown_links, links = seen["counts"]
    assert (shown, shown_links) == (nodes, links)  # no payload hides anything
    joined = " | ".join(PAYLOADS)
    assert seen["heading"] == seen["version"] == joined
    assert seen["title"] == re.sub(r"[\t\n\f\r ]+", " ", joined).strip()  # as browsers show it
    for i, p in enumerate(PAYLOADS):
        text = p.strip()  # the loaders trim text fields
        node = seen["nodes"][slug(i, "hx")]
        assert node.count(text) >= len(NODE_FIELDS), (p, node)
        link = seen["edges"][f"{slug(i, 'hx')} hub SUPPLIES"]
        assert link.count(text) >= len(EDGE_FIELDS), (p, link)
        assert text in seen["searches"][i], p
        odd = seen["edges"][f"{p} hub {p}"]  # id, type, status, predicate and dates
        assert odd.count(p) >= 4 and f"odd claim {i}" in odd, (p, odd)
        assert p in seen["nodes"][p]  # the kind
        assert p in seen["legend"]  # unknown kinds and types are listed as text
    if csp:  # count each payload once per field, for the figures
        for name in NODE_FIELDS + EDGE_FIELDS + RAW_FIELDS + ("title", "data version"):
            tally(f"map: payloads in {name}", len(PAYLOADS))


def test_a_query_map_echoes_a_payload_name_as_text(open_page, payload_store, tally):
    """``axisgraph map --around <name>`` puts the actor's name in the title, and
    ``--query`` maps draw the answer: payload names there stay text too."""
    for i in (0, PAYLOADS.index("</title><script>window.__xss=38;alert(38)</script>")):
        p = PAYLOADS[i]
        view = make_map(payload_store, around=slug(i, "hx"), depth=1)
        m = open_page(view)
        assert m.page.title() == f"axisgraph: {p} and its neighbourhood (1 hop(s))"
        assert m.js("() => document.getElementById('ag-title').textContent") == m.page.title()
        _assert_inert(m)
        tally("map: payloads echoed in a query map's title")
    view = make_map(payload_store, query="suppliers_of", params={"actor": "Map hub"})
    m = open_page(view)
    names = m.js("() => window.axisgraph.nodes.get().map(n => n.label)")
    stored = [p.strip() for p in PAYLOADS]  # the loaders trim text fields
    assert {p if len(p) <= 60 else p[:57] + "..." for p in stored} <= set(names)
    _assert_inert(m)
    tally("map: payloads in a query map's nodes", len(PAYLOADS))
