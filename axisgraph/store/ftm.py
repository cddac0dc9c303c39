"""What an FtM import asks of each engine, and how each engine commits it.

The import needs three things from the store before it writes (``port.FtmView``): the kinds
of ids the file points at but does not define, which ids are curated records (an FtM line
must never replace one), and the actors to link to. It commits all or nothing: the memory
engine saves the merged graph atomically, Neo4j deletes (delta ``DEL``) and writes in one
transaction. The engines call these from ``ftm_view`` and ``commit_ftm``; nothing here
imports an engine, so each engine can import this module.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any, Protocol

import neo4j
import networkx as nx

from axisgraph.errors import InputError
from axisgraph.ftm.link import FTM_ORIGIN, CuratedIndex
from axisgraph.ftm.passes import validate_ftm
from axisgraph.graph.build import build_graph
from axisgraph.graph.model import Dataset
from axisgraph.graph.rows import record_refs
from axisgraph.store import cypher
from axisgraph.store.cypher import chunks
from axisgraph.store.port import FtmPlan, LoadReport, Progress, Triple

LineOf = Callable[[str], int | None]

STALE_CLAIMS = """
UNWIND $ids AS id
MATCH (c:Claim)
WHERE c.id STARTS WITH id + '.' AND c.ftm_id = id
RETURN c.id AS id
"""
"""Claims an FtM relation or sanction made beyond its first (``<id>.2``, ``<id>.3``, ...)."""

CURATED_AMONG = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.ftm_origin IS NULL
RETURN n.id AS id
"""

LINK_NODES = """
MATCH (n:Entity)
WHERE n:Actor OR n:Place
RETURN n.id AS id, labels(n) AS labels, n {.name, .aliases, .country, .wikidata_id,
       .ftm_origin, .ftm_country, .ftm_nationality, .ftm_citizenship, .ftm_jurisdiction,
       .ftm_mainCountry} AS props
"""

FIND_DELETED = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.ftm_origin AS origin, n:Claim AS claim
UNION
MATCH (c:Claim)
WHERE c.ftm_id IN $ids AND NOT c.id IN $ids
RETURN c.id AS id, c.ftm_origin AS origin, true AS claim
"""

CLAIMS_ABOUT = """
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:HAS_SUBJECT|HAS_OBJECT]-(c:Claim)
RETURN DISTINCT c.id AS id, c.ftm_origin AS origin, id AS about
"""

DETACH_DELETE = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n
"""


Hook = Callable[[neo4j.ManagedTransaction], set[Triple]]
AfterHook = Callable[[neo4j.ManagedTransaction, LoadReport], set[Triple]]


class Neo4jWriter(Protocol):
    """The part of ``Neo4jStore`` that an FtM commit uses."""

    def records(self, query: str, **params: Any) -> list[neo4j.Record]: ...

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]: ...

    def write(
        self,
        batches: Callable[[], Iterable[Dataset]],
        *,
        fresh: bool = False,
        progress: Progress | None = None,
        before: Hook | None = None,
        after: AfterHook | None = None,
    ) -> LoadReport: ...


class MemoryView:
    """The embedded engine's current dataset (or nothing, for ``--fresh``)."""

    def __init__(self, base: Dataset) -> None:
        self.base = base

    def kinds(self, ids: list[str]) -> dict[str, str]:
        return {i: k for i in ids if (k := self.base.kind_of(i)) is not None}

    def curated(self, ids: list[str]) -> list[str]:
        return [
            i for i in ids if (r := self.base.get(i)) is not None and FTM_ORIGIN not in r.properties
        ]

    def actors(
        self, *, imported: bool = False, kinds: Collection[str] | None = None
    ) -> CuratedIndex:
        return CuratedIndex.from_dataset(self.base, imported=imported, kinds=kinds)


class Neo4jView:
    """Reads from Neo4j, outside the write transaction (the write re-checks what matters)."""

    def __init__(self, store: Neo4jWriter) -> None:
        self.store = store
        self._nodes: list[tuple[str, dict[str, Any]]] | None = None

    def _run(self, query: str, **params: Any) -> list[neo4j.Record]:
        return self.store.records(query, **params)  # errors are translated by the store

    def kinds(self, ids: list[str]) -> dict[str, str]:
        return self.store.kinds_of(ids)

    def curated(self, ids: list[str]) -> list[str]:
        return [r["id"] for r in self._run(CURATED_AMONG, ids=ids)]

    def actors(
        self, *, imported: bool = False, kinds: Collection[str] | None = None
    ) -> CuratedIndex:
        from axisgraph.graph.schema import get_schema

        known = get_schema().kinds
        if self._nodes is None:  # read once per load
            self._nodes = []
            for rec in self._run(LINK_NODES):
                props = {k: v for k, v in rec["props"].items() if v is not None}
                props["labels"] = [label for label in rec["labels"] if label in known]
                self._nodes.append((rec["id"], props))
        return CuratedIndex.from_nodes(self._nodes, imported=imported, kinds=kinds)


def _curated_hit(record_id: str, reason: str, line_of: LineOf, path: str) -> InputError:
    return InputError(
        f"entity {record_id!r}: {reason}; curated records are never changed by an FtM load",
        path=path,
        line=line_of(record_id),
    )


