"""``axisgraph screen``: read names to screen, screen them, and shape the answer.

The names come from a CSV file (a ``name`` column; ``kind``, ``country``, ``birth_date`` and
``id`` optional; UTF-8, ``.csv.gz`` too) or from the command line. Rows are read and screened
one at a time, so a file of 10^5 names never sits in memory; the outputs other than JSON and
HTML are written as rows come.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from axisgraph.errors import InputError
from axisgraph.screen.matcher import Query
from axisgraph.screen.run import Screened

COLUMNS = ("name", "kind", "country", "birth_date", "id")
"""The columns a names file may have; ``name`` is required."""

ROW_COLUMNS = (
    "ref",
    "query",
    "hit_id",
    "hit",
    "kind",
    "score",
    "matched_name",
    "designated_by",
    "instruments",
    "designations",
    "exposed_to",
    "why",
)
"""One row per (screened name, hit), for tables and CSV; a name without hits has one row."""

TABLE_COLUMNS = ("query", "hit", "score", "matched_name", "designated_by", "exposed_to")
"""What a terminal table shows (ids, instruments, claims and the explanation: CSV and JSON)."""

MAX_NAME_CHARS = 1_000


def _open(path: Path) -> TextIO:
    try:
        if path.suffix == ".gz":
            return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot read the names file ({exc.strerror or exc})", path=path) from exc


def read_names(path: Path) -> Iterator[Query]:
    """The names of a CSV file, one ``Query`` per data row, streamed.

    Raises:
        InputError: the file cannot be read, is not UTF-8 CSV, has no ``name`` column, or a
            row has an empty or overlong name (file:line [field]).
    """
    with _open(path) as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (UnicodeDecodeError, csv.Error, OSError, EOFError) as exc:
            raise InputError(f"not a UTF-8 CSV file ({exc})", path=path, line=1) from exc
        if header is None:
            raise InputError(
                "the file is empty: a header with a 'name' column is needed", path=path
            )
        keys = [h.strip().lower() for h in header]
        if "name" not in keys:
            raise InputError(
                f"the header needs a 'name' column (found: {', '.join(keys) or 'nothing'})",
                path=path,
                line=1,
                field="name",
            )
        unknown = [k for k in keys if k not in COLUMNS]
        if unknown:
            raise InputError(
                f"unknown column(s) {', '.join(unknown)}; a names file has {', '.join(COLUMNS)}",
                path=path,
                line=1,
                field=unknown[0],
            )
        at = {k: keys.index(k) for k in COLUMNS if k in keys}
        try:
            for values in reader:
                line = reader.line_num
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(keys):
                    raise InputError(
                        f"{len(values)} values for {len(keys)} columns", path=path, line=line
                    )

                def get(key: str, values: list[str] = values) -> str:
                    return values[at[key]].strip() if key in at else ""

                name = " ".join(get("name").split())
                if not name:
                    raise InputError("empty name", path=path, line=line, field="name")
                if len(name) > MAX_NAME_CHARS:
                    raise InputError(
                        f"name longer than {MAX_NAME_CHARS:,} characters",
                        path=path,
                        line=line,
                        field="name",
                    )
                yield Query(
                    name=name,
                    kind=get("kind"),
                    country=get("country"),
                    birth_date=get("birth_date"),
                    ref=get("id") or f"line {line}",
                )
        except (UnicodeDecodeError, csv.Error, OSError, EOFError) as exc:
            raise InputError(
                f"not a UTF-8 CSV file ({exc})", path=path, line=reader.line_num + 1
            ) from exc


def _names(rows: list[dict[str, Any]], key: str) -> list[str]:
    return list(dict.fromkeys(str(r[key]) for r in rows if r.get(key)))


def flat_rows(screened: Screened) -> list[dict[str, Any]]:
    """The table/CSV rows of one screened name (one per hit; one empty row without hits)."""
    q = screened.query
    if not screened.hits:
        return [{"ref": q.ref, "query": q.name}]
    rows = []
    for hit in screened.hits:
        m = hit.match
        instruments = [i for r in hit.designations for i in (r.get("instruments") or [])]
        exposed = [e for r in hit.exposure for e in (r.get("exposed_to") or [])]
        rows.append(
            {
                "ref": q.ref,
                "query": q.name,
                "hit_id": m.entry.id,
                "hit": m.entry.name,
                "kind": m.entry.kind,
                "score": m.score,
                "matched_name": m.matched_name,
                "designated_by": _names(hit.designations, "by"),
                "instruments": list(dict.fromkeys(instruments)),
                "designations": _names(hit.designations, "claim"),
                "exposed_to": list(dict.fromkeys(exposed)),
                "why": m.explanation,
            }
        )
    return rows


def html_report(screened: list[Screened], *, title: str, settings: dict[str, Any]) -> str:
    """A self-contained HTML report: no script, no outside request, every value escaped."""
    e = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{e(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:80em}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}"
        "td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
        ".none{color:#666}.why{font-size:.85em;color:#444}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        "<p>" + e("; ".join(f"{k}: {v}" for k, v in settings.items())) + "</p>",
    ]
    hits = sum(1 for s in screened if s.hits)
    parts.append(f"<p>{len(screened):,} name(s) screened, {hits:,} with at least one hit.</p>")
    for item in screened:
        q = item.query
        parts.append(f"<h2>{e(q.name)} <small>({e(q.ref)})</small></h2>")
        if not item.hits:
            parts.append('<p class="none">No actor scored at or above the threshold.</p>')
            continue
        for hit in item.hits:
            m = hit.match
            parts.append(
                f"<h3>{e(m.entry.name)} <small>{e(m.entry.id)} · {e(m.entry.kind)} · "
                f"score {m.score:.3f} · matched “{e(m.matched_name)}”</small></h3>"
            )
            parts.append(f'<p class="why">{e(m.explanation)}</p>')
            parts.append(
                _table(
                    hit.designations,
                    (
                        "claim",
                        "by",
                        "instruments",
                        "status",
                        "stated_on",
                        "valid_from",
                        "source_count",
                    ),
                    "Designations",
                    e,
                )
            )
            parts.append(
                _table(
                    hit.exposure,
                    tuple(hit.exposure[0]) if hit.exposure else (),
                    "Exposure to designated actors",
                    e,
                )
            )
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...], caption: str, e: Any) -> str:
    if not rows:
        return f'<p class="none">{e(caption)}: none.</p>'
    head = "".join(f"<th>{e(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{e(_text(r.get(c)))}</td>" for c in columns) + "</tr>" for r in rows
    )
    return f"<table><caption>{e(caption)}</caption><tr>{head}</tr>{body}</table>"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)
