"""Match names against the graph's actors: candidates by character trigrams, scores by
nomenklatura's ``logic-v2`` matcher.

Two steps, as in yente (OpenSanctions' screening service), scaled down to one process:

1. **Candidates.** Every name and alias of every actor is cut into parts by rigour (the
   library behind FtM's name handling), each part transliterated to Latin (its *comparable*
   form: ``Вагнер`` → ``vagner``) and split into character trigrams. A query's trigrams pick
   the entries that share the most of them, weighted by rarity (inverse document frequency),
   so a transliteration variant (``vagner``/``wagner``) or a typo still shares most trigrams.
2. **Scores.** The best ``cap`` candidates are scored by nomenklatura's ``logic-v2`` (the
   matcher OpenSanctions uses: symbolic name parts, organisation types, initials, fuzzy
   residue, birth dates and countries). Its explanation says which names matched and how.

``bench/screen.py`` measured the choice on OpenSanctions' labelled name pairs: see
``bench/RESULTS.md`` ("Screening").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

DEFAULT_THRESHOLD = 0.7
"""The score from which a candidate is a hit: where F1 peaks on the labelled pairs."""

DEFAULT_CAP = 10
"""How many candidates per name are scored (the best by shared trigrams)."""

PERSON_KINDS = frozenset({"Person"})
COMPANY_KINDS = frozenset({"Company"})

QUERY_SCHEMA = {
    "person": "Person",
    "company": "Company",
    "organization": "Organization",
    "organisation": "Organization",
    "vessel": "Vessel",
    "": "LegalEntity",
}
"""The FtM schema a screened row is compared as, by its ``kind`` column (any case)."""


@dataclass(frozen=True)
class Entry:
    """An actor as the matcher sees it."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n))


@dataclass(frozen=True)
class Query:
    """One name to screen, with what else the row says about it."""

    name: str
    kind: str = ""
    country: str = ""
    birth_date: str = ""
    ref: str = ""
    """The row's own id, or its line number."""


@dataclass(frozen=True)
class Match:
    """A candidate scored against a query."""

    entry: Entry
    score: float
    matched_name: str
    """The actor's name or alias the best name score came from."""
    query_name: str
    explanation: str
    """logic-v2's account of the name match (which parts, symbolic or fuzzy, weights)."""
    features: dict[str, float] = field(default_factory=dict)
    """The other non-zero features (birth date, country, identifiers), by name."""


def trigrams(form: str) -> set[str]:
    """The character trigrams of one comparable name part, padded at both ends."""
    padded = f"  {form} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@cache
def _schema_for_kind(kind: str) -> str:
    from axisgraph.ftm.mapping import get_mapping

    exported = get_mapping().export_kinds.get(kind)
    return str(exported["schema"]) if exported else "LegalEntity"


def _tag_for(schema: str) -> Any:
    from rigour.names import NameTypeTag

    if schema == "Person":
        return NameTypeTag.PER
    if schema == "Vessel":
        return NameTypeTag.OBJ
    if schema in ("LegalEntity", "Thing"):
        return NameTypeTag.ENT
    return NameTypeTag.ORG


def comparable_parts(names: Sequence[str], schema: str) -> set[str]:
    """The comparable (Latin, lower-case) forms of the parts of ``names``."""
    from rigour.names import analyze_names

    forms: set[str] = set()
    for name in analyze_names(_tag_for(schema), list(names), symbols=False, phonetics=False):
        forms.update(p.comparable for p in name.parts if p.comparable)
    return forms


