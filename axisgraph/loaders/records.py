"""Read entity, source and claim records from mappings whose lines are known.

YAML and CSV loaders both hand their records here, so a field is checked one way whatever
the file format, and every error names the file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from axisgraph.errors import InputError
from axisgraph.graph.dates import normalize_date
from axisgraph.graph.model import Claim, Denial, Entity, Location, Quantity, Source
from axisgraph.loaders.marked_yaml import MarkedDict, MarkedList

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,199}$")
MAX_TEXT = 20_000

ENTITY_KEYS = {
    "id",
    "kind",
    "name",
    "aliases",
    "description",
    "country",
    "wikidata_id",
    "properties",
}
SOURCE_KEYS = {
    "id",
    "name",
    "type",
    "publisher",
    "author",
    "speaker",
    "published_on",
    "url",
    "cites",
    "seed",
    "description",
    "aliases",
    "properties",
}
CLAIM_KEYS = {
    "id",
    "subject",
    "predicate",
    "object",
    "status",
    "summary",
    "stated_on",
    "valid_from",
    "valid_to",
    "items",
    "quantities",
    "asserted_by",
    "reported_in",
    "under",
    "violates",
    "denials",
    "note",
    "properties",
}


class FieldReader:
    """Typed access to one YAML mapping, raising errors that point at the field."""

    def __init__(self, raw: MarkedDict, path: str, label: str, allowed: set[str]) -> None:
        self.raw, self.path, self.label = raw, path, label
        self.loc = Location(path, raw.line, dict(raw.key_lines), label)
        for key in raw:
            if key not in allowed:
                self.fail(key, f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")

    def fail(self, name: str, message: str) -> InputError:
        path, line, full = self.loc.of(name)
        raise InputError(message, path=path, line=line, field=full)

    def text(self, name: str, *, required: bool = False, slug: bool = False) -> str | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.fail(name, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(name, f"must be non-empty text, got {type(value).__name__} {value!r:.60}")
        if len(value) > MAX_TEXT:
            self.fail(name, f"is longer than {MAX_TEXT} characters")
        if slug and not SLUG.match(value):
            self.fail(
                name, f"{value!r:.60} is not an id (lower-case letters, digits, '-', '.', '_')"
            )
        return str(value).strip()

    def required(self, name: str, *, slug: bool = False) -> str:
        value = self.text(name, required=True, slug=slug)
        assert value is not None
        return value

    def date(self, name: str) -> str | None:
        value = self.raw.get(name)
        if value is None:
            return None
        try:
            return normalize_date(value)
        except ValueError as exc:
            self.fail(name, str(exc))
            raise  # unreachable: fail raises

    def texts(self, name: str, *, slug: bool = False) -> list[str]:
        value = self.raw.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(name, f"must be a list, got {type(value).__name__}")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip() or len(item) > MAX_TEXT:
                self.fail(f"{name}[{i}]", f"must be non-empty text, got {item!r:.60}")
            if slug and not SLUG.match(item):
                self.fail(f"{name}[{i}]", f"{item!r:.60} is not an id")
            out.append(item.strip())
        return out

    def records(self, name: str, build: Callable[[FieldReader], Any], keys: set[str]) -> list[Any]:
        value = self.raw.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(name, "must be a list")
        out = []
        for i, item in enumerate(value):
            label = f"{self.label}.{name}[{i}]" if self.label else f"{name}[{i}]"
            if not isinstance(item, MarkedDict):
                line = value.item_lines[i] if isinstance(value, MarkedList) else self.raw.line
                raise InputError("must be a mapping", path=self.path, line=line, field=label)
            out.append(build(FieldReader(item, self.path, label, keys)))
        return out

    def properties(self) -> dict[str, Any]:
        value = self.raw.get("properties")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail("properties", "must be a mapping of names to values")
        props: dict[str, Any] = {}
        for key, item in value.items():
            ok = _scalar(item) or (isinstance(item, list) and all(_scalar(v) for v in item))
            if not ok or not re.match(r"^[a-z][a-z0-9_]{0,63}$", key):
                self.fail(
                    f"properties.{key}",
                    "must be a snake_case name with a text, number, true/false, or a list of those",
                )
            props[key] = item
        return props


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) and not (
        isinstance(value, str) and len(value) > MAX_TEXT
    )


def read_entity(r: FieldReader) -> Entity:
    return Entity(
        id=r.required("id", slug=True),
        kind=r.required("kind"),
        name=r.required("name"),
        aliases=r.texts("aliases"),
        description=r.text("description"),
        country=r.text("country", slug=True),
        wikidata_id=r.text("wikidata_id"),
        properties=r.properties(),
        loc=r.loc,
    )


def read_source(r: FieldReader) -> Source:
    return Source(
        id=r.required("id", slug=True),
        name=r.required("name"),
        type=r.text("type"),
        publisher=r.text("publisher", slug=True),
        author=r.text("author"),
        speaker=r.text("speaker", slug=True),
        published_on=r.date("published_on"),
        url=r.text("url"),
        cites=r.texts("cites", slug=True),
        seed=r.text("seed"),
        description=r.text("description"),
        aliases=r.texts("aliases"),
        properties=r.properties(),
        loc=r.loc,
    )


def _quantity(r: FieldReader) -> Quantity:
    amount = r.raw.get("amount")
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int | float)):
        r.fail("amount", f"must be a number, got {amount!r:.40}")
    approximate = r.raw.get("approximate", False)
    if not isinstance(approximate, bool):
        r.fail("approximate", "must be true or false")
    unit = r.text("unit")
    if amount is None and unit is None:
        r.fail("amount", "a quantity needs an amount or a unit")
    return Quantity(float(amount) if amount is not None else None, unit, approximate)


def _denial(r: FieldReader) -> Denial:
    return Denial(
        by=r.required("by", slug=True),
        on=r.date("on"),
        source=r.text("source", slug=True),
        note=r.text("note"),
    )


def read_claim(r: FieldReader) -> Claim:
    return Claim(
        id=r.required("id", slug=True),
        subject=r.required("subject", slug=True),
        predicate=r.required("predicate"),
        object=r.required("object", slug=True),
        status=r.required("status"),
        summary=r.text("summary"),
        stated_on=r.date("stated_on"),
        valid_from=r.date("valid_from"),
        valid_to=r.date("valid_to"),
        items=r.texts("items", slug=True),
        quantities=r.records("quantities", _quantity, {"amount", "unit", "approximate"}),
        asserted_by=r.texts("asserted_by", slug=True),
        reported_in=r.texts("reported_in", slug=True),
        under=r.texts("under", slug=True),
        violates=r.texts("violates", slug=True),
        denials=r.records("denials", _denial, {"by", "on", "source", "note"}),
        note=r.text("note"),
        properties=r.properties(),
        loc=r.loc,
    )


def check_unique(record: Entity | Source | Claim, found: dict[str, Location | None]) -> None:
    if record.id in found:
        first = found[record.id]
        where = f" (first at {first.path}:{first.line})" if first else ""
        path, line, full = record.loc.of("id") if record.loc else (None, None, "id")
        raise InputError(f"duplicate id {record.id!r}{where}", path=path, line=line, field=full)
    found[record.id] = record.loc
