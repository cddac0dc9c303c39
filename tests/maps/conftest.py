"""Fixtures for the map tests: graphs, and a real headless Chromium.

The browser tests skip with a one-line reason when Chromium or Playwright
is missing, except under ``CI=true`` or ``AXISGRAPH_REQUIRE_BROWSER=1``,
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from map_graphs import fixture_graph

from axisgraph.maps import MapView

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Loading these is not a network request; anything else is.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def _chromium_path() -> str | None:
    configured = os.environ.get("AXISGRAPH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return fixture_graph()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium launched through Playwright, shared by the session."""
    required = os.environ.get("CI") == "true" or os.environ.get("AXISGRAPH_REQUIRE_BROWSER") == "1"
    missing = pytest.fail if required else pytest.skip
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("browser tests need playwright (pip install playwright)")
    path = _chromium_path()
    if path is None:
        missing("browser tests need Chromium (apt-get install chromium, or set AXISGRAPH_CHROMIUM)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class MapPage:
    """A map opened in Chromium, with everything it tried to do recorded."""

    page: Any
    path: Path
    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


@pytest.fixture
def open_map(chromium: Any, tmp_path: Path) -> Iterator[Callable[..., MapPage]]:
    """Save a MapView, open it from file://, and wait until the map is drawn."""
    contexts: list[Any] = []

    def _open(view: MapView, name: str = "map.html") -> MapPage:
        path = view.save(tmp_path / name)
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        opened = MapPage(page=page, path=path)

        def on_route(route: Any) -> None:
            url = route.request.url
            if url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                route.abort()

        def on_request(request: Any) -> None:
            if not request.url.startswith(LOCAL_SCHEMES):
                opened.external.append(request.url)

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        def on_console(message: Any) -> None:
            if message.type == "error":
                opened.errors.append(message.text)

        page.route("**/*", on_route)
        page.on("request", on_request)
        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.goto(path.as_uri())
        # A function, not an expression: Playwright evals expressions, which the CSP forbids.
        page.wait_for_function("() => window.axisgraph && window.axisgraph.ready", timeout=60_000)
        return opened

    yield _open
    for context in contexts:
        context.close()
