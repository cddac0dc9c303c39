"""``axisgraph load`` as a library call: read files of any supported format, load them all.

A load is all or nothing: every file is parsed and validated before anything is written,
and the store writes it all or nothing (``Store.load``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from axisgraph.app.ftm_load import FtmSummary
from axisgraph.errors import InputError, UsageError
from axisgraph.graph.model import Dataset
from axisgraph.loaders.csv_claims import parse_csv
from axisgraph.loaders.node_link import parse_node_link
from axisgraph.loaders.records import check_unique
from axisgraph.loaders.yaml_claims import bundled_data_dir, parse_files
from axisgraph.store.port import Store

Progress = Callable[[str, int], None]
FtmLoader = Callable[[Path, "Store", bool, bool, "Path | None", "Path | None"], "FtmSummary"]


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
    ftm: list[FtmSummary] = field(default_factory=list)


def file_format(path: Path) -> str:
    """The format of a path: ``yaml``, ``csv``, ``node-link-json`` or ``ftm``.

    Raises:
        InputError: unreadable, or none of the formats we load.
    """
    from axisgraph.loaders.detect import detect_format

    return detect_format(path)


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
        elif kind == "ofac-sdn-csv":
            from axisgraph.lists.ofac_csv import parse_sdn_csv

            part = parse_sdn_csv(path)
        elif kind == "node-link-json":
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
    store: Store,
    *,
    fresh: bool = False,
    skip_invalid: bool = False,
    report: Path | None = None,
    links: Path | None = None,
    progress: Progress | None = None,
    ftm_loader: FtmLoader | None = None,
) -> LoadSummary:
    """Load files (the bundled dataset when ``paths`` is empty) into ``store``.

    YAML, CSV and node-link JSON files load together, all or nothing. FollowTheMoney files
    (entities or deltas) stream, each in a transaction of its own, after them.

    Raises:
        InputError: a file is bad; nothing of it was written.
    """
    files = paths or [bundled_data_dir()]
    for path in files:
        if not path.exists():
            raise InputError("no such file or folder", path=path)
    ftm = [p for p in files if file_format(p) == "ftm"]
    claims = [p for p in files if p not in ftm]
    if (skip_invalid or report or links) and not ftm:
        raise UsageError("--skip-invalid, --report and --links apply to FtM files only")
    dataset = read_files(claims) if claims else None
    summary = LoadSummary(engine=store.describe(), files=[str(p) for p in files])
    if dataset is not None:
        summary.entities = len(dataset.entities)
        summary.sources = len(dataset.sources)
        summary.claims = len(dataset.claims)
        _load_dataset(store, dataset, summary, fresh=fresh, progress=progress)
        fresh = False  # FtM files add to what was just loaded
    load_one = ftm_loader or _default_ftm_loader
    for path in ftm:
        ftm_summary = load_one(path, store, fresh, skip_invalid, report, links)
        summary.ftm.append(ftm_summary)
        summary.skipped += ftm_summary.skipped
        if ftm_summary.report:
            summary.report = ftm_summary.report
        fresh = False
    summary.engine = store.describe()
    return summary


def _load_dataset(
    store: Store,
    dataset: Dataset,
    summary: LoadSummary,
    *,
    fresh: bool,
    progress: Progress | None,
) -> None:
    written = store.load(dataset, fresh=fresh, progress=progress)
    summary.nodes_written = written.nodes
    summary.relationships_written = written.relationships
    summary.projections = written.projections


def _default_ftm_loader(
    path: Path,
    store: Store,
    fresh: bool,
    skip_invalid: bool,
    report: Path | None,
    links: Path | None,
) -> FtmSummary:
    from axisgraph.app.ftm_load import load_ftm

    return load_ftm(
        path, store, skip_invalid=skip_invalid, report_path=report, links_path=links, fresh=fresh
    )
