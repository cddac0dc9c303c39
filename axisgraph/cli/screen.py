"""``axisgraph screen``: screen names against the graph, with each hit's network context."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from axisgraph.cli.options import FmtOpt, MemOpt, NeoOpt
from axisgraph.cli.output import Format, emit, err_console
from axisgraph.errors import UsageError
from axisgraph.store.select import open_store


def screen(
    names_file: Annotated[
        Path | None,
        typer.Argument(
            help="A CSV file with a 'name' column (and optional kind, country, birth_date, id).",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        list[str] | None,
        typer.Option("--name", "-n", help="A name to screen; repeat for more."),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="The lowest score that counts as a hit."),
    ] = 0.7,
    cap: Annotated[
        int, typer.Option(min=1, max=100, help="How many candidates per name are scored.")
    ] = 10,
    max_hops: Annotated[
        int, typer.Option(min=1, max=4, help="How far exposure to designated actors reaches.")
    ] = 2,
    hits_only: Annotated[
        bool, typer.Option("--hits-only", help="Leave out the names without a hit.")
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", help="Also write a self-contained HTML report to this file.", dir_okay=False
        ),
    ] = None,
    fmt: FmtOpt = Format.table,
    neo4j: NeoOpt = False,
    memory: MemOpt = False,
) -> None:
    """Screen names against the graph's actors: score, why, designations and exposure.

    Example: axisgraph screen --name "PMC Wagner" --name "Evgeniy Prigozhin"
    """
    from axisgraph.app.screen import flat_rows, html_report, read_names
    from axisgraph.files import write_text
    from axisgraph.screen.matcher import Query
    from axisgraph.screen.run import Screener

    if names_file is None and not name:
        raise UsageError("give a names file or at least one --name")
    if names_file is not None and name:
        raise UsageError("give a names file or --name, not both")
    queries = (
        read_names(names_file)
        if names_file is not None
        else (Query(name=n, ref=f"--name {i}") for i, n in enumerate(name or [], 1))
    )
    store = open_store(neo4j=neo4j, memory=memory)
    screener = Screener(store, threshold=threshold, cap=cap, max_hops=max_hops)
    results = (s for s in screener.screen(queries) if s.hits or not hits_only)
    kept = []
    note = f"screened by the {store.name} engine: {store.describe()}"
    if fmt is Format.csv:
        from axisgraph.app.screen import ROW_COLUMNS
        from axisgraph.cli.output import _cell

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(ROW_COLUMNS)
        for item in results:
            for row in flat_rows(item):
                writer.writerow([_cell(row.get(c)) for c in ROW_COLUMNS])
            if report is not None:
                kept.append(item)
    elif fmt is Format.json:
        sys.stdout.write("[")
        for n, item in enumerate(results):
            sys.stdout.write(",\n" if n else "\n")
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False, default=str))
            if report is not None:
                kept.append(item)
        sys.stdout.write("\n]\n")
    else:
        from axisgraph.app.screen import TABLE_COLUMNS

        kept = list(results)
        rows = [r for item in kept for r in flat_rows(item)]
        hits = sum(1 for item in kept if item.hits)
        emit(
            rows,
            TABLE_COLUMNS,
            fmt,
            title=f"screened {len(kept)} name(s): {hits} with a hit",
            note=note,
        )
    if fmt is not Format.table:
        err_console.print(note, markup=False)
    if report is not None:
        settings = {
            "threshold": threshold,
            "candidates": cap,
            "max_hops": max_hops,
            "engine": store.describe(),
        }
        write_text(report, html_report(kept, title="axisgraph screening", settings=settings))
        typer.echo(f"report written to {report}", err=True)
