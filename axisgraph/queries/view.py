"""Read helpers over the intermediate graph, shared by the memory implementations.

Each helper mirrors one Cypher idiom used in the ``.cypher`` files, so the two engines read
the graph the same way: a node's kind is its one schema label, a claim's subject is the
target of its ``HAS_SUBJECT`` relationship, projected relationships carry ``projected``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from axisgraph.graph.projection import independent_sources
from axisgraph.graph.schema import ACTOR_LABEL, get_schema

if TYPE_CHECKING:  # networkx costs 0.2 s at start: imported where a graph is made
    import networkx as nx

STATUS_RANK = {name: s.rank for name, s in get_schema().statuses.items()}


def rank(status: str | None) -> int:
    """A status's rank (0 for none), as the ``rank`` map in the Cypher files gives it."""
    return STATUS_RANK.get(status, 0) if status else 0


def at_least(status: str | None, minimum: str | None) -> bool:
    """Whether ``status`` is at least as strong as ``minimum`` (always, without a minimum)."""
    return minimum is None or rank(status) >= rank(minimum)


def link_facts(d: dict[str, Any]) -> dict[str, Any]:
    """What every answer row about a projected relationship says of it, from its attributes."""
    return {
        "status": d["status"],
        "claims": list(d["claims"]),
        "source_count": d["source_count"],
        "denied": d["denied"],
        "first_reported": d.get("first_reported"),
        "last_reported": d.get("last_reported"),
        "valid_from": d.get("valid_from"),
        "valid_to": d.get("valid_to"),
    }


def nulls_last(value: Any) -> tuple[bool, Any]:
    """Sort key part that orders like Cypher's ascending ``ORDER BY`` (nulls last)."""
    return (value is None, "" if value is None else value)


class View:
    """Cypher-shaped reads of one intermediate graph."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.g = graph

    # -- nodes -----------------------------------------------------------------------------

    def has(self, node: str) -> bool:
        return node in self.g

    def kind(self, node: str) -> str:
        labels: list[str] = self.g.nodes[node]["labels"]
        return labels[0]

    def name(self, node: str) -> Any:
        return self.g.nodes[node].get("name")

    def prop(self, node: str, key: str) -> Any:
        return self.g.nodes[node].get(key)

    def is_a(self, node: str, label: str) -> bool:
        return label in self.g.nodes[node]["labels"]

    def is_actor(self, node: str) -> bool:
        return self.is_a(node, ACTOR_LABEL)

    def nodes_with(self, label: str) -> list[str]:
        return sorted(n for n, labels in self.g.nodes(data="labels") if label in labels)

    # -- relationships ---------------------------------------------------------------------

    def out(self, node: str, rel_type: str) -> list[str]:
        """Targets of ``node``'s outgoing ``rel_type`` relationships, sorted, without repeats."""
        return sorted({v for _, v, t in self.g.out_edges(node, data="type") if t == rel_type})

    def into(self, node: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        """(source, properties) of each incoming ``rel_type`` relationship."""
        return [(u, d) for u, _, d in self.g.in_edges(node, data=True) if d["type"] == rel_type]

    def projected(self, types: Iterable[str] | None = None) -> Iterator[tuple[str, str, Any]]:
        """Every projected relationship (of ``types``) as (source, target, properties)."""
        wanted = set(types) if types is not None else None
        for u, v, d in self.g.edges(data=True):
            if d.get("projected") and (wanted is None or d["type"] in wanted):
                yield u, v, d

    def projected_out(self, node: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        return [
            (v, d)
            for _, v, d in self.g.out_edges(node, data=True)
            if d.get("projected") and d["type"] == rel_type
        ]

    def projected_in(self, node: str, rel_type: str) -> list[tuple[str, dict[str, Any]]]:
        return [
            (u, d)
            for u, _, d in self.g.in_edges(node, data=True)
            if d.get("projected") and d["type"] == rel_type
        ]

    def projected_between(self, a: str, b: str) -> list[tuple[str, str, dict[str, Any]]]:
        """Projected relationships between ``a`` and ``b``, either direction."""
        found = []
        for u, v in ((a, b), (b, a)):
            for d in self.g.get_edge_data(u, v, default={}).values():
                if d.get("projected"):
                    found.append((u, v, d))
        return found

    # -- claims ----------------------------------------------------------------------------

    def claims(self) -> list[str]:
        return self.nodes_with("Claim")

    def subject(self, claim: str) -> str:
        return self.out(claim, "HAS_SUBJECT")[0]

    def object(self, claim: str) -> str:
        return self.out(claim, "HAS_OBJECT")[0]

    def items(self, claim: str) -> list[str]:
        return self.out(claim, "INVOLVES")

    def sources(self, claim: str) -> list[str]:
        return self.out(claim, "REPORTED_IN")

    def deniers(self, claim: str) -> list[str]:
        return sorted({who for who, _ in self.into(claim, "DENIES")})

    def denied(self, claim: str) -> bool:
        return bool(self.into(claim, "DENIES"))

    def asserters(self, claim: str) -> list[str]:
        return sorted({who for who, _ in self.into(claim, "ASSERTS")})

    @cached_property
    def cites(self) -> dict[str, list[str]]:
        """Source id -> the sources it cites (``CITES`` between ``Source`` nodes)."""
        found: dict[str, list[str]] = {}
        for u, v, t in self.g.edges(data="type"):
            if t == "CITES" and self.is_a(u, "Source") and self.is_a(v, "Source"):
                found.setdefault(u, []).append(v)
        return found

    def source_count(self, claim: str) -> int:
        """How many of the claim's sources are independent (none cites another, even by way)."""
        return independent_sources(self.sources(claim), self.cites)

    def claim_facts(self, claim: str) -> dict[str, Any]:
        """The columns most claim-listing queries share."""
        attrs = self.g.nodes[claim]
        return {
            "claim": claim,
            "subject_id": self.subject(claim),
            "predicate": attrs.get("predicate"),
            "object_id": self.object(claim),
            "status": attrs.get("status"),
            "stated_on": attrs.get("stated_on"),
        }
