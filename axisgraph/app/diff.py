"""What changed between two versions of one official list: added, removed, changed listings.

A listing is an entity a list reader produced with a ``programs`` property; listings are
matched by id (ids come from the list's own ids, so they are stable across versions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from axisgraph.errors import UsageError
from axisgraph.graph.model import Dataset, Entity


@dataclass
class Change:
    """How one listing differs between the two versions."""

    id: str
    name: str
    programs_added: list[str] = field(default_factory=list)
    programs_removed: list[str] = field(default_factory=list)
    aliases_added: list[str] = field(default_factory=list)
    aliases_removed: list[str] = field(default_factory=list)
    name_before: str | None = None


@dataclass
class ListDiff:
    """Listings only in the newer version, only in the older, and in both but changed."""

    added: list[Entity] = field(default_factory=list)
    removed: list[Entity] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)


def _listings(dataset: Dataset) -> dict[str, Entity]:
    return {i: e for i, e in dataset.entities.items() if "programs" in e.properties}


def _codes(entity: Entity) -> list[str]:
    value = entity.properties.get("programs")
    return [str(v) for v in value] if isinstance(value, list) else []


def diff_datasets(old: Dataset, new: Dataset) -> ListDiff:
    """Compare the listings of two versions of a list."""
    before, after = _listings(old), _listings(new)
    result = ListDiff(
        added=[after[i] for i in sorted(after.keys() - before.keys())],
        removed=[before[i] for i in sorted(before.keys() - after.keys())],
    )
    for key in sorted(before.keys() & after.keys()):
        was, now = before[key], after[key]
        change = Change(
            key,
            now.name,
            programs_added=[c for c in _codes(now) if c not in _codes(was)],
            programs_removed=[c for c in _codes(was) if c not in _codes(now)],
            aliases_added=[a for a in now.aliases if a not in was.aliases],
            aliases_removed=[a for a in was.aliases if a not in now.aliases],
            name_before=was.name if was.name != now.name else None,
        )
        if (
            change.programs_added
            or change.programs_removed
            or change.aliases_added
            or change.aliases_removed
            or change.name_before
        ):
            result.changed.append(change)
    return result


def diff_files(old: Path, new: Path) -> ListDiff:
    """Compare two versions of one list file (today: OFAC SDN CSV).

    Raises:
        InputError: a file is unreadable or malformed.
        UsageError: the files are not two versions of a list we read.
    """
    from axisgraph.lists.ofac_csv import parse_sdn_csv
    from axisgraph.loaders.detect import detect_format

    for path in (old, new):
        if detect_format(path) != "ofac-sdn-csv":
            raise UsageError(f"{path}: diff reads OFAC SDN CSV files for now")
    return diff_datasets(parse_sdn_csv(old), parse_sdn_csv(new))
