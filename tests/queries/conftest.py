"""Fixtures for the query tests: both engines on the bundled data, and the CLI pieces.

The bundled dataset is loaded into Neo4j once per module (``neo4j_bundled``); tests on it
only read. Modules that write (generated graphs) wipe the database themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import neo4j
import networkx as nx
import pytest
from query_support import clear, target_of

from axisgraph.graph.build import build_graph
from axisgraph.loaders.yaml_claims import load_dataset
from axisgraph.settings import reset_settings
from axisgraph.store.connection import Target
from axisgraph.store.neo4j_store import Neo4jStore


def register_cli() -> None:
    """Register ``query`` and ``cypher`` on the main app unless the CLI already has them."""
    from axisgraph.cli import app, query

    if "query" not in [g.name for g in app.registered_groups]:
        app.add_typer(query.app, name="query")
    if "cypher" not in [c.name for c in app.registered_commands]:
        app.command("cypher")(query.cypher)


register_cli()


@pytest.fixture(scope="session")
def bundled() -> nx.MultiDiGraph:
    """The bundled dataset's graph, as the embedded engine holds it."""
    return build_graph(load_dataset(), name="axisgraph")


@pytest.fixture(scope="module")
def neo4j_bundled(neo4j_server: Any, neo4j_driver: neo4j.Driver) -> Target:
    """Neo4j holding exactly the bundled dataset, loaded once for the module."""
    clear(neo4j_driver)
    target = target_of(neo4j_server)
    Neo4jStore(target).load(load_dataset())
    return target


@pytest.fixture
def neo4j_store(neo4j_bundled: Target) -> Neo4jStore:
    """A store on the bundled data (a fresh one per test: the suite closes drivers after each)."""
    return Neo4jStore(neo4j_bundled)


@pytest.fixture
def neo4j_cli_env(
    neo4j_server: Any, neo4j_bundled: Target, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Target]:
    """NEO4J_* variables pointing at the bundled data, for CLI runs (nothing is wiped)."""
    monkeypatch.setenv("NEO4J_URI", neo4j_bundled.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_bundled.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_bundled.password)
    reset_settings()
    yield neo4j_bundled
    reset_settings()
