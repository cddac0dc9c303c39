"""Dates with the precision a document gives: ``2023``, ``2023-01`` or ``2023-01-20``.

Partial ISO dates sort correctly as strings (a less precise date sorts before the more precise
dates it contains), so they are kept as strings everywhere, in both engines.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalize_date(value: object) -> str:
    """Return the date as a partial ISO string, or raise ``ValueError`` saying why not.

    Accepts ``datetime.date`` values (YAML reads unquoted dates as such) and timestamps such as
    ``2024-05-30T12:00:00``, which keep their date part.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2023-01-20, 2023-01 or 2023, got {value!r}")
    text = value.strip()
    if "T" in text:
        text = text.split("T", 1)[0]
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(f"{value!r} is not a date like 2023-01-20, 2023-01 or 2023")
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    if day is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            raise ValueError(f"{value!r} has no day {day}")
    return text


def date_end(value: str) -> str:
    """The last day a partial date covers: ``2022-12`` ends on ``2022-12-31``."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{parts[0]}-{parts[1]}-{last:02d}"
    return value


def date_start(value: str) -> str:
    """The first day a partial date covers: ``2022`` starts on ``2022-01-01``."""
    parts = value.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def overlaps(start: str | None, end: str | None, lo: str | None, hi: str | None) -> bool:
    """Whether the period [start, end] meets the window [lo, hi].

    A missing end means the period is open on that side (still holding, or begun at an
    unknown time); a period with neither end never matches.
    """
    if start is None and end is None:
        return False
    first = date_start(start) if start else "0000-01-01"
    last = date_end(end) if end else "9999-12-31"
    return (hi is None or first <= date_end(hi)) and (lo is None or last >= date_start(lo))
