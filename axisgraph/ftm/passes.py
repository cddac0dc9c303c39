"""The passes over an FtM file, the same for both engines (``ftm.py`` says in what order).

Pass 1 (``scan``) checks every line and fills the on-disk index; the plan step asks the store
what the file needs from it; pass 2 (``Prepared.batches``) turns the surviving entities into
records, ``BATCH`` at a time. Neither pass holds more than one line and one batch.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from collections.abc import Mapping as AbcMapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from axisgraph.errors import InputError
from axisgraph.files import atomic_text
from axisgraph.ftm.authority import Extra, resolve_authorities
from axisgraph.ftm.convert import Context, Converter, check_shape
from axisgraph.ftm.index import EntityIndex
from axisgraph.ftm.link import Linker, load_mapping
from axisgraph.ftm.read import FtmLine, LineReader, raw_lines
from axisgraph.ftm.scan import Scan, index_line
from axisgraph.ftm.view import StoreView
from axisgraph.graph.model import Dataset
from axisgraph.graph.validate import ValueRuleError, validate

BATCH = 2_000
PROGRESS_EVERY = 1_000
Progress = Callable[[str, int, int, float], None]
"""Called with (stage, lines read, entities read, seconds since the load began)."""


def validate_ftm(dataset: Dataset, base: Dataset | AbcMapping[str, str]) -> None:
    """``validate``, naming the FtM entity first as the line reader's own errors do."""
    try:
        validate(dataset, base=base)
    except ValueRuleError as exc:
        entity_id = (exc.field or "").split(".", 1)[0]
        raise InputError(
            f"entity {entity_id!r}: {exc.message}", path=exc.path, line=exc.line, field=exc.field
        ) from exc


