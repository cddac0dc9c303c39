"""The value rules both engines share, so a file is accepted by both or refused by both.

Neo4j decides some of these itself, late and with a traceback: an integer past 64 bits
(the driver's ``OverflowError``), a name too long for its index ("Property value is too
large to index", about 8 KB of UTF-8 per key). Others break what we write later: NaN and
infinity are not JSON, and XML cannot hold NUL or most other control characters, so GraphML
and GEXF exports would not be well-formed. Validation applies every rule before either
engine sees a record.
"""

from __future__ import annotations

import math
import re
from typing import Any

INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""Neo4j integers are signed 64-bit."""

MAX_INDEXED_BYTES = 4_000
"""Longest ``id``, ``name`` (a claim's name is its summary) in UTF-8 bytes: Neo4j indexes
them, and its index keys hold about 8 KB, so half of that leaves room for composite keys.
4,000 ASCII characters, fewer in scripts whose characters take 2 to 4 bytes."""

# What XML 1.0 forbids (tab, newline and carriage return are allowed), and lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text_problem(value: str, *, indexed: bool = False) -> str | None:
    """Why ``value`` cannot be stored, or ``None`` if it can."""
    bad = _FORBIDDEN.search(value)
    if bad:
        return (
            f"holds the control character U+{ord(bad.group()):04X}, which XML exports cannot hold"
        )
    if indexed and len(value) * 4 > MAX_INDEXED_BYTES:  # cheap test first: most are short
        size = len(value.encode("utf-8"))
        if size > MAX_INDEXED_BYTES:
            return (
                f"is {size:,} bytes of UTF-8; Neo4j indexes it, so at most "
                f"{MAX_INDEXED_BYTES:,} are allowed"
            )
    return None


def scalar_problem(value: Any) -> str | None:
    """Why a property value (text, integer, number, true/false) cannot be stored."""
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if INT_MIN <= value <= INT_MAX:
            return None
        return "is an integer beyond 64 bits, which Neo4j cannot hold (write it as text)"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"is {value}, not a finite number"
    return None


def value_problem(value: Any) -> str | None:
    """As ``scalar_problem``, for a scalar or a list of scalars."""
    if isinstance(value, list):
        for item in value:
            problem = scalar_problem(item)
            if problem:
                return problem
        return None
    return scalar_problem(value)
