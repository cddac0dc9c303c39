"""``axisgraph demo``: the main job on the embedded engine, with nothing to install or start."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from axisgraph.cli.options import FmtOpt
from axisgraph.cli.output import Format, console, emit


def demo(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Where to write the overview map.")
    ] = Path("axisgraph-overview.html"),
    fmt: FmtOpt = Format.table,
) -> None:
    """Load the bundled dataset into the embedded engine, answer a few questions, draw the map.

    Your saved graph (if any) is left untouched. Example: axisgraph demo -o overview.html
    """
    from axisgraph.app.demo import run_demo

    result = run_demo(output)
    note = f"engine: {result.engine} · data version {result.data_version}"
    if fmt is Format.table:
        console.print(note, markup=False, style="dim")
    emit(result.stats, ["what", "name", "count"], fmt, title="What the graph holds")
    for answer in result.answers:
        columns = answer.brief if fmt is Format.table else answer.columns
        emit(
            answer.rows,
            columns,
            fmt,
            title=f"{answer.title}  (axisgraph query run {answer.query} …)",
        )
    if result.map_path:
        console.print(
            f"Overview map: {result.map_path}  (open it in any browser; it works offline)",
            markup=False,
        )
    if fmt is not Format.table:
        from axisgraph.cli.output import err_console

        err_console.print(note, markup=False)
