"""``axisgraph db``: run Neo4j 5.26 Community locally from Maven jars (no Docker needed)."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from axisgraph.cli.options import FmtOpt
from axisgraph.cli.output import Format, console, emit
from axisgraph.errors import StoreUnavailable
from axisgraph.settings import DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, get_settings
from axisgraph.store import runtime, server

app = typer.Typer(
    help="Run a local Neo4j 5.26 Community server from Maven jars, bound to 127.0.0.1.\n\n"
    "Example: axisgraph db start && axisgraph db status",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command()
def fetch() -> None:
    """Fetch the Neo4j server and Browser jars with Maven, once per user.

    Example: axisgraph db fetch
    """
    settings = get_settings()
    began = time.monotonic()
    with console.status(f"Fetching Neo4j {runtime.NEO4J_VERSION} jars with Maven"):
        path = runtime.fetch_jars(settings.cache)
    console.print(
        f"Neo4j {runtime.NEO4J_VERSION} jars ready in {path} ({time.monotonic() - began:.1f} s)"
    )


@app.command()
def start(
    bolt_port: Annotated[int, typer.Option(help="Bolt port on 127.0.0.1.")] = DEFAULT_BOLT_PORT,
    http_port: Annotated[
        int, typer.Option(help="HTTP port for the Neo4j Browser.")
    ] = DEFAULT_HTTP_PORT,
    heap: Annotated[str, typer.Option(help="JVM heap size, e.g. 2g.")] = "2g",
    pagecache: Annotated[str, typer.Option(help="Page cache size, e.g. 512m.")] = "512m",
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Bolt.")] = 180.0,
) -> None:
    """Start the local Neo4j server and wait until Bolt answers (idempotent).

    Example: axisgraph db start --bolt-port 7688 --http-port 7475
    """
    settings = get_settings()
    began = time.monotonic()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Starting Neo4j", total=1.0)

        def show(message: str, fraction: float) -> None:
            bar.update(task, description=message, completed=fraction)

        from axisgraph.app.db import start_server

        state, started = start_server(
            settings,
            bolt_port=bolt_port,
            http_port=http_port,
            heap=heap,
            pagecache=pagecache,
            timeout=timeout,
            progress=show,
        )
    if started:
        console.print(
            f"Neo4j {state.version} started in {time.monotonic() - began:.1f} s "
            f"(pid {state.pid}): {state.bolt_uri}, Browser {state.browser_url}"
        )
    else:
        console.print(f"Neo4j is already running (pid {state.pid}): {state.bolt_uri}")


@app.command()
def stop() -> None:
    """Stop the local server that `db start` started (and only that one).

    Example: axisgraph db stop
    """
    if server.stop(get_settings()):
        console.print("Neo4j stopped.")
    else:
        console.print("Neo4j was not running.")


@app.command()
def status(
    fmt: FmtOpt = Format.table,
) -> None:
    """Say whether the local server runs, its URI, user, and where its password is.

    Exits with 3 when the server is not running. Example: axisgraph db status --format json
    """
    settings = get_settings()
    info = server.status(settings)
    row = {
        "running": info.running,
        "uri": info.state.bolt_uri if info.state else None,
        "browser": info.state.browser_url if info.state else None,
        "user": settings.neo4j_user,
        "password": info.password_origin,
        "pid": info.state.pid if info.state else None,
        "version": runtime.NEO4J_VERSION,
        "home": str(info.home),
    }
    emit([row], fmt=fmt, vertical=True)
    if not info.running:
        raise StoreUnavailable(
            "the local Neo4j server is not running (start it: axisgraph db start)"
        )


@app.command()
def logs(
    lines: Annotated[int, typer.Option("-n", "--lines", help="How many lines.")] = 50,
    which: Annotated[str, typer.Option("--file", help="neo4j, debug, console or query.")] = "neo4j",
) -> None:
    """Show the tail of the local server's log.

    Example: axisgraph db logs -n 100 --file debug
    """
    if which not in {"neo4j", "debug", "console", "query", "http", "security"}:
        raise typer.BadParameter(
            "choose neo4j, debug, console, query, http or security", param_hint="--file"
        )
    path, tail = server.log_tail(get_settings(), lines=lines, which=which)
    console.print(f"==> {path} <==", markup=False)
    for line in tail:
        console.print(line, markup=False, highlight=False)


@app.command()
def ping(
    fmt: FmtOpt = Format.table,
) -> None:
    """Connect to the Neo4j in use (NEO4J_URI, else the local server) and show its version.

    Exits with 3 when it cannot be reached or refuses the credentials.
    Example: NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io axisgraph db ping
    """
    from axisgraph.store.connection import ping as do_ping

    emit([do_ping()], fmt=fmt)
