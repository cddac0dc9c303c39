"""``axisgraph map`` and ``axisgraph browser-style``: the pictures."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Annotated

import typer

from axisgraph.cli.options import MemOpt, NeoOpt, ParamArgs
from axisgraph.cli.output import console
from axisgraph.maps.options import DEFAULT_LAYOUT_THRESHOLD
from axisgraph.store.select import open_store


def map_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path(
        "axisgraph-map.html"
    ),
    around: Annotated[
        str | None, typer.Option(help="Draw this actor's neighbourhood (id, name or alias).")
    ] = None,
    depth: Annotated[int, typer.Option(help="Hops around --around.", min=1, max=6)] = 1,
    query: Annotated[str | None, typer.Option(help="Draw a canned query's answer.")] = None,
    param: ParamArgs = None,
    title: Annotated[str | None, typer.Option(help="The map's title.")] = None,
    include_sources: Annotated[
        bool, typer.Option("--include-sources", help="Also draw the source documents.")
    ] = False,
    layout_threshold: Annotated[
        int, typer.Option(help="Above this many nodes, lay out in Python with physics off.")
    ] = DEFAULT_LAYOUT_THRESHOLD,
    open_it: Annotated[bool, typer.Option("--open", help="Open the map in a browser.")] = False,
    neo4j: NeoOpt = False,
    memory: MemOpt = False,
) -> None:
    """Write an interactive, self-contained HTML map (works offline, safe to share).

    Examples:
    axisgraph map -o map.html
    axisgraph map --around Wagner --depth 2
    axisgraph map --query suppliers_of -p actor=wagner-group
    """
    from axisgraph.app.map import make_map
    from axisgraph.queries.params import parse_param_args

    store = open_store(neo4j=neo4j, memory=memory)
    view = make_map(
        store,
        around=around,
        depth=depth,
        query=query,
        params=parse_param_args(param or []),
        title=title,
        include_sources=include_sources,
        layout_threshold=layout_threshold,
    )
    path = view.save(output)
    console.print(
        f"Wrote {path} ({view.node_count:,} nodes, {view.edge_count:,} links, "
        f"{path.stat().st_size / 1e6:.1f} MB) from {store.describe()}",
        markup=False,
    )
    if open_it:
        webbrowser.open(path.resolve().as_uri())


def browser_style(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: print).")
    ] = None,
) -> None:
    """The Neo4j Browser stylesheet (GraSS) in the map colours.

    In the Browser, run `:style`, then drag the file onto it (or paste it).
    Example: axisgraph browser-style -o axisgraph.grass
    """
    from axisgraph.maps import grass_stylesheet

    text = grass_stylesheet()
    if output is None:
        typer.echo(text, nl=False)
        return
    from axisgraph.files import write_text

    write_text(output, text)
    console.print(f"Wrote {output}", markup=False)
