"""Read FtM entity files line by line and check each entity with ``followthemoney``.

Two line formats: flat entities (``{"id", "schema", "properties", ...}``, one per line, as in
OpenSanctions ``entities.ftm.json`` and Aleph exports) and OpenSanctions deltas
(``{"op": "ADD"|"MOD"|"DEL", "entity": {...}}``). Files may be gzipped. Only one line is held
at a time. Every problem is an ``InputError`` naming the file, the line and the entity id.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeGuard, cast

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from followthemoney.types.common import EnumType, PropertyType

from axisgraph.errors import InputError
from axisgraph.loaders.strict_json import JsonValueError, strict_json
from axisgraph.settings import DEFAULT_MAX_LINE_BYTES, get_settings

MAX_LINE = DEFAULT_MAX_LINE_BYTES  # the default; AXISGRAPH_MAX_LINE_BYTES changes it
OPS = ("ADD", "MOD", "DEL")
# Types whose values we compute with (references, dates, countries, topics): they must be
# valid FtM values. Text-like values are kept as published: OpenSanctions ships phone
# numbers and identifiers that FtM's strict validator rejects (``passportNumber`` holding
# "National Identification Number, ..."), and those must not block a load.
STRICT_TYPES = frozenset(
    t.name
    for t in (
        registry.entity,
        registry.date,
        registry.country,
        registry.topic,
        registry.gender,
        registry.url,
        registry.language,
        registry.number,
    )
)
_META_LISTS = ("datasets", "referents")
_META_TEXTS = ("caption", "first_seen", "last_seen", "last_change")
_ID_HINT = re.compile(rb'"id"\s*:\s*"([^"\\]{1,200})"')
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


@dataclass(frozen=True)
class FtmLine:
    """One checked line: an entity to add or replace, or an id to delete."""

    line: int
    op: str
    id: str
    proxy: EntityProxy | None  # None for DEL
    meta: dict[str, Any] = field(default_factory=dict)


def open_binary(path: Path) -> IO[bytes]:
    """Open a file for reading, gunzipping it when it starts with the gzip magic bytes."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=path) from exc
    if handle.read(2) == b"\x1f\x8b":
        handle.close()
        return cast(IO[bytes], gzip.open(path, "rb"))
    handle.seek(0)
    return handle


def raw_lines(path: Path, limit: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, bytes) of every non-blank line.

    Raises:
        InputError: a line longer than ``limit`` bytes (default: the ``max_line_bytes``
            setting), refused once that much of it is read, never held whole.
    """
    limit = limit or get_settings().max_line_bytes
    with open_binary(path) as handle:
        number = 0
        try:
            while raw := handle.readline(limit + 1):
                number += 1
                if len(raw) > limit:
                    raise _too_long(path, number, raw, limit)
                if raw.strip():
                    yield number, raw
        except (OSError, EOFError) as exc:  # truncated or corrupt gzip
            raise InputError(f"the file cannot be read to the end ({exc})", path=path) from exc


def _too_long(path: Path, number: int, raw: bytes, limit: int) -> InputError:
    hint = _ID_HINT.search(raw[:4096])
    who = f"entity {hint.group(1).decode('utf-8', 'replace')!r}" if hint else "entity id unknown"
    return InputError(
        f"{who}: the line is longer than {limit:,} bytes (AXISGRAPH_MAX_LINE_BYTES raises "
        "the limit)",
        path=path,
        line=number,
    )


def _clean(ptype: PropertyType, value: str) -> str | None:
    """FtM's cleaning of a value, or ``None`` if it is not a valid value of the type."""
    if isinstance(ptype, EnumType):
        # Codes are checked against the list: the country type's clean_text would first
        # build a fuzzy territory index, which takes seconds.
        code = value.lower().strip()
        return code if code in ptype.codes else None
    cleaned = ptype.clean_text(value)
    return cleaned if cleaned is not None and len(cleaned) <= ptype.max_length else None


