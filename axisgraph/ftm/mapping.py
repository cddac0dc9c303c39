"""The FtM mapping table and the authority table, loaded once from their YAML files.

``mapping.yaml`` says which FtM schema becomes which node kind or claim predicate (and
back, for the export); ``authorities.yaml`` says which authority strings name an actor.
The FtM model itself comes from ``followthemoney``: nothing here restates it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from followthemoney import model
from followthemoney.schema import Schema as FtmSchema
from normality import normalize

from axisgraph.graph.schema import get_schema


@dataclass(frozen=True)
class Relation:
    """An FtM relationship schema read as a claim: ``subject`` -predicate-> ``object``."""

    schema: str
    predicate: str
    subject: str
    object: str


@dataclass(frozen=True)
class PartOf:
    actor: str
    claim: str
    status: str
    summary: str
    source: dict[str, str]


@dataclass(frozen=True)
class Authority:
    """An authority string that names an actor."""

    id: str
    match: tuple[str, ...]
    create: dict[str, Any] | None = None
    part_of: PartOf | None = None


@dataclass(frozen=True)
class Mapping:
    """The whole table (see ``mapping.yaml`` for what each part means)."""

    kinds: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]
    kind_marker: str
    refinements: dict[str, tuple[str, ...]]
    sanction_schema: str
    sanction_predicate: str
    sanction_status: str
    sanction_entity: str
    relations: dict[str, Relation]
    relation_status: str
    export_kinds: dict[str, dict[str, Any]]
    export_relations: dict[str, tuple[str, ...]]
    authorities: tuple[Authority, ...] = field(default=())

    def kind_for(self, schema: FtmSchema) -> str | None:
        """The node kind of an FtM thing, or ``None`` if it is not an actor, place or source."""
        if any(schema.is_a(name) for name in self.sources):
            return "Source"
        for name, kind in self.kinds:
            if schema.is_a(name):
                return kind
        return None

    def refine(self, kind: str, keywords: list[str]) -> str:
        """Honour an ``axisgraph-kind:`` marker that refines ``kind`` (our own exports)."""
        for word in keywords:
            if word.startswith(self.kind_marker):
                wanted = word[len(self.kind_marker) :]
                if wanted in self.refinements.get(kind, ()):
                    return wanted
        return kind

    def relation_for(
        self, predicate: str, status: str, subject_schema: str, object_schema: str
    ) -> Relation | None:
        """The FtM relationship schema a claim exports as: the first in ``export_relations``
        whose property ranges take both ends' schemata; ``None`` means ``UnknownLink``.

        Only claims stated as fact (``relation_status``) get one: FtM relations carry no
        status, and an import reads them as stated fact.
        """
        if status != self.relation_status:
            return None
        for name in self.export_relations.get(predicate, ()):
            rel = self.relations[name]
            ftm = model.get(name)
            assert ftm is not None  # checked when the table was read
            ends = ((rel.subject, subject_schema), (rel.object, object_schema))
            if all(_takes(ftm, prop, schema) for prop, schema in ends):
                return rel
        return None

    def link_role(self, predicate: str, status: str) -> str:
        """The ``role`` of an ``UnknownLink``: the predicate, and its status unless that is
        what an import assumes."""
        schema = get_schema()
        label = schema.predicates[predicate].label
        if predicate != "linked_to" or status != self.relation_status:
            label = f"{label} ({schema.statuses[status].label})"
        return label

    def authority_for(self, text: str) -> Authority | None:
        key = authority_key(text)
        for entry in self.authorities:
            if key in {authority_key(m) for m in entry.match}:
                return entry
        return None


def _takes(ftm: FtmSchema, prop: str, schema_name: str) -> bool:
    """Whether ``prop`` of the FtM schema ``ftm`` can point at an entity of ``schema_name``."""
    target, found = model.get(schema_name), ftm.get(prop)
    range_ = found.range if found is not None else None
    return bool(target is not None and range_ is not None and target.is_a(range_))


def authority_key(text: str) -> str:
    """Authority strings compared case-, accent- and space-insensitively."""
    return normalize(text, latinize=True) or text.strip().lower()


def _read(name: str) -> dict[str, Any]:
    text = resources.files("axisgraph.ftm").joinpath(name).read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _authority(raw: dict[str, Any]) -> Authority:
    part = raw.get("part_of")
    return Authority(
        id=raw["id"],
        match=tuple(raw["match"]),
        create=raw.get("create"),
        part_of=PartOf(
            part["actor"], part["claim"], part["status"], part["summary"], part["source"]
        )
        if part
        else None,
    )


def _check(mapping: Mapping) -> None:
    """Fail early (a packaging bug, not bad input) if the table names unknown things."""
    ours = get_schema()
    names = [name for name, _ in mapping.kinds] + list(mapping.sources) + [mapping.sanction_schema]
    names += list(mapping.relations) + [s for v in mapping.export_relations.values() for s in v]
    names += [v["schema"] for v in mapping.export_kinds.values()]
    for name in names:
        if model.get(name) is None:
            raise ValueError(f"mapping.yaml: FtM has no schema {name!r}")
    for rel in mapping.relations.values():
        ftm = model.get(rel.schema)
        assert ftm is not None
        if rel.subject not in ftm.properties or rel.object not in ftm.properties:
            raise ValueError(f"mapping.yaml: {rel.schema} has no {rel.subject}/{rel.object}")
    predicates = [r.predicate for r in mapping.relations.values()] + [mapping.sanction_predicate]
    predicates += list(mapping.export_relations)
    for predicate in predicates:
        if predicate not in ours.predicates:
            raise ValueError(f"mapping.yaml: unknown predicate {predicate!r}")
    kinds = [k for _, k in mapping.kinds] + [k for v in mapping.refinements.values() for k in v]
    for kind in kinds + list(mapping.export_kinds):
        if kind not in ours.kinds:
            raise ValueError(f"mapping.yaml: unknown node kind {kind!r}")


@cache
def get_mapping() -> Mapping:
    """The mapping table, parsed and checked once."""
    raw = _read("mapping.yaml")
    sanction = raw["sanction"]
    mapping = Mapping(
        kinds=tuple((k["schema"], k["kind"]) for k in raw["kinds"]),
        sources=tuple(raw["sources"]),
        kind_marker=raw["kind_marker"],
        refinements={k: tuple(v) for k, v in raw["refinements"].items()},
        sanction_schema=sanction["schema"],
        sanction_predicate=sanction["predicate"],
        sanction_status=sanction["status"],
        sanction_entity=sanction["entity"],
        relations={
            name: Relation(name, v["predicate"], v["subject"], v["object"])
            for name, v in raw["relations"].items()
        },
        relation_status=raw["relation_status"],
        export_kinds=dict(raw["export_kinds"]),
        export_relations={k: tuple(v) for k, v in raw["export_relations"].items()},
        authorities=tuple(_authority(a) for a in _read("authorities.yaml")["authorities"]),
    )
    _check(mapping)
    return mapping
