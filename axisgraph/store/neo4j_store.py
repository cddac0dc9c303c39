"""The Neo4j store: constraints from the schema, batched all-or-nothing loads, reads.

A load runs in one managed write transaction: nodes first (``UNWIND $rows`` + ``MERGE``), then
each claim's and source's relationships (replaced, so a reload is identical), then the
projections of every (subject, type, object) the load touched, re-derived by the same function
the memory engine uses from the claims read back inside the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

import neo4j
import networkx as nx

from axisgraph.errors import InputError
from axisgraph.graph.build import add_edge
from axisgraph.graph.model import Claim, Dataset, Source
from axisgraph.graph.projection import ClaimFacts, project
from axisgraph.graph.rows import EdgeRow, NodeRow, edge_rows, node_row
from axisgraph.graph.schema import ACTOR_LABEL, ENTITY_LABEL, get_schema
from axisgraph.graph.validate import validate
from axisgraph.store import cypher
from axisgraph.store.connection import Target, get_driver, translate_errors

BATCH = 2_000
T = TypeVar("T")
Batches = Callable[[], Iterable[Dataset]]
"""A factory of dataset batches: called again when a transaction is retried."""
Progress = Callable[[str, int], None]


def chunks(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass
class LoadReport:
    """What a load wrote."""

    nodes: int = 0
    relationships: int = 0
    projections: int = 0
    triples: set[tuple[str, str, str]] = field(default_factory=set, repr=False)


def _node_param(row: NodeRow) -> dict[str, Any]:
    schema = get_schema()
    labels = [schema.check_label(label) for label in row.labels]
    drop = [k for k in (*schema.kinds, ACTOR_LABEL) if k not in labels]
    return {"id": row.id, "labels": labels, "drop": drop, "props": {"id": row.id, **row.props}}


def _edge_param(row: EdgeRow) -> dict[str, Any]:
    return {
        "source": row.source,
        "target": row.target,
        "type": get_schema().check_type(row.type),
        "props": row.props,
    }


class Neo4jStore:
    """Reads and writes the graph in Neo4j."""

    name = "neo4j"

    def __init__(self, target: Target | None = None) -> None:
        self.driver, self.target = get_driver(target)

    def describe(self) -> str:
        return self.target.describe()

    # -- schema -------------------------------------------------------------------------------

    def ensure_constraints(self) -> list[str]:
        """Create the uniqueness constraints and name indexes the schema implies."""
        schema = get_schema()
        made = []
        with translate_errors(self.target):
            for label in (ENTITY_LABEL, ACTOR_LABEL, *schema.kinds):
                label = schema.check_label(label)
                name = f"axisgraph_{label.lower()}_id"
                self._run(cypher.CONSTRAINT.format(label=label), name=name)
                made.append(name)
            for label in (ENTITY_LABEL, ACTOR_LABEL):
                self._run(
                    cypher.NAME_INDEX.format(label=label), name=f"axisgraph_{label.lower()}_name"
                )
        return made

    def _run(self, query: str, **params: Any) -> list[neo4j.Record]:
        return list(
            self.driver.execute_query(query, params, database_=self.target.database).records
        )

    # -- loading ------------------------------------------------------------------------------

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        """The kind (first schema label) of each id that exists in the store."""
        schema = get_schema()
        known = {*schema.kinds}
        found: dict[str, str] = {}
        with translate_errors(self.target):
            for chunk in chunks(sorted(set(ids)), 10_000):
                for rec in self._run(cypher.KINDS_OF, ids=chunk):
                    kinds = [label for label in rec["labels"] if label in known]
                    if kinds:
                        found[rec["id"]] = kinds[0]
        return found

    def validate(self, dataset: Dataset) -> None:
        """Validate ``dataset``, letting references point at records already stored."""
        refs = {ref for record in dataset.records() for ref in _refs(record)}
        refs |= {s.left for s in dataset.same_as} | {s.right for s in dataset.same_as}
        missing = {ref for ref in refs if dataset.get(ref) is None}
        validate(dataset, base=self.kinds_of(missing) if missing else {})

    def load(
        self, dataset: Dataset, *, fresh: bool = False, progress: Progress | None = None
    ) -> LoadReport:
        """Validate and write a dataset in one transaction (all or nothing).

        With ``fresh``, the stored graph is deleted first, in the same transaction.
        """
        if fresh:
            validate(dataset)
        else:
            self.validate(dataset)
        return self.write(lambda: [dataset], fresh=fresh, progress=progress)

    def write(
        self, batches: Batches, *, fresh: bool = False, progress: Progress | None = None
    ) -> LoadReport:
        """Write already validated batches in one transaction (all or nothing)."""
        self.ensure_constraints()
        with (
            translate_errors(self.target),
            self.driver.session(database=self.target.database) as session,
        ):
            return session.execute_write(_write_all, batches, progress, fresh)

    # -- reading ------------------------------------------------------------------------------

    def graph(self) -> nx.MultiDiGraph:
        """The whole stored graph, as the intermediate graph."""
        kinds = set(get_schema().kinds)
        graph = nx.MultiDiGraph(name="axisgraph", data_version="")
        with translate_errors(self.target):
            for rec in self._run(cypher.READ_NODES):
                labels = [label for label in rec["labels"] if label in kinds]
                if ACTOR_LABEL in rec["labels"]:
                    labels.append(ACTOR_LABEL)
                props = dict(rec["props"])
                props.pop("id", None)
                graph.add_node(rec["id"], labels=labels, **props)
            rows = [
                EdgeRow(r["source"], r["target"], r["type"], dict(r["props"]))
                for r in self._run(cypher.READ_EDGES)
            ]
        for row in sorted(
            rows, key=lambda e: (e.source, e.type, e.target, sorted(e.props.items(), key=str))
        ):
            add_edge(graph, row)
        return graph

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label (without ``Entity``) and relationships per type."""
        with translate_errors(self.target):
            labels = {
                r["label"]: r["count"]
                for r in self._run(cypher.COUNT_LABELS)
                if r["label"] != ENTITY_LABEL
            }
            types = {r["type"]: r["count"] for r in self._run(cypher.COUNT_TYPES)}
        return labels, types