def _encodable(obj: Any) -> bool:
    """Whether every string in a parsed line is valid Unicode (json.loads lets ``"\\ud800"``
    through as a lone surrogate, which UTF-8, Neo4j and the saved graph cannot hold)."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _valid_id(value: Any) -> TypeGuard[str]:
    return (
        isinstance(value, str)
        and len(value) <= registry.entity.max_length
        and registry.entity.validate(value)
    )


class LineReader:
    """Parses and checks lines; the first object decides whether the file holds deltas."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.delta: bool | None = None

    def fail(
        self, number: int, entity_id: str | None, message: str, name: str | None = None
    ) -> InputError:
        who = f"entity {entity_id!r}" if entity_id else "entity id unknown"
        return InputError(f"{who}: {message}", path=self.path, line=number, field=name)

    def parse(self, number: int, raw: bytes) -> FtmLine:
        """Check one line.

        Raises:
            InputError: malformed JSON, an unknown op, schema or property, an invalid value.
        """
        hint = _ID_HINT.search(raw[:4096])
        guess = hint.group(1).decode("utf-8", "replace") if hint else None
        limit = get_settings().max_line_bytes
        if len(raw) > limit:
            raise self.fail(number, guess, f"the line is longer than {limit:,} bytes")
        try:
            obj = strict_json(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            raise self.fail(number, guess, f"the line is not UTF-8 ({exc.reason})") from exc
        except json.JSONDecodeError as exc:
            raise self.fail(
                number, guess, f"malformed JSON ({exc.msg}, column {exc.colno})"
            ) from exc
        except JsonValueError as exc:
            raise self.fail(number, guess, str(exc)) from exc
        except ValueError as exc:  # Python refuses to read integers of over 4,300 digits
            raise self.fail(number, guess, "a number too long to read") from exc
        except RecursionError as exc:
            raise self.fail(number, guess, "JSON nested too deeply") from exc
        if _SURROGATE_ESCAPE.search(raw) and not _encodable(obj):
            raise self.fail(number, guess, "a string holds an unpaired UTF-16 surrogate escape")
        if not isinstance(obj, dict):
            raise self.fail(number, None, "each line must be a JSON object")
        if self.delta is None:
            self.delta = "op" in obj
        if not self.delta:
            if "op" in obj:
                raise self.fail(number, guess, "a delta line in a file of flat entities", "op")
            return self.entity(number, "ADD", obj)
        return self._delta(number, obj, guess)

    def _delta(self, number: int, obj: dict[str, Any], guess: str | None) -> FtmLine:
        op, entity = obj.get("op"), obj.get("entity")
        if "op" not in obj:
            raise self.fail(number, guess, "a flat entity line in a file of deltas", "op")
        if op not in OPS:
            raise self.fail(number, guess, f"unknown op {op!r} (one of: ADD, MOD, DEL)", "op")
        if not isinstance(entity, dict):
            raise self.fail(number, guess, f"{op} without an entity object", "entity")
        if op == "DEL":
            entity_id = entity.get("id")
            if not _valid_id(entity_id):
                raise self.fail(number, None, "DEL without a valid entity id", "entity.id")
            return FtmLine(number, op, entity_id, None)
        return self.entity(number, op, entity)

    def entity(self, number: int, op: str, data: dict[str, Any]) -> FtmLine:
        """Check an entity object against the FtM model; keep its metadata."""
        entity_id = data.get("id")
        if not _valid_id(entity_id):
            raise self.fail(number, None, f"invalid or missing entity id {entity_id!r:.80}", "id")
        schema_name = data.get("schema")
        schema = model.get(schema_name) if isinstance(schema_name, str) else None
        if schema is None:
            raise self.fail(number, entity_id, f"unknown schema {schema_name!r:.80}", "schema")
        if schema.abstract:
            raise self.fail(number, entity_id, f"schema {schema.name} is abstract", "schema")
        props = data.get("properties", {})
        if not isinstance(props, dict):
            raise self.fail(number, entity_id, "properties must be an object", "properties")
        clean: dict[str, list[str]] = {}
        for name, values in props.items():
            clean[name] = self._values(number, entity_id, schema.name, name, values)
        meta: dict[str, Any] = {}
        for key in _META_LISTS:
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise self.fail(number, entity_id, f"{key} must be a list of strings", key)
            meta[key] = value
        for key in _META_TEXTS:
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise self.fail(number, entity_id, f"{key} must be a string", key)
            meta[key] = value
        if not isinstance(data.get("target", False), bool):
            raise self.fail(number, entity_id, "target must be true or false", "target")
        meta["target"] = data.get("target")
        proxy = model.get_proxy(
            {"id": entity_id, "schema": schema.name, "properties": clean}, cleaned=True
        )
        return FtmLine(number, op, entity_id, proxy, meta)

    def _values(
        self, number: int, entity_id: str, schema: str, name: Any, values: Any
    ) -> list[str]:
        ftm = model.get(schema)
        assert ftm is not None
        prop = ftm.properties.get(name)
        field_name = f"properties.{name}"
        if prop is None:
            raise self.fail(
                number, entity_id, f"unknown property {name!r} for {schema}", field_name
            )
        if prop.stub:
            raise self.fail(
                number, entity_id, f"{name!r} is a reverse property and cannot be set", field_name
            )
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.fail(number, entity_id, f"{name!r} must be a list of strings", field_name)
        out: list[str] = []
        for value in values:
            if not value.strip():
                continue
            if prop.type.name in STRICT_TYPES:
                cleaned = _clean(prop.type, value)
                if cleaned is None:
                    raise self.fail(
                        number,
                        entity_id,
                        f"invalid {prop.type.name} value {value!r:.80} for property {name!r}",
                        field_name,
                    )
                value = cleaned
            if value not in out:
                out.append(value)
        return out
