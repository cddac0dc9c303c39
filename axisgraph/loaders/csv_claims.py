"""Load entities, sources or claims from CSV: one record per row, the same fields as YAML.

The header decides what a file holds: a ``predicate`` column means claims, a ``kind`` column
entities, otherwise sources. List fields (aliases, items, asserted_by, reported_in, cites,
under, violates, quantities) separate their items with ``;``. A claim's denial uses the
columns ``denied_by``, ``denied_on``, ``denial_source`` and ``denial_note`` (one denial per row;
repeat the claim in YAML for more). Other columns of an entity become its properties.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from axisgraph.errors import InputError
from axisgraph.graph.model import Dataset, Location, Quantity
from axisgraph.loaders.marked_yaml import MAX_BYTES, MarkedDict, MarkedList
from axisgraph.loaders.records import (
    CLAIM_KEYS,
    ENTITY_KEYS,
    SOURCE_KEYS,
    FieldReader,
    check_unique,
    read_claim,
    read_entity,
    read_source,
)

_LISTS = {"aliases", "items", "asserted_by", "reported_in", "cites", "under", "violates"}
_DENIAL = ("denied_by", "denied_on", "denial_source", "denial_note")


def _marked_list(values: list[Any], line: int) -> MarkedList:
    items = MarkedList(values)
    items.line, items.item_lines = line, [line] * len(values)
    return items


def _row_to_raw(row: dict[str, str], line: int, what: str) -> MarkedDict:
    raw = MarkedDict()
    raw.line, raw.key_lines = line, {}
    props: dict[str, str] = {}
    for key, text in row.items():
        value = text.strip() if text is not None else ""
        if key in _DENIAL or value == "":
            continue
        if key in _LISTS:
            raw[key] = _marked_list([v.strip() for v in value.split(";") if v.strip()], line)
        elif key == "quantities":
            quantities = []
            for part in (p for p in value.split(";") if p.strip()):
                q = MarkedDict()
                q.line, q.key_lines = line, {}
                parsed = Quantity.parse(part)
                q.update(amount=parsed.amount, unit=parsed.unit, approximate=parsed.approximate)
                quantities.append(q)
            raw[key] = _marked_list(quantities, line)
        elif what == "entities" and key not in ENTITY_KEYS:
            props[key] = value
        else:
            raw[key] = value
        raw.key_lines[key] = line
    if props:
        raw["properties"], raw.key_lines["properties"] = props, line
    if what == "claims" and row.get("denied_by", "").strip():
        denial = MarkedDict()
        denial.line, denial.key_lines = line, {}
        for column, field in zip(_DENIAL, ("by", "on", "source", "note"), strict=True):
            if row.get(column, "").strip():
                denial[field], denial.key_lines[field] = row[column].strip(), line
        raw["denials"], raw.key_lines["denials"] = _marked_list([denial], line), line
    return raw


def parse_csv(path: Path) -> Dataset:
    """Parse one CSV file of entities, sources or claims.

    Raises:
        InputError: unreadable file, not UTF-8, a bad header, or a bad field (file, line,
            column).
    """
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError("file is too large", path=name)
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from exc
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=name, line=line) from exc
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=name, line=1) from exc
    if "id" not in header:
        raise InputError("the header needs an 'id' column", path=name, line=1)
    if len(set(header)) != len(header):
        raise InputError("a column name appears twice in the header", path=name, line=1)
    what, keys, build = (
        ("claims", CLAIM_KEYS, read_claim)
        if "predicate" in header
        else ("entities", ENTITY_KEYS, read_entity)
        if "kind" in header
        else ("sources", SOURCE_KEYS, read_source)
    )
    allowed = set(keys) | (set(_DENIAL) if what == "claims" else set())
    allowed |= {"quantities"} if what == "claims" else set()
    if what != "entities":
        unknown = [c for c in header if c not in allowed]
        if unknown:
            raise InputError(
                f"unknown column {unknown[0]!r} for {what}", path=name, line=1, field=unknown[0]
            )
    dataset = Dataset()
    found: dict[str, Location | None] = {}
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise InputError("the row has more fields than the header", path=name, line=line)
            raw = _row_to_raw(row, line, what)
            record = build(FieldReader(raw, name, "", set(keys)))
            check_unique(record, found)
            dataset.add(record)
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=name, line=reader.line_num) from exc
    return dataset
