"""Flatten records into the node and relationship rows both stores write.

Rows depend only on the record itself (never on other records), so a file can be written
batch by batch, and the memory engine and Neo4j hold exactly the same properties.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from axisgraph.graph.model import Claim, Dataset, Denial, Entity, Record, Source
from axisgraph.graph.schema import get_schema

ENTITY_FIELDS = ("description", "country", "wikidata_id")
SOURCE_FIELDS = ("type", "author", "published_on", "url", "seed", "description")
CLAIM_FIELDS = ("summary", "stated_on", "valid_from", "valid_to", "note")


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


def _ends(value: Any) -> list[Any]:
    """A record field's other ends: one id, a list of them, or nothing."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def edge_rows(record: Record) -> Iterator[EdgeRow]:
    """The structure relationships a record owns (a claim's and a source's links).

    Which field becomes which relationship is declared in ``schema.yaml`` (``structure``).
    """
    kind = "Claim" if isinstance(record, Claim) else "Source" if isinstance(record, Source) else ""
    if not kind:
        return
    for rel_type, field_name, inbound in get_schema().record_fields(kind):
        for end in _ends(getattr(record, field_name)):
            if isinstance(end, Denial):
                props = clean({"on": end.on, "source_id": end.source, "note": end.note})
                yield EdgeRow(end.by, record.id, rel_type, props)
            elif inbound:
                yield EdgeRow(end, record.id, rel_type, {})
            else:
                yield EdgeRow(record.id, end, rel_type, {})


def record_refs(record: Record) -> set[str]:
    """Every id a record points at (a denial's source, an entity's country): what must exist."""
    if isinstance(record, Entity):
        return {record.country} if record.country else set()
    refs = {row.target if row.source == record.id else row.source for row in edge_rows(record)}
    if isinstance(record, Claim):
        refs |= {d.source for d in record.denials if d.source}
    return refs


def dataset_rows(dataset: Dataset) -> tuple[list[NodeRow], list[EdgeRow]]:
    """All node rows and structure rows of a dataset (SAME_AS links included)."""
    nodes = [node_row(r) for r in dataset.records()]
    edges = [e for r in dataset.records() for e in edge_rows(r)]
    edges.extend(EdgeRow(s.left, s.right, "SAME_AS", {"basis": s.basis}) for s in dataset.same_as)
    return nodes, edges
