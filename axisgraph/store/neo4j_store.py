"""The Neo4j store: constraints from the schema, batched all-or-nothing loads, reads.

A load runs in one managed write transaction: nodes first (``UNWIND $rows``; ``CREATE`` for ids
the store does not hold, ``MERGE`` for the others), then each claim's and source's
relationships (replaced, so a reload is identical), then the projections of every (subject,
type, object) the load touched, derived by the same function the memory engine uses: from the
load's own claims when the triple has a new end (no other claim can reach it), otherwise from
the claims read back inside the transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from typing import TYPE_CHECKING, Any

import neo4j
import networkx as nx

from axisgraph.errors import InputError, StoreUnavailable
from axisgraph.graph.build import add_edge
from axisgraph.graph.model import Claim, Dataset
from axisgraph.graph.projection import ClaimFacts, project
from axisgraph.graph.rows import EdgeRow, NodeRow, edge_rows, node_row, record_refs
from axisgraph.graph.schema import ACTOR_LABEL, ENTITY_LABEL, get_schema
from axisgraph.graph.validate import validate
from axisgraph.graph.version import stamp
from axisgraph.store import cypher
from axisgraph.store.connection import Target, get_driver, translate_errors
from axisgraph.store.cypher import chunks
from axisgraph.store.port import EngineName, FtmPlan, LoadReport, Progress, Triple

if TYPE_CHECKING:
    from axisgraph.ftm.view import StoreView as FtmView

LOCAL_PROJECTIONS = True
"""Skip the read-backs that ids new to the store cannot need.

A triple with an end that did not exist before the load is projected from the load's own
claims (no claim outside the load can point at a node the load creates), and new claims and
sources have no old structure or old triples to look up. Off, every id is treated as existing
and everything is read back: the behaviour before issue #8 (the benchmark times both)."""
Batches = Callable[[], Iterable[Dataset]]
"""A factory of dataset batches: called again when a transaction is retried."""


