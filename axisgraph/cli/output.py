"""Print rows as a table, JSON or CSV: the one output path of every command that prints data."""

from __future__ import annotations

import csv
import enum
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from rich import box
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

# Piped output is often read in a wide terminal or a log: don't squeeze tables to 80 columns,
# unless COLUMNS says how wide the reader is.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit() else 140
console = Console(highlight=False, soft_wrap=True, width=_WIDTH)
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


def _cell(value: Any, sep: str = "; ") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return sep.join(_cell(v, ", ") for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def table_cell(value: Any) -> str:
    """A value as a table shows it: list items one per line, everything else as in CSV."""
    return _cell(value, "\n")


# Where a long id or value may break: after a hyphen or an underscore (official_ statement),
# never inside a date (2023-01-13 stays whole) nor inside a word.
_UNIT = re.compile(r"\d{4}(?:-\d{2}){0,2}[-_]?|[^-_]+[-_]|[^-_]+")


def _units(word: str) -> list[str]:
    """The pieces of ``word`` a line may break between (``c-iran-2023-01`` → c-, iran-, 2023-01)."""
    return _UNIT.findall(word) or [word]


def _widths(cells: Sequence[Sequence[str]]) -> tuple[list[int], list[int]]:
    """Each column's narrowest width that splits no word or date, and its widest line."""
    low, high = [], []
    for column in zip(*cells, strict=True):
        lines = [line for text in column for line in text.splitlines() or [""]]
        units = (u for line in lines for w in line.split() for u in _units(w))
        low.append(max((len(u) for u in units), default=0))
        high.append(max((len(line) for line in lines), default=0))
    return low, high


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` between words; a longer one breaks after - or _."""
    out = []
    for line in text.splitlines() or [""]:
        current = ""
        for word in line.split():
            pieces = [word] if len(word) <= width else _units(word)
            for n, piece in enumerate(pieces):
                gap = " " if current and n == 0 else ""
                if current and len(current) + len(gap) + len(piece) > width:
                    out.append(current)
                    current, gap = "", ""
                current += gap + piece
        out.append(current)
    return "\n".join(out)


# The table's frame: one space between columns and one of padding on each inner side.
def _frame(columns: int) -> int:
    return max(3 * columns - 3, 0)


def fit_widths(cells: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Column widths that fit ``width`` without splitting a word, or ``None`` if none do.

    ``cells`` holds the header row, then the data rows. Each column gets its longest word;
    the room left first makes whole the columns that need least (a two-word name on one
    line), then is shared by the rest, so a table is only as wide as its content.
    """
    low, high = _widths(cells)
    room = width - _frame(len(low)) - sum(low)
    if room < 0:
        return None
    widths = list(low)
    for i in sorted(range(len(widths)), key=lambda i: high[i] - low[i]):
        if high[i] - widths[i] <= room:
            room -= high[i] - widths[i]
            widths[i] = high[i]
    while room > 0:
        needy = [i for i, w in enumerate(widths) if w < high[i]]
        if not needy:
            break
        share = max(room // len(needy), 1)
        for i in needy:
            step = min(share, high[i] - widths[i], room)
            widths[i] += step
            room -= step
    return widths


def _records(cols: Sequence[str], cells: Sequence[Sequence[str]], width: int) -> None:
    """Rows as "key  value" blocks: what a table too wide for the terminal becomes."""
    key = max((len(c) for c in cols), default=0)
    for number, row in enumerate(cells, 1):
        console.print(Rule(f"{number} of {len(cells)}", align="left", style="dim"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(justify="right", no_wrap=True, style="bold", width=key)
        grid.add_column(max_width=max(width - key - 2, 10), overflow="fold")
        for col, text in zip(cols, row, strict=True):
            grid.add_row(Text(col), Text(text))
        console.print(grid)


def emit(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    fmt: Format = Format.table,
    *,
    title: str | None = None,
    note: str | None = None,
    vertical: bool = False,
    shown: Sequence[Mapping[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Print ``rows`` in ``fmt``.

    ``note`` (for example, which engine answered) goes to stderr for JSON and CSV so the data
    on stdout stays machine-readable, and under the title for tables. ``shown`` are the rows
    as a table shows them (names for ids), ``headers`` the table's column titles; JSON and
    CSV always print ``rows``. A table too wide for the terminal without splitting words
    prints as one block per row instead.
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
    # Headers read as words ("first reported") so they wrap between them, never mid-word.
    names = [(headers or {}).get(c, c) for c in cols]
    heads = [n.replace("_", " ") for n in names]
    cells = [[table_cell(row.get(c)) for c in cols] for row in (shown or rows)]
    widths = fit_widths([heads, *cells], console.width) if rows else [len(n) for n in heads]
    # Title and note print at the terminal's width, not squeezed into a narrow table's.
    if title:
        console.print(title, style="bold", markup=False)
    if widths is None:
        _records(names, cells, console.width)
    else:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for head, width in zip(heads, widths, strict=True):
            table.add_column(Text(wrap(head, width)), width=width, overflow="fold")
        for row_cells in cells:
            table.add_row(*(Text(wrap(c, w)) for c, w in zip(row_cells, widths, strict=True)))
        console.print(table)
    if note:
        console.print(note, style="dim", markup=False)
