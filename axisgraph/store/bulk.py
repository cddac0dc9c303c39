"""Initial loads through ``neo4j-admin database import full``: for empty databases only.

The importer writes store files directly, without transactions, so it is many times faster
than Cypher for a first load of a large dataset, but it needs the local server stopped and
its database empty. ``bulk_load`` does the whole job: validate, build the intermediate graph
(projections included, by the same code as the memory engine), write the neo4j-admin CSV,
stop the server, import, start it again, restore what CSV cannot express (empty lists), and
create the constraints. The result is the graph ``axisgraph load --fresh`` would write.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from axisgraph.errors import ServerError, UsageError
from axisgraph.graph.build import build_graph
from axisgraph.graph.export import write_csv
from axisgraph.graph.model import Dataset
from axisgraph.graph.validate import validate
from axisgraph.settings import DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, Settings
from axisgraph.store import runtime, server
from axisgraph.store.connection import Target, close_driver
from axisgraph.store.cypher import chunks
from axisgraph.store.neo4j_store import Neo4jStore

DATABASE = "neo4j"
Progress = Callable[[str], None]

COUNT_NODES = "MATCH (n) WHERE NOT n:AxisgraphLoadLock RETURN count(n) AS count"
"""Any node but the loader's lock is data that an import would destroy."""
AWAIT_INDEXES = "CALL db.awaitIndexes(3600)"
SET_NODE_PROPS = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props
"""
SET_EDGE_PROPS = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})-[r]->(b:Entity {id: row.target})
WHERE type(r) = row.type AND all(k IN keys(row.props) WHERE r[k] IS NULL)
SET r += row.props
"""


@dataclass
class ImportRun:
    """What one run of the importer did."""

    nodes: int
    relationships: int
    seconds: float
    tool_seconds: float | None  # the importer's own "IMPORT DONE in" figure


@dataclass
class BulkReport:
    """What ``bulk_load`` wrote and where the time went (seconds per stage)."""

    nodes: int = 0
    relationships: int = 0
    projections: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    uri: str = ""


def _tool_seconds(text: str) -> float | None:
    match = re.search(r"IMPORT DONE in (?:(\d+)m )?(\d+)s (\d+)ms", text)
    if not match:
        return None
    minutes, secs, millis = (int(g) if g else 0 for g in match.groups())
    return minutes * 60 + secs + millis / 1000


def admin_import(
    settings: Settings,
    folder: Path,
    *,
    database: str = DATABASE,
    overwrite: bool = False,
    max_off_heap: str = "2G",
    timeout: float = 6 * 3600,
) -> ImportRun:
    """Run ``neo4j-admin database import full`` on ``folder``'s ``nodes.csv`` and
    ``relationships.csv`` (the layout of ``axisgraph export --format csv``) into the local
    server's home. The server must be stopped.

    Raises:
        ServerError: Java or the jars are missing, the server runs, or the importer fails.
    """
    if server.status(settings).running:
        raise ServerError("stop the local server first: neo4j-admin imports into a stopped one")
    java, _major = runtime.find_java()
    runtime.fetch_jars(settings.cache)
    home = settings.server_dir
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "logs").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = [java, "-cp", runtime.classpath(settings.cache), runtime.ADMIN_TOOL]
    command += ["database", "import", "full"]
    command += [
        f"--nodes={folder / 'nodes.csv'}",
        f"--relationships={folder / 'relationships.csv'}",
    ]
    command += ["--array-delimiter=;", "--multiline-fields=true"]
    command += [
        f"--max-off-heap-memory={max_off_heap}",
        f"--overwrite-destination={str(overwrite).lower()}",
    ]
    command += [f"--report-file={home / 'logs' / 'import.report'}", database]
    began = time.monotonic()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise ServerError(f"neo4j-admin import did not finish within {timeout:.0f} s") from exc
    seconds = time.monotonic() - began
    output = done.stdout + done.stderr
    if done.returncode != 0:
        lines = [line for line in output.strip().splitlines() if line.strip()]
        raise ServerError("neo4j-admin import failed: " + (lines[-1] if lines else "no output"))
    counts = dict(re.findall(r"^\s*(\d+) (nodes|relationships)\s*$", output, re.M))
    inverse = {kind: int(n) for n, kind in counts.items()}
    return ImportRun(
        nodes=inverse.get("nodes", 0),
        relationships=inverse.get("relationships", 0),
        seconds=seconds,
        tool_seconds=_tool_seconds(output),
    )


