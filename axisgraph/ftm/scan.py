"""Pass 1 of an FtM load: index each checked line and count what the file holds.

Only small aggregates stay in memory (datasets, authority strings, programmes: a file names
a handful of each); everything per entity goes to the on-disk ``EntityIndex``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from followthemoney.types import registry

from axisgraph.errors import InputError
from axisgraph.ftm.convert import relation_of
from axisgraph.ftm.index import UNMAPPED, EntityIndex
from axisgraph.ftm.link import COUNTRY_PROPS, name_key
from axisgraph.ftm.mapping import get_mapping
from axisgraph.ftm.read import FtmLine

AUTHORITY_KINDS = ("GovernmentBody", "InternationalBody", "State")
"""Kinds an authority named only by text may be identified with (by exact name)."""


@dataclass
class Scan:
    """What pass 1 saw."""

    delta: bool = False
    lines: int = 0
    entities: int = 0
    ops: Counter[str] = field(default_factory=Counter)
    schemata: Counter[str] = field(default_factory=Counter)
    datasets: set[str] = field(default_factory=set)
    without_datasets: int = 0
    authorities: Counter[tuple[str, tuple[str, ...]]] = field(default_factory=Counter)
    programs: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def _kind(line: FtmLine) -> str:
    proxy = line.proxy
    assert proxy is not None
    if relation_of(proxy) is not None:
        return "Claim"
    mapping = get_mapping()
    kind = mapping.kind_for(proxy.schema)
    if kind is None:
        return UNMAPPED
    return mapping.refine(kind, proxy.get("keywords"))


def _refs(line: FtmLine) -> list[str]:
    """Ids a claim made from this entity would point at (ends and proof documents)."""
    proxy = line.proxy
    assert proxy is not None
    mapping = get_mapping()
    refs = list(proxy.get("proof", quiet=True))
    if proxy.schema.name == mapping.sanction_schema:
        refs += proxy.get(mapping.sanction_entity)
    elif (rel := mapping.relations.get(proxy.schema.name)) is not None:
        refs += proxy.get(rel.subject) + proxy.get(rel.object)
    return refs


def index_line(line: FtmLine, index: EntityIndex, scan: Scan, path: str, delta: bool) -> None:
    """Record one checked line: deltas replace or delete, flat files must not repeat ids.

    Raises:
        InputError: an id that a flat file defines twice.
    """
    scan.ops[line.op] += 1
    if line.proxy is None:
        index.delete(line.id, line.line)
        return
    proxy = line.proxy
    if not delta and (seen := index.state(line.id)) is not None:
        raise InputError(
            f"entity {line.id!r}: duplicate id (first at line {seen[0]})",
            path=path,
            line=line.line,
            field="id",
        )
    scan.entities += 1
    scan.schemata[proxy.schema.name] += 1
    kind = _kind(line)
    index.put(line.id, line.line, proxy.schema.name, kind)
    index.add_refs(_refs(line))
    datasets = line.meta.get("datasets") or []
    scan.datasets.update(datasets)
    scan.without_datasets += not datasets
    if kind in AUTHORITY_KINDS:
        names = [line.meta.get("caption") or "", *proxy.get("name"), *proxy.get("alias")]
        countries = [c for p in COUNTRY_PROPS for c in proxy.get(p, quiet=True)]
        index.set_names(line.id, (k for k in map(name_key, names) if k), countries)
    if proxy.schema.name == get_mapping().sanction_schema:
        authority = proxy.first("authority") or ""
        scan.authorities[(authority, tuple(sorted(proxy.get("country"))))] += 1
        for pid in proxy.get("programId"):
            scan.programs.setdefault(
                pid, (proxy.first("program") or pid, proxy.first("programUrl"))
            )


def country_names(codes: tuple[str, ...]) -> list[str]:
    return [registry.country.names.get(c, c) for c in codes]