def _refs(record: Claim | Source | Any) -> Iterator[str]:
    if isinstance(record, Claim):
        yield record.subject
        yield record.object
        yield from record.items
        yield from record.asserted_by
        yield from record.reported_in
        yield from record.under
        yield from record.violates
        for denial in record.denials:
            yield denial.by
            if denial.source:
                yield denial.source
    elif isinstance(record, Source):
        yield from record.cites
        yield from (r for r in (record.publisher, record.speaker) if r)
    elif getattr(record, "country", None):
        yield record.country


def _write_all(
    tx: neo4j.ManagedTransaction, batches: Batches, progress: Progress | None, fresh: bool
) -> LoadReport:
    report = LoadReport()
    if fresh:
        tx.run(cypher.DELETE_ALL).consume()
    say = progress or (lambda _stage, _n: None)
    schema = get_schema()
    # Pass 1: nodes, and the projections the rewritten claims had before.
    for batch in batches():
        claim_ids = list(batch.claims)
        for ids in chunks(claim_ids):
            for rec in tx.run(cypher.OLD_TRIPLES, ids=ids):
                rel = schema.predicates[rec["predicate"]].projects_to
                report.triples.add((rec["source"], rel, rec["target"]))
        for node_rows in chunks(node_row(r) for r in batch.records()):
            tx.run(cypher.MERGE_NODES, rows=[_node_param(n) for n in node_rows]).consume()
            report.nodes += len(node_rows)
            say("nodes", report.nodes)
    # Pass 2: relationships of each claim and source, replaced wholesale.
    for batch in batches():
        for ids in chunks(list(batch.claims)):
            tx.run(cypher.DELETE_CLAIM_STRUCTURE, ids=ids).consume()
        for ids in chunks(list(batch.sources)):
            tx.run(cypher.DELETE_SOURCE_STRUCTURE, ids=ids).consume()
        for links in chunks(e for r in batch.records() for e in edge_rows(r)):
            _create(tx, cypher.CREATE_EDGES, links)
            report.relationships += len(links)
            say("relationships", report.relationships)
        same = [EdgeRow(s.left, s.right, "SAME_AS", {"basis": s.basis}) for s in batch.same_as]
        for links in chunks(same):
            _create(tx, cypher.MERGE_SAME_AS, links)
            report.relationships += len(links)
        for claim in batch.claims.values():
            rel = schema.predicates[claim.predicate].projects_to
            report.triples.add((claim.subject, rel, claim.object))
    # Pass 3: projections of every touched (subject, type, object).
    for triples in chunks(sorted(report.triples)):
        report.projections += _reproject(tx, triples)
        say("projections", report.projections)
    return report


def _create(tx: neo4j.ManagedTransaction, query: str, rows: Sequence[EdgeRow]) -> None:
    created = tx.run(query, rows=[_edge_param(r) for r in rows]).single()
    if created is None or created["created"] != len(rows):
        # Validation should have caught it; never commit half the links of a claim.
        missing = len(rows) - (created["created"] if created else 0)
        raise InputError(f"{missing} relationship(s) point at ids that are not in the store")


def _reproject(tx: neo4j.ManagedTransaction, triples: list[tuple[str, str, str]]) -> int:
    schema = get_schema()
    params = [
        {
            "source": s,
            "type": schema.check_type(t),
            "target": o,
            "predicates": schema.predicate_for_type(t),
        }
        for s, t, o in triples
    ]
    facts = [
        ClaimFacts(
            id=r["id"],
            subject=r["subject"],
            object=r["object"],
            predicate=r["predicate"],
            status=r["status"],
            stated_on=r["stated_on"],
            valid_from=r["valid_from"],
            valid_to=r["valid_to"],
            sources=tuple(r["sources"]),
            denied=r["denied"],
        )
        for r in tx.run(cypher.CLAIMS_OF_TRIPLES, triples=params)
    ]
    source_ids = sorted({s for f in facts for s in f.sources})
    ancestors: dict[str, list[str]] = {}
    published: dict[str, str | None] = {}
    for chunk in chunks(source_ids):
        for rec in tx.run(cypher.SOURCE_LINEAGE, ids=chunk):
            ancestors[rec["id"]] = list(rec["ancestors"])
            published[rec["id"]] = rec["published_on"]
    tx.run(cypher.DELETE_PROJECTIONS, triples=params).consume()
    rows = [
        {
            "source": p.source,
            "target": p.target,
            "type": schema.check_type(p.type),
            "props": p.properties(),
        }
        for p in project(facts, ancestors, published)
    ]
    tx.run(cypher.CREATE_PROJECTIONS, rows=rows).consume()
    return len(rows)
