"""Choose the engine a command runs on: Neo4j when asked or configured, else the embedded one.

Rule (the CLI's contract): ``--neo4j`` or a set ``NEO4J_URI`` selects Neo4j; ``--memory``
forces the embedded engine; otherwise the embedded engine. Every command says which one
answered.
"""

from __future__ import annotations

from axisgraph.errors import UsageError
from axisgraph.settings import get_settings
from axisgraph.store.port import Store


def wants_neo4j(neo4j: bool = False, memory: bool = False) -> bool:
    """Whether the flags and settings select Neo4j."""
    if neo4j and memory:
        raise UsageError("choose one of --neo4j and --memory")
    if memory:
        return False
    return neo4j or bool(get_settings().neo4j_uri)


def open_store(neo4j: bool = False, memory: bool = False) -> Store:
    """Open the selected store (connecting to Neo4j when it is selected).

    Raises:
        StoreUnavailable: Neo4j is selected but cannot be reached.
    """
    # Each engine's module is imported only when chosen: the driver alone costs 0.5 s.
    if wants_neo4j(neo4j, memory):
        from axisgraph.store.neo4j_store import Neo4jStore

        return Neo4jStore()
    from axisgraph.store.memory import MemoryStore

    return MemoryStore()
