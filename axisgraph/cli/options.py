"""The options many commands share, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

from axisgraph.cli.output import Format

NeoOpt = Annotated[
    bool,
    typer.Option("--neo4j", help="Use Neo4j (NEO4J_URI, else the local server)."),
]
MemOpt = Annotated[
    bool,
    typer.Option("--memory", help="Use the embedded engine, even if NEO4J_URI is set."),
]
FmtOpt = Annotated[Format, typer.Option("--format", help="table, json or csv.")]
ParamArgs = Annotated[
    list[str] | None,
    typer.Option(
        "-p",
        "--param",
        help="A parameter as key=value; repeat for more. Example: -p actor=wagner-group",
    ),
]
