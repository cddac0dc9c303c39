"""``axisgraph link FILE``: add the SAME_AS links of a link file to the store."""

from __future__ import annotations

from pathlib import Path

from axisgraph.ftm.link import load_mapping
from axisgraph.graph.model import Dataset, SameAs
from axisgraph.store.port import Store


def apply_mapping(store: Store, path: Path) -> list[dict[str, str]]:
    """Add the SAME_AS links of a link file to the store (all or nothing).

    Raises:
        InputError: the file is not a link file, or names an id the store does not hold.
    """
    wanted = load_mapping(path)
    known = store.kinds_of(sorted(set(wanted) | set(wanted.values())))
    links = [
        SameAs(f, c, "mapping file")
        for f, c in load_mapping(path, known, check_ftm_ids=True).items()
    ]
    store.load(Dataset(same_as=links))
    return [{"ftm_id": s.left, "curated_id": s.right, "basis": s.basis} for s in links]
