"""Fixtures for the Neo4j Browser tests: a real headless Chromium, and the Browser logged in.

The Browser is the one the local test server serves (``neo4j-browser`` from Maven), with the
bundled dataset loaded. Without Chromium or Playwright the tests skip with a one-line
reason, except under ``CI=true`` or ``AXISGRAPH_REQUIRE_BROWSER=1``, where they fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_session import LOCAL, BrowserSession


@pytest.fixture(scope="session")
def neo4j_chromium(chromium: Any) -> Any:
    """The session's Chromium (one Playwright instance serves every browser test)."""
    return chromium


@pytest.fixture
def browser_url(neo4j_server: Any) -> str:
    """The Browser URL of the server the suite started (an external NEO4J_URI has none)."""
    from axisgraph.store import server

    if neo4j_server.settings is None:
        pytest.skip("the Browser tests need the local test server (NEO4J_URI is set)")
    state = server.read_state(neo4j_server.settings)
    assert state is not None
    return state.browser_url


@pytest.fixture
def loaded(neo4j_env: Any) -> Any:
    """The test server, holding the bundled dataset (loaded the way `axisgraph load` does)."""
    from axisgraph.loaders.yaml_claims import load_dataset
    from axisgraph.store.neo4j_store import Neo4jStore

    Neo4jStore().load(load_dataset())
    return neo4j_env


@pytest.fixture
def neo4j_browser(neo4j_chromium: Any, browser_url: str, loaded: Any) -> Iterator[BrowserSession]:
    """The Neo4j Browser, logged in to the test server, in a fresh profile."""
    context = neo4j_chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90_000)
    session = BrowserSession(page)

    def on_route(route: Any) -> None:
        # No network here anyway; refusing at once keeps the Browser's telemetry and
        # remote-guide lookups from waiting on DNS.
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            session.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", on_route)
    session.login(browser_url, loaded.user, loaded.password)
    yield session
    context.close()