def remove_from_memory(base: Dataset, gone_ids: set[str], line_of: LineOf, path: str) -> int:
    """Drop deleted FtM records, and the FtM claims about them, from ``base`` (in place)."""
    gone = {
        r.id for r in base.records() if r.id in gone_ids or r.properties.get("ftm_id") in gone_ids
    }
    for record_id in sorted(gone):
        record = base.get(record_id)
        if record is not None and FTM_ORIGIN not in record.properties:
            raise _curated_hit(record_id, "the file deletes a curated record", line_of, path)
    for claim in list(base.claims.values()):
        if claim.id not in gone and record_refs(claim) & gone:
            if FTM_ORIGIN not in claim.properties:
                about = sorted(record_refs(claim) & gone)[0]
                raise _curated_hit(about, f"curated claim {claim.id!r} refers to it", line_of, path)
            gone.add(claim.id)
    for record_id in gone:
        base.entities.pop(record_id, None)
        base.sources.pop(record_id, None)
        base.claims.pop(record_id, None)
    base.same_as[:] = [s for s in base.same_as if s.left not in gone and s.right not in gone]
    return len(gone)


def commit_memory(base: Dataset, plan: FtmPlan, save: Callable[[nx.MultiDiGraph], None]) -> int:
    """Apply a plan to the current dataset and save the merged graph: (records deleted).

    Deletions (delta ``DEL``) go first; the file's records are validated against what is
    left; ``save`` writes the merged graph atomically.
    """
    new = Dataset()
    for batch in plan.batches(check=False):
        for record in batch.records():
            new.add(record)
        new.same_as.extend(batch.same_as)
    # A re-loaded entity whose relation now yields fewer claims leaves none behind.
    replaced = {r.properties.get("ftm_id") for r in new.records()} - {None}
    stale = {
        r.id
        for r in base.records()
        if r.properties.get("ftm_id") in replaced and new.get(r.id) is None
    }
    gone = {i for chunk in plan.deleted() for i in chunk} | stale
    deleted = remove_from_memory(base, gone, plan.line_of, plan.name)
    validate_ftm(new, base)
    save(build_graph(base.merge(new), name="axisgraph"))
    return deleted


def write_neo4j(
    store: Neo4jWriter,
    plan: FtmPlan,
    *,
    fresh: bool = False,
    progress: Progress | None = None,
) -> tuple[LoadReport, int]:
    """Delete, write and re-project in one transaction: (report, nodes deleted).

    With ``fresh`` the file replaces the stored graph, in the same transaction.
    """
    line_of, path = plan.line_of, plan.name
    removed = 0

    def delete(tx: neo4j.ManagedTransaction) -> set[Triple]:
        nonlocal removed
        triples, removed = _delete(tx, plan.deleted, line_of, path)
        return triples

    def drop_stale(tx: neo4j.ManagedTransaction, report: LoadReport) -> set[Triple]:
        # A re-loaded entity whose relation now yields fewer claims leaves none behind
        # (``<id>.2`` and on, as the memory engine's commit does).
        stale: set[str] = set()
        for part in chunks(sorted(report.rewritten)):
            stale.update(r["id"] for r in tx.run(STALE_CLAIMS, ids=part))
        stale -= report.written
        if not stale:
            return set()
        nonlocal removed
        triples, dropped = _delete(tx, lambda: [sorted(stale)], line_of, path)
        removed += dropped
        return triples

    report = store.write(
        # Batches are validated on the first try; a retried transaction skips the checks.
        lambda: plan.batches(check=not plan.checked),
        fresh=fresh,
        progress=progress,
        before=None if fresh else delete,
        after=None if fresh else drop_stale,
    )
    return report, removed


def _delete(
    tx: neo4j.ManagedTransaction,
    deleted: Callable[[], Iterable[list[str]]],
    line_of: LineOf,
    path: str,
) -> tuple[set[tuple[str, str, str]], int]:
    from axisgraph.graph.schema import get_schema

    schema = get_schema()
    triples: set[tuple[str, str, str]] = set()
    removed = 0
    for chunk in deleted():
        found = list(tx.run(FIND_DELETED, ids=chunk))
        for rec in found:
            if rec["origin"] is None:
                raise _curated_hit(rec["id"], "the file deletes a curated record", line_of, path)
        nodes = [r["id"] for r in found]
        claims = [r["id"] for r in found if r["claim"]]
        for rec in tx.run(CLAIMS_ABOUT, ids=nodes):
            if rec["origin"] is None:
                reason = f"curated claim {rec['id']!r} refers to it"
                raise _curated_hit(rec["about"], reason, line_of, path)
            claims.append(rec["id"])
        for part in chunks(claims):
            for rec in tx.run(cypher.OLD_TRIPLES, ids=part):
                rel = schema.predicates[rec["predicate"]].projects_to
                triples.add((rec["source"], rel, rec["target"]))
        doomed = sorted(set(nodes) | set(claims))
        for part in chunks(doomed):
            tx.run(DETACH_DELETE, ids=part).consume()
        removed += len(doomed)
    return triples, removed
