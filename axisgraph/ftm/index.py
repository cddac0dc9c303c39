"""What the first pass over an FtM file learns, kept on disk so memory does not grow with it.

For every id: the line of its final version and its kind, or that it ends deleted (delta
``DEL``). Also every id that a relationship or a sanction points at, and the names of the
actors that could be a sanctioning authority. The second pass asks this index, one id at a
time, whether a line is the live version and what the other end of a claim is.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

_SCHEMA = """
CREATE TABLE entity (id TEXT PRIMARY KEY, line INTEGER, schema TEXT, kind TEXT, live INTEGER);
CREATE TABLE ref (id TEXT PRIMARY KEY);
CREATE TABLE name (key TEXT, id TEXT, countries TEXT);
CREATE INDEX name_key ON name (key);
CREATE INDEX name_id ON name (id);
"""
UNMAPPED = ""
"""The kind stored for things we do not map (addresses, passports, vessels)."""


class EntityIndex:
    """A SQLite file in a private temporary folder, removed by ``close``."""

    def __init__(self) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="axisgraph-ftm-"))
        self._db = sqlite3.connect(self._dir / "index.sqlite3")
        # The file is scratch: no journal, no fsync, a small page cache (4 MB).
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4000;" + _SCHEMA
        )

    def close(self) -> None:
        self._db.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> EntityIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- first pass -------------------------------------------------------------------------

    def state(self, entity_id: str) -> tuple[int, bool] | None:
        """(line, live) of the latest version seen so far, or ``None``."""
        row = self._db.execute(
            "SELECT line, live FROM entity WHERE id = ?", (entity_id,)
        ).fetchone()
        return (int(row[0]), bool(row[1])) if row else None

    def put(self, entity_id: str, line: int, schema: str, kind: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO entity VALUES (?, ?, ?, ?, 1)", (entity_id, line, schema, kind)
        )
        self._db.execute("DELETE FROM name WHERE id = ?", (entity_id,))

    def delete(self, entity_id: str, line: int) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO entity VALUES (?, ?, NULL, NULL, 0)", (entity_id, line)
        )
        self._db.execute("DELETE FROM name WHERE id = ?", (entity_id,))

    def add_refs(self, ids: Iterable[str]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO ref VALUES (?)", ((i,) for i in ids))

    def set_names(self, entity_id: str, keys: Iterable[str], countries: Iterable[str]) -> None:
        joined = ",".join(sorted(set(countries)))
        self._db.executemany(
            "INSERT INTO name VALUES (?, ?, ?)", ((k, entity_id, joined) for k in set(keys))
        )

    def commit(self) -> None:
        self._db.commit()

    # -- second pass ------------------------------------------------------------------------

    def is_final(self, entity_id: str, line: int) -> bool:
        """Whether ``line`` holds the version of ``entity_id`` that survives the file."""
        row = self._db.execute(
            "SELECT 1 FROM entity WHERE id = ? AND line = ? AND live = 1", (entity_id, line)
        ).fetchone()
        return row is not None

    def kind(self, entity_id: str) -> str | None:
        """The kind of a live id ('' when unmapped); ``None`` if absent or deleted."""
        row = self._db.execute(
            "SELECT kind FROM entity WHERE id = ? AND live = 1", (entity_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def deleted(self, entity_id: str) -> bool:
        row = self._db.execute("SELECT live FROM entity WHERE id = ?", (entity_id,)).fetchone()
        return row is not None and not row[0]

    def names(self, key: str) -> list[tuple[str, str, frozenset[str]]]:
        """(id, kind, country codes) of live actors carrying the name ``key``."""
        rows = self._db.execute(
            "SELECT n.id, e.kind, n.countries FROM name n JOIN entity e ON e.id = n.id "
            "WHERE n.key = ? AND e.live = 1",
            (key,),
        ).fetchall()
        return [(r[0], r[1], frozenset(c for c in r[2].split(",") if c)) for r in rows]

    def _ids(self, query: str, size: int) -> Iterator[list[str]]:
        cursor = self._db.execute(query)
        while rows := cursor.fetchmany(size):
            yield [r[0] for r in rows]

    def missing_refs(self, size: int = 5_000) -> Iterator[list[str]]:
        """Referenced ids that no live line of the file defines, in chunks."""
        return self._ids(
            "SELECT r.id FROM ref r LEFT JOIN entity e ON e.id = r.id AND e.live = 1 "
            "WHERE e.id IS NULL ORDER BY r.id",
            size,
        )

    def live_ids(self, size: int = 5_000) -> Iterator[list[str]]:
        return self._ids("SELECT id FROM entity WHERE live = 1 ORDER BY id", size)

    def deleted_ids(self, size: int = 5_000) -> Iterator[list[str]]:
        return self._ids("SELECT id FROM entity WHERE live = 0 ORDER BY id", size)

    def counts(self) -> tuple[int, int]:
        """(live ids, deleted ids)."""
        row = self._db.execute("SELECT SUM(live = 1), SUM(live = 0) FROM entity").fetchone()
        return int(row[0] or 0), int(row[1] or 0)
