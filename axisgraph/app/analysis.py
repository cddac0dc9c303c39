"""Analyses the notebooks show, over the intermediate graph (``store.graph()``, either engine).

- ``government_claims``: which claims rest only on one government's statements;
- ``communities``: groups of actors tied more to each other than to the rest;
- ``designated_around``: who near an actor is designated, by whom (through canned queries);
- ``designations_by_authority``: every authority and whom it designates;
- ``timeline_points``: a timeline answer as dated points, ready to plot;
- ``Table``: rows shown as an HTML table in Jupyter (text from data is escaped).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from axisgraph.graph.dates import date_start
from axisgraph.graph.schema import get_schema
from axisgraph.queries.engines import Runnable
from axisgraph.queries.spec import QueryResult, Row
from axisgraph.queries.view import View

Rows = list[Row]


def government_of(graph: nx.MultiDiGraph, node: str) -> str | None:
    """The state an actor speaks for: a State itself, else its ``country``; None for others.

    Media, companies and international bodies have no government here, so a claim they
    assert counts as a voice of its own.
    """
    attrs = graph.nodes[node]
    if "State" in attrs.get("labels", ()):
        return node
    if {"Person", "GovernmentBody"} & set(attrs.get("labels", ())):
        country = attrs.get("country")
        return str(country) if country else None
    return None


def government_claims(graph: nx.MultiDiGraph, *, only_one: bool = True) -> Rows:
    """Claims and the governments whose people or bodies assert them.

    A claim rests only on one government's statements when everyone who asserts it speaks
    for the same state (an official, a ministry, the state itself). The media that report
    the statement do not add a voice; a claim no one is recorded as asserting is left out.

    Args:
        only_one: keep only the claims that rest on one government (else every asserted one).
    """
    view = View(graph)
    rows = []
    for claim in view.claims():
        asserters = view.asserters(claim)
        if not asserters:
            continue
        governments = {government_of(graph, a) for a in asserters}
        one = len(governments) == 1 and None not in governments
        if only_one and not one:
            continue
        facts = view.claim_facts(claim)
        rows.append(
            {
                **facts,
                "government": next(iter(governments)) if one else None,
                "governments": sorted(g for g in governments if g),
                "asserted_by": asserters,
                "sources": view.sources(claim),
                "source_count": view.source_count(claim),
                "denied": view.denied(claim),
            }
        )
    rows.sort(key=lambda r: (r["government"] or "", r["subject_id"], r["predicate"], r["claim"]))
    return rows


def actor_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """The projected relationships between actors, as a simple undirected graph."""
    view = View(graph)
    network = nx.Graph()
    for u, v, _attrs in view.projected():
        if u != v and view.is_actor(u) and view.is_actor(v):
            network.add_edge(u, v)
    return network


def communities(graph: nx.MultiDiGraph, *, seed: int = 7, min_size: int = 2) -> Rows:
    """Communities of actors (Louvain modularity on ``actor_network``), largest first.

    The same seed gives the same communities, so a notebook shows the same answer each run.
    """
    network = actor_network(graph)
    found = nx.community.louvain_communities(network, seed=seed)
    groups = sorted((sorted(c) for c in found if len(c) >= min_size), key=lambda c: (-len(c), c))
    return [
        {
            "community": number,
            "size": len(members),
            "members": members,
            "names": [graph.nodes[m].get("name", m) for m in members],
        }
        for number, members in enumerate(groups, start=1)
    ]


def designated_around(
    store: Runnable, centres: Iterable[str], *, depth: int = 1, min_status: str | None = None
) -> Rows:
    """Who within ``depth`` links of each centre (or the centre itself) is designated, by whom.

    Uses the canned ``neighbourhood`` and ``designations_of`` queries, so it answers the same
    on both engines. Centres take an id, a name or an alias.
    """
    from axisgraph.queries.registry import run_query

    schema = get_schema()
    rows: Rows = []
    for centre in centres:
        around = run_query("neighbourhood", {"actor": centre, "depth": depth}, store=store)
        centre_id = around.params["actor"]
        actors = [centre_id] + [
            r["node_id"]
            for r in around.rows
            if r["kind"] in schema.kinds and schema.kinds[r["kind"]].actor
        ]
        names = {r["node_id"]: r["name"] for r in around.rows}
        names[centre_id] = _name_of(store, centre_id)
        for actor in actors:
            params = {"actor": actor, "min_status": min_status}
            for hit in run_query("designations_of", params, store=store).rows:
                rows.append(
                    {
                        "near": centre_id,
                        "target_id": actor,
                        "target": names[actor],
                        "by_id": hit["by_id"],
                        "by": hit["by"],
                        "instruments": hit["instruments"],
                        "status": hit["status"],
                        "stated_on": hit["stated_on"],
                        "claim": hit["claim"],
                    }
                )
    return rows


def _name_of(store: Runnable, node: str) -> str:
    """An entity's name, read from a networkx graph or a store's graph."""
    graph = store if isinstance(store, nx.MultiDiGraph) else store.graph()
    return str(graph.nodes[node].get("name", node)) if node in graph else node


def designations_by_authority(graph: nx.MultiDiGraph) -> Rows:
    """Every designating actor, how many it designates and whom, most targets first."""
    view = View(graph)
    targets: dict[str, set[str]] = {}
    for u, v, _attrs in view.projected(["DESIGNATES"]):
        targets.setdefault(u, set()).add(v)
    rows = [
        {
            "authority_id": by,
            "authority": view.name(by),
            "kind": view.kind(by),
            "targets": len(found),
            "target_names": sorted(str(view.name(t)) for t in found),
            "origin": "ftm" if graph.nodes[by].get("ftm_origin") else "curated",
        }
        for by, found in targets.items()
    ]
    rows.sort(key=lambda r: (-r["targets"], r["authority_id"]))
    return rows


@dataclass(frozen=True)
class TimelinePoint:
    """One claim on a timeline: the start of its date, and what to draw."""

    when: dt.date
    precision: str  # year, month or day, as the document gives it
    claim: str
    label: str
    status: str | None
    denied: bool


def timeline_points(result: QueryResult, *, by: str = "stated") -> list[TimelinePoint]:
    """The rows of a ``timeline`` answer as dated points (partial dates start their span).

    Args:
        by: ``stated`` places a claim at the date it was made; ``valid`` at the start of the
            period it holds for. Rows without that date are left out.
    """
    key = "stated_on" if by == "stated" else "valid_from"
    points = []
    for row in result.rows:
        value = row.get(key)
        if not value:
            continue
        precision = {4: "year", 7: "month"}.get(len(value), "day")
        points.append(
            TimelinePoint(
                when=dt.date.fromisoformat(date_start(value)),
                precision=precision,
                claim=row["claim"],
                label=f"{row['subject_id']} {row['predicate']} {row['object_id']}",
                status=row.get("status"),
                denied=bool(row.get("denied")),
            )
        )
    return sorted(points, key=lambda p: (p.when, p.claim))


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


class Table:
    """Rows shown as a table: HTML in Jupyter, plain text elsewhere.

    Args:
        rows: the rows (a ``QueryResult`` works too).
        columns: which columns, in order (default: the first row's keys).
        limit: show at most this many rows, and say how many there are.
    """

    def __init__(
        self, rows: Iterable[Row], columns: Sequence[str] | None = None, limit: int | None = None
    ) -> None:
        self.rows = list(rows)
        self.columns = list(columns or (self.rows[0].keys() if self.rows else []))
        self.limit = limit

    def _shown(self) -> tuple[Rows, str]:
        shown = self.rows if self.limit is None else self.rows[: self.limit]
        more = len(self.rows) - len(shown)
        note = f"{len(self.rows)} rows" + (f", first {len(shown)} shown" if more else "")
        return shown, note

    def _repr_html_(self) -> str:
        shown, note = self._shown()
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        cells = (
            "".join(f"<td>{html.escape(_text(r.get(c)))}</td>" for c in self.columns) for r in shown
        )
        body = "".join(f"<tr>{row}</tr>" for row in cells)
        return f"<table><tr>{head}</tr>{body}</table><p><small>{note}</small></p>"

    def __repr__(self) -> str:
        shown, note = self._shown()
        lines = [" | ".join(self.columns)]
        lines += [" | ".join(_text(r.get(c)) for c in self.columns) for r in shown]
        return "\n".join([*lines, note])
