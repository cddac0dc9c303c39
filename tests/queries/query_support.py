"""Helpers the query tests share: Neo4j targets and clearing."""

from __future__ import annotations

from typing import Any

import neo4j

from axisgraph.store.connection import Target


def clear(driver: neo4j.Driver) -> None:
    """Delete all nodes and relationships (constraints stay: loads re-declare them anyway)."""
    with driver.session() as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def target_of(server: Any) -> Target:
    """The ``Target`` of the suite's Neo4j server."""
    return Target(server.uri, server.user, server.password, None, "test server")
