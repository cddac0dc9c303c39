"""Shared pieces of the security tests: the payload corpora and a snapshot of a Neo4j database.

``corpus/cypher.txt`` holds strings that break Cypher built by string formatting, and
``corpus/html.txt`` strings that run script or fetch something if a page ever treats text as
HTML. One payload per line, taken exactly as written (a payload may start or end with a space).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import neo4j

from axisgraph.graph.version import data_version
from axisgraph.store.neo4j_store import Neo4jStore

CORPUS = Path(__file__).resolve().parent / "corpus"

# Payloads a text file cannot hold on one line, or that are too long to read in one.
UNPRINTABLE = ["\x00", "a\nMATCH (n) DETACH DELETE n", "\r\n//", "\t", "x" * 5_000]


@cache
def corpus(name: str) -> tuple[str, ...]:
    """The payloads of ``corpus/<name>.txt``, one per line, nothing stripped but the newline."""
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.split("\n") if line)


def cypher_payloads() -> list[str]:
    return [*corpus("cypher"), *UNPRINTABLE]


def slug(i: int, prefix: str) -> str:
    return f"{prefix}-{i:03d}"


def snapshot(store: Neo4jStore) -> dict[str, Any]:
    """Everything a stray write would change: counts per label and type, every node (the
    load lock too), the label, type and property-key tokens, schema, users, and a checksum of
    the whole graph."""
    driver, database = store.driver, store.target.database

    def one(query: str, **kw: Any) -> Any:
        records = driver.execute_query(query, database_=kw.pop("db", database)).records
        return records[0][0] if records else None

    labels, types = store.counts()
    return {
        "labels": labels,
        "types": types,
        "nodes": one("MATCH (n) RETURN count(n)"),
        "relationships": one("MATCH ()-[r]->() RETURN count(r)"),
        "label_tokens": sorted(one("CALL db.labels() YIELD label RETURN collect(label)")),
        "type_tokens": sorted(
            one("CALL db.relationshipTypes() YIELD relationshipType AS t RETURN collect(t)")
        ),
        "property_keys": sorted(
            one("CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey)")
        ),
        "schema": sorted(one("SHOW INDEXES YIELD name RETURN collect(name)")),
        "users": sorted(one("SHOW USERS YIELD user RETURN collect(user)", db="system")),
        "data_version": data_version(store.graph()),
    }


def wipe_all(driver: neo4j.Driver) -> None:
    """Delete every node (the load lock too); constraints stay."""
    driver.execute_query("MATCH (n) DETACH DELETE n")


_PLACEHOLDER = re.compile(r"\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}|%\(?[a-z_]*\)?s\b")


def format_placeholders(text: str) -> list[str]:
    """Python ``str.format`` / ``%`` placeholders in ``text`` (Cypher maps always hold a
    colon or a dot, so ``{id: $id}`` and ``n {.name}`` are not placeholders)."""
    return _PLACEHOLDER.findall(text)
