"""The ``axisgraph`` command line: thin commands over library calls.

Exit codes: 0 success, 1 bad input, 2 bad usage, 3 store unreachable, 4 an output file
cannot be written, 5 a query stopped at its time limit.
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from axisgraph import __version__
from axisgraph.cli import browser, data, db, demo, ftm, generate, maps, query, screen
from axisgraph.cli.output import err_console
from axisgraph.errors import AxisgraphError

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="axisgraph",
    help="Map arms-supply and sanctions networks as a sourced knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings=HELP_OPTIONS,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"axisgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Map arms-supply and sanctions networks as a sourced knowledge graph."""


app.command()(demo.demo)
app.command()(data.load)
app.command()(data.stats)
app.command()(data.export)
app.command("map")(maps.map_command)
app.command("browser-style")(maps.browser_style)
app.command("browser-guide")(browser.browser_guide)
app.command()(ftm.link)
app.command()(generate.generate)
app.command()(screen.screen)
app.add_typer(query.app, name="query")
app.command("cypher")(query.cypher)
app.add_typer(db.app, name="db")


def _quiet_driver_logs() -> None:
    # The driver logs each transaction retry as a warning on stderr; the CLI reports the
    # outcome itself, in one line.
    logger = logging.getLogger("neo4j")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    logger.propagate = False


class _NoteHandler(logging.Handler):
    """Library modules log what they fixed on the way (a stale temp file removed, a file mode
    tightened); the CLI shows each as one line on stderr, never as a logging record."""

    def emit(self, record: logging.LogRecord) -> None:
        err_console.print(f"axisgraph: note: {record.getMessage()}", markup=False)


def _show_notes() -> None:
    logger = logging.getLogger("axisgraph")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler(logging.INFO))
    logger.setLevel(logging.INFO)
    logger.propagate = False


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; expected errors become one line on stderr and their exit code."""
    _quiet_driver_logs()
    _show_notes()
    try:
        result = app(args=argv, prog_name="axisgraph", standalone_mode=False)
    except AxisgraphError as exc:
        err_console.print(f"axisgraph: error: {exc}", markup=False, highlight=False)
        return exc.exit_code
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()  # usage errors: the usage line, then the error
        else:
            err_console.print(f"axisgraph: error: {exc.format_message()}", markup=False)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        err_console.print("axisgraph: interrupted")
        return 130
    finally:
        # Only a command that talked to Neo4j has a driver to close (and the driver module
        # alone costs 0.5 s to import).
        connection = sys.modules.get("axisgraph.store.connection")
        if connection is not None:
            connection.close_driver()
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
