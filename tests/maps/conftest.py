"""Fixtures for the map tests: graphs, and a real headless Chromium.

The browser tests skip with a one-line reason when Chromium or Playwright
is missing, except under ``CI=true`` or ``AXISGRAPH_REQUIRE_BROWSER=1``,
where a missing browser is a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from map_graphs import fixture_graph

from axisgraph.maps import MapView

# Loading these is not a network request; anything else is.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return fixture_graph()


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
