"""The Store port: what every engine does, with the same signatures.

Two engines implement it: the embedded one (``memory.MemoryStore``) and Neo4j
(``neo4j_store.Neo4jStore``). Code outside this package holds a ``Store`` and never asks
which one it is; the one place that picks an engine is ``select.open_store``. The query
runner reads ``name`` to choose between a store's Cypher and the Python implementations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeGuard

from axisgraph.graph.model import Dataset

if TYPE_CHECKING:  # typing only: the port does not import the engines' libraries
    import networkx as nx

    from axisgraph.ftm.view import StoreView as FtmView

EngineName = Literal["memory", "neo4j"]
Progress = Callable[[str, int], None]
Triple = tuple[str, str, str]


@dataclass
class LoadReport:
    """What a load wrote (the embedded engine counts the whole graph it saved)."""

    nodes: int = 0
    relationships: int = 0
    projections: int = 0
    triples: set[Triple] = field(default_factory=set, repr=False)
    rewritten: set[str] = field(default_factory=set, repr=False)  # ids stored before too
    written: set[str] = field(default_factory=set, repr=False)  # every id this load wrote


class FtmPlan(Protocol):
    """An FtM file after its first pass, ready to commit (``ftm.passes.Prepared``)."""

    @property
    def name(self) -> str: ...

    @property
    def checked(self) -> bool:
        """Whether a complete pass over the batches has run (a retried write skips checks)."""
        ...

    def deleted(self) -> Iterator[list[str]]: ...

    def line_of(self, entity_id: str) -> int | None: ...

    def batches(self, *, check: bool) -> Iterator[Dataset]: ...


class Store(Protocol):
    """One engine's graph: load into it, count it, read it."""

    name: EngineName

    def describe(self) -> str:
        """Which engine and where, for the line every command prints."""
        ...

    def load(
        self, dataset: Dataset, *, fresh: bool = False, progress: Progress | None = None
    ) -> LoadReport:
        """Validate ``dataset`` against what is stored and write it, all or nothing.

        Raises:
            InputError: the data does not validate; nothing was written.
        """
        ...

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        """The kind (first schema label) of each of ``ids`` that the store holds."""
        ...

    def writing(self) -> AbstractContextManager[None]:
        """Hold the store for a read-then-write that spans calls (an FtM import from its
        ``ftm_view`` to its ``commit_ftm``): other writers wait; readers go on.

        Raises:
            StoreBusy: another writer held it too long.
        """
        ...

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label (without ``Entity``) and relationships per type, one snapshot."""
        ...

    def graph(self) -> nx.MultiDiGraph:
        """The whole stored graph, as the intermediate graph."""
        ...

    def ftm_view(self, *, fresh: bool = False) -> FtmView:
        """What an FtM import may ask (nothing is there when the import starts afresh)."""
        ...

    def commit_ftm(self, plan: FtmPlan, view: FtmView, *, fresh: bool = False) -> int:
        """Apply an FtM file's deletions and write its batches, all or nothing.

        Args:
            plan: the file after its first pass.
            view: the view ``ftm_view`` gave the plan (the state the plan was made on).
            fresh: replace the stored graph.

        Returns:
            The number of records deleted.

        Raises:
            InputError: the file deletes or replaces a curated record; nothing was written.
        """
        ...


class CypherStore(Store, Protocol):
    """A store that runs Cypher itself (Neo4j)."""

    def read(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Run ``query`` in a read transaction; its records as dicts, in order."""
        ...


def speaks_cypher(store: Store) -> TypeGuard[CypherStore]:
    """Whether ``store`` answers Cypher itself, rather than through Python implementations."""
    return store.name == "neo4j"
