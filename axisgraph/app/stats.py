"""Counts per label and per relationship type: the same numbers on both engines."""

from __future__ import annotations

from typing import Any

from axisgraph.store.port import Store


def graph_stats(store: Store) -> list[dict[str, Any]]:
    """Rows of (what, name, count): ``label`` rows, then ``relationship`` rows, by name."""
    labels, types = store.counts()
    rows: list[dict[str, Any]] = [
        {"what": "label", "name": name, "count": labels[name]} for name in sorted(labels)
    ]
    rows.extend(
        {"what": "relationship", "name": name, "count": types[name]} for name in sorted(types)
    )
    return rows
