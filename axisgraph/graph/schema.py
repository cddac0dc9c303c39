"""The schema, loaded once from ``schema.yaml``: node kinds, statuses, predicates, relationships.

Everything that names a label, a relationship type or a status reads it from here, so a name
that is not in the schema can never reach Cypher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

ENTITY_LABEL = "Entity"
"""The label every node carries in Neo4j; its ``id`` is unique across the graph."""
ACTOR_LABEL = "Actor"

_IDENTIFIER = re.compile(r"^[A-Z][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class NodeKind:
    name: str
    actor: bool
    description: str
    color: str
    shape: str

    @property
    def labels(self) -> tuple[str, ...]:
        """The node's labels, kind first (``Entity`` is added by the Neo4j writer)."""
        return (self.name, ACTOR_LABEL) if self.actor else (self.name,)


@dataclass(frozen=True)
class Status:
    name: str
    rank: int
    label: str
    description: str
    color: str
    dashes: bool | tuple[int, ...]


@dataclass(frozen=True)
class Predicate:
    name: str
    projects_to: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    label: str
    color: str | None = None  # the relationship type's colour on maps; else a palette's
    adversarial: bool = False  # sets its ends against each other: exposure never walks it


@dataclass(frozen=True)
class Schema:
    """The whole schema."""

    kinds: dict[str, NodeKind]
    statuses: dict[str, Status]
    predicates: dict[str, Predicate]
    structure: dict[str, dict[str, Any]]
    denied_style: dict[str, Any]

    @property
    def adversarial_types(self) -> tuple[str, ...]:
        """Projected types of adversarial predicates, in schema order (exposure skips them)."""
        found = (p.projects_to for p in self.predicates.values() if p.adversarial)
        return tuple(dict.fromkeys(found))

    def record_fields(self, kind: str) -> tuple[tuple[str, str, bool], ...]:
        """(relationship type, record field, inbound) for the links a Claim or Source owns."""
        return tuple(
            (rel_type, spec["field"], bool(spec.get("inbound", False)))
            for rel_type, spec in self.structure.items()
            if "field" in spec and spec["to" if spec.get("inbound") else "from"] == kind
        )

    @property
    def projected_types(self) -> tuple[str, ...]:
        """Relationship types that claims project to, in schema order, without repeats."""
        return tuple(dict.fromkeys(p.projects_to for p in self.predicates.values()))

    @property
    def relationship_types(self) -> tuple[str, ...]:
        return tuple(self.structure) + self.projected_types

    @property
    def labels(self) -> tuple[str, ...]:
        return (ENTITY_LABEL, ACTOR_LABEL, *self.kinds)

    @property
    def actor_kinds(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.kinds.items() if v.actor)

    def kind_fits(self, kind: str, allowed: tuple[str, ...]) -> bool:
        """Whether a node of ``kind`` may stand where ``allowed`` kinds (or ``Actor``) may."""
        if "*" in allowed or kind in allowed:
            return True
        return ACTOR_LABEL in allowed and self.kinds[kind].actor

    def status_rank(self, status: str) -> int:
        return self.statuses[status].rank

    def check_label(self, label: str) -> str:
        """Return ``label`` if the schema declares it; raise ``ValueError`` otherwise."""
        if label not in self.labels or not _IDENTIFIER.match(label):
            raise ValueError(f"label {label!r} is not in the schema")
        return label

    def check_type(self, rel_type: str) -> str:
        """Return ``rel_type`` if the schema declares it; raise ``ValueError`` otherwise."""
        if rel_type not in self.relationship_types or not _IDENTIFIER.match(rel_type):
            raise ValueError(f"relationship type {rel_type!r} is not in the schema")
        return rel_type

    def predicate_for_type(self, rel_type: str) -> list[str]:
        return [p.name for p in self.predicates.values() if p.projects_to == rel_type]


def _dashes(value: Any) -> bool | tuple[int, ...]:
    return tuple(int(v) for v in value) if isinstance(value, list) else bool(value)


def _parse(raw: dict[str, Any]) -> Schema:
    kinds = {
        name: NodeKind(name, bool(v["actor"]), v["description"], v["color"], v["shape"])
        for name, v in raw["node_kinds"].items()
    }
    statuses = {
        name: Status(
            name, int(v["rank"]), v["label"], v["description"], v["color"], _dashes(v["dashes"])
        )
        for name, v in raw["statuses"].items()
    }
    predicates = {
        name: Predicate(
            name,
            v["projects_to"],
            tuple(v["subject"]),
            tuple(v["object"]),
            v["label"],
            v.get("color"),
            bool(v.get("adversarial", False)),
        )
        for name, v in raw["predicates"].items()
    }
    schema = Schema(kinds, statuses, predicates, dict(raw["structure"]), dict(raw["denied_style"]))
    for name in schema.relationship_types + schema.labels:
        if not _IDENTIFIER.match(name):
            raise ValueError(f"schema.yaml: {name!r} is not a valid label or type name")
    ranks = [s.rank for s in statuses.values()]
    if len(set(ranks)) != len(ranks):
        raise ValueError("schema.yaml: status ranks must be distinct")
    return schema


@cache
def get_schema() -> Schema:
    """The package's schema, parsed once."""
    text = resources.files("axisgraph.graph").joinpath("schema.yaml").read_text("utf-8")
    return _parse(yaml.safe_load(text))
