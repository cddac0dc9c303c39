"""Turn one checked FtM entity into axisgraph records (the mapping of ``mapping.yaml``).

Things become entities, documents become sources, ``Sanction`` becomes a ``designates``
claim from its authority, relationship schemata become claims. Every FtM property is kept
on the record as ``ftm_<property>`` (a list of strings), with the FtM metadata
(``ftm_datasets``, ``ftm_first_seen``, ...), so the export can give the entity back.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from followthemoney.proxy import EntityProxy
from normality import slugify

from axisgraph.errors import InputError
from axisgraph.ftm.index import UNMAPPED, EntityIndex
from axisgraph.ftm.link import COUNTRY_PROPS, FTM_ORIGIN, Candidate, Linker
from axisgraph.ftm.mapping import get_mapping
from axisgraph.ftm.read import FtmLine
from axisgraph.graph.dates import date_end, date_start, normalize_date
from axisgraph.graph.model import Claim, Entity, Location, Record, SameAs, Source
from axisgraph.graph.schema import get_schema

QID = re.compile(r"^Q\d+$")
_META = ("datasets", "referents", "first_seen", "last_seen", "last_change", "target", "caption")


def dataset_source_id(name: str) -> str:
    return f"ftm-dataset:{name}"


def program_id(program: str) -> str:
    return f"ftm-program:{slugify(program) or 'unnamed'}"


def first_date(values: list[str], *, last: bool = False) -> str | None:
    """The earliest (or latest) of FtM date values, as a partial ISO date."""
    dates = []
    for value in values:
        try:
            dates.append(normalize_date(value))
        except ValueError:
            continue  # FtM checked the value; a shape we cannot shorten is left as a property
    if not dates:
        return None
    return max(dates, key=date_end) if last else min(dates, key=date_start)


def ftm_props(proxy: EntityProxy, meta: dict[str, Any], origin: str) -> dict[str, Any]:
    """The FtM properties and metadata of an entity as node properties."""
    props: dict[str, Any] = {
        FTM_ORIGIN: origin,
        "ftm_schema": proxy.schema.name,
        "ftm_id": proxy.id,
    }
    for prop in proxy.iterprops():
        props[f"ftm_{prop.name}"] = list(proxy.get(prop))
    for key in _META:
        value = meta.get(key)
        if value not in (None, []):
            props[f"ftm_{key}"] = value
    return props


def relation_of(proxy: EntityProxy) -> tuple[str, str, list[tuple[str, str]]] | None:
    """(predicate, status, [(subject, object), ...]) of a relationship or sanction entity."""
    mapping = get_mapping()
    schema = proxy.schema
    if schema.name == mapping.sanction_schema:
        return mapping.sanction_predicate, mapping.sanction_status, []
    rel = mapping.relations.get(schema.name)
    if rel is None:
        return None
    predicate, status = rel.predicate, mapping.relation_status
    if schema.name == "UnknownLink":
        predicate, status = _role(proxy.get("role"), predicate, status)
    pairs = list(product(proxy.get(rel.subject), proxy.get(rel.object)))
    return predicate, status, pairs


def _role(roles: list[str], predicate: str, status: str) -> tuple[str, str]:
    """An axisgraph export writes "<predicate label>" or "<label> (<status label>)" as role."""
    schema = get_schema()
    for role in roles:
        text = role.strip().lower()
        for pred in schema.predicates.values():
            if text == pred.label.lower():
                return pred.name, status
            for st in schema.statuses.values():
                if text == f"{pred.label} ({st.label})".lower():
                    return pred.name, st.name
    return predicate, status


def check_shape(line: FtmLine, path: str) -> None:
    """Per-entity rules a claim needs (pass 1, so ``--skip-invalid`` can skip the line).

    Raises:
        InputError: a sanction without an entity, a relationship missing an end or linking an
            entity to itself, or a validity that ends before it starts.
    """
    proxy = line.proxy
    if proxy is None:
        return
    mapping = get_mapping()

    def fail(message: str, name: str) -> InputError:
        return InputError(f"entity {line.id!r}: {message}", path=path, line=line.line, field=name)

    found = relation_of(proxy)
    if found is None:
        return
    if proxy.schema.name == mapping.sanction_schema:
        if not proxy.get(mapping.sanction_entity):
            raise fail("a Sanction needs an entity", f"properties.{mapping.sanction_entity}")
    else:
        rel = mapping.relations[proxy.schema.name]
        for prop in (rel.subject, rel.object):
            if not proxy.get(prop):
                raise fail(f"a {proxy.schema.name} needs {prop!r}", f"properties.{prop}")
        if any(s == o for s, o in found[2]):
            raise fail("links an entity to itself", f"properties.{rel.object}")
    start = first_date(proxy.get("startDate", quiet=True))
    end = first_date(proxy.get("endDate", quiet=True), last=True)
    if start and end and date_start(start) > date_end(end):
        raise fail(f"endDate {end} is before startDate {start}", "properties.endDate")


@dataclass
class Context:
    """What the second pass needs to know beyond the entity itself."""

    path: str
    index: EntityIndex
    store_kinds: dict[str, str]
    authorities: dict[tuple[str, tuple[str, ...]], str]
    fallback_sources: list[str]
    linker: Linker
    added: dict[str, str] = field(default_factory=dict)  # kinds of records the load adds


@dataclass
class Converter:
    """Converts entities one at a time, collecting placeholders, links and what it left out."""

    ctx: Context
    placeholders: dict[str, Entity] = field(default_factory=dict)
    links: list[SameAs] = field(default_factory=list)  # not yet handed to a batch
    links_made: list[SameAs] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    unmapped: Counter[str] = field(default_factory=Counter)
    made: Counter[str] = field(default_factory=Counter)

    def convert(self, line: FtmLine) -> list[Record]:
        proxy = line.proxy
        assert proxy is not None
        mapping = get_mapping()
        loc = Location(self.ctx.path, line.line, label=line.id)
        if relation_of(proxy) is not None:
            return list(self._claims(proxy, line.meta, loc))
        kind = mapping.kind_for(proxy.schema)
        if kind is None:
            self.unmapped[f"{proxy.schema.name} (no matching kind)"] += 1
            return []
        if kind == "Source":
            self.made["Source"] += 1
            return [self._source(proxy, line.meta, loc)]
        entity = self._entity(proxy, line.meta, mapping.refine(kind, proxy.get("keywords")), loc)
        self.made[entity.kind] += 1
        if get_schema().kinds[entity.kind].actor:
            names = [entity.name, *entity.aliases]
            countries = [c for p in COUNTRY_PROPS for c in proxy.get(p, quiet=True)]
            links, candidates = self.ctx.linker.link(
                entity.id, entity.kind, entity.name, names, countries, entity.wikidata_id
            )
            self.links.extend(links)
            self.links_made.extend(links)
            self.candidates.extend(candidates)
        return [entity]

    def _entity(self, proxy: EntityProxy, meta: dict[str, Any], kind: str, loc: Location) -> Entity:
        name = meta.get("caption") or proxy.caption or str(proxy.id)
        names = proxy.get("name", quiet=True) + proxy.get("alias", quiet=True)
        wikidata = proxy.first("wikidataId", quiet=True)
        if wikidata is None and QID.match(str(proxy.id)):
            wikidata = proxy.id  # OpenSanctions uses the Wikidata id as the entity id
        return Entity(
            id=str(proxy.id),
            kind=kind,
            name=name,
            aliases=[n for n in dict.fromkeys(names) if n != name],
            description=proxy.first("description", quiet=True),
            wikidata_id=wikidata,
            properties=ftm_props(proxy, meta, "entity"),
            loc=loc,
        )

    def _source(self, proxy: EntityProxy, meta: dict[str, Any], loc: Location) -> Source:
        first = proxy.first
        name = first("title", quiet=True) or meta.get("caption") or proxy.caption
        published = first_date(proxy.get("publishedAt", quiet=True) + proxy.get("date", quiet=True))
        return Source(
            id=str(proxy.id),
            name=name or str(proxy.id),
            type=proxy.schema.label.lower(),
            author=first("author", quiet=True),
            published_on=published,
            url=first("sourceUrl", quiet=True),
            description=first("description", quiet=True) or first("summary", quiet=True),
            properties=ftm_props(proxy, meta, "entity"),
            loc=loc,
        )

    def _claims(self, proxy: EntityProxy, meta: dict[str, Any], loc: Location) -> list[Claim]:
        mapping = get_mapping()
        found = relation_of(proxy)
        assert found is not None
        predicate, status, pairs = found
        under: list[str] = []
        if proxy.schema.name == mapping.sanction_schema:
            authority = proxy.first("authority") or ""
            subject = self.ctx.authorities[(authority, tuple(sorted(proxy.get("country"))))]
            pairs = [(subject, target) for target in proxy.get(mapping.sanction_entity)]
            under = [program_id(p) for p in proxy.get("programId")]
            summary = proxy.first("summary") or _sanction_summary(authority, proxy.get("program"))
            # When the authority listed it; else when the sanction took effect.
            stated_on = (
                first_date(proxy.get("listingDate"))
                or first_date(proxy.get("startDate"))
                or first_date(proxy.get("date"))
            )
        else:
            role = proxy.get("role", quiet=True) + proxy.get("relationship", quiet=True)
            summary = proxy.first("summary") or ": ".join([proxy.schema.label, *role[:1]])
            stated_on = first_date(proxy.get("date"))
        rule = get_schema().predicates[predicate]
        claims = []
        for i, (subject, obj) in enumerate(pairs):
            if not (
                self._fits(subject, rule.subject, proxy, "subject")
                and self._fits(obj, rule.object, proxy, "object")
            ):
                continue
            claims.append(
                Claim(
                    id=str(proxy.id) if i == 0 else f"{proxy.id}.{i + 1}",
                    subject=subject,
                    predicate=predicate,
                    object=obj,
                    status=status,
                    summary=summary,
                    stated_on=stated_on,
                    valid_from=first_date(proxy.get("startDate")),
                    valid_to=first_date(proxy.get("endDate"), last=True),
                    reported_in=self._reported_in(proxy, meta),
                    under=under,
                    properties=ftm_props(proxy, meta, "entity"),
                    loc=loc,
                )
            )
            self.made[f"claim:{predicate}"] += 1
        return claims

    def _fits(self, ref: str, allowed: tuple[str, ...], proxy: EntityProxy, end: str) -> bool:
        """Whether ``ref`` can stand at this end; placeholders stand in for absent entities."""
        kind = self.ctx.added.get(ref)
        if kind is None:
            kind = self.ctx.index.kind(ref)
        if kind is None:
            kind = self.ctx.store_kinds.get(ref)
        if kind is None and ref in self.placeholders:
            kind = self.placeholders[ref].kind
        if kind is None:
            if self.ctx.index.deleted(ref):
                self.unmapped[f"{proxy.schema.name} whose {end} the file deletes"] += 1
                return False
            kind = self._placeholder(ref, proxy, end)
        if kind == UNMAPPED:
            self.unmapped[f"{proxy.schema.name} whose {end} we do not map"] += 1
            return False
        if not get_schema().kind_fits(kind, allowed):
            self.unmapped[f"{proxy.schema.name} whose {end} is a {kind}"] += 1
            return False
        return True

    def _placeholder(self, ref: str, proxy: EntityProxy, end: str) -> str:
        """An entity the file points at but neither the file nor the store holds (a delta
        refers to the previous version). The most specific kind the FtM range allows."""
        mapping = get_mapping()
        if proxy.schema.name == mapping.sanction_schema:
            prop = proxy.schema.get(mapping.sanction_entity)
        else:
            rel = mapping.relations[proxy.schema.name]
            prop = proxy.schema.get(rel.subject if end == "subject" else rel.object)
        range_ = prop.range if prop is not None else None
        kind = (mapping.kind_for(range_) if range_ is not None else None) or "Organization"
        if kind == "Source":
            kind = "Organization"
        self.placeholders[ref] = Entity(
            id=ref,
            kind=kind,
            name=ref,
            properties={
                FTM_ORIGIN: "placeholder",
                "ftm_schema": range_.name if range_ else "Thing",
            },
        )
        return kind

    def _reported_in(self, proxy: EntityProxy, meta: dict[str, Any]) -> list[str]:
        """Documents given as proof; else the datasets that publish the entity; else the file."""
        proofs = [
            p
            for p in proxy.get("proof", quiet=True)
            if (self.ctx.index.kind(p) or self.ctx.store_kinds.get(p)) == "Source"
        ]
        if proofs:
            return proofs
        datasets = [dataset_source_id(d) for d in meta.get("datasets", [])]
        return datasets or list(self.ctx.fallback_sources)


def _sanction_summary(authority: str, programs: list[str]) -> str:
    who = authority or "An unnamed authority"
    return f"{who}: {programs[0]}" if programs else f"{who}: sanction"
