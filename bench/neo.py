"""A private Neo4j for the benchmarks: started in a temporary AXISGRAPH_HOME on free ports.

Nothing here touches the user's state: the server's home is under ``bench/work``, it listens
on 127.0.0.1 only, and it is stopped (and its home removed) when the benchmark ends. The
smoke test passes the test session's server instead (``BenchNeo4j.attach``).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j

from axisgraph.settings import Settings, get_settings
from axisgraph.store import server
from axisgraph.store.connection import Target
from axisgraph.store.neo4j_store import Neo4jStore
from bench.common import say, temp_home


def home_settings(home: Path) -> Settings:
    """Settings for a server whose home is ``home`` (the jars come from the user's cache).

    The password is set here rather than generated: a generated one that starts with ``-``
    is taken for an option by ``neo4j-admin dbms set-initial-password``."""
    return Settings(
        neo4j_uri=None,
        neo4j_user="neo4j",
        neo4j_password="bench-" + secrets.token_hex(12),
        neo4j_database=None,
        home=home,
        cache=get_settings().cache,
    )


@dataclass
class BenchNeo4j:
    """A Neo4j the benchmark may wipe: its URI, password, a driver and a store on it."""

    uri: str
    password: str
    settings: Settings | None = None

    def __post_init__(self) -> None:
        self.driver = neo4j.GraphDatabase.driver(
            self.uri,
            auth=("neo4j", self.password),
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        )
        self.target = Target(self.uri, "neo4j", self.password, None, "benchmark server")

    def store(self) -> Neo4jStore:
        return Neo4jStore(self.target)

    def env(self) -> dict[str, str]:
        """Environment for a child process that should use this server."""
        return {"NEO4J_URI": self.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": self.password}

    def close(self) -> None:
        self.driver.close()

    # -- housekeeping ---------------------------------------------------------------------

    def wipe_data(self) -> None:
        with self.driver.session() as session:  # IN TRANSACTIONS needs an implicit transaction
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()

    def drop_schema(self) -> None:
        """Drop every constraint and index (but the built-in lookup indexes)."""
        for record in self.driver.execute_query("SHOW CONSTRAINTS YIELD name").records:
            self.driver.execute_query("DROP CONSTRAINT $name", name=record["name"])
        for record in self.driver.execute_query(
            "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
        ).records:
            self.driver.execute_query("DROP INDEX $name", name=record["name"])

    def wipe(self) -> None:
        self.wipe_data()
        self.drop_schema()

    def await_indexes(self) -> None:
        self.driver.execute_query("CALL db.awaitIndexes(600)")

    def counts(self) -> tuple[int, int]:
        """Nodes and relationships of the graph (not the loader's lock node)."""
        nodes = self.driver.execute_query("MATCH (n:Entity) RETURN count(n) AS c").records[0]["c"]
        rels = self.driver.execute_query(
            "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS c"
        ).records[0]["c"]
        return int(nodes), int(rels)

    @classmethod
    def attach(cls, uri: str, password: str) -> BenchNeo4j:
        return cls(uri, password)


@contextlib.contextmanager
def bench_server(heap: str, pagecache: str, prefix: str = "neo4j-") -> Iterator[BenchNeo4j]:
    """Start a private server (``axisgraph.store.server.start``) and stop it afterwards."""
    with temp_home(prefix) as home:
        settings = home_settings(home)
        say(f"starting a private Neo4j (heap {heap}, page cache {pagecache}) in {home}")
        state, _ = server.start(
            settings,
            bolt_port=server.free_port(),
            http_port=server.free_port(),
            heap=heap,
            pagecache=pagecache,
            timeout=300,
        )
        password, _ = server.local_password(settings)
        assert password is not None
        neo = BenchNeo4j(state.bolt_uri, password, settings)
        try:
            yield neo
        finally:
            neo.close()
            server.stop(settings)
