"""JSON as every reader takes it: no duplicate keys, no NaN or Infinity.

The standard parser lets the last of two equal keys win without a word, and reads the
non-standard ``NaN``/``Infinity``, which no JSON output can write back. Both are refused
here, as the YAML reader refuses duplicate keys.
"""

from __future__ import annotations

import json
from json.decoder import JSONObject  # type: ignore[attr-defined]
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from typing import Any


class JsonValueError(ValueError):
    """Valid JSON syntax holding what we refuse; ``position`` is where, when known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise JsonValueError(f"key {key!r} appears twice in one object")
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise JsonValueError(f"{name} is not a number JSON can hold")


def strict_json(text: str) -> Any:
    """Parse ``text``.

    Raises:
        json.JSONDecodeError: malformed JSON.
        JsonValueError: a duplicate key, or ``NaN``/``Infinity``.
        ValueError: an integer of more digits than Python reads (4,300).
        RecursionError: nesting too deep.
    """
    return json.loads(text, object_pairs_hook=_unique, parse_constant=_no_constant)


def duplicate_position(text: str) -> int | None:
    """Where the second of two equal keys starts in ``text``, or ``None``.

    Slow (the pure-Python parser): only for pointing at the line once ``strict_json`` has
    found a duplicate somewhere in a large document.
    """
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kw: Any) -> Any:
        s, start = s_and_end
        result, end = JSONObject(s_and_end, *args, **kw)
        # the hook saw no positions; find the repeated key between this object's braces
        seen: set[str] = set()
        for key, _value in result:
            if key in seen:
                quoted = json.dumps(key)
                first = s.find(quoted, start, end)
                again = s.find(quoted, first + 1, end)
                raise JsonValueError(f"key {key!r} appears twice", again if again >= 0 else start)
            seen.add(key)
        return result, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.object_pairs_hook = list
    decoder.scan_once = py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except JsonValueError as exc:
        return exc.position
    except (ValueError, RecursionError):
        return None
    return None
