"""``axisgraph load`` as a library call: read files of any supported format, load them all.

A load is all or nothing: every file is parsed and validated before anything is written,
and the store writes in one transaction (Neo4j) or replaces its file atomically (memory).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from axisgraph.errors import InputError, UsageError
from axisgraph.graph.model import Dataset
from axisgraph.loaders.csv_claims import parse_csv
from axisgraph.loaders.node_link import parse_node_link
from axisgraph.loaders.yaml_claims import bundled_data_dir, check_unique, parse_files
from axisgraph.store.memory import MemoryStore
from axisgraph.store.neo4j_store import Neo4jStore

Progress = Callable[[str, int], None]


@dataclass
class LoadSummary:
    """What a load did, for people."""

    engine: str
    files: list[str] = field(default_factory=list)
    entities: int = 0
    sources: int = 0
    claims: int = 0
    nodes_written: int = 0
    relationships_written: int = 0
    projections: int = 0
    skipped: int = 0
    report: str | None = None


def file_format(path: Path) -> str:
    """The format of a path, from its suffix (and, for JSON, its first bytes)."""
    if path.is_dir() or path.suffix in {".yaml", ".yml"}:
        return "yaml"
    if path.suffix == ".csv":
        return "csv"
    if path.suffix in {".json", ".jsonl", ".ijson", ".gz"}:
        return "node-link" if _is_node_link(path) else "ftm"
    raise UsageError(f"{path}: unknown file type (use .yaml, .csv, .json/.jsonl/.ftm.json)")


def _is_node_link(path: Path) -> bool:
    """An exported graph is one JSON object whose first keys include "nodes" or "directed"."""
    if path.suffix != ".json":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).lstrip()
    except OSError:
        return False
    if not head.startswith(b"{"):
        return False
    first_line = head.split(b"\n", 1)[0]
    return b'"directed"' in first_line[:200] or (
        b'"nodes"' in head[:200] and (b'"schema"' not in first_line)
    )


def read_files(paths: list[Path]) -> Dataset:
    """Parse YAML, CSV and node-link JSON files into one dataset (ids unique across them)."""
    dataset = Dataset()
    found: dict[str, object] = {}
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", path=path)
        kind = file_format(path)
        if kind == "yaml":
            part = parse_files([path])
        elif kind == "csv":
            part = parse_csv(path)
        elif kind == "node-link":
            part = parse_node_link(path)
        else:
            raise UsageError(f"{path}: {kind} files load through the FtM loader")
        for record in part.records():
            check_unique(record, found)  # type: ignore[arg-type]
            dataset.add(record)
        dataset.same_as.extend(part.same_as)
    return dataset


def load_paths(
    paths: list[Path],
    store: MemoryStore | Neo4jStore,
    *,
    fresh: bool = False,
    skip_invalid: bool = False,
    report: Path | None = None,
    progress: Progress | None = None,
) -> LoadSummary:
    """Load files (the bundled dataset when ``paths`` is empty) into ``store``.

    Raises:
        InputError: a file is bad; nothing was written.
    """
    files = paths or [bundled_data_dir()]
    dataset = read_files(files)
    summary = LoadSummary(
        engine=store.describe(),
        files=[str(p) for p in files],
        entities=len(dataset.entities),
        sources=len(dataset.sources),
        claims=len(dataset.claims),
    )
    if isinstance(store, MemoryStore):
        graph = store.load(dataset, fresh=fresh)
        summary.engine = store.describe()
        summary.nodes_written = graph.number_of_nodes()
        summary.relationships_written = graph.number_of_edges()
        summary.projections = sum(1 for *_, p in graph.edges(data="projected") if p)
        return summary
    written = store.load(dataset, fresh=fresh, progress=progress)
    summary.nodes_written = written.nodes
    summary.relationships_written = written.relationships
    summary.projections = written.projections
    return summary
