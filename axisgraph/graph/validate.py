"""Check a dataset against the schema and itself, pointing at file, line and field.

Rules: kinds, predicates and statuses exist; every reference names a record of a fitting
kind (in the dataset, or already in the store: ``base``); subject and object fit the
predicate; validity does not end before it starts; every claim has a source; every value
keeps the rules both engines share (``axisgraph/graph/values.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from axisgraph.errors import InputError
from axisgraph.graph.dates import date_end, date_start
from axisgraph.graph.model import Claim, Dataset, Entity, Location, Source
from axisgraph.graph.schema import ACTOR_LABEL, Schema, get_schema
from axisgraph.graph.values import text_problem, value_problem

KindLookup = Callable[[str], str | None]

_RECORD_KINDS = ("Source", "Claim")


class ValueRuleError(InputError):
    """A value breaks the rules both engines share (``axisgraph/graph/values.py``)."""


def _fail(
    loc: Location | None, name: str, message: str, kind: type[InputError] = InputError
) -> InputError:
    if loc is None:
        return kind(message, field=name)
    path, line, full = loc.of(name)
    return kind(message, path=path, line=line, field=full)


def _lookup(dataset: Dataset, base: Dataset | Mapping[str, str] | None) -> KindLookup:
    def kind_of(ref: str) -> str | None:
        kind = dataset.kind_of(ref)
        if kind is not None or base is None:
            return kind
        if isinstance(base, Dataset):
            return base.kind_of(ref)
        return base.get(ref)

    return kind_of


def _expect(
    schema: Schema,
    kind_of: KindLookup,
    loc: Location | None,
    name: str,
    ref: str,
    allowed: tuple[str, ...],
) -> str:
    kind = kind_of(ref)
    if kind is None:
        raise _fail(loc, name, f"unknown reference {ref!r}")
    if kind in _RECORD_KINDS:
        ok = kind in allowed or "*" in allowed
    else:
        ok = schema.kind_fits(kind, allowed)
    if not ok:
        wanted = " or ".join(allowed)
        raise _fail(loc, name, f"{ref!r} is a {kind}, but {name.split('[')[0]} needs {wanted}")
    return kind


_INDEXED = {"id", "name"}
_TEXTS = {
    "Entity": ("id", "name", "description", "country", "wikidata_id"),
    "Source": (
        *("id", "name", "type", "publisher", "author", "speaker", "published_on", "url"),
        *("seed", "description"),
    ),
    "Claim": (
        *("id", "subject", "predicate", "object", "status", "stated_on", "valid_from"),
        *("valid_to", "note"),
    ),
}
_LISTS = {
    "Entity": ("aliases",),
    "Source": ("aliases", "cites"),
    "Claim": ("items", "asserted_by", "reported_in", "under", "violates"),
}


def _check_values(record: Entity | Source | Claim) -> None:
    """Every text, number and property of ``record`` keeps the shared value rules."""
    loc = record.loc
    shape = (
        "Claim"
        if isinstance(record, Claim)
        else "Source"
        if isinstance(record, Source)
        else "Entity"
    )
    for name in _TEXTS[shape]:
        value = getattr(record, name)
        if value is not None:
            problem = text_problem(value, indexed=name in _INDEXED)
            if problem:
                raise _fail(loc, name, problem, ValueRuleError)
    for name in _LISTS[shape]:
        for i, value in enumerate(getattr(record, name)):
            problem = text_problem(value)
            if problem:
                raise _fail(loc, f"{name}[{i}]", problem, ValueRuleError)
    for key, value in record.properties.items():
        problem = value_problem(value)
        if problem:
            raise _fail(loc, f"properties.{key}", problem, ValueRuleError)
    if isinstance(record, Claim):
        _check_claim_values(record)


def _check_claim_values(claim: Claim) -> None:
    if claim.summary is not None:  # the claim's name in the graph: indexed
        problem = text_problem(claim.summary, indexed=True)
        if problem:
            raise _fail(claim.loc, "summary", problem, ValueRuleError)
    for i, quantity in enumerate(claim.quantities):
        problem = value_problem(quantity.amount) or text_problem(quantity.unit or "")
        if problem:
            raise _fail(claim.loc, f"quantities[{i}]", problem, ValueRuleError)
    for i, denial in enumerate(claim.denials):
        for name in ("by", "on", "source", "note"):
            value = getattr(denial, name)
            problem = text_problem(value) if value is not None else None
            if problem:
                raise _fail(claim.loc, f"denials[{i}].{name}", problem, ValueRuleError)


def _check_entity(schema: Schema, entity: Entity, kind_of: KindLookup) -> None:
    if entity.kind not in schema.kinds or entity.kind in _RECORD_KINDS:
        kinds = ", ".join(k for k in schema.kinds if k not in _RECORD_KINDS)
        raise _fail(entity.loc, "kind", f"unknown kind {entity.kind!r} (one of: {kinds})")
    if entity.country:
        _expect(schema, kind_of, entity.loc, "country", entity.country, ("Place", "State"))


def _check_source(schema: Schema, source: Source, kind_of: KindLookup) -> None:
    if source.publisher:
        _expect(schema, kind_of, source.loc, "publisher", source.publisher, (ACTOR_LABEL,))
    if source.speaker:
        _expect(schema, kind_of, source.loc, "speaker", source.speaker, (ACTOR_LABEL,))
    for i, cited in enumerate(source.cites):
        _expect(schema, kind_of, source.loc, f"cites[{i}]", cited, ("Source",))
        if cited == source.id:
            raise _fail(source.loc, f"cites[{i}]", "a source cannot cite itself")


def _check_claim(schema: Schema, claim: Claim, kind_of: KindLookup) -> None:
    loc = claim.loc
    predicate = schema.predicates.get(claim.predicate)
    if predicate is None:
        raise _fail(
            loc,
            "predicate",
            f"unknown predicate {claim.predicate!r} (one of: " + ", ".join(schema.predicates) + ")",
        )
    if claim.status not in schema.statuses:
        raise _fail(
            loc,
            "status",
            f"unknown status {claim.status!r} (one of: " + ", ".join(schema.statuses) + ")",
        )
    _expect(schema, kind_of, loc, "subject", claim.subject, predicate.subject)
    _expect(schema, kind_of, loc, "object", claim.object, predicate.object)
    if claim.subject == claim.object:
        raise _fail(loc, "object", "a claim's object must differ from its subject")
    for name, refs, allowed in (
        ("items", claim.items, ("Weapon",)),
        ("asserted_by", claim.asserted_by, (ACTOR_LABEL,)),
        ("reported_in", claim.reported_in, ("Source",)),
        ("under", claim.under, ("Instrument",)),
        ("violates", claim.violates, ("Instrument",)),
    ):
        for i, ref in enumerate(refs):
            _expect(schema, kind_of, loc, f"{name}[{i}]", ref, allowed)
    for i, denial in enumerate(claim.denials):
        _expect(schema, kind_of, loc, f"denials[{i}].by", denial.by, (ACTOR_LABEL,))
        if denial.source:
            _expect(schema, kind_of, loc, f"denials[{i}].source", denial.source, ("Source",))
    if not claim.reported_in:
        raise _fail(loc, "reported_in", "a claim needs at least one source")
    if (
        claim.valid_from
        and claim.valid_to
        and (date_start(claim.valid_from) > date_end(claim.valid_to))
    ):
        raise _fail(
            loc,
            "valid_to",
            f"validity ends ({claim.valid_to}) before it starts ({claim.valid_from})",
        )


def validate(dataset: Dataset, *, base: Dataset | Mapping[str, str] | None = None) -> None:
    """Raise ``InputError`` for the first problem in ``dataset``.

    Args:
        dataset: the records to check.
        base: records already in the store (a dataset, or id -> kind) references may use.
    """
    schema = get_schema()
    kind_of = _lookup(dataset, base)
    for entity in dataset.entities.values():
        _check_values(entity)
        _check_entity(schema, entity, kind_of)
    for source in dataset.sources.values():
        _check_values(source)
        _check_source(schema, source, kind_of)
    for claim in dataset.claims.values():
        _check_values(claim)
        _check_claim(schema, claim, kind_of)
    for link in dataset.same_as:
        for ref in (link.left, link.right):
            if kind_of(ref) is None:
                raise InputError(f"SAME_AS link names unknown id {ref!r}", field="same_as")
