"""``axisgraph query``: the canned questions, and ``axisgraph cypher`` for read-only ad-hoc Cypher.

Register with ``app.add_typer(query.app, name="query")`` and
``app.command("cypher")(query.cypher)``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from axisgraph.cli.options import FmtOpt, MemOpt, NeoOpt, ParamArgs
from axisgraph.cli.output import Format, console, emit
from axisgraph.errors import UsageError
from axisgraph.queries.params import parse_param_args
from axisgraph.settings import DEFAULT_CYPHER_TIMEOUT
from axisgraph.store.select import open_store

app = typer.Typer(
    help="Canned questions, answered identically by the embedded engine and Neo4j.\n\n"
    "Example: axisgraph query run suppliers_of -p actor=wagner-group",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("list")
def list_queries(fmt: FmtOpt = Format.table) -> None:
    """List the canned queries with their parameters and an example.

    Example: axisgraph query list --format json
    """
    from axisgraph.queries import reference
    from axisgraph.queries.catalog import QUERIES

    rows = [
        {
            "name": q.name,
            "question": q.purpose,
            "parameters": [f"{p.name} ({reference.param_kind(p)})" for p in q.params],
            "example": q.example_command(),
        }
        for q in QUERIES
    ]
    emit(rows, ["name", "question", "parameters", "example"], fmt, title="Canned queries")


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="The query's name. Example: suppliers_of")],
) -> None:
    """Print a query's Cypher, ready to paste into the Neo4j Browser after its :params line.

    Example: axisgraph query show suppliers_of
    """
    from axisgraph.queries.registry import query_cypher

    console.print(query_cypher(name), markup=False, highlight=False, end="")


WideOpt = Annotated[
    bool, typer.Option("--wide", help="A table shows every column, not only the main ones.")
]
IdsOpt = Annotated[
    bool, typer.Option("--ids", help="A table shows ids, not names (JSON and CSV always do).")
]


@app.command()
def run(
    name: Annotated[str, typer.Argument(help="The query's name. Example: suppliers_of")],
    param: ParamArgs = None,
    fmt: FmtOpt = Format.table,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help="Only these columns, comma-separated. Example: --columns supplier,status,denied",
        ),
    ] = None,
    wide: WideOpt = False,
    ids: IdsOpt = False,
    neo4j: NeoOpt = False,
    memory: MemOpt = False,
) -> None:
    """Answer a canned query; says which engine answered.

    Actor, instrument and weapon parameters take an id, a name or an alias (any case). A
    table shows the main columns with names; JSON and CSV carry every column, with ids. Each
    claim id in an answer can be checked with axisgraph show ID.
    Example: axisgraph query run suppliers_of -p actor=Wagner --format json
    """
    from axisgraph.app.show import names_of
    from axisgraph.cli import readable
    from axisgraph.queries.registry import get_query, run_query

    query = get_query(name)
    params = parse_param_args(param or [])
    store = open_store(neo4j=neo4j, memory=memory)
    result = run_query(query.name, params, store)
    note = f"answered by the {result.engine} engine: {result.engine_description}"
    if fmt is not Format.table:
        emit(result.rows, _pick(result.columns, columns), fmt, note=note)
        return
    default = result.columns if wide or not query.table else query.table
    shown_columns = _pick(result.columns, columns) if columns else list(default)
    names = {} if ids else names_of(store, readable.ids_to_name(result, query))
    shown = readable.named_rows(result.rows, readable.named_columns(query), names)
    hidden = len(result.columns) - len(shown_columns)
    if hidden and not columns:
        note += f"\n{hidden} more column(s): --wide, --columns or --format json"
    emit(
        result.rows,
        shown_columns,
        fmt,
        title=readable.title(result, query, names),
        note=note,
        shown=None if ids else shown,
        headers=None if ids else readable.headers(query),
    )


def _pick(available: tuple[str, ...], wanted: str | None) -> list[str]:
    if not wanted:
        return list(available)
    picked = [c.strip() for c in wanted.split(",") if c.strip()]
    unknown = [c for c in picked if c not in available]
    if unknown or not picked:
        raise UsageError(
            f"--columns: {', '.join(unknown) or 'none given'} not among {', '.join(available)}"
        )
    return picked


def cypher(
    statement: Annotated[
        str, typer.Argument(help='One Cypher statement. Example: "MATCH (n:Actor) RETURN n.name"')
    ],
    param: ParamArgs = None,
    fmt: FmtOpt = Format.table,
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds Neo4j lets the statement run before stopping it (exit 5); 0: no limit.",
            min=0,
        ),
    ] = DEFAULT_CYPHER_TIMEOUT,
) -> None:
    """Run ad-hoc Cypher against Neo4j, read-only: anything that would write is refused.

    Values given with -p are JSON when they parse (3, true, ["a"]), else text. A statement
    still running after --timeout seconds (default 60) is stopped by Neo4j: exit 5.
    Example: axisgraph cypher "MATCH (a:Actor {id: $id})-[r]->(b) RETURN type(r), b.name" -p id=iran
    """
    from axisgraph.queries import adhoc

    params = {k: adhoc.parse_value(v) for k, v in parse_param_args(param or []).items()}
    result = adhoc.run_adhoc(statement, params, timeout=timeout)
    emit(
        result.rows,
        result.columns,
        fmt,
        title=f"{len(result.rows)} row(s)",
        note=f"answered by the {result.engine} engine: {result.engine_description}",
    )
