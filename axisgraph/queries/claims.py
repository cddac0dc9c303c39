"""Memory implementations of the claim questions: assertions, denials, single sources, timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from axisgraph.graph.dates import overlaps
from axisgraph.queries.spec import Params, Row
from axisgraph.queries.view import View, nulls_last

if TYPE_CHECKING:  # networkx costs 0.2 s at start: imported where a graph is made
    import networkx as nx


def asserted_by(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Every claim the actor asserted (``ASSERTS``)."""
    view = View(graph)
    rows = [
        {
            **view.claim_facts(claim),
            "summary": view.prop(claim, "summary"),
            "sources": view.sources(claim),
            "denied": view.denied(claim),
        }
        for claim in view.out(p["actor"], "ASSERTS")
        if view.is_a(claim, "Claim")
    ]
    rows.sort(key=lambda r: (*nulls_last(r["stated_on"]), r["claim"]))
    return rows


def denied_claims(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """One row per denial: who denied which claim, when and where."""
    view = View(graph)
    rows = []
    for claim in view.claims():
        facts = view.claim_facts(claim)
        if p["about"] is not None and p["about"] not in (facts["subject_id"], facts["object_id"]):
            continue
        for who, d in view.into(claim, "DENIES"):
            if p["by"] is not None and who != p["by"]:
                continue
            rows.append(
                {
                    "denier_id": who,
                    "denier": view.name(who),
                    **facts,
                    "summary": view.prop(claim, "summary"),
                    "denied_on": d.get("on"),
                    "denial_source": d.get("source_id"),
                    "note": d.get("note"),
                }
            )
    rows.sort(
        key=lambda r: (
            r["denier_id"],
            r["claim"],
            *nulls_last(r["denied_on"]),
            *nulls_last(r["denial_source"]),
            *nulls_last(r["note"]),
        )
    )
    return rows


def _about(facts: Row, actor: str | None) -> bool:
    return actor is None or actor in (facts["subject_id"], facts["object_id"])


def single_source_claims(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Claims resting on exactly one independent source."""
    view = View(graph)
    rows = []
    for claim in view.claims():
        facts = view.claim_facts(claim)
        if p["predicate"] is not None and facts["predicate"] != p["predicate"]:
            continue
        if not _about(facts, p["actor"]) or view.source_count(claim) != 1:
            continue
        rows.append(
            {**facts, "sources": view.sources(claim), "summary": view.prop(claim, "summary")}
        )
    rows.sort(key=lambda r: (r["subject_id"], r["predicate"], r["object_id"], r["claim"]))
    return rows


def timeline(graph: nx.MultiDiGraph, p: Params) -> list[Row]:
    """Claims whose stated date, or validity, meets the window [since, until].

    A partial date covers its whole span (``2022-12`` is all of December 2022); a validity
    with one end missing is open on that side; see ``axisgraph.graph.dates.overlaps``.
    """
    view = View(graph)
    stated = p["by"] == "stated"
    rows = []
    for claim in view.claims():
        facts = view.claim_facts(claim)
        if p["predicate"] is not None and facts["predicate"] != p["predicate"]:
            continue
        if not _about(facts, p["actor"]):
            continue
        attrs = graph.nodes[claim]
        start = attrs.get("stated_on") if stated else attrs.get("valid_from")
        end = attrs.get("stated_on") if stated else attrs.get("valid_to")
        if not overlaps(start, end, p["since"], p["until"]):
            continue
        rows.append(
            {
                "claim": claim,
                "stated_on": attrs.get("stated_on"),
                "valid_from": attrs.get("valid_from"),
                "valid_to": attrs.get("valid_to"),
                "subject_id": facts["subject_id"],
                "predicate": facts["predicate"],
                "object_id": facts["object_id"],
                "status": facts["status"],
                "denied": view.denied(claim),
                "summary": attrs.get("summary"),
            }
        )

    def key(r: Row) -> tuple[str, str, str]:
        first = r["stated_on"] if stated else (r["valid_from"] or "0000")
        return (first, r["valid_to"] or "9999", r["claim"])

    rows.sort(key=key)
    return rows
