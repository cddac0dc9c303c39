"""Link imported FtM entities to the curated actors they are the same as, carefully.

Three ways to be sure, in order: an explicit mapping file (FtM id -> curated id), a shared
Wikidata id, or the same normalised name *and* an agreeing country. Each gives a ``SameAs``
with its basis. A name match without a country on one side is only a candidate: it is
reported (``axisgraph link --review``) and never merged silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from followthemoney.types import registry
from normality import normalize

from axisgraph.errors import InputError
from axisgraph.graph.model import Dataset, SameAs
from axisgraph.graph.schema import get_schema
from axisgraph.loaders.marked_yaml import MarkedDict, load_marked

COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry")
"""FtM properties that place an entity in a country (not ``birthCountry``: too loose)."""
FTM_ORIGIN = "ftm_origin"
"""Node property set on everything the FtM importer creates; curated records lack it."""


def name_key(text: str) -> str | None:
    """A name compared without case, accents, punctuation or word order."""
    # ASCII needs no transliteration; skipping it also keeps normality's transliteration
    # cache (bounded, 65,536 entries) out of the way of large files of latin names.
    norm = normalize(text, latinize=not text.isascii())
    if not norm:
        return None
    return " ".join(sorted(norm.split()))


@cache
def _country_table() -> dict[str, str]:
    """Name key of each country label FtM knows (and each code) -> code.

    Exact names only: FtM's fuzzy territory lookup would match more, but it takes seconds
    to build and could place an actor in the wrong country.
    """
    table = {}
    for code, label in registry.country.names.items():
        table[code] = code
        if (key := name_key(str(label))) is not None:
            table.setdefault(key, code)
    return table


def country_codes(names: Iterable[str]) -> frozenset[str]:
    """ISO codes of the country names (or codes) in ``names``: "Iran", "DPRK"? only "Iran"."""
    table = _country_table()
    found = set()
    for name in names:
        if not name:
            continue
        code = table.get(name.strip().lower()) or table.get(name_key(name) or "")
        if code:
            found.add(code)
    return frozenset(found)


def _family(kind: str) -> str:
    return "person" if kind == "Person" else "body"


@dataclass(frozen=True)
class Curated:
    """A curated actor as linking sees it."""

    id: str
    kind: str
    name: str
    keys: frozenset[str]
    countries: frozenset[str]
    wikidata_id: str | None


@dataclass(frozen=True)
class Candidate:
    """A possible identity the importer did not merge: a person should decide."""

    ftm_id: str
    ftm_name: str
    curated_id: str
    curated_name: str
    reason: str

    def row(self) -> dict[str, str]:
        return {
            "ftm_id": self.ftm_id,
            "ftm_name": self.ftm_name,
            "curated_id": self.curated_id,
            "curated_name": self.curated_name,
            "reason": self.reason,
        }


class CuratedIndex:
    """The curated actors, by name key and by Wikidata id."""

    def __init__(self, actors: Iterable[Curated]) -> None:
        self.by_id = {a.id: a for a in actors}
        self.by_key: dict[str, list[Curated]] = defaultdict(list)
        self.by_wikidata: dict[str, list[Curated]] = defaultdict(list)
        for actor in self.by_id.values():
            for key in actor.keys:
                self.by_key[key].append(actor)
            if actor.wikidata_id:
                self.by_wikidata[actor.wikidata_id].append(actor)

    @classmethod
    def from_nodes(
        cls,
        nodes: Iterable[tuple[str, Mapping[str, Any]]],
        *,
        imported: bool = False,
        kinds: Collection[str] | None = None,
    ) -> CuratedIndex:
        """Build from (id, attributes) of graph nodes (properties flattened, kind first in
        ``labels``). FtM-imported actors are left out unless ``imported``."""
        wanted = set(kinds) if kinds is not None else set(get_schema().actor_kinds)
        rows = [(i, a) for i, a in nodes if imported or FTM_ORIGIN not in a]
        names = {i: [a.get("name", ""), *a.get("aliases", [])] for i, a in rows}
        actors = []
        for node_id, attrs in rows:
            kind = attrs["labels"][0]
            if kind not in wanted:
                continue
            own = names[node_id]
            if FTM_ORIGIN in attrs:
                countries = ftm_countries(attrs)
            else:
                where = attrs.get("country")
                countries = country_codes(names.get(where, []) if where else [])
                if kind == "State":  # a state is in its own country: "Iran" sits in IR
                    countries |= country_codes(own)
            actors.append(
                Curated(
                    id=node_id,
                    kind=kind,
                    name=str(attrs.get("name", node_id)),
                    keys=frozenset(k for k in map(name_key, own) if k),
                    countries=frozenset(countries),
                    wikidata_id=attrs.get("wikidata_id"),
                )
            )
        return cls(actors)

    @classmethod
    def from_dataset(cls, dataset: Dataset, **options: Any) -> CuratedIndex:
        return cls.from_nodes(
            (
                (
                    e.id,
                    {
                        **e.properties,
                        "labels": [e.kind],
                        "name": e.name,
                        "aliases": e.aliases,
                        "country": e.country,
                        "wikidata_id": e.wikidata_id,
                    },
                )
                for e in dataset.entities.values()
            ),
            **options,
        )

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph, **options: Any) -> CuratedIndex:
        return cls.from_nodes(graph.nodes(data=True), **options)


class Linker:
    """Decides, per imported actor, a ``SameAs`` link and/or candidates."""

    def __init__(self, curated: CuratedIndex, mapping: Mapping[str, str] | None = None) -> None:
        self.curated = curated
        self.mapping = dict(mapping or {})

    def link(
        self,
        ftm_id: str,
        kind: str,
        name: str,
        names: Iterable[str],
        countries: Iterable[str],
        wikidata_id: str | None,
    ) -> tuple[list[SameAs], list[Candidate]]:
        """The links and candidates for one imported actor."""
        if ftm_id in self.mapping:
            return [SameAs(ftm_id, self.mapping[ftm_id], "mapping file")], []
        if not self.curated.by_id:
            return [], []
        family = _family(kind)
        if wikidata_id:
            same = [
                a
                for a in self.curated.by_wikidata.get(wikidata_id, [])
                if _family(a.kind) == family
            ]
            if same:
                return [SameAs(ftm_id, a.id, f"wikidata {wikidata_id}") for a in same], []
        keys = {k for k in map(name_key, names) if k}
        found = {
            a.id: a
            for k in keys
            for a in self.curated.by_key.get(k, [])
            if _family(a.kind) == family
        }
        mine = frozenset(countries)
        sure = [a for a in found.values() if mine and a.countries and mine & a.countries]
        if len(sure) == 1:
            return [SameAs(ftm_id, sure[0].id, "name and country")], []
        candidates = []
        for actor in found.values():
            if actor in sure:
                reason = "name and country, but several curated actors match"
            elif mine and actor.countries:
                continue  # both placed, in different countries: not the same
            else:
                reason = "name only (no country on one side)"
            candidates.append(Candidate(ftm_id, name, actor.id, actor.name, reason))
        return [], candidates


def load_mapping(
    path: Path, known: Mapping[str, str] | None = None, *, check_ftm_ids: bool = False
) -> dict[str, str]:
    """Read an explicit link file: ``links: {<ftm id>: <curated id>, ...}``.

    Args:
        path: the YAML file.
        known: id -> kind of the records that exist; when given, curated ids must be there
            (and, with ``check_ftm_ids``, the FtM ids too).

    Raises:
        InputError: not such a mapping, or an id that does not exist.
    """
    raw = load_marked(path)
    links = raw.get("links") if isinstance(raw, MarkedDict) else None
    if not isinstance(links, MarkedDict):
        raise InputError(
            "a link file is a mapping with `links: {ftm-id: curated-id}`", path=path, line=1
        )
    out: dict[str, str] = {}
    for ftm_id, curated_id in links.items():
        line = links.key_lines.get(ftm_id)
        if not isinstance(curated_id, str) or not curated_id.strip():
            raise InputError("the curated id must be text", path=path, line=line, field=ftm_id)
        curated_id = curated_id.strip()
        if known is not None:
            if known.get(curated_id) is None:
                raise InputError(
                    f"curated id {curated_id!r} is not in the store",
                    path=path,
                    line=line,
                    field=ftm_id,
                )
            if check_ftm_ids and known.get(ftm_id) is None:
                raise InputError(
                    f"FtM id {ftm_id!r} is not in the store", path=path, line=line, field=ftm_id
                )
        out[ftm_id] = curated_id
    return out


def ftm_countries(attrs: Mapping[str, Any]) -> frozenset[str]:
    """Country codes of an imported node, from its stored FtM properties."""
    return frozenset(c for p in COUNTRY_PROPS for c in attrs.get(f"ftm_{p}", []))


def review_candidates(graph: nx.MultiDiGraph) -> list[dict[str, str]]:
    """Candidates in a graph: imported actors that may be curated ones but are not linked.

    Returns rows sorted by curated id, then FtM id.
    """
    curated = CuratedIndex.from_graph(graph)
    linker = Linker(curated)
    actor_kinds = set(get_schema().actor_kinds)
    rows: list[dict[str, str]] = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get(FTM_ORIGIN) != "entity" or attrs["labels"][0] not in actor_kinds:
            continue
        linked = any(
            d["type"] == "SAME_AS" and v in curated.by_id
            for _, v, d in graph.out_edges(node, data=True)
        )
        if linked:
            continue
        names = [attrs["name"], *attrs.get("aliases", [])]
        sure, candidates = linker.link(
            node,
            attrs["labels"][0],
            attrs["name"],
            names,
            ftm_countries(attrs),
            attrs.get("wikidata_id"),
        )
        for link in sure:  # loaded before the curated actor existed: a person confirms it
            actor = curated.by_id[link.right]
            rows.append(
                Candidate(
                    node, attrs["name"], actor.id, actor.name, f"{link.basis} (not linked)"
                ).row()
            )
        rows.extend(c.row() for c in candidates)
    return sorted(rows, key=lambda r: (r["curated_id"], r["ftm_id"]))
