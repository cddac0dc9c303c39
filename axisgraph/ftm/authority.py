"""Sanctioning authorities: FtM names them as text; we make them actors you can traverse to.

In order: the authority table (``authorities.yaml``: OFAC is part of the US Treasury);
else exactly one government body, international body or state, in the file or the store,
named like the authority (with an agreeing country); else an ``Organization`` named by the
text itself, one per authority string and country (``authority:<slug>@<country>``), so two
ministries of finance in different countries stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from normality import slugify

from axisgraph.ftm.convert import dataset_source_id, program_id
from axisgraph.ftm.index import EntityIndex
from axisgraph.ftm.link import FTM_ORIGIN, CuratedIndex, name_key
from axisgraph.ftm.mapping import Authority, get_mapping
from axisgraph.ftm.scan import AUTHORITY_KINDS, Scan
from axisgraph.ftm.view import StoreView
from axisgraph.graph.model import Claim, Dataset, Entity, PropValue, Source

Key = tuple[str, tuple[str, ...]]


@dataclass
class Extra:
    """Records a load adds beyond the file's entities, and whom each authority string names."""

    dataset: Dataset = field(default_factory=Dataset)
    subjects: dict[Key, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    """Kinds of everything the added records point at, wherever it lives."""

    @property
    def subjects_by_text(self) -> dict[str, str]:
        return {
            f"{text or '(none)'}" + (f" [{','.join(cc)}]" if cc else ""): actor
            for (text, cc), actor in self.subjects.items()
        }

    def add_sources(self, scan: Scan, fallback: str, path: Path) -> None:
        """A ``Source`` per dataset named in the file, and one for the file when needed."""
        for name in sorted(scan.datasets):
            self.dataset.add(
                Source(
                    id=dataset_source_id(name),
                    name=name,
                    type="dataset",
                    properties={FTM_ORIGIN: "dataset", "ftm_dataset": name},
                )
            )
        if scan.without_datasets:
            self.dataset.add(
                Source(
                    id=fallback,
                    name=f"FtM file {path.name}",
                    type="file",
                    properties={FTM_ORIGIN: "file"},
                )
            )
        for pid, (name, url) in sorted(scan.programs.items()):
            props: dict[str, PropValue] = {FTM_ORIGIN: "program", "ftm_programId": [pid]}
            if url:
                props["ftm_programUrl"] = [url]
            self.dataset.add(
                Entity(id=program_id(pid), kind="Instrument", name=name, properties=props)
            )


class _Resolver:
    def __init__(self, index: EntityIndex, view: StoreView, store_kinds: dict[str, str]) -> None:
        self.index = index
        self.view = view
        self.store_kinds = store_kinds
        self.profiles: CuratedIndex = view.actors(imported=True, kinds=AUTHORITY_KINDS)
        self.extra = Extra()

    def exists(self, record_id: str) -> bool:
        """Whether the id is in the load or the store (remembering its kind)."""
        kind = self.extra.dataset.kind_of(record_id) or self.index.kind(record_id)
        if not kind:
            kind = self.store_kinds.get(record_id) or self.view.kinds([record_id]).get(record_id)
        if kind:
            self.extra.kinds[record_id] = kind
        return bool(kind)

    def resolve(self, text: str, countries: tuple[str, ...]) -> str:
        entry = get_mapping().authority_for(text) if text else None
        if entry is not None:
            if self.exists(entry.id):
                return entry.id
            if entry.create:
                self._create(entry)
                return entry.id
        named = self._by_name(text, countries)
        return named if named is not None else self._generic(text, countries)

    def _by_name(self, text: str, countries: tuple[str, ...]) -> str | None:
        key = name_key(text) if text else None
        if key is None:
            return None
        found = {i: (kind, cc) for i, kind, cc in self.index.names(key)}
        for actor in self.profiles.by_key.get(key, []):
            found.setdefault(actor.id, (actor.kind, actor.countries))
        wanted = set(countries)
        fits = [i for i, (_, cc) in found.items() if not (wanted and cc and not wanted & cc)]
        if len(fits) != 1:
            return None
        self.extra.kinds[fits[0]] = found[fits[0]][0]
        return fits[0]

    def _generic(self, text: str, countries: tuple[str, ...]) -> str:
        slug = slugify(text) or "unnamed"
        actor_id = f"authority:{slug}" + (f"@{'-'.join(countries)}" if countries else "")
        self.extra.kinds[actor_id] = "Organization"
        if self.extra.dataset.get(actor_id) is None:
            props: dict[str, PropValue] = {FTM_ORIGIN: "authority", "ftm_authority": [text]}
            if countries:
                props["ftm_country"] = list(countries)
            self.extra.dataset.add(
                Entity(
                    id=actor_id,
                    kind="Organization",
                    name=text or "Unnamed authority",
                    description="A sanctioning authority named only as text in FtM data.",
                    properties=props,
                )
            )
        return actor_id

    def _create(self, entry: Authority) -> None:
        spec = entry.create or {}
        self.extra.kinds[entry.id] = spec["kind"]
        self.extra.dataset.add(
            Entity(
                id=entry.id,
                kind=spec["kind"],
                name=spec["name"],
                aliases=list(spec.get("aliases", [])),
                description=spec.get("description"),
                properties={FTM_ORIGIN: "authority-table"},
            )
        )
        part = entry.part_of
        if part is None or not self.exists(part.actor):
            return
        src = part.source
        self.extra.dataset.add(
            Source(
                id=src["id"],
                name=src["name"],
                type=src.get("type"),
                url=src.get("url"),
                description=src.get("description"),
                properties={FTM_ORIGIN: "authority-table"},
            )
        )
        self.extra.dataset.add(
            Claim(
                id=part.claim,
                subject=entry.id,
                predicate="part_of",
                object=part.actor,
                status=part.status,
                summary=part.summary,
                reported_in=[src["id"]],
                properties={FTM_ORIGIN: "authority-table"},
            )
        )


def resolve_authorities(
    scan: Scan, index: EntityIndex, view: StoreView, store_kinds: dict[str, str]
) -> Extra:
    """The actor behind every authority string of the file, and the records that adds."""
    resolver = _Resolver(index, view, store_kinds)
    for text, countries in sorted(scan.authorities):
        resolver.extra.subjects[(text, countries)] = resolver.resolve(text, countries)
    return resolver.extra
