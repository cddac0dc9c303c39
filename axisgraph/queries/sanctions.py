"""Memory implementations of the sanctions questions: designations, exposure, violations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from axisgraph.graph.schema import ACTOR_LABEL, get_schema
from axisgraph.queries.spec import Params, Row
from axisgraph.queries.view import View, at_least, nulls_last

if TYPE_CHECKING:  # networkx costs 0.2 s at start: imported where a graph is made
    import networkx as nx

SANCTION_PREDICATES = ("designates", "restricts")
"""Predicates that put a sanction, designation, listing or restriction on their object."""
SANCTION_TYPES = tuple(get_schema().predicates[p].projects_to for p in SANCTION_PREDICATES)

ADVERSARIAL_TYPES = get_schema().adversarial_types
"""Projected types that say one actor acts against another (``adversarial: true`` in
schema.yaml): exposure does not travel along them. Every other projected relationship between
two actors (supply, ownership, leadership, backing, membership, payment, ...) is a tie;
``sanctions_exposure.cypher`` lists the same types (a test holds the two together)."""


def is_tie(view: View, u: str, v: str, rel_type: str) -> bool:
    """Whether a projected relationship carries exposure: actor to actor, not adversarial."""
    return rel_type not in ADVERSARIAL_TYPES and view.is_actor(u) and view.is_actor(v)


def designations_of(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Every designating or restricting claim whose object is the actor."""
    view = View(graph)
    rows = []
    for claim, _ in view.into(p["actor"], "HAS_OBJECT"):
        attrs = graph.nodes[claim]
        if attrs.get("predicate") not in SANCTION_PREDICATES:
            continue
        if not at_least(attrs.get("status"), p["min_status"]):
            continue
        by = view.subject(claim)
        rows.append(
            {
                "claim": claim,
                "by_id": by,
                "by": view.name(by),
                "predicate": attrs["predicate"],
                "instruments": view.out(claim, "UNDER"),
                "status": attrs["status"],
                "stated_on": attrs.get("stated_on"),
                "valid_from": attrs.get("valid_from"),
                "valid_to": attrs.get("valid_to"),
                "source_count": view.source_count(claim),
                "denied_by": view.deniers(claim),
            }
        )
    rows.sort(key=lambda r: (*nulls_last(r["valid_from"] or r["stated_on"]), r["claim"]))
    return rows


def designated(view: View, min_status: str | None) -> set[str]:
    """Actors that are the object of a sanction projection at least ``min_status`` strong."""
    return {
        v
        for _, v, d in view.projected(SANCTION_TYPES)
        if view.is_actor(v) and at_least(d["status"], min_status)
    }


def sanctions_exposure(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Undesignated actors within ``max_hops`` ties of a designated actor."""
    import networkx as nx

    view = View(graph)
    listed = designated(view, p["min_status"])
    scope = sorted(d for d in listed if p["actor"] is None or d == p["actor"])
    ties = nx.Graph()
    ties.add_nodes_from(view.nodes_with(ACTOR_LABEL))
    ties.add_edges_from((u, v) for u, v, d in view.projected() if is_tie(view, u, v, d["type"]))
    reach: dict[str, dict[str, int]] = {}
    for d in scope:
        lengths = nx.single_source_shortest_path_length(ties, d, cutoff=p["max_hops"])
        for x, hops in lengths.items():
            if x != d and x not in listed:
                reach.setdefault(x, {})[d] = hops
    rows = [
        {
            "actor_id": x,
            "actor": view.name(x),
            "kind": view.kind(x),
            "hops": min(found.values()),
            "exposed_to": sorted(found),
        }
        for x, found in reach.items()
    ]
    rows.sort(key=lambda r: (r["hops"], r["actor_id"]))
    return rows


def violations(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Claims that breach an instrument (``VIOLATES``), optionally one instrument or actor."""
    view = View(graph)
    rows = []
    for claim in view.claims():
        facts = view.claim_facts(claim)
        if p["actor"] is not None and p["actor"] not in (facts["subject_id"], facts["object_id"]):
            continue
        for instrument in view.out(claim, "VIOLATES"):  # distinct, as in the Cypher
            if p["instrument"] is not None and instrument != p["instrument"]:
                continue
            rows.append(
                {
                    "instrument_id": instrument,
                    "instrument": view.name(instrument),
                    **facts,
                    "items": view.items(claim),
                    "denied": view.denied(claim),
                    "asserted_by": view.asserters(claim),
                }
            )
    rows.sort(key=lambda r: (r["instrument_id"], r["claim"]))
    return rows
