"""Print rows as a table, JSON or CSV: the one output path of every command that prints data."""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

# Piped output is often read in a wide terminal or a log: don't squeeze tables to 80 columns.
console = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 140)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def spinner(description: str) -> Iterator[Callable[[str], None]]:
    """A spinner with elapsed time on stderr (only on a terminal); yields ``say(text)``."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as bar:
        task = bar.add_task(description, total=None)

        def say(text: str) -> None:
            bar.update(task, description=text)

        yield say


class Format(enum.StrEnum):
    """Output formats shared by all commands that print data."""

    table = "table"
    json = "json"
    csv = "csv"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def emit(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    fmt: Format = Format.table,
    *,
    title: str | None = None,
    note: str | None = None,
    vertical: bool = False,
) -> None:
    """Print ``rows`` in ``fmt``.

    ``note`` (for example, which engine answered) goes to stderr for JSON and CSV so the data
    on stdout stays machine-readable, and under the title for tables.
    """
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt is Format.json:
        json.dump(
            [{c: r.get(c) for c in cols} for r in rows],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
            default=str,
        )
        sys.stdout.write("\n")
        if note:
            err_console.print(note, markup=False)
        return
    if fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in cols])
        if note:
            err_console.print(note, markup=False)
        return
    if vertical:  # one record: "key: value" lines read better than a squeezed table
        if title:
            console.print(title, style="bold", markup=False)
        width = max((len(c) for c in cols), default=0)
        for row in rows:
            for col in cols:
                console.print(f"{col:>{width}}: {_cell(row.get(col))}", markup=False)
        if note:
            console.print(note, style="dim", markup=False)
        return
    table = Table(
        title=title, caption=note, show_lines=False, title_justify="left", caption_justify="left"
    )
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in cols))
    console.print(table)
