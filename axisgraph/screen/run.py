"""Screen names against a store: each hit with its score, why, and its network context.

The network context of a hit is what an analyst checks next: the designations that target it
(by whom, under which instrument, when, with what status, in which claim) and, when it is not
designated itself, how it is tied to designated actors (the ``sanctions_exposure`` query:
the ties it walks and the claims along them). Both come from the canned queries, so they are
the same on both engines and can be re-run by hand (``axisgraph query run designations_of -p
actor=ID``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from axisgraph.graph.schema import ACTOR_LABEL
from axisgraph.queries.engines import Runnable, engine_for
from axisgraph.queries.registry import run_query
from axisgraph.screen.matcher import DEFAULT_CAP, DEFAULT_THRESHOLD, Entry, Match, NameIndex, Query


@dataclass
class Hit:
    """One match, with the designations and exposure behind it."""

    match: Match
    designations: list[dict[str, Any]] = field(default_factory=list)
    exposure: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        m = self.match
        return {
            "id": m.entry.id,
            "name": m.entry.name,
            "kind": m.entry.kind,
            "score": m.score,
            "matched_name": m.matched_name,
            "why": m.explanation,
            "features": m.features,
            "designations": self.designations,
            "exposure": self.exposure,
        }


@dataclass
class Screened:
    """One screened name and its hits (none: no actor scored at or above the threshold)."""

    query: Query
    hits: list[Hit]

    def to_dict(self) -> dict[str, Any]:
        q = self.query
        return {
            "ref": q.ref,
            "name": q.name,
            "kind": q.kind or None,
            "country": q.country or None,
            "birth_date": q.birth_date or None,
            "hits": [h.to_dict() for h in self.hits],
        }


def actor_entries(store: Runnable) -> list[Entry]:
    """Every actor of the store, with its names and kind, in id order."""
    engine = engine_for(store)
    found = engine.candidates(ACTOR_LABEL)
    kinds = _kinds(store, [i for i, _, _ in found])
    return [
        Entry(id=i, kind=kinds.get(i, ""), name=str(name or i), aliases=tuple(aliases))
        for i, name, aliases in found
    ]


def _kinds(store: Runnable, ids: list[str]) -> dict[str, str]:
    kinds_of = getattr(store, "kinds_of", None)
    if kinds_of is not None:
        return dict(kinds_of(ids))
    graph: Any = store  # a bare networkx graph: a node's first label is its kind
    return {i: graph.nodes[i]["labels"][0] for i in ids if i in graph}


class Screener:
    """An index of a store's actors and the queries that give each hit its context."""

    def __init__(
        self,
        store: Runnable,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        cap: int = DEFAULT_CAP,
        max_hops: int = 2,
    ) -> None:
        self.store = store
        self.threshold = threshold
        self.cap = cap
        self.max_hops = max_hops
        self.index = NameIndex(actor_entries(store))
        self._context: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
        self._exposure: dict[str, list[dict[str, Any]]] | None = None

    def screen(self, queries: Iterable[Query]) -> Iterator[Screened]:
        """Each query with its hits, in input order (streams: one query at a time)."""
        for query in queries:
            matches = self.index.match(query, threshold=self.threshold, cap=self.cap)
            yield Screened(query, [self._hit(m) for m in matches])

    def _hit(self, match: Match) -> Hit:
        actor = match.entry.id
        if actor not in self._context:
            rows = run_query("designations_of", {"actor": actor}, self.store).rows
            self._context[actor] = (rows, self.exposure_of(actor))
        designations, exposure = self._context[actor]
        return Hit(match, designations, exposure)

    def exposure_of(self, actor: str) -> list[dict[str, Any]]:
        """The rows of ``sanctions_exposure`` (to ``max_hops``) about ``actor``."""
        if self._exposure is None:
            rows = run_query("sanctions_exposure", {"max_hops": self.max_hops}, self.store).rows
            by_actor: dict[str, list[dict[str, Any]]] = {}
            for row in rows:
                by_actor.setdefault(str(row["actor_id"]), []).append(row)
            self._exposure = by_actor
        return self._exposure.get(actor, [])
