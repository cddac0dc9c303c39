"""``axisgraph stats`` on Neo4j reads one state of the graph, even while loads commit.

Promise: the counts per label and per relationship type always add up to the graph after
some whole number of loads, never to half of a load (the two counts come from one statement
in one read transaction, read again if a load committed in between).
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from synthetic import synthetic

from axisgraph.app.stats import graph_stats
from axisgraph.graph.build import build_graph
from axisgraph.store.memory import graph_counts
from axisgraph.store.neo4j_store import Neo4jStore

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

BATCHES = 4


def _state(labels: dict[str, int], types: dict[str, int]) -> tuple[tuple[str, int], ...]:
    rows = {f"label:{k}": v for k, v in labels.items() if v}
    rows.update({f"type:{k}": v for k, v in types.items() if v})
    return tuple(sorted(rows.items()))


def test_stats_never_show_half_a_load(neo4j_env, neo4j_db, tally):
    batches = [synthetic(1_500, 3_000, seed=i, prefix=f"b{i}") for i in range(BATCHES)]
    # the states a reader may see: the graph after 0, 1, ... BATCHES whole loads
    allowed = {_state({}, {})}
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for batch in batches:
        more_labels, more_types = graph_counts(build_graph(batch))
        labels.update(more_labels)
        types.update(more_types)
        allowed.add(_state(dict(labels), dict(types)))

    store = Neo4jStore()
    failures: list[BaseException] = []

    def load_all() -> None:
        try:
            writer = Neo4jStore()
            for batch in batches:
                writer.load(batch)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    writer = threading.Thread(target=load_all)
    writer.start()
    seen = []
    while writer.is_alive() or not seen:  # ends with the loads (each bounded by the driver)
        rows = graph_stats(store)
        lab = {r["name"]: r["count"] for r in rows if r["what"] == "label"}
        typ = {r["name"]: r["count"] for r in rows if r["what"] == "relationship"}
        seen.append(_state(lab, typ))
        tally("stats: reads during loads")
    writer.join()
    assert not failures, failures
    torn = [s for s in seen if s not in allowed]
    assert not torn, f"{len(torn)} of {len(seen)} reads showed part of a load: {torn[0]}"
    final = graph_stats(store)
    assert _state(
        {r["name"]: r["count"] for r in final if r["what"] == "label"},
        {r["name"]: r["count"] for r in final if r["what"] == "relationship"},
    ) == _state(dict(labels), dict(types))
    print(f"{len(seen)} reads during {BATCHES} loads, {len(set(seen))} distinct states")
