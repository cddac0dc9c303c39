"""The domain model: entities, sources and claims, as loaders produce them.

A ``Dataset`` is what a loader returns and what ``build_graph`` turns into the intermediate
graph. Records keep the place they came from (``Location``) so validation can point at the
file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

Scalar = str | int | float | bool
PropValue = Scalar | list[Scalar]


@dataclass
class Location:
    """Where a record came from: a file, the record's line, and the line of each field."""

    path: str | None = None
    line: int | None = None
    fields: dict[str, int] = field(default_factory=dict)
    label: str | None = None  # how to name the record itself, e.g. "claims[3]"

    def of(self, name: str) -> tuple[str | None, int | None, str]:
        """(path, line, dotted field name) for a field of this record."""
        line = self.fields.get(name.split(".")[0].split("[")[0], self.line)
        full = f"{self.label}.{name}" if self.label else name
        return self.path, line, full


@dataclass
class Entity:
    """An actor, weapon, instrument or place."""

    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    country: str | None = None
    wikidata_id: str | None = None
    properties: dict[str, PropValue] = field(default_factory=dict)
    loc: Location | None = field(default=None, compare=False, repr=False)


@dataclass
class Source:
    """A document that reports claims."""

    id: str
    name: str
    type: str | None = None
    publisher: str | None = None
    author: str | None = None
    speaker: str | None = None
    published_on: str | None = None
    url: str | None = None
    cites: list[str] = field(default_factory=list)
    seed: str | None = None
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, PropValue] = field(default_factory=dict)
    loc: Location | None = field(default=None, compare=False, repr=False)

    kind = "Source"


_QUANTITY = re.compile(r"^(~)?(-?\d+(?:\.\d+)?)?\s*(.*)$")


@dataclass(frozen=True)
class Quantity:
    """An amount with its unit, e.g. 1,700 drones, or about 7,000 USD per drone."""

    amount: float | None
    unit: str | None
    approximate: bool = False

    def __str__(self) -> str:
        parts = []
        if self.amount is not None:
            number = int(self.amount) if float(self.amount).is_integer() else self.amount
            parts.append(("~" if self.approximate else "") + str(number))
        if self.unit:
            parts.append(self.unit)
        return " ".join(parts)

    @classmethod
    def parse(cls, text: str) -> Quantity:
        """Read back the form ``str`` writes."""
        match = _QUANTITY.match(text.strip())
        assert match is not None  # the pattern matches any string
        approx, number, unit = match.groups()
        amount = float(number) if number is not None else None
        return cls(amount, unit or None, bool(approx))


@dataclass(frozen=True)
class Denial:
    """Someone denied a claim, on a date, in a source."""

    by: str
    on: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass
class Claim:
    """A subject stands in a relation (predicate) to an object, as someone stated."""

    id: str
    subject: str
    predicate: str
    object: str
    status: str
    summary: str | None = None
    stated_on: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    items: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    asserted_by: list[str] = field(default_factory=list)
    reported_in: list[str] = field(default_factory=list)
    under: list[str] = field(default_factory=list)
    violates: list[str] = field(default_factory=list)
    denials: list[Denial] = field(default_factory=list)
    note: str | None = None
    properties: dict[str, PropValue] = field(default_factory=dict)
    loc: Location | None = field(default=None, compare=False, repr=False)

    kind = "Claim"


@dataclass(frozen=True)
class SameAs:
    """Two ids name the same real-world entity, and why we think so."""

    left: str
    right: str
    basis: str


Record = Entity | Source | Claim


@dataclass
class Dataset:
    """Entities, sources and claims, keyed by id; ids are unique across all three."""

    entities: dict[str, Entity] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    same_as: list[SameAs] = field(default_factory=list)

    def get(self, record_id: str) -> Record | None:
        return (
            self.entities.get(record_id)
            or self.sources.get(record_id)
            or self.claims.get(record_id)
        )

    def kind_of(self, record_id: str) -> str | None:
        record = self.get(record_id)
        return record.kind if record is not None else None

    def records(self) -> Iterator[Record]:
        yield from self.entities.values()
        yield from self.sources.values()
        yield from self.claims.values()

    def __len__(self) -> int:
        return len(self.entities) + len(self.sources) + len(self.claims)

    def merge(self, other: Dataset) -> Dataset:
        """A new dataset: this one updated by ``other`` (records with the same id replaced)."""
        merged = Dataset({**self.entities}, {**self.sources}, {**self.claims}, list(self.same_as))
        for record in other.records():
            merged.entities.pop(record.id, None)
            merged.sources.pop(record.id, None)
            merged.claims.pop(record.id, None)
            merged.add(record)
        seen = set(merged.same_as)
        merged.same_as.extend(s for s in other.same_as if s not in seen)
        return merged

    def add(self, record: Record) -> None:
        if isinstance(record, Claim):
            self.claims[record.id] = record
        elif isinstance(record, Source):
            self.sources[record.id] = record
        else:
            self.entities[record.id] = record
