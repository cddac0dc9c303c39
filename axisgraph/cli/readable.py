"""Answers as a person reads them in a terminal: names where the rows hold ids.

JSON and CSV keep the ids (they are what a program joins on); a table shows each entity's
name, and ``--ids`` brings the ids back. Claim ids stay as they are in every format: they are
what ``axisgraph show`` takes to check a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from axisgraph.queries.spec import Query, QueryResult, Row, flatten_ids

# Columns of node ids (or lists of them) beyond those a query lists as node columns.
_ALSO_IDS = frozenset(
    {
        "asserted_by",
        "denied_by",
        "exposed_to",
        "within",
        "via",
        "sources",
        "denial_source",
        "instruments",
        "items",
    }
)
# Claim ids are the handle to check a row with; paths have a names column beside them.
_KEEP = frozenset({"claim", "claims", "path"})


def named_columns(query: Query) -> list[str]:
    """The columns whose ids a table replaces by names.

    ``supplier_id`` stays an id when ``supplier`` (its name) is a column too.
    """
    columns = set(query.columns)
    out = []
    for col in query.columns:
        if col in _KEEP:
            continue
        is_id = col in query.node_columns or col in _ALSO_IDS or col.endswith("_id")
        if is_id and not (col.endswith("_id") and col[:-3] in columns):
            out.append(col)
    return out


def headers(query: Query) -> dict[str, str]:
    """Table headers for the named columns: ``subject_id`` shows as ``subject``."""
    return {c: c[:-3] for c in named_columns(query) if c.endswith("_id")}


def ids_to_name(result: QueryResult, query: Query) -> list[str]:
    """Every id a table of ``result`` would show by name, the entity parameters included."""
    cols = named_columns(query)
    found = list(flatten_ids([row.get(c) for row in result.rows for c in cols]))
    for param in query.params:
        value = result.params.get(param.name)
        if param.label and isinstance(value, str):
            found.append(value)
    return found


def _name(value: Any, names: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list | tuple):
        return [_name(v, names) for v in value]
    return value


def named_rows(rows: Sequence[Row], columns: Iterable[str], names: Mapping[str, str]) -> list[Row]:
    """``rows`` with the ids in ``columns`` replaced by their names (ids without one stay)."""
    cols = set(columns)
    return [{c: (_name(v, names) if c in cols else v) for c, v in row.items()} for row in rows]


def title(result: QueryResult, query: Query, names: Mapping[str, str]) -> str:
    """``suppliers_of(actor=Wagner Group): 1 row(s)``, with entity parameters by name."""
    shown = []
    for key, value in result.params.items():
        if value is None:
            continue
        param = query.param(key)
        if param is not None and param.label and isinstance(value, str):
            value = names.get(value, value)
        shown.append(f"{key}={value}")
    return f"{result.query}({', '.join(shown)}): {len(result.rows)} row(s)"