class SkipLog:
    """Lines left out under ``skip_invalid``, written as JSON lines when the first one comes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._handle: IO[str] | None = None
        self._file = ExitStack()  # the report appears under its name when complete

    def add(self, error: InputError, entity_id: str | None) -> None:
        if self._handle is None:
            self._handle = self._file.enter_context(atomic_text(self.path))
        row = {"line": error.line, "id": entity_id, "field": error.field, "reason": error.message}
        self._handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        self._file.close()


def _entity_id(error: InputError) -> str | None:
    text = error.message
    if text.startswith("entity '"):
        return text[len("entity '") :].split("'", 1)[0]
    return None


class KindView(AbcMapping[str, str]):
    """id -> kind for validating a batch: what the load adds, the file, the store, links."""

    def __init__(self, ctx: Context, converter: Converter) -> None:
        self.ctx = ctx
        self.converter = converter

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        ctx = self.ctx
        kind = ctx.added.get(key) or ctx.index.kind(key) or ctx.store_kinds.get(key)
        if kind:
            return kind
        if key in self.converter.placeholders:
            return self.converter.placeholders[key].kind
        curated = ctx.linker.curated.by_id.get(key)
        return curated.kind if curated is not None else default

    def __getitem__(self, key: str) -> str:
        kind = self.get(key)
        if kind is None:
            raise KeyError(key)
        return kind

    def __iter__(self) -> Iterator[str]:
        return iter(())  # validation only looks ids up

    def __len__(self) -> int:
        return 0


@dataclass
class Prepared:
    """A file after pass 1 and the plan: ready to be turned into batches."""

    path: Path
    index: EntityIndex
    scan: Scan
    ctx: Context
    extra: Extra
    progress: Progress | None
    started: float
    converters: list[Converter] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def converter(self) -> Converter:
        """The converter of the last complete pass 2 (its counts are the load's)."""
        return self.converters[-1]

    @property
    def checked(self) -> bool:
        """Whether a complete pass 2 has run (and validated its batches, if asked to)."""
        return bool(self.converters)

    def deleted(self) -> Iterator[list[str]]:
        """Ids the file ends by deleting (delta ``DEL``), in chunks, from the index."""
        return self.index.deleted_ids()

    def line_of(self, entity_id: str) -> int | None:
        state = self.index.state(entity_id)
        return state[0] if state else None

    def lines(self) -> Iterator[FtmLine]:
        """The checked lines again (those that failed in pass 1 are skipped silently)."""
        reader = LineReader(self.path)
        for number, raw in raw_lines(self.path):
            try:
                yield reader.parse(number, raw)
            except InputError:
                continue

    def batches(self, *, check: bool) -> Iterator[Dataset]:
        """Pass 2: the records of every surviving entity, ``BATCH`` records at a time.

        With ``check``, each batch is validated against the file's index and the store (the
        memory engine validates the whole merged dataset instead).
        """
        ctx = self.ctx
        converter = Converter(ctx)
        kinds = KindView(ctx, converter)
        current = Dataset().merge(self.extra.dataset)
        read = entities = 0
        for line in self.lines():
            read += 1
            if line.proxy is not None and ctx.index.is_final(line.id, line.line):
                entities += 1
                for record in converter.convert(line):
                    current.add(record)
            if len(current) >= BATCH:
                yield self._close(current, converter, kinds, check)
                current = Dataset()
            if read % PROGRESS_EVERY == 0:
                _tick(self.progress, self.started, "load", read, entities)
        for placeholder in converter.placeholders.values():
            current.add(placeholder)
        _tick(self.progress, self.started, "load", read, entities)
        self.converters.append(converter)
        yield self._close(current, converter, kinds, check)

    @staticmethod
    def _close(batch: Dataset, converter: Converter, kinds: KindView, check: bool) -> Dataset:
        batch.same_as.extend(converter.links)
        converter.links.clear()
        if check:
            validate_ftm(batch, kinds)
        return batch


def _tick(progress: Progress | None, started: float, stage: str, lines: int, entities: int) -> None:
    if progress is not None:
        progress(stage, lines, entities, time.monotonic() - started)


def scan_file(
    path: Path, index: EntityIndex, skip: SkipLog | None, progress: Progress | None, started: float
) -> Scan:
    """Pass 1: check every line and index the final version of every id."""
    reader = LineReader(path)
    scan = Scan()
    for number, raw in raw_lines(path):
        scan.lines += 1
        try:
            line = reader.parse(number, raw)
            check_shape(line, str(path))
            index_line(line, index, scan, str(path), bool(reader.delta))
        except InputError as exc:
            if skip is None:
                raise
            skip.add(exc, _entity_id(exc))
        if scan.lines % PROGRESS_EVERY == 0:
            _tick(progress, started, "scan", scan.lines, scan.entities)
    index.commit()
    scan.delta = bool(reader.delta)
    _tick(progress, started, "scan", scan.lines, scan.entities)
    return scan


@contextmanager
def prepare(
    path: Path,
    view: StoreView,
    *,
    skip: SkipLog | None = None,
    links_path: Path | None = None,
    progress: Progress | None = None,
) -> Iterator[Prepared]:
    """Pass 1 and the plan; the on-disk index lives until the block ends.

    Raises:
        InputError: a bad line (unless ``skip``), a bad link file, or an FtM id that names a
            curated record.
    """
    started = time.monotonic()
    with EntityIndex() as index:
        scan = scan_file(path, index, skip, progress, started)
        mapping = _links(view, links_path)
        store_kinds = _store_kinds(index, view)
        _refuse_curated(index, view, str(path))
        fallback = f"ftm-file:{path.name}"
        extra = resolve_authorities(scan, index, view, store_kinds)
        extra.add_sources(scan, fallback, path)
        ctx = Context(
            path=str(path),
            index=index,
            store_kinds=store_kinds,
            authorities=extra.subjects,
            fallback_sources=[fallback],
            linker=Linker(view.actors(), mapping),
            added={**extra.kinds, **{r.id: r.kind for r in extra.dataset.records()}},
        )
        yield Prepared(path, index, scan, ctx, extra, progress, started)


def _links(view: StoreView, links_path: Path | None) -> dict[str, str]:
    """The explicit links, their curated ids checked against the store."""
    if links_path is None:
        return {}
    wanted = sorted(set(load_mapping(links_path).values()))
    return load_mapping(links_path, view.kinds(wanted))


def _store_kinds(index: EntityIndex, view: StoreView) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in index.missing_refs():
        found.update(view.kinds(chunk))
    return found


def _refuse_curated(index: EntityIndex, view: StoreView, path: str) -> None:
    """An FtM line may replace what an earlier FtM load wrote, never a curated record."""
    for chunk in index.live_ids():
        hits = view.curated(chunk)
        if hits:
            state = index.state(hits[0])
            raise InputError(
                f"entity {hits[0]!r}: this id already names a curated record; an FtM load "
                "never replaces one (load into an empty store with --fresh, or rename the id)",
                path=path,
                line=state[0] if state else None,
                field="id",
            )
