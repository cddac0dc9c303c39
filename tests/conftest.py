"""Shared fixtures: an isolated AXISGRAPH_HOME, a real Neo4j server, and a CLI runner.

Neo4j: ``NEO4J_URI`` when set (the suite wipes that database, so point it at a throwaway
server), otherwise a local server started through the same code as ``axisgraph db start``,
on free ports in a temporary home, stopped at the end. Without a server the tests that need
it skip, except under ``CI=true`` or ``AXISGRAPH_REQUIRE_NEO4J=1``, where they fail.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
import pytest

from axisgraph.settings import Settings, reset_settings

REQUIRE_NEO4J = os.environ.get("CI") == "true" or os.environ.get("AXISGRAPH_REQUIRE_NEO4J") == "1"

from shared_paths import REALDATA, SEEDS, SHARED  # noqa: E402,F401 - re-exported for tests

# Keep every test, and every command a test runs, away from the user's own state.
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="axisgraph-test-home-"))
os.environ["AXISGRAPH_HOME"] = str(_SESSION_HOME)
_ORIGINAL_URI = os.environ.get("NEO4J_URI")
_ORIGINAL_PASSWORD = os.environ.get("NEO4J_PASSWORD")
for _name in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USER", "NEO4J_DATABASE"):
    os.environ.pop(_name, None)
reset_settings()


def _unavailable(reason: str) -> None:
    if REQUIRE_NEO4J:
        pytest.fail(f"Neo4j is required here (CI=true or AXISGRAPH_REQUIRE_NEO4J=1): {reason}")
    pytest.skip(f"no Neo4j: {reason}")


@dataclass(frozen=True)
class Neo4jServer:
    """The server the suite uses."""

    uri: str
    user: str
    password: str
    settings: Settings | None  # set when the suite started the server itself

    @property
    def bolt_port(self) -> int:
        return int(self.uri.rsplit(":", 1)[1])


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """A running Neo4j for the whole session."""
    if _ORIGINAL_URI:
        yield Neo4jServer(
            _ORIGINAL_URI, os.environ.get("NEO4J_USER", "neo4j"), _ORIGINAL_PASSWORD or "", None
        )
        return
    from axisgraph.app.db import start_server
    from axisgraph.errors import AxisgraphError
    from axisgraph.store import server

    home = tmp_path_factory.mktemp("neo4j-server")
    settings = Settings(
        neo4j_uri=None,
        neo4j_user="neo4j",
        neo4j_password=None,
        neo4j_database=None,
        home=home,
        cache=_user_cache(),
    )
    try:
        # As `axisgraph db start` does: with the Browser's settings.
        state, _ = start_server(
            settings, bolt_port=server.free_port(), http_port=server.free_port(), timeout=240
        )
    except AxisgraphError as exc:
        _unavailable(str(exc))
    password, _ = server.local_password(settings)
    assert password
    try:
        yield Neo4jServer(state.bolt_uri, "neo4j", password, settings)
    finally:
        server.stop(settings)


def _user_cache() -> Path:
    from axisgraph.settings import get_settings

    return get_settings().cache


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    driver = neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)
    )
    try:
        driver.verify_connectivity()
    except Exception as exc:
        driver.close()
        _unavailable(f"{neo4j_server.uri}: {exc}")
    if neo4j_server.settings is None:
        _refuse_foreign_data(driver)
    yield driver
    driver.close()


def _refuse_foreign_data(driver: neo4j.Driver) -> None:
    """Never wipe a configured server that holds data unless told to."""
    count = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    if count and os.environ.get("AXISGRAPH_TEST_WIPE") != "1":
        pytest.fail(
            f"NEO4J_URI points at a database holding {count} nodes; the tests wipe it. "
            "Use a throwaway server, or set AXISGRAPH_TEST_WIPE=1"
        )


def wipe(driver: neo4j.Driver) -> None:
    """Delete all data, constraints and indexes: a clean database."""
    with driver.session() as session:  # CALL IN TRANSACTIONS needs an implicit transaction
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name").records:
        driver.execute_query("DROP CONSTRAINT $name", name=record["name"])
    for record in driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
    ).records:
        driver.execute_query("DROP INDEX $name", name=record["name"])


@pytest.fixture
def neo4j_db(neo4j_driver: neo4j.Driver) -> neo4j.Driver:
    """A driver on a clean database (each test starts empty)."""
    wipe(neo4j_driver)
    return neo4j_driver


@pytest.fixture
def neo4j_env(
    neo4j_server: Neo4jServer, neo4j_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Neo4jServer]:
    """Point the CLI and library at the test server through NEO4J_* variables."""
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    reset_settings()
    yield neo4j_server
    reset_settings()


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets its own AXISGRAPH_HOME (saved graph, server files) and fresh settings."""
    monkeypatch.setenv("AXISGRAPH_HOME", str(tmp_path / "axisgraph-home"))
    reset_settings()
    yield
    reset_settings()
    from axisgraph.store.connection import close_driver

    close_driver()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium launched through Playwright, shared by the whole session.

    Skips with a one-line reason without Chromium or Playwright, except under ``CI=true`` or
    ``AXISGRAPH_REQUIRE_BROWSER=1``, where that is a failure.
    """
    from chromium import CHROMIUM_ARGS, REQUIRE_BROWSER, chromium_path

    missing = pytest.fail if REQUIRE_BROWSER else pytest.skip
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("browser tests need playwright (pip install playwright)")
    path = chromium_path()
    if path is None:
        missing("browser tests need Chromium (apt-get install chromium, or set AXISGRAPH_CHROMIUM)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the CLI in-process: ``cli("db", "status")`` returns code, stdout and stderr."""
    from axisgraph.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


NEEDS = {
    "neo4j": {"neo4j_server", "neo4j_driver", "neo4j_db", "neo4j_env"},
    "browser": {"chromium"},
}
"""A test that uses one of these fixtures needs that tier: its marker follows from them."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with the tiers its fixtures need, so ``-m`` selects what it says."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in NEEDS.items():
            if used & fixtures and item.get_closest_marker(marker) is None:
                item.add_marker(marker)
