"""``axisgraph demo``: the main job on the embedded engine, with nothing to install or start."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from axisgraph.cli.output import Format, console, emit


def demo(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Where to write the overview map.")
    ] = Path("axisgraph-overview.html"),
    fmt: Annotated[Format, typer.Option("--format", help="table, json or csv.")] = Format.table,
) -> None:
    """Load the bundled dataset into the embedded engine, answer a few questions, draw the map.

    Your saved graph (if any) is left untouched. Example: axisgraph demo -o overview.html
    """
    from axisgraph.demo import run_demo

    result = run_demo(output)
    console.print(f"Engine: {result.engine}", markup=False)
    emit(result.stats, ["what", "name", "count"], fmt, title="What the graph holds")
    for title, columns, rows in result.answers:
        emit(rows, columns, fmt, title=title)
    if result.map_path:
        console.print(f"Overview map: {result.map_path}", markup=False)
