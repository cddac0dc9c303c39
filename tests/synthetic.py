"""Small deterministic synthetic claim graphs for tests that need volume (not realism)."""

from __future__ import annotations

import random

from axisgraph.graph.model import Claim, Dataset, Denial, Entity, Source

KINDS = ["State", "ArmedGroup", "Company", "GovernmentBody", "Person"]
PREDICATES = [
    ("supplies", "Actor"),
    ("designates", "Actor"),
    ("backs", "Actor"),
    ("owns", "Actor"),
    ("allied_with", "Actor"),
]
STATUSES = ["announced_action", "official_statement", "assessment", "media_report", "plan"]


def synthetic(actors: int, claims: int, seed: int = 7, prefix: str = "syn") -> Dataset:
    """``actors`` actors, ``actors // 10 + 1`` sources, ``claims`` claims, all valid."""
    rng = random.Random(seed)
    data = Dataset()
    for i in range(actors):
        data.add(
            Entity(
                id=f"{prefix}-a{i}",
                kind=KINDS[i % len(KINDS)],
                name=f"Actor {i}",
                aliases=[f"A{i}"],
            )
        )
    n_sources = actors // 10 + 1
    for i in range(n_sources):
        cites = [f"{prefix}-s{i - 1}"] if i and rng.random() < 0.3 else []
        data.add(
            Source(
                id=f"{prefix}-s{i}",
                name=f"Source {i}",
                type="article",
                published_on=f"20{10 + i % 14:02d}-0{1 + i % 9}",
                cites=cites,
            )
        )
    for i in range(claims):
        subject, obj = rng.sample(range(actors), 2)
        predicate, _ = PREDICATES[i % len(PREDICATES)]
        sources = sorted({f"{prefix}-s{rng.randrange(n_sources)}" for _ in range(2)})
        denials = (
            [Denial(by=f"{prefix}-a{subject}", on="2023-01", source=sources[0])]
            if rng.random() < 0.1
            else []
        )
        data.add(
            Claim(
                id=f"{prefix}-c{i}",
                subject=f"{prefix}-a{subject}",
                predicate=predicate,
                object=f"{prefix}-a{obj}",
                status=STATUSES[i % len(STATUSES)],
                summary=f"Claim {i}",
                stated_on=f"2023-0{1 + i % 9}",
                asserted_by=[f"{prefix}-a{subject}"],
                reported_in=sources,
                denials=denials,
            )
        )
    return data