class NameIndex:
    """Trigram postings over every name of every entry, and the scorer on top."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: list[Entry] = list(entries)
        postings: dict[str, list[int]] = {}
        for number, entry in enumerate(self.entries):
            for gram in self._grams(entry.names, _schema_for_kind(entry.kind)):
                postings.setdefault(gram, []).append(number)
        total = max(len(self.entries), 1)
        self.postings = {g: np.asarray(p, dtype=np.int32) for g, p in postings.items()}
        self.idf = {g: float(np.log(1 + total / len(p))) for g, p in postings.items()}
        self._proxies: dict[int, EntityProxy] = {}

    @staticmethod
    def _grams(names: Sequence[str], schema: str) -> set[str]:
        grams: set[str] = set()
        for form in comparable_parts(names, schema):
            grams |= trigrams(form)
        return grams

    def candidates(self, query: Query, cap: int = DEFAULT_CAP) -> list[int]:
        """The ``cap`` entries (their numbers) sharing the most rarity-weighted trigrams."""
        schema = QUERY_SCHEMA.get(query.kind.lower(), "LegalEntity")
        grams = [g for g in self._grams([query.name], schema) if g in self.postings]
        if not grams or not self.entries:
            return []
        weights = np.zeros(len(self.entries), dtype=np.float64)
        for gram in grams:
            weights[self.postings[gram]] += self.idf[gram]
        # the best ``cap`` by weight, ties by position (stable: the same answer every run)
        best = np.argsort(-weights, kind="stable")[:cap]
        return [int(i) for i in best if weights[i] > 0]

    def match(
        self, query: Query, *, threshold: float = DEFAULT_THRESHOLD, cap: int = DEFAULT_CAP
    ) -> list[Match]:
        """The candidates that score at least ``threshold``, best first."""
        found = [score(query, number, self) for number in self.candidates(query, cap)]
        hits = [m for m in found if m.score >= threshold]
        return sorted(hits, key=lambda m: (-m.score, m.entry.id))

    def proxy_for(self, number: int) -> EntityProxy:
        proxy = self._proxies.get(number)
        if proxy is None:
            proxy = self._proxies[number] = _entry_proxy(self.entries[number])
        return proxy

    def fresh_id(self) -> str:
        return fresh_id()


@cache
def _algorithm() -> tuple[Any, Any]:
    from nomenklatura.matching import get_algorithm
    from nomenklatura.matching.types import ScoringConfig

    algorithm = get_algorithm("logic-v2")
    if algorithm is None:  # pragma: no cover - shipped with every nomenklatura 4.x
        raise RuntimeError("nomenklatura has no logic-v2 matcher")
    return algorithm, ScoringConfig.defaults()


def _entry_proxy(entry: Entry) -> EntityProxy:
    from followthemoney import model

    proxy = model.make_entity(_schema_for_kind(entry.kind))
    proxy.id = fresh_id()
    proxy.add("name", entry.name)
    proxy.add("alias", list(entry.aliases))
    if proxy.schema.is_a("LegalEntity"):
        proxy.add("country", list(entry.countries), quiet=True)
    if proxy.schema.is_a("Person"):
        proxy.add("birthDate", list(entry.birth_dates), quiet=True)
    return proxy


def _query_proxy(query: Query, proxy_id: str) -> EntityProxy:
    from followthemoney import model

    proxy = model.make_entity(QUERY_SCHEMA.get(query.kind.lower(), "LegalEntity"))
    proxy.id = proxy_id
    proxy.add("name", query.name)
    if query.country:
        proxy.add("country", query.country, quiet=True)
    if query.birth_date and proxy.schema.is_a("Person"):
        proxy.add("birthDate", query.birth_date, quiet=True)
    return proxy


def score(query: Query, number: int, index: NameIndex) -> Match:
    """Score entry ``number`` of ``index`` against one query with logic-v2."""
    algorithm, config = _algorithm()
    entry = index.entries[number]
    candidate = index.proxy_for(number)
    result = algorithm.compare(_query_proxy(query, index.fresh_id()), candidate, config)
    name = result.explanations.get("name_match")
    features = {
        key: round(float(value.score), 3)
        for key, value in result.explanations.items()
        if key != "name_match" and value.score
    }
    return Match(
        entry=entry,
        score=round(float(result.score), 3),
        matched_name=str(getattr(name, "candidate", None) or entry.name),
        query_name=str(getattr(name, "query", None) or query.name),
        explanation=str(getattr(name, "detail", None) or ""),
        features=features,
    )


def compare(query: Query, entry: Entry) -> float:
    """logic-v2's score of one query against one entry, outside any index (evaluations)."""
    algorithm, config = _algorithm()
    candidate = _entry_proxy(entry)
    return float(algorithm.compare(_query_proxy(query, fresh_id()), candidate, config).score)


_SERIAL = itertools.count()


def fresh_id() -> str:
    """A proxy id never used before in this process: logic-v2 caches results by entity id,
    so a reused id would answer for another name."""
    return f"axisgraph-screen-{next(_SERIAL)}"
