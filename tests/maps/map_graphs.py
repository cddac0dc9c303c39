"""Hand-built intermediate graphs for the map tests.

The graphs follow the intermediate-graph contract (node ``labels``/``name``,
claim and source nodes, structure edges keyed by type, projected edges
with ``projected=True`` and their aggregates), built here so the map tests
do not depend on the loaders. The facts are fixture data, not the bundled
dataset.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

ACTOR_KINDS = {"State", "ArmedGroup", "GovernmentBody", "Company", "Organization"}
ACTOR_KINDS |= {"InternationalBody", "Person"}


def _schema() -> dict[str, Any]:
    """schema.yaml read directly, as an independent check of what the maps draw."""
    from importlib import resources

    import yaml

    text = resources.files("axisgraph.graph").joinpath("schema.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def entity(
    G: nx.MultiDiGraph, node_id: str, kind: str, name: str, *aliases: str, **props: Any
) -> None:
    labels = [kind, "Actor"] if kind in ACTOR_KINDS else [kind]
    G.add_node(node_id, labels=labels, name=name, aliases=list(aliases), **props)


def source(
    G: nx.MultiDiGraph,
    node_id: str,
    name: str,
    publisher: str | None,
    published_on: str | None,
    url: str | None = None,
    type: str = "briefing",
) -> None:
    G.add_node(
        node_id,
        labels=["Source"],
        name=name,
        aliases=[],
        type=type,
        author=None,
        published_on=published_on,
        url=url,
        description=None,
    )
    if publisher:
        G.add_edge(node_id, publisher, key="PUBLISHED_BY", type="PUBLISHED_BY")


def claim(
    G: nx.MultiDiGraph,
    node_id: str,
    subject: str,
    predicate: str,
    obj: str,
    status: str,
    summary: str,
    stated_on: str | None,
    *,
    valid: tuple[str | None, str | None] = (None, None),
    items: Iterable[str] = (),
    asserted_by: Iterable[str] = (),
    reported_in: Iterable[str] = (),
    violates: Iterable[str] = (),
    under: Iterable[str] = (),
    denials: Iterable[dict[str, Any]] = (),
    quantities: Iterable[str] = (),
    note: str | None = None,
) -> None:
    G.add_node(
        node_id,
        labels=["Claim"],
        predicate=predicate,
        status=status,
        summary=summary,
        stated_on=stated_on,
        valid_from=valid[0],
        valid_to=valid[1],
        quantities=list(quantities),
        note=note,
    )

    def link(u: str, v: str, rel: str, **attrs: Any) -> None:
        G.add_edge(u, v, key=rel, type=rel, **attrs)

    link(node_id, subject, "HAS_SUBJECT")
    link(node_id, obj, "HAS_OBJECT")
    for item in items:
        link(node_id, item, "INVOLVES")
    for actor in asserted_by:
        link(actor, node_id, "ASSERTS")
    for src in reported_in:
        link(node_id, src, "REPORTED_IN")
    for instrument in violates:
        link(node_id, instrument, "VIOLATES")
    for instrument in under:
        link(node_id, instrument, "UNDER")
    for denial in denials:  # the graph model names the source ``source_id``
        link(
            denial["by"],
            node_id,
            "DENIES",
            on=denial["on"],
            source_id=denial["source"],
            note=denial["note"],
        )


def project(G: nx.MultiDiGraph) -> None:
    """Add projected edges, the way the graph model derives them."""
    schema = _schema()
    rank = {s: spec["rank"] for s, spec in schema["statuses"].items()}
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for node_id, attrs in G.nodes(data=True):
        if attrs["labels"][0] != "Claim":
            continue
        out = {k: v for _, v, k in G.out_edges(node_id, keys=True)}
        rel = schema["predicates"][attrs["predicate"]]["projects_to"]
        groups[(out["HAS_SUBJECT"], out["HAS_OBJECT"], rel)].append(node_id)
    for (subj, obj, rel), claims in sorted(groups.items()):
        claims.sort()
        attrs = [G.nodes[c] for c in claims]
        sources = sorted(
            {v for c in claims for _, v, k in G.out_edges(c, keys=True) if k == "REPORTED_IN"}
        )
        stated = sorted(a["stated_on"] for a in attrs if a["stated_on"])
        starts = [a["valid_from"] for a in attrs if a["valid_from"]]
        ends = [a["valid_to"] for a in attrs if a["valid_to"]]
        G.add_edge(
            subj,
            obj,
            key=rel,
            type=rel,
            projected=True,
            status=max((a["status"] for a in attrs), key=rank.__getitem__),
            claims=claims,
            sources=sources,
            source_count=len(sources),
            denied=any(k == "DENIES" for c in claims for _, _, k in G.in_edges(c, keys=True)),
            first_reported=stated[0] if stated else None,
            last_reported=stated[-1] if stated else None,
            valid_from=min(starts) if starts else None,
            valid_to=max(ends) if ends else None,
        )


def fixture_graph() -> nx.MultiDiGraph:
    """A small sanctions-and-supply cluster: 14 entities, 4 sources, 9 claims, 8 links."""
    G = nx.MultiDiGraph(name="Fixture network", data_version="fixture-1")
    entity(
        G, "north-korea", "State", "North Korea", "DPRK", "Democratic People's Republic of Korea"
    )
    entity(G, "russia", "State", "Russia", "Russian Federation")
    entity(G, "iran", "State", "Iran")
    entity(
        G,
        "wagner-group",
        "ArmedGroup",
        "Wagner Group",
        "PMC Wagner",
        description="A Russian private military company.",
    )
    entity(G, "hezbollah", "ArmedGroup", "Hezbollah")
    entity(G, "us-treasury", "GovernmentBody", "US Department of the Treasury", "Treasury")
    entity(G, "white-house", "GovernmentBody", "White House")
    entity(G, "dprk-mfa", "GovernmentBody", "DPRK Ministry of Foreign Affairs")
    entity(G, "john-kirby", "Person", "John Kirby", role="NSC spokesperson")
    entity(G, "news-outlet", "Company", "Example News")
    entity(G, "infantry-rockets", "Weapon", "infantry rockets and missiles")
    entity(G, "sa-22", "Weapon", "SA-22 air defence system", "Pantsir-S1")
    entity(G, "ukraine", "Place", "Ukraine")
    entity(G, "unsc-dprk", "Instrument", "UN Security Council resolutions on the DPRK")

    source(
        G,
        "src-briefing",
        "White House press briefing by John Kirby",
        "white-house",
        "2023-01-20",
        url="https://example.org/briefing",
    )
    source(
        G,
        "src-article",
        "Example News article on Wagner air defence",
        "news-outlet",
        "2023-11-21",
        type="article",
    )
    source(G, "src-kcna", "KCNA statement on arms reports", "dprk-mfa", "2022-12", type="statement")
    source(
        G,
        "src-treasury",
        "Treasury press release on Wagner",
        "us-treasury",
        "2023-01-26",
        type="announcement",
    )

    claim(
        G,
        "c-dprk-arms",
        "north-korea",
        "supplies",
        "wagner-group",
        "official_statement",
        "North Korea delivered infantry rockets and missiles to Wagner.",
        "2023-01-20",
        valid=("2022-11", "2022-12"),
        items=["infantry-rockets"],
        asserted_by=["john-kirby"],
        reported_in=["src-briefing"],
        violates=["unsc-dprk"],
        quantities=["1 rail car load"],
        denials=[
            {
                "by": "dprk-mfa",
                "on": "2022-12",
                "source": "src-kcna",
                "note": "Called the reports groundless.",
            }
        ],
    )
    claim(
        G,
        "c-wagner-sa22-plan",
        "wagner-group",
        "supplies",
        "hezbollah",
        "plan",
        "Wagner prepares to provide an SA-22 system to Hezbollah.",
        "2023-11-02",
        items=["sa-22"],
        asserted_by=["john-kirby"],
        reported_in=["src-article"],
    )
    claim(
        G,
        "c-wagner-sa22-media",
        "wagner-group",
        "supplies",
        "hezbollah",
        "media_report",
        "Media report that Wagner may send air defence to Hezbollah.",
        "2023-11-21",
        items=["sa-22"],
        reported_in=["src-article", "src-briefing"],
    )
    claim(
        G,
        "c-treasury-tco",
        "us-treasury",
        "designates",
        "wagner-group",
        "announced_action",
        "Treasury designates Wagner as a transnational criminal organisation.",
        "2023-01-26",
        valid=("2023-01-26", None),
        reported_in=["src-treasury", "src-briefing"],
    )
    claim(
        G,
        "c-iran-drones",
        "iran",
        "supplies",
        "russia",
        "assessment",
        "Iran supplies drones to Russia.",
        "2022-10",
        valid=("2022", None),
        reported_in=["src-briefing"],
    )
    claim(
        G,
        "c-wagner-ukraine",
        "wagner-group",
        "operates_in",
        "ukraine",
        "official_statement",
        "Wagner fights in Ukraine.",
        "2023-01-20",
        valid=("2022", "2023"),
        reported_in=["src-briefing"],
    )
    claim(
        G,
        "c-russia-backs",
        "russia",
        "backs",
        "wagner-group",
        "media_report",
        "Russia backs Wagner's transfers.",
        "2023-11-21",
        reported_in=["src-article"],
    )
    claim(
        G,
        "c-iran-hezbollah",
        "iran",
        "backs",
        "hezbollah",
        "assessment",
        "Iran backs Hezbollah.",
        None,
    )
    claim(
        G,
        "c-kirby-wh",
        "john-kirby",
        "speaks_for",
        "white-house",
        "official_statement",
        "John Kirby speaks for the White House.",
        "2023-01-20",
        reported_in=["src-briefing"],
    )
    project(G)
    return G


def random_graph(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A large graph of actors linked by projected edges (claims left out)."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(name="Generated network", data_version="generated")
    kinds = ["State", "ArmedGroup", "Company", "Person", "GovernmentBody"]
    for i in range(n_nodes):
        entity(G, f"n{i}", kinds[i % len(kinds)], f"Entity {i}")
    types = ["SUPPLIES", "BACKS", "OWNS", "DESIGNATES"]
    statuses = ["official_statement", "media_report", "assessment"]
    links: set[tuple[str, str, str]] = set()
    while len(links) < n_edges:  # number_of_edges() is linear, so count here
        u = f"n{rng.randrange(n_nodes)}"
        # Three links in ten go to the first 2% of nodes, which become hubs.
        hubs = rng.random() < 0.3
        v = f"n{rng.randrange(max(1, n_nodes // 50) if hubs else n_nodes)}"
        key = rng.choice(types)
        if u != v:
            links.add((u, v, key))
            G.add_edge(
                u,
                v,
                key=key,
                projected=True,
                status=rng.choice(statuses),
                claims=[],
                sources=[],
                source_count=1,
                denied=False,
                first_reported="2023",
                last_reported="2023",
                valid_from=None,
                valid_to=None,
            )
    return G


# Each payload sets a global and raises a dialog if it ever runs.
XSS = [
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x onerror="window.__xss=2;alert(2)">',
    '"><svg onload="window.__xss=3;alert(3)">',
    "'; window.__xss=4; alert(4); '",
    "</script><script>window.__xss=5;alert(5)</script>",
    "<!--<script>window.__xss=6;alert(6)</script>-->",
    "{{ 7*7 }} ${alert(7)} \u2028\u2029&amp;",
]
XSS_URL = "javascript:window.__xss=9;alert(9)"


def xss_graph() -> nx.MultiDiGraph:
    """The fixture graph with hostile text in every field a map shows."""
    G = fixture_graph()
    G.graph.update(name=XSS[4], data_version=XSS[1])
    wagner = G.nodes["wagner-group"]
    wagner.update(name=XSS[0] + " Wagner", aliases=[XSS[1], XSS[2]], description=XSS[3])
    wagner[XSS[2]] = XSS[5]  # a property whose key and value are hostile
    G.nodes["hezbollah"]["name"] = XSS[4]
    G.nodes["dprk-mfa"]["name"] = XSS[5]
    G.nodes["c-dprk-arms"].update(summary=XSS[1], note=XSS[2], quantities=[XSS[3]])
    G.nodes["src-briefing"].update(name=XSS[2], url=XSS_URL, author=XSS[6])
    G.edges["dprk-mfa", "c-dprk-arms", "DENIES"]["note"] = XSS[0]
    entity(G, "odd-kind", XSS[1], XSS[6])  # an unknown, hostile kind label
    G.add_edge(
        "odd-kind",
        "iran",
        key=XSS[2],
        type=XSS[2],
        projected=True,
        status=XSS[3],
        claims=[],
        sources=[],
        source_count=0,
        denied=False,
        first_reported=None,
        last_reported=None,
        valid_from=None,
        valid_to=None,
    )
    return G
