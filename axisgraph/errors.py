"""The package's exceptions. Expected failures carry an exit code and a one-line message.

Exit codes follow the CLI contract: 1 bad input, 2 bad usage, 3 store unreachable,
4 an output file cannot be written, 5 a query ran past its time limit.
"""

from __future__ import annotations

from pathlib import Path

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_OUTPUT = 4
EXIT_TIMEOUT = 5


class AxisgraphError(Exception):
    """An expected failure with a message meant for people."""

    exit_code = EXIT_INPUT

    def __str__(self) -> str:
        return " ".join(str(self.args[0]).split()) if self.args else type(self).__name__


class InputError(AxisgraphError):
    """Bad input data: names the file, line and field where they apply.

    Args:
        message: what is wrong, in plain words.
        path: the file the problem is in.
        line: the 1-based line number.
        field: the field or key, dotted for nested fields (``claims[3].status``).
    """

    exit_code = EXIT_INPUT

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "")
        if self.field:
            where = f"{where} [{self.field}]" if where else f"[{self.field}]"
        message = " ".join(self.message.split())
        return f"{where}: {message}" if where else message


class UsageError(AxisgraphError):
    """Bad usage: an unknown or mistyped parameter, option or name."""

    exit_code = EXIT_USAGE


class NotFoundError(InputError):
    """A name given on the command line (actor, query) is unknown."""


class StoreUnavailable(AxisgraphError):
    """The graph store (Neo4j) cannot be reached, or refuses us."""

    exit_code = EXIT_STORE


class ServerError(StoreUnavailable):
    """The local Neo4j server cannot be fetched, started or stopped."""


class ReadOnlyViolation(UsageError):
    """Ad-hoc Cypher that would write, change the schema or call a writing procedure."""


class OutputError(AxisgraphError):
    """A file the CLI writes cannot be written (disk full, no permission, a folder)."""

    exit_code = EXIT_OUTPUT


class QueryTimeout(AxisgraphError):
    """Neo4j stopped a query that ran past its time limit (``axisgraph cypher --timeout``)."""

    exit_code = EXIT_TIMEOUT
