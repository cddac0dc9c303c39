"""Export the graph as FtM entities (JSON lines) that ``followthemoney`` validates.

Curated records: actors and places as their FtM schemata (``mapping.yaml``), sources as
``Article``, designations announced as done as ``Sanction``, other claims as the closest FtM
relationship schema or ``UnknownLink``. FtM has no claim status: a claim whose status is not
what an FtM relationship implies becomes an ``UnknownLink`` whose role reads
"<predicate label> (<status label>)", which the importer reads back. Records that came from
an FtM file are given back as they came. Weapons, instruments, denials, citations and
SAME_AS links have no FtM form and are counted as left out.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import networkx as nx
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.schema import ValidationData

from axisgraph.files import atomic_text
from axisgraph.ftm.link import FTM_ORIGIN, country_codes
from axisgraph.ftm.mapping import get_mapping

_META = ("datasets", "referents", "first_seen", "last_seen", "last_change", "target", "caption")
# Records the importer adds around FtM data: FtM carries them as text or metadata.
_NOT_ENTITIES = {"placeholder", "authority", "dataset", "file", "program"}


@dataclass
class ExportSummary:
    entities: int = 0
    schemata: Counter[str] = field(default_factory=Counter)
    left_out: Counter[str] = field(default_factory=Counter)


def problems(data: dict[str, Any]) -> list[str]:
    """What ``followthemoney`` rejects in an entity dict (empty when it validates)."""
    schema = model.get(data.get("schema", ""))
    if schema is None:
        return [f"unknown schema {data.get('schema')!r}"]
    found = []
    try:
        schema.validate(cast(ValidationData, data))
    except InvalidData as exc:
        found.append(str(exc.errors if hasattr(exc, "errors") else exc))
    proxy = model.get_proxy(data, cleaned=False)
    for name, values in data.get("properties", {}).items():
        if name not in schema.properties:
            found.append(f"unknown property {name!r}")
        elif sorted(proxy.get(name)) != sorted(set(values)):
            found.append(f"{name}: FtM cleaning changes {values!r:.80}")
    return found


class _Exporter:
    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.mapping = get_mapping()
        self.summary = ExportSummary()
        self.ftm_of: dict[str, str] = {}  # node id -> FtM schema it is exported as

    def kind(self, node: str) -> str:
        return str(self.graph.nodes[node]["labels"][0])

    def out(self, node: str, rel_type: str) -> list[str]:
        return sorted(
            v for _, v, d in self.graph.out_edges(node, data=True) if d["type"] == rel_type
        )

    def name(self, node: str) -> str:
        return str(self.graph.nodes[node].get("name", node))

    def countries(self, node: str) -> list[str]:
        attrs = self.graph.nodes[node]
        if attrs.get(FTM_ORIGIN):
            return list(attrs.get("ftm_country", []))
        own = [attrs.get("name", ""), *attrs.get("aliases", [])]
        if self.kind(node) in ("State", "Place"):
            codes = country_codes(own)
            if codes:
                return sorted(codes)
        where = attrs.get("country")
        if where and where in self.graph:
            return self.countries(where)
        return []

    def entities(self) -> Iterator[dict[str, Any]]:
        """Things first, so a reader meets every entity before the links that use it."""
        nodes = sorted(
            self.graph.nodes(data=True), key=lambda n: (n[1]["labels"][0] == "Claim", n[0])
        )
        restored: set[str] = set()
        for node, attrs in nodes:
            origin = attrs.get(FTM_ORIGIN)
            if origin == "entity":
                ftm_id = attrs.get("ftm_id", node)
                self.ftm_of[node] = attrs["ftm_schema"]
                if ftm_id not in restored:
                    restored.add(ftm_id)
                    yield self.restore(ftm_id, attrs)
                continue
            if origin in _NOT_ENTITIES:
                continue
            kind = attrs["labels"][0]
            if kind == "Claim":
                entity = self.claim(node, attrs)
            elif kind in self.mapping.export_kinds:
                entity = self.thing(node, attrs, kind)
            else:
                entity = None
                self.summary.left_out[f"{kind} (no FtM schema)"] += 1
            if entity is not None:
                yield entity
        self.summary.left_out["SAME_AS links"] += sum(
            1 for *_, t in self.graph.edges(data="type") if t == "SAME_AS"
        )
        self.summary.left_out["CITES links"] += sum(
            1 for *_, t in self.graph.edges(data="type") if t == "CITES"
        )

    def restore(self, ftm_id: str, attrs: dict[str, Any]) -> dict[str, Any]:
        """An imported FtM entity, as it came (not re-validated: OpenSanctions publishes
        values, such as phone numbers, that FtM's strict validator rejects)."""
        schema = model.get(attrs["ftm_schema"])
        assert schema is not None
        props = {p: list(attrs[f"ftm_{p}"]) for p in schema.properties if f"ftm_{p}" in attrs}
        data: dict[str, Any] = {"id": ftm_id, "schema": schema.name, "properties": props}
        for key in _META:
            if f"ftm_{key}" in attrs:
                data[key] = attrs[f"ftm_{key}"]
        self.count(data)
        return data

    def thing(self, node: str, attrs: dict[str, Any], kind: str) -> dict[str, Any]:
        spec = self.mapping.export_kinds[kind]
        proxy = model.make_entity(spec["schema"])
        proxy.id = node
        self.ftm_of[node] = proxy.schema.name
        if kind == "Source":
            proxy.add("title", attrs.get("name"))
            authors = [attrs.get("author")] + [self.name(s) for s in self.out(node, "AUTHORED_BY")]
            proxy.add("author", [a for a in authors if a])
            proxy.add("publishedAt", attrs.get("published_on"))
            proxy.add("sourceUrl", attrs.get("url"))
            proxy.add("publisher", [self.name(p) for p in self.out(node, "PUBLISHED_BY")])
        else:
            proxy.add("country", self.countries(node))
            proxy.add("topics", spec.get("topics", []))
            proxy.add("keywords", f"{self.mapping.kind_marker}{kind}")
            proxy.add("wikidataId", attrs.get("wikidata_id"))
        proxy.add("name", attrs.get("name"))
        proxy.add("alias", list(attrs.get("aliases", [])))
        proxy.add("description", attrs.get("description"))
        return self.emit(proxy)

    def claim(self, node: str, attrs: dict[str, Any]) -> dict[str, Any] | None:
        subject = self.out(node, "HAS_SUBJECT")[0]
        obj = self.out(node, "HAS_OBJECT")[0]
        predicate, status = attrs["predicate"], attrs["status"]
        for end in (subject, obj):
            if self.kind(end) not in self.mapping.export_kinds or self.kind(end) == "Source":
                self.summary.left_out[f"claims about a {self.kind(end)}"] += 1
                return None
        sources = self.out(node, "REPORTED_IN")
        if predicate == self.mapping.sanction_predicate and status == self.mapping.sanction_status:
            proxy = model.make_entity(self.mapping.sanction_schema)
            proxy.add("entity", obj)
            proxy.add("authority", self.name(subject))
            proxy.add("country", self.countries(subject))
            instruments = self.out(node, "UNDER")
            proxy.add("program", [self.name(i) for i in instruments])
            proxy.add("programId", instruments)
            proxy.add("listingDate", attrs.get("stated_on"))
        else:
            proxy = self.relation(subject, obj, predicate, status)
            proxy.add("date", attrs.get("stated_on"))
        proxy.id = node
        proxy.add("startDate", attrs.get("valid_from"))
        proxy.add("endDate", attrs.get("valid_to"))
        proxy.add("summary", attrs.get("summary"))
        proxy.add("description", attrs.get("note"))
        proxy.add("proof", [s for s in sources if self.kind(s) == "Source"])
        proxy.add(
            "sourceUrl",
            [self.graph.nodes[s]["url"] for s in sources if self.graph.nodes[s].get("url")],
        )
        return self.emit(proxy)

    def relation(self, subject: str, obj: str, predicate: str, status: str) -> EntityProxy:
        """The closest FtM schema whose ends fit, else an ``UnknownLink`` with a role."""
        rel = self.mapping.relation_for(
            predicate, status, self.ftm_schema(subject), self.ftm_schema(obj)
        )
        if rel is not None:
            proxy = model.make_entity(rel.schema)
            proxy.add(rel.subject, subject)
            proxy.add(rel.object, obj)
            return proxy
        proxy = model.make_entity("UnknownLink")
        proxy.add("subject", subject)
        proxy.add("object", obj)
        proxy.add("role", self.mapping.link_role(predicate, status))
        return proxy

    def ftm_schema(self, node: str) -> str:
        """The FtM schema a node was (or will be) exported as."""
        schema: str = self.ftm_of.get(node) or self.mapping.export_kinds[self.kind(node)]["schema"]
        return schema

    def emit(self, proxy: EntityProxy) -> dict[str, Any]:
        data = {"id": proxy.id, "schema": proxy.schema.name, "properties": proxy.properties}
        found = problems(data)
        if found:  # a bug in this module, not bad input
            raise ValueError(f"export made an invalid FtM entity {proxy.id}: {found}")
        self.count(data)
        return data

    def count(self, data: dict[str, Any]) -> None:
        self.summary.entities += 1
        self.summary.schemata[data["schema"]] += 1


def graph_to_ftm(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], ExportSummary]:
    """All FtM entities of a graph (in memory; ``export_ftm`` streams to a file)."""
    exporter = _Exporter(graph)
    return list(exporter.entities()), exporter.summary


def export_ftm(graph: nx.MultiDiGraph, path: Path) -> ExportSummary:
    """Write the graph as FtM JSON lines to ``path``.

    Raises:
        OutputError: the file cannot be written; nothing under ``path`` changed.
    """
    exporter = _Exporter(graph)
    with atomic_text(path) as handle:
        for entity in exporter.entities():
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return exporter.summary