@cache
def _labels_param(labels: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The checked labels of a node and the kind labels to drop, once per label set."""
    schema = get_schema()
    checked = [schema.check_label(label) for label in labels]
    return checked, [k for k in (*schema.kinds, ACTOR_LABEL) if k not in checked]


@cache
def _checked_type(rel_type: str) -> str:
    return get_schema().check_type(rel_type)


def _node_param(row: NodeRow) -> dict[str, Any]:
    labels, drop = _labels_param(row.labels)
    return {"id": row.id, "labels": labels, "drop": drop, "props": {"id": row.id, **row.props}}


def _edge_param(row: EdgeRow) -> dict[str, Any]:
    return {
        "source": row.source,
        "target": row.target,
        "type": _checked_type(row.type),
        "props": row.props,
    }


COUNT_ATTEMPTS = 20
"""How often ``counts`` reads again when a load committed while it counted."""


def _may_not_write(exc: neo4j.exceptions.ClientError) -> bool:
    code = exc.code or ""
    return (
        "Security.Forbidden" in code
        or "WriteOnReadOnlyAccessDbException" in code
        or ("read only" in (exc.message or "").lower())
    )


class Neo4jStore:
    """Reads and writes the graph in Neo4j."""

    name: EngineName = "neo4j"

    def __init__(self, target: Target | None = None) -> None:
        self.driver, self.target = get_driver(target)

    def describe(self) -> str:
        return self.target.describe()

    # -- schema -------------------------------------------------------------------------------

    def ensure_constraints(self) -> list[str]:
        """Create the uniqueness constraints and name indexes the schema implies.

        Only missing ones are created; another load creating the same one at the same moment
        is fine.
        """
        schema = get_schema()
        wanted: list[tuple[str, str, dict[str, Any]]] = []
        for label in (ENTITY_LABEL, ACTOR_LABEL, *schema.kinds):
            label = schema.check_label(label)
            name = f"axisgraph_{label.lower()}_id"
            wanted.append((name, cypher.CONSTRAINT.format(label=label), {"name": name}))
        for label in (ENTITY_LABEL, ACTOR_LABEL):
            name = f"axisgraph_{label.lower()}_name"
            wanted.append((name, cypher.NAME_INDEX.format(label=label), {"name": name}))
        wanted.append(("axisgraph_load_lock", cypher.LOCK_CONSTRAINT, {}))
        with translate_errors(self.target):
            existing = {r["name"] for r in self.records(cypher.SHOW_SCHEMA_NAMES)}
            for name, statement, params in wanted:
                if name in existing:
                    continue
                try:
                    self.records(statement, **params)
                except neo4j.exceptions.ClientError as exc:
                    if "AlreadyExists" not in (exc.code or ""):
                        raise
        return [name for name, _, _ in wanted]

    def records(self, query: str, **params: Any) -> list[neo4j.Record]:
        """Run one query on its own (auto-commit) and return all its records."""
        with translate_errors(self.target):
            return list(
                self.driver.execute_query(query, params, database_=self.target.database).records
            )

    def read(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Run one query in a read transaction; its records as dicts (the query runner)."""

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [dict(record) for record in tx.run(query, dict(params))]

        with (
            translate_errors(self.target),
            self.driver.session(
                database=self.target.database, default_access_mode=neo4j.READ_ACCESS
            ) as session,
        ):
            return session.execute_read(work)

    # -- loading ------------------------------------------------------------------------------

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        """The kind (first schema label) of each id that exists in the store."""
        schema = get_schema()
        known = {*schema.kinds}
        found: dict[str, str] = {}
        with translate_errors(self.target):
            for chunk in chunks(sorted(set(ids)), 10_000):
                for rec in self.records(cypher.KINDS_OF, ids=chunk):
                    kinds = [label for label in rec["labels"] if label in known]
                    if kinds:
                        found[rec["id"]] = kinds[0]
        return found

    def validate(self, dataset: Dataset) -> None:
        """Validate ``dataset``, letting references point at records already stored."""
        refs = {ref for record in dataset.records() for ref in record_refs(record)}
        refs |= {s.left for s in dataset.same_as} | {s.right for s in dataset.same_as}
        missing = {ref for ref in refs if dataset.get(ref) is None}
        validate(dataset, base=self.kinds_of(missing) if missing else {})

    def load(
        self, dataset: Dataset, *, fresh: bool = False, progress: Progress | None = None
    ) -> LoadReport:
        """Validate and write a dataset in one transaction (all or nothing).

        With ``fresh``, the dataset replaces the stored graph, in the same transaction.
        """
        if fresh:
            validate(dataset)
        else:
            self.validate(dataset)
        return self.write(lambda: [dataset], fresh=fresh, progress=progress)

    def write(
        self,
        batches: Batches,
        *,
        fresh: bool = False,
        progress: Progress | None = None,
        before: Callable[[neo4j.ManagedTransaction], set[Triple]] | None = None,
        after: Callable[[neo4j.ManagedTransaction, LoadReport], set[Triple]] | None = None,
    ) -> LoadReport:
        """Write already validated batches in one transaction (all or nothing).

        Args:
            before: runs first, in the same transaction and under the load lock (an FtM
                delta's deletions); it returns the (subject, type, object) triples it touched,
                and those are re-projected after the write.
            after: runs after the write, in the same transaction, with its report (an FtM
                load removing claims that its entities no longer make); the triples it
                returns are re-projected, even those the write projected.
        """
        self.ensure_constraints()

        def work(tx: neo4j.ManagedTransaction) -> LoadReport:
            # Loads run one at a time: each reads back claims to re-derive projections, which
            # a concurrent load could change underneath it.
            tx.run(cypher.LOAD_LOCK).consume()
            touched = before(tx) if before is not None else set()
            report = _write_all(tx, batches, progress, fresh)
            for chunk in chunks(sorted(touched - report.triples)):
                report.projections += _reproject(tx, chunk)
            again = after(tx, report) if after is not None else set()
            for chunk in chunks(sorted(again - report.triples)):
                report.projections += _reproject(tx, chunk)
            for chunk in chunks(sorted(again & report.triples)):
                _reproject(tx, chunk)  # the write counted these already
            return report

        with (
            translate_errors(self.target),
            self.driver.session(database=self.target.database) as session,
        ):
            return session.execute_write(work)

    def writing(self) -> AbstractContextManager[None]:
        # Each write transaction takes the load lock itself and re-checks inside it what a
        # view read outside it, so nothing needs holding between calls.
        return nullcontext()

    # -- FtM imports --------------------------------------------------------------------------

    def ftm_view(self, *, fresh: bool = False) -> FtmView:
        from axisgraph.store import ftm  # followthemoney: only when an FtM file is loaded

        return ftm.MemoryView(Dataset()) if fresh else ftm.Neo4jView(self)

    def commit_ftm(self, plan: FtmPlan, view: FtmView, *, fresh: bool = False) -> int:
        from axisgraph.store import ftm

        # The write re-checks inside its transaction what the view read outside it.
        _, deleted = ftm.write_neo4j(self, plan, fresh=fresh)
        return deleted

    # -- reading ------------------------------------------------------------------------------

    def graph(self) -> nx.MultiDiGraph:
        """The whole stored graph, as the intermediate graph."""
        kinds = set(get_schema().kinds)
        graph = nx.MultiDiGraph(name="axisgraph", data_version="")
        with translate_errors(self.target):
            for rec in self.records(cypher.READ_NODES):
                labels = [label for label in rec["labels"] if label in kinds]
                if ACTOR_LABEL in rec["labels"]:
                    labels.append(ACTOR_LABEL)
                props = dict(rec["props"])
                props.pop("id", None)
                graph.add_node(rec["id"], labels=labels, **props)
            rows = [
                EdgeRow(r["source"], r["target"], r["type"], dict(r["props"]))
                for r in self.records(cypher.READ_EDGES)
            ]
        for row in sorted(
            rows, key=lambda e: (e.source, e.type, e.target, sorted(e.props.items(), key=str))
        ):
            add_edge(graph, row)
        return stamp(graph)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label (without ``Entity``) and relationships per type, of one state.

        One statement in one transaction that holds the load lock. Neo4j isolates reads
        only as read-committed, and a commit reaches the store before its label index: a
        plain read during a load's commit showed its relationships without its nodes. With
        the lock, the last load is wholly applied and the next waits until the count is done.
        A user who may not write gets a read transaction that counts again whenever the
        lock's stamp (every load changes it) moved meanwhile: close, not airtight.

        Raises:
            StoreUnavailable: loads kept committing through every attempt of a read.
        """

        def locked(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            tx.run(cypher.READ_LOCK).consume()
            return list(tx.run(cypher.COUNT_ALL))

        def stamped(tx: neo4j.ManagedTransaction) -> list[neo4j.Record] | None:
            before = tx.run(cypher.LOAD_STAMP).single(strict=True)["stamp"]
            rows = list(tx.run(cypher.COUNT_ALL))
            after = tx.run(cypher.LOAD_STAMP).single(strict=True)["stamp"]
            return rows if before == after else None

        with translate_errors(self.target):
            rows: list[neo4j.Record] | None = None
            with self.driver.session(database=self.target.database) as session:
                try:
                    rows = session.execute_write(locked)
                except neo4j.exceptions.ClientError as exc:
                    if not _may_not_write(exc):
                        raise
            for _attempt in range(COUNT_ATTEMPTS if rows is None else 0):
                with self.driver.session(database=self.target.database) as session:
                    rows = session.execute_read(stamped)
                if rows is not None:
                    break
            if rows is None:
                raise StoreUnavailable(
                    f"{self.target.describe()}: loads kept committing while the counts were "
                    f"read ({COUNT_ATTEMPTS} attempts); try again when they are done"
                )
        labels = {
            r["name"]: r["count"]
            for r in rows
            if r["what"] == "label" and r["name"] != ENTITY_LABEL
        }
        types = {r["name"]: r["count"] for r in rows if r["what"] == "relationship"}
        return labels, types


class _Progress:
    """What a load learns as it goes: which of its ids already existed, its new claims' facts."""

    def __init__(self, report: LoadReport, fresh: bool, stored: set[str]) -> None:
        self.report = report
        self.fresh = fresh
        self.stored = stored  # fresh: the ids the store held (their nodes have no links now)
        self.existed: set[str] = set()  # ids of this load that were in the store before it
        self.new: set[str] = set()  # ids this load creates
        self.local: dict[str, ClaimFacts] = {}  # claims whose triple has a new end
        self.readback: set[Triple] = set()  # triples whose claims must be read from the store

    def sort_ids(self, tx: neo4j.ManagedTransaction, ids: list[str]) -> None:
        """Record which of ``ids`` the store holds already (before they are written)."""
        found: set[str] = set()
        if not LOCAL_PROJECTIONS:
            found = set(ids)  # the old behaviour: look everything up
        elif self.fresh:
            found = {i for i in ids if i in self.stored}
        else:
            for chunk in chunks(ids, 10_000):
                found.update(r["id"] for r in tx.run(cypher.EXISTING_IDS, ids=chunk))
        self.existed |= found
        self.new.update(i for i in ids if i not in found)

    def claim(self, claim: Claim, triple: Triple) -> None:
        self.report.triples.add(triple)
        # A fresh load holds every claim the graph will have, so it can project any triple.
        local = LOCAL_PROJECTIONS and (self.fresh or triple[0] in self.new or triple[2] in self.new)
        if not local:
            self.readback.add(triple)
            self.local.pop(claim.id, None)
            return
        self.local[claim.id] = ClaimFacts.of(claim)


def _write_all(
    tx: neo4j.ManagedTransaction, batches: Batches, progress: Progress | None, fresh: bool
) -> LoadReport:
    report = LoadReport()
    stored: set[str] = set()
    if fresh:
        # Replace the graph in this transaction without deleting a node that is written again:
        # drop every relationship, write the load over the nodes, then delete the nodes it
        # did not write. (Deleting everything first makes each later id lookup and constraint
        # check in this transaction cost time in proportion to the deleted nodes.)
        stored = {r["id"] for r in tx.run(cypher.STORED_IDS)}
        tx.run(cypher.DELETE_ALL_RELATIONSHIPS).consume()
    say = progress or (lambda _stage, _n: None)
    schema = get_schema()
    state = _Progress(report, fresh, stored)
    # Pass 1: nodes, and the projections the rewritten claims had before.
    for batch in batches():
        state.sort_ids(tx, [r.id for r in batch.records()])
        # (After a fresh load's first step, old claims have no relationships left to read.)
        rewritten = [] if fresh else [i for i in batch.claims if i in state.existed]
        for ids in chunks(rewritten):
            for rec in tx.run(cypher.OLD_TRIPLES, ids=ids):
                rel = schema.predicates[rec["predicate"]].projects_to
                triple = (rec["source"], rel, rec["target"])
                report.triples.add(triple)
                state.readback.add(triple)
        for node_rows in chunks(node_row(r) for r in batch.records()):
            params = [_node_param(n) for n in node_rows]
            # A new id needs no MERGE (no lookup, no labels to drop): CREATE it.
            fresh_rows = [p for p in params if p["id"] not in state.existed]
            old_rows = [p for p in params if p["id"] in state.existed]
            for query, rows in ((cypher.CREATE_NODES, fresh_rows), (cypher.MERGE_NODES, old_rows)):
                if rows:
                    tx.run(query, rows=rows).consume()
            report.nodes += len(node_rows)
            say("nodes", report.nodes)
    # Pass 2: relationships of each claim and source, replaced wholesale (new ones have none).
    for batch in batches():
        for ids in chunks([i for i in batch.claims if i in state.existed and not fresh]):
            tx.run(cypher.DELETE_CLAIM_STRUCTURE, ids=ids).consume()
        for ids in chunks([i for i in batch.sources if i in state.existed and not fresh]):
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
            state.claim(claim, (claim.subject, rel, claim.object))
    # Pass 3: projections of every touched (subject, type, object).
    for triples in chunks(sorted(state.readback)):
        report.projections += _reproject(tx, triples)
        say("projections", report.projections)
    report.projections += _project_local(tx, list(state.local.values()), say, report.projections)
    if fresh:
        for ids in chunks(sorted(stored - state.existed)):
            tx.run(cypher.DELETE_NODES, ids=ids).consume()
    report.rewritten = state.existed
    report.written = state.existed | state.new
    return report


def _project_local(
    tx: neo4j.ManagedTransaction, facts: list[ClaimFacts], say: Progress, done: int
) -> int:
    """Create the projections of triples with a new end, from the load's own claims.

    No projection can exist yet between a new node and another, so none is deleted; the
    sources' citation lineage is read from the store, where this load has written it.
    """
    groups: dict[Triple, list[ClaimFacts]] = defaultdict(list)
    schema = get_schema()
    for fact in facts:
        groups[(fact.subject, schema.predicates[fact.predicate].projects_to, fact.object)].append(
            fact
        )
    ancestors: dict[str, list[str]] = {}
    published: dict[str, str | None] = {}
    written = 0
    for triples in chunks(sorted(groups)):
        members = [f for t in triples for f in groups[t]]
        wanted = sorted({s for f in members for s in f.sources} - ancestors.keys())
        _read_lineage(tx, wanted, ancestors, published)
        written += _create_projections(tx, members, ancestors, published)
        say("projections", done + written)
    return written


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
    _read_lineage(tx, source_ids, ancestors, published)
    tx.run(cypher.DELETE_PROJECTIONS, triples=params).consume()
    return _create_projections(tx, facts, ancestors, published)


def _read_lineage(
    tx: neo4j.ManagedTransaction,
    source_ids: list[str],
    ancestors: dict[str, list[str]],
    published: dict[str, str | None],
) -> None:
    """Add each source's citation ancestors and publication date to the two maps."""
    for chunk in chunks(source_ids):
        for rec in tx.run(cypher.SOURCE_LINEAGE, ids=chunk):
            ancestors[rec["id"]] = list(rec["ancestors"])
            published[rec["id"]] = rec["published_on"]


def _create_projections(
    tx: neo4j.ManagedTransaction,
    facts: list[ClaimFacts],
    ancestors: dict[str, list[str]],
    published: dict[str, str | None],
) -> int:
    """Derive the projections of ``facts`` (the function both engines use) and create them."""
    rows = [
        {
            "source": p.source,
            "target": p.target,
            "type": _checked_type(p.type),
            "props": p.properties(),
        }
        for p in project(facts, ancestors, published)
    ]
    tx.run(cypher.CREATE_PROJECTIONS, rows=rows).consume()
    return len(rows)
