"""Load curated claims from YAML (the format in docs/claims-format.md) into a ``Dataset``.

Field types are checked here, where the line of every field is known; references, kinds and
cross-record rules are checked by ``axisgraph.graph.validate``.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from axisgraph.errors import InputError
from axisgraph.graph.model import Dataset, Location
from axisgraph.graph.validate import validate
from axisgraph.loaders.marked_yaml import MarkedDict, load_marked
from axisgraph.loaders.records import (
    CLAIM_KEYS,
    ENTITY_KEYS,
    SOURCE_KEYS,
    FieldReader,
    check_unique,
    read_claim,
    read_entity,
    read_source,
)


def bundled_data_dir() -> Path:
    """The folder of the curated dataset that ships with the package."""
    return Path(str(resources.files("axisgraph").joinpath("data")))


def parse_file(path: Path) -> Dataset:
    """Parse one claims YAML file (no cross-file validation)."""
    raw = load_marked(path)
    name = str(path)
    if raw is None:
        return Dataset()
    if not isinstance(raw, MarkedDict):
        raise InputError(
            "the file must be a mapping with entities, sources and/or claims", path=name, line=1
        )
    top = FieldReader(raw, name, "", {"entities", "sources", "claims"})
    top.label = ""
    top.loc.label = None
    dataset = Dataset()
    found: dict[str, Location | None] = {}
    for key, build, keys in (
        ("entities", read_entity, ENTITY_KEYS),
        ("sources", read_source, SOURCE_KEYS),
        ("claims", read_claim, CLAIM_KEYS),
    ):
        for record in top.records(key, build, keys):
            check_unique(record, found)
            dataset.add(record)
    return dataset


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their ``*.yaml``/``*.yml`` files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"}))
        else:
            files.append(path)
    return files


def parse_files(paths: Iterable[Path]) -> Dataset:
    """Parse several files into one dataset; ids must be unique across all of them."""
    dataset = Dataset()
    found: dict[str, Location | None] = {}
    for path in yaml_files(paths):
        part = parse_file(path)
        for record in part.records():
            check_unique(record, found)
            dataset.add(record)
    return dataset


def load_dataset(paths: Iterable[Path] | None = None, *, base: Dataset | None = None) -> Dataset:
    """Parse and validate claims files (default: the bundled dataset).

    Args:
        paths: files or folders; ``None`` means the bundled dataset.
        base: records already in the store that references may point at.

    Raises:
        InputError: the first problem found, with file, line and field.
    """
    dataset = parse_files(list(paths) if paths is not None else [bundled_data_dir()])
    validate(dataset, base=base)
    return dataset
