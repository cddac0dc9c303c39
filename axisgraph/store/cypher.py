"""The Cypher the store runs to write and read the graph, as named constants.

Values only ever arrive as ``$parameters``. Labels and relationship types that vary per row
use Neo4j 5.26 dynamic labels (``$(row.labels)``), and every one of them is checked against
the schema in Python before it is sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
BATCH = 2_000
"""Rows per ``UNWIND $rows`` statement."""


def chunks(items: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (default ``BATCH``), for one statement each."""
    it = iter(items)
    while chunk := list(islice(it, size or BATCH)):
        yield chunk


CONSTRAINT = "CREATE CONSTRAINT $name IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
"""Template, formatted only with labels from the schema (``Schema.check_label``)."""

NAME_INDEX = "CREATE INDEX $name IF NOT EXISTS FOR (n:{label}) ON (n.name)"
"""Template, formatted only with labels from the schema."""

SHOW_SCHEMA_NAMES = "SHOW INDEXES YIELD name RETURN name"
"""A uniqueness constraint's backing index carries the constraint's name."""

LOCK_LABEL = "AxisgraphLoadLock"
"""Not data: one node whose write lock makes concurrent loads run one after the other."""

LOAD_LOCK = "MERGE (l:AxisgraphLoadLock {id: 'load'}) SET l.acquired = timestamp()"

LOCK_CONSTRAINT = (
    "CREATE CONSTRAINT axisgraph_load_lock IF NOT EXISTS "
    "FOR (l:AxisgraphLoadLock) REQUIRE l.id IS UNIQUE"
)

OLD_TRIPLES = """
UNWIND $ids AS id
MATCH (s)<-[:HAS_SUBJECT]-(c:Claim {id: id})-[:HAS_OBJECT]->(o)
RETURN s.id AS source, c.predicate AS predicate, o.id AS target
"""

EXISTING_IDS = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id
"""

CREATE_NODES = """
UNWIND $rows AS row
CREATE (n:Entity:$(row.labels))
SET n = row.props
"""
"""For ids the store does not hold yet: what ``MERGE_NODES`` does, without its lookups."""

MERGE_NODES = """
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
REMOVE n:$(row.drop)
SET n:$(row.labels)
"""

DELETE_CLAIM_STRUCTURE = """
UNWIND $ids AS id
MATCH (c:Claim {id: id})
OPTIONAL MATCH (c)-[out:HAS_SUBJECT|HAS_OBJECT|INVOLVES|REPORTED_IN|VIOLATES|UNDER]->()
OPTIONAL MATCH (c)<-[inc:ASSERTS|DENIES]-()
WITH collect(out) + collect(inc) AS rels
UNWIND rels AS r
WITH DISTINCT r
DELETE r
"""

DELETE_SOURCE_STRUCTURE = """
UNWIND $ids AS id
MATCH (s:Source {id: id})-[r:CITES|PUBLISHED_BY|AUTHORED_BY]->()
DELETE r
"""

CREATE_EDGES = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
"""

MERGE_SAME_AS = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:SAME_AS]->(b)
SET r = row.props
RETURN count(r) AS created
"""

CLAIMS_OF_TRIPLES = """
UNWIND $triples AS t
MATCH (s:Entity {id: t.source})<-[:HAS_SUBJECT]-(c:Claim)-[:HAS_OBJECT]->(o:Entity {id: t.target})
WHERE c.predicate IN t.predicates
RETURN DISTINCT c.id AS id, s.id AS subject, o.id AS object, c.predicate AS predicate,
       c.status AS status, c.stated_on AS stated_on, c.valid_from AS valid_from,
       c.valid_to AS valid_to,
       COLLECT { MATCH (c)-[:REPORTED_IN]->(src:Source) RETURN DISTINCT src.id } AS sources,
       EXISTS { (c)<-[:DENIES]-() } AS denied
"""

SOURCE_LINEAGE = """
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s.id AS id, s.published_on AS published_on,
       COLLECT { MATCH (s)-[:CITES*1..]->(t:Source) RETURN DISTINCT t.id } AS ancestors
"""

DELETE_PROJECTIONS = """
UNWIND $triples AS t
MATCH (a:Entity {id: t.source})-[r:$(t.type)]->(b:Entity {id: t.target})
WHERE r.projected = true
DELETE r
"""

CREATE_PROJECTIONS = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
"""

KINDS_OF = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, labels(n) AS labels
"""

READ_NODES = "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"

READ_EDGES = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
"""

COUNT_ALL = """
MATCH (n:Entity) UNWIND labels(n) AS name RETURN 'label' AS what, name, count(*) AS count
UNION ALL
MATCH ()-[r]->() RETURN 'relationship' AS what, type(r) AS name, count(*) AS count
"""
"""Nodes per label and relationships per type in one statement (``stats``)."""

READ_LOCK = (
    "MERGE (l:AxisgraphLoadLock {id: 'load'}) SET l.acquired = coalesce(l.acquired, 0) "
    "RETURN l.acquired AS stamp"
)
"""Take the load lock without changing what it holds: a load that has it has committed and
been applied to every index before this returns, and none starts until we are done."""

LOAD_STAMP = "OPTIONAL MATCH (l:AxisgraphLoadLock {id: 'load'}) RETURN l.acquired AS stamp"
"""When the last committed load took the lock: every load changes it, in its transaction."""

STORED_IDS = "MATCH (n:Entity) RETURN n.id AS id"

DELETE_ALL_RELATIONSHIPS = "MATCH (:Entity)-[r]->(:Entity) DELETE r"
"""A fresh load's first step. Nodes stay, so later id lookups in the same transaction do not
pay for deleted index entries (each seek then costs time in proportion to the deletions)."""

DELETE_NODES = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n
"""
