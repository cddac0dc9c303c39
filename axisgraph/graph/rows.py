"""Flatten records into the node and relationship rows both stores write.

Rows depend only on the record itself (never on other records), so a file can be written
batch by batch, and the memory engine and Neo4j hold exactly the same properties.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from axisgraph.graph.model import Claim, Dataset, Entity, Record, Source
from axisgraph.graph.schema import get_schema

ENTITY_FIELDS = ("description", "country", "wikidata_id")
SOURCE_FIELDS = ("type", "author", "published_on", "url", "seed", "description")
CLAIM_FIELDS = ("summary", "stated_on", "valid_from", "valid_to", "note")

CLAIM_OUT = ("HAS_SUBJECT", "HAS_OBJECT", "INVOLVES", "REPORTED_IN", "VIOLATES", "UNDER")
CLAIM_IN = ("ASSERTS", "DENIES")
SOURCE_OUT = ("CITES", "PUBLISHED_BY", "AUTHORED_BY")


@dataclass(frozen=True)
class NodeRow:
    id: str
    labels: tuple[str, ...]
    props: dict[str, Any]  # includes name and aliases, never None values


@dataclass(frozen=True)
class EdgeRow:
    source: str
    target: str
    type: str
    props: dict[str, Any]


def clean(props: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values: neither store keeps them."""
    return {k: v for k, v in props.items() if v is not None}


def claim_caption(claim: Claim) -> str:
    """The claim's ``name``: its summary, or subject-predicate-object when it has none."""
    return claim.summary or f"{claim.subject} {claim.predicate} {claim.object}"


def node_row(record: Record) -> NodeRow:
    """The node a record becomes."""
    if isinstance(record, Claim):
        props = {f: getattr(record, f) for f in CLAIM_FIELDS}
        props.update(
            predicate=record.predicate,
            status=record.status,
            quantities=[str(q) for q in record.quantities],
        )
        base = {"name": claim_caption(record), "aliases": []}
        return NodeRow(record.id, ("Claim",), clean({**record.properties, **props, **base}))
    if isinstance(record, Source):
        props = {f: getattr(record, f) for f in SOURCE_FIELDS}
        base = {"name": record.name, "aliases": list(record.aliases)}
        return NodeRow(record.id, ("Source",), clean({**record.properties, **props, **base}))
    assert isinstance(record, Entity)
    props = {f: getattr(record, f) for f in ENTITY_FIELDS}
    base = {"name": record.name, "aliases": list(record.aliases)}
    labels = get_schema().kinds[record.kind].labels
    return NodeRow(record.id, labels, clean({**record.properties, **props, **base}))


def edge_rows(record: Record) -> Iterator[EdgeRow]:
    """The structure relationships a record owns (a claim's and a source's links)."""
    if isinstance(record, Source):
        for cited in record.cites:
            yield EdgeRow(record.id, cited, "CITES", {})
        if record.publisher:
            yield EdgeRow(record.id, record.publisher, "PUBLISHED_BY", {})
        if record.speaker:
            yield EdgeRow(record.id, record.speaker, "AUTHORED_BY", {})
        return
    if not isinstance(record, Claim):
        return
    yield EdgeRow(record.id, record.subject, "HAS_SUBJECT", {})
    yield EdgeRow(record.id, record.object, "HAS_OBJECT", {})
    for item in record.items:
        yield EdgeRow(record.id, item, "INVOLVES", {})
    for who in record.asserted_by:
        yield EdgeRow(who, record.id, "ASSERTS", {})
    for src in record.reported_in:
        yield EdgeRow(record.id, src, "REPORTED_IN", {})
    for instrument in record.violates:
        yield EdgeRow(record.id, instrument, "VIOLATES", {})
    for instrument in record.under:
        yield EdgeRow(record.id, instrument, "UNDER", {})
    for denial in record.denials:
        props = clean({"on": denial.on, "source_id": denial.source, "note": denial.note})
        yield EdgeRow(denial.by, record.id, "DENIES", props)


def dataset_rows(dataset: Dataset) -> tuple[list[NodeRow], list[EdgeRow]]:
    """All node rows and structure rows of a dataset (SAME_AS links included)."""
    nodes = [node_row(r) for r in dataset.records()]
    edges = [e for r in dataset.records() for e in edge_rows(r)]
    edges.extend(EdgeRow(s.left, s.right, "SAME_AS", {"basis": s.basis}) for s in dataset.same_as)
    return nodes, edges
