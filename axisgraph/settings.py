"""Settings, read once from the environment (and a ``.env`` file in the working directory).

Every setting has one name in the environment:

- ``NEO4J_URI``: the Neo4j to use (``bolt://``, ``neo4j://``, ``neo4j+s://``). Unset means the
  embedded engine, unless a command is given ``--neo4j`` (then the local server is used).
- ``NEO4J_USER`` (default ``neo4j``), ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (default: the
  server's default database).
- ``AXISGRAPH_HOME``: local state (saved memory graph, local Neo4j server files).
- ``AXISGRAPH_CACHE``: where fetched Neo4j jars are cached (shared by all homes of a user).
- ``AXISGRAPH_MAX_LINE_BYTES``: the longest line an FtM file may hold (default 32 MiB). A
  longer line is refused as soon as the reader has read that much of it, so memory stays
  bounded however long the line (or the gzip's expansion) is.
- ``AXISGRAPH_LOCK_TIMEOUT``: seconds a load into the embedded engine waits for another one
  to finish writing the saved graph (default 600).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dotenv import load_dotenv
from platformdirs import user_cache_dir, user_data_dir

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024
DEFAULT_LOCK_TIMEOUT = 600
DEFAULT_CYPHER_TIMEOUT = 60.0
"""Seconds an ad-hoc statement may run before Neo4j stops it (``--timeout``; 0: no limit)."""


@dataclass(frozen=True)
class Settings:
    """The configuration of one process."""

    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str | None
    neo4j_database: str | None
    home: Path
    cache: Path
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
    lock_timeout: int = DEFAULT_LOCK_TIMEOUT

    @property
    def graph_file(self) -> Path:
        """Where the embedded engine's saved graph lives."""
        return self.home / "graph.json"

    @property
    def server_dir(self) -> Path:
        """The local Neo4j server's home (data, logs, conf, pid)."""
        return self.home / "neo4j"


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


@cache
def get_settings() -> Settings:
    """Read the settings once per process (``reset_settings`` forgets them)."""
    load_dotenv(Path.cwd() / ".env", override=False)
    home = _env("AXISGRAPH_HOME") or user_data_dir("axisgraph", appauthor=False)
    cache_dir = _env("AXISGRAPH_CACHE") or user_cache_dir("axisgraph", appauthor=False)
    return Settings(
        neo4j_uri=_env("NEO4J_URI"),
        neo4j_user=_env("NEO4J_USER") or "neo4j",
        neo4j_password=_env("NEO4J_PASSWORD"),
        neo4j_database=_env("NEO4J_DATABASE"),
        home=Path(home).expanduser(),
        cache=Path(cache_dir).expanduser(),
        max_line_bytes=_positive("AXISGRAPH_MAX_LINE_BYTES", DEFAULT_MAX_LINE_BYTES),
        lock_timeout=_positive("AXISGRAPH_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT),
    )


def _positive(name: str, default: int) -> int:
    text = _env(name)
    if text is None:
        return default
    if not text.strip().isdigit() or int(text) < 1:
        from axisgraph.errors import UsageError

        raise UsageError(f"{name} must be a whole positive number, got {text!r}")
    return int(text)


def reset_settings() -> None:
    """Forget the settings read so far (tests change the environment)."""
    get_settings.cache_clear()
