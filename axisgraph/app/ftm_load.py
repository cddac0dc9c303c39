"""Load FollowTheMoney entity files (OpenSanctions exports and deltas, Aleph) into a store.

Streaming, in passes over the file (``ftm_passes``), with memory that does not grow with it:

1. *scan*: parse and check every line with ``followthemoney``; record in an on-disk index
   the final version of each id (deltas apply ADD/MOD/DEL in file order), what claims point
   at, and authority names. Nothing is written; a bad line stops the load (or, with
   ``skip_invalid``, is reported and left out).
2. *plan*: ask the store about the ids the file points at but does not define, refuse to
   replace curated records, identify sanctioning authorities, prepare links.
3. *load*: read the file again and turn each surviving entity into records, in batches;
   the store commits them all or none (``Store.commit_ftm``).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from axisgraph.ftm.passes import Prepared, Progress, SkipLog, prepare
from axisgraph.store.port import Store


@dataclass
class FtmSummary:
    """What a load did: counts for people, and for tests."""

    path: str
    engine: str
    delta: bool = False
    lines: int = 0
    entities: int = 0
    ops: dict[str, int] = field(default_factory=dict)
    schemata: dict[str, int] = field(default_factory=dict)
    made: dict[str, int] = field(default_factory=dict)
    unmapped: dict[str, int] = field(default_factory=dict)
    authorities: dict[str, str] = field(default_factory=dict)
    placeholders: int = 0
    links: list[dict[str, str]] = field(default_factory=list)
    candidates: list[dict[str, str]] = field(default_factory=list)
    deleted: int = 0
    skipped: int = 0
    report: str | None = None
    seconds: float = 0.0

    @property
    def entities_per_second(self) -> float:
        return self.entities / self.seconds if self.seconds else 0.0


def default_report_path(path: Path) -> Path:
    """Where the skip report goes unless told: AXISGRAPH_HOME/reports/<file>.skipped.jsonl."""
    from axisgraph.settings import get_settings

    return get_settings().home / "reports" / f"{path.name}.skipped.jsonl"


def load_ftm(
    path: Path,
    store: Store,
    *,
    skip_invalid: bool = False,
    report_path: Path | None = None,
    links_path: Path | None = None,
    fresh: bool = False,
    progress: Progress | None = None,
) -> FtmSummary:
    """Load one FtM file (flat entities or deltas, optionally gzipped) into ``store``.

    Args:
        path: the ``.json``/``.jsonl``/``.ftm.json`` file, or the same gzipped.
        store: the memory engine or Neo4j.
        skip_invalid: leave bad lines out (and list them in ``report_path``) instead of
            stopping the load.
        report_path: where the skipped lines go (default: under AXISGRAPH_HOME/reports).
        links_path: explicit links, ``links: {<ftm id>: <curated id>}``.
        fresh: replace the current graph instead of adding to it (Neo4j: in the same
            transaction).
        progress: called now and then with (stage, lines, entities, seconds).

    Raises:
        InputError: a bad line (with its number and entity id), an FtM id that names a
            curated record, or a delta that deletes one. Nothing is written.
    """
    args = (path, store, skip_invalid, report_path, links_path, fresh, progress)
    with store.writing():  # from reading what is stored to committing the file
        return _load_ftm(*args)


def _load_ftm(
    path: Path,
    store: Store,
    skip_invalid: bool,
    report_path: Path | None,
    links_path: Path | None,
    fresh: bool,
    progress: Progress | None,
) -> FtmSummary:
    started = time.monotonic()
    view = store.ftm_view(fresh=fresh)
    skip = SkipLog(report_path or default_report_path(path)) if skip_invalid else None
    summary = FtmSummary(str(path), store.name)
    try:
        with prepare(path, view, skip=skip, links_path=links_path, progress=progress) as ready:
            summary.deleted = store.commit_ftm(ready, view, fresh=fresh)
            _summarise(summary, ready)
    finally:
        if skip is not None:
            skip.close()
            summary.skipped = skip.count
            summary.report = str(skip.path) if skip.count else None
    summary.seconds = time.monotonic() - started
    return summary


def _summarise(summary: FtmSummary, ready: Prepared) -> None:
    scan, converter = ready.scan, ready.converter
    summary.delta = scan.delta
    summary.lines = scan.lines
    summary.entities = scan.entities
    summary.ops = dict(scan.ops)
    summary.schemata = dict(sorted(scan.schemata.items()))
    summary.made = dict(sorted(converter.made.items()))
    summary.unmapped = dict(sorted(Counter(converter.unmapped).items()))
    summary.authorities = dict(sorted(ready.extra.subjects_by_text.items()))
    summary.placeholders = len(converter.placeholders)
    summary.links = [
        {"ftm_id": s.left, "curated_id": s.right, "basis": s.basis} for s in converter.links_made
    ]
    summary.candidates = [c.row() for c in converter.candidates]
