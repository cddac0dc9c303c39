"""Derive the direct relationships between entities from the claims behind them.

This one function is used by both engines: the memory engine projects a whole dataset, the
Neo4j writer re-projects the (subject, type, object) triples a load touched, from the claims
it reads back. Projections are never edited by hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from axisgraph.graph.schema import get_schema

if TYPE_CHECKING:
    from axisgraph.graph.model import Claim


@dataclass(frozen=True)
class ClaimFacts:
    """What projection needs to know about one claim."""

    id: str
    subject: str
    object: str
    predicate: str
    status: str
    stated_on: str | None
    valid_from: str | None
    valid_to: str | None
    sources: tuple[str, ...]
    denied: bool

    @classmethod
    def of(cls, claim: Claim) -> ClaimFacts:
        """The projection inputs of a curated claim."""
        return cls(
            id=claim.id,
            subject=claim.subject,
            object=claim.object,
            predicate=claim.predicate,
            status=claim.status,
            stated_on=claim.stated_on,
            valid_from=claim.valid_from,
            valid_to=claim.valid_to,
            sources=tuple(dict.fromkeys(claim.reported_in)),
            denied=bool(claim.denials),
        )


@dataclass(frozen=True)
class Projection:
    """One direct relationship, derived from one or more claims."""

    source: str
    target: str
    type: str
    status: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    source_count: int
    denied: bool
    first_reported: str | None
    last_reported: str | None
    valid_from: str | None
    valid_to: str | None

    def properties(self) -> dict[str, Any]:
        """The relationship's properties as both stores keep them (no ``None`` values)."""
        props: dict[str, Any] = {
            "projected": True,
            "status": self.status,
            "claims": list(self.claims),
            "sources": list(self.sources),
            "source_count": self.source_count,
            "claim_count": len(self.claims),
            "denied": self.denied,
            "first_reported": self.first_reported,
            "last_reported": self.last_reported,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
        }
        return {k: v for k, v in props.items() if v is not None}


def _ancestors(start: str, cites: Mapping[str, Iterable[str]]) -> set[str]:
    """Every source that ``start`` relies on, directly or through other sources."""
    seen: set[str] = set()
    stack = list(cites.get(start, ()))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(cites.get(current, ()))
    return seen


def independent_sources(sources: Iterable[str], cites: Mapping[str, Iterable[str]]) -> int:
    """How many of ``sources`` are independent.

    A source that cites another of the same set, directly or through a chain of citations,
    is not independent of it: they count once together. Two reports that cite nothing in the
    set count twice, even if some third document cites both. Sources that cite each other in
    a circle count once.
    """
    group = set(sources)
    upstream = {s: _ancestors(s, cites) & group for s in group}
    origins = set()
    for s, above in upstream.items():
        mutual = {t for t in above if s in upstream[t]}
        if above - mutual:
            continue  # relies on a source of the set that does not rely on it
        origins.add(frozenset(mutual | {s}))
    return len(origins)


def _min(values: Iterable[str | None]) -> str | None:
    present = [v for v in values if v]
    return min(present) if present else None


def _max(values: Iterable[str | None]) -> str | None:
    present = [v for v in values if v]
    return max(present) if present else None


def project(
    claims: Iterable[ClaimFacts],
    cites: Mapping[str, Iterable[str]],
    published: Mapping[str, str | None],
) -> list[Projection]:
    """Group claims by (subject, relationship type, object) and summarise each group.

    Args:
        claims: the claims to project.
        cites: source id -> ids of the sources it cites.
        published: source id -> its publication date, for report dates.

    Returns:
        Projections sorted by (source, type, target).
    """
    schema = get_schema()
    groups: dict[tuple[str, str, str], list[ClaimFacts]] = defaultdict(list)
    for claim in claims:
        rel_type = schema.predicates[claim.predicate].projects_to
        groups[(claim.subject, rel_type, claim.object)].append(claim)
    result = []
    for (subject, rel_type, obj), members in sorted(groups.items()):
        sources = sorted({s for c in members for s in c.sources})
        reported = [c.stated_on for c in members] + [published.get(s) for s in sources]
        result.append(
            Projection(
                source=subject,
                target=obj,
                type=rel_type,
                status=max((c.status for c in members), key=schema.status_rank),
                claims=tuple(sorted(c.id for c in members)),
                sources=tuple(sources),
                source_count=independent_sources(sources, cites),
                denied=any(c.denied for c in members),
                first_reported=_min(reported),
                last_reported=_max(reported),
                valid_from=_min(c.valid_from for c in members),
                valid_to=_max(c.valid_to for c in members),
            )
        )
    return result