def _empty_lists(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Properties holding an empty list: the importer leaves them out, so they are set after."""
    nodes = []
    for node, attrs in graph.nodes(data=True):
        props: dict[str, list[Any]] = {k: [] for k, v in attrs.items() if k != "labels" and v == []}
        if props:
            nodes.append({"id": node, "props": props})
    edges = []
    for u, v, attrs in graph.edges(data=True):
        props = {key: [] for key, value in attrs.items() if value == []}
        if props:
            edges.append({"source": u, "target": v, "type": attrs["type"], "props": props})
    return nodes, edges


def _target(settings: Settings, state: server.ServerState) -> Target:
    password, _origin = server.local_password(settings)
    assert password is not None  # start() created it
    return Target(state.bolt_uri, settings.neo4j_user, password, None, "local server (bulk)")


def _database_is_empty(settings: Settings) -> bool:
    state = server.read_state(settings)
    assert state is not None
    store = Neo4jStore(_target(settings, state))
    return int(store.records(COUNT_NODES)[0]["count"]) == 0


def bulk_load(
    dataset: Dataset,
    settings: Settings,
    *,
    bolt_port: int | None = None,
    http_port: int | None = None,
    heap: str = "2g",
    pagecache: str = "512m",
    progress: Progress | None = None,
) -> BulkReport:
    """Load ``dataset`` into the local server's empty database with ``neo4j-admin``.

    The server is stopped for the import and running afterwards, with the constraints in
    place, on ``bolt_port``/``http_port`` if given, else on the ports it had, else the defaults.

    Raises:
        UsageError: ``NEO4J_URI`` points elsewhere, or the database is not empty.
        InputError: the dataset does not validate on its own; nothing was written.
        ServerError: Java, the jars or the importer fail.
    """
    say = progress or (lambda _stage: None)
    if settings.neo4j_uri:
        raise UsageError(
            "--bulk imports into the local server's files: unset NEO4J_URI and use "
            "`axisgraph db start`, or load without --bulk"
        )
    report = BulkReport()
    began = time.monotonic()

    def lap(stage: str) -> None:
        nonlocal began
        report.seconds[stage] = round(time.monotonic() - began, 3)
        began = time.monotonic()

    say("validating")
    validate(dataset)
    graph = build_graph(dataset)
    report.nodes, report.relationships = graph.number_of_nodes(), graph.number_of_edges()
    report.projections = sum(1 for *_, p in graph.edges(data="projected") if p)
    lap("validate_and_build")
    state = server.read_state(settings)
    running = server.status(settings).running
    has_files = (settings.server_dir / "data" / "databases" / DATABASE).exists()
    if has_files and not running:
        say("checking that the database is empty")
        state, _ = server.start(
            settings,
            bolt_port=bolt_port or DEFAULT_BOLT_PORT,
            http_port=http_port or DEFAULT_HTTP_PORT,
            heap=heap,
            pagecache=pagecache,
        )
        running = True
    if running and not _database_is_empty(settings):
        raise UsageError(
            "--bulk loads only into an empty database: the local server holds data "
            "(load without --bulk, or remove the server's data folder first)"
        )
    bolt = bolt_port or (state.bolt_port if state else DEFAULT_BOLT_PORT)
    http = http_port or (state.http_port if state else DEFAULT_HTTP_PORT)
    lap("check_empty")
    with tempfile.TemporaryDirectory(prefix="axisgraph-bulk-") as tmp:
        say("writing CSV")
        write_csv(graph, Path(tmp))
        lap("write_csv")
        if running:
            say("stopping the server")
            # The process's driver knows the old database (pool, bookmarks): forget it.
            close_driver()
            server.stop(settings)
        lap("stop_server")
        say("importing with neo4j-admin")
        run = admin_import(settings, Path(tmp), overwrite=has_files)
        lap("admin_import")
    if (run.nodes, run.relationships) != (report.nodes, report.relationships):
        raise ServerError(
            f"neo4j-admin imported {run.nodes} nodes and {run.relationships} relationships, "
            f"expected {report.nodes} and {report.relationships}"
        )
    say("starting the server")
    state, _ = server.start(
        settings, bolt_port=bolt, http_port=http, heap=heap, pagecache=pagecache
    )
    report.uri = state.bolt_uri
    lap("start_server")
    store = Neo4jStore(_target(settings, state))
    say("creating constraints")
    store.ensure_constraints()
    store.records(AWAIT_INDEXES)
    lap("constraints")
    say("restoring empty lists")
    _restore_empty_lists(store, graph)
    lap("restore_empty_lists")
    return report


def _restore_empty_lists(store: Neo4jStore, graph: nx.MultiDiGraph) -> None:
    """Set the empty lists back, in one transaction (after the constraints: id seeks)."""
    nodes, edges = _empty_lists(graph)

    def work(tx: Any) -> None:
        for rows in chunks(nodes, 10_000):
            tx.run(SET_NODE_PROPS, rows=rows).consume()
        for rows in chunks(edges, 10_000):
            tx.run(SET_EDGE_PROPS, rows=rows).consume()

    with store.driver.session(database=store.target.database) as session:
        session.execute_write(work)
