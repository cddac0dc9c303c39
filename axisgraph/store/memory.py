"""The embedded engine: the graph in networkx, saved as node-link JSON under AXISGRAPH_HOME.

``axisgraph load`` writes the saved graph and later commands read it. With nothing saved,
the bundled dataset is the graph. A load merges into the current graph and is all or
nothing: validation runs on the merged dataset first, and the file is replaced atomically.
Writers hold a lock on ``graph.json.lock`` for the whole read-merge-write, so two loads at
once run one after the other and neither loses the other's records; readers need no lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from functools import cache
from typing import TYPE_CHECKING, Any

import networkx as nx
import orjson

from axisgraph.errors import InputError
from axisgraph.files import write_bytes
from axisgraph.graph.build import build_graph, graph_to_dataset
from axisgraph.graph.export import node_link
from axisgraph.graph.model import Dataset
from axisgraph.graph.validate import validate
from axisgraph.graph.version import stamp
from axisgraph.settings import Settings, get_settings
from axisgraph.store.filelock import exclusive
from axisgraph.store.port import EngineName, FtmPlan, LoadReport, Progress

if TYPE_CHECKING:
    from axisgraph.ftm.view import StoreView as FtmView


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    if not isinstance(graph, nx.MultiDiGraph):  # pragma: no cover - node_link_graph honours it
        graph = nx.MultiDiGraph(graph)
    return graph


@cache
def bundled_graph() -> nx.MultiDiGraph:
    """The graph of the bundled dataset, built once per process."""
    from axisgraph.loaders.yaml_claims import load_dataset

    return build_graph(load_dataset(), name="axisgraph")


class MemoryStore:
    """The embedded engine's graph and its saved file."""

    name: EngineName = "memory"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.path = self.settings.graph_file

    def describe(self) -> str:
        where = str(self.path) if self.path.exists() else "the bundled dataset (nothing saved)"
        return f"embedded engine ({where})"

    def writing(self) -> AbstractContextManager[None]:
        """Hold the saved graph for a read-merge-write (re-entrant; other processes wait).

        Raises:
            StoreBusy: another writer held it past ``AXISGRAPH_LOCK_TIMEOUT`` seconds.
        """
        lock_file = self.path.with_name(self.path.name + ".lock")
        what = f"the saved graph {self.path}"
        return exclusive(lock_file, timeout=self.settings.lock_timeout, what=what)

    @property
    def saved(self) -> bool:
        return self.path.exists()

    def graph(self) -> nx.MultiDiGraph:
        """The current graph: the saved one, or the bundled dataset's."""
        if not self.path.exists():
            return stamp(bundled_graph().copy())
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, ValueError) as exc:
            raise InputError(
                f"the saved graph cannot be read ({exc}); remove it or run "
                "`axisgraph load --fresh`",
                path=self.path,
            ) from exc
        return stamp(from_node_link(data))

    def dataset(self) -> Dataset:
        return graph_to_dataset(self.graph())

    def load(
        self, dataset: Dataset, *, fresh: bool = False, progress: Progress | None = None
    ) -> LoadReport:
        """Merge ``dataset`` into the current graph (or replace it with ``fresh``) and save.

        The report counts the whole graph saved (this engine rewrites it whole).

        Raises:
            InputError: the merged data does not validate; nothing is saved.
        """
        with self.writing():
            base = Dataset() if fresh else self.dataset()
            validate(dataset, base=base)
            merged = base.merge(dataset)
            graph = build_graph(merged, name="axisgraph")
            self.save(graph)
        return LoadReport(
            nodes=graph.number_of_nodes(),
            relationships=graph.number_of_edges(),
            projections=sum(1 for *_, p in graph.edges(data="projected") if p),
        )

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        base = self.dataset()
        return {i: kind for i in ids if (kind := base.kind_of(i)) is not None}

    def ftm_view(self, *, fresh: bool = False) -> FtmView:
        from axisgraph.store import ftm  # followthemoney: only when an FtM file is loaded

        return ftm.MemoryView(Dataset() if fresh else self.dataset())

    def commit_ftm(self, plan: FtmPlan, view: FtmView, *, fresh: bool = False) -> int:
        from axisgraph.store import ftm

        # The merged dataset is validated as a whole before it is saved, so the batches need
        # no check of their own. The commit applies to the dataset the view read (once).
        if isinstance(view, ftm.MemoryView):
            base = view.base
        else:
            base = Dataset() if fresh else self.dataset()
        return ftm.commit_memory(base, plan, self.save)

    def save(self, graph: nx.MultiDiGraph) -> None:
        """Write the graph atomically: a crash leaves the old file or the new one."""
        with self.writing():
            write_bytes(self.path, orjson.dumps(node_link(graph)), mode=0o600)

    def clear(self) -> bool:
        """Forget the saved graph (the bundled dataset becomes current again)."""
        with self.writing():
            existed = self.path.exists()
            self.path.unlink(missing_ok=True)
        return existed

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        return graph_counts(self.graph())


def graph_counts(graph: nx.MultiDiGraph) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type."""
    labels: dict[str, int] = {}
    for _, attrs in graph.nodes(data=True):
        for label in attrs["labels"]:
            labels[label] = labels.get(label, 0) + 1
    types: dict[str, int] = {}
    for _, _, rel_type in graph.edges(data="type"):
        types[rel_type] = types.get(rel_type, 0) + 1
    return labels, types
