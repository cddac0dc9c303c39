"""The README's picture of the overview map: the bundled dataset, drawn in real Chromium.

``AXISGRAPH_UPDATE_SCREENSHOTS=1`` copies it to ``docs/images/overview-map.png``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from chromium import UNDRAWN_NODES, png_size

from axisgraph.maps import render_map
from axisgraph.store.memory import bundled_graph

pytestmark = [pytest.mark.browser]

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def test_overview_map_screenshot(neo4j_chromium: Any, tmp_path: Path) -> None:
    view = render_map(bundled_graph(), title="axisgraph: the bundled dataset")
    page_file = view.save(tmp_path / "overview.html")
    context = neo4j_chromium.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        external: list[str] = []

        def on_route(route: Any) -> None:
            if route.request.url.startswith(("file:", "data:", "about:", "blob:")):
                route.continue_()
            else:
                external.append(route.request.url)
                route.abort()

        page.route("**/*", on_route)
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.axisgraph && window.axisgraph.ready", timeout=90_000)
        counts = page.evaluate(
            "() => [window.axisgraph.visibleNodeCount(), window.axisgraph.visibleEdgeCount()]"
        )
        assert counts == [view.node_count, view.edge_count] and counts[0] > 50
        # Fit the whole network into the view the screenshot shows.
        page.evaluate("() => window.axisgraph.network.fit({animation: false})")
        page.wait_for_timeout(300)
        assert page.evaluate(UNDRAWN_NODES) == []  # every node is drawn where it is placed
        shot = tmp_path / "overview-map.png"
        page.screenshot(path=str(shot))
    finally:
        context.close()
    assert external == []
    assert png_size(shot) == (1400, 900)  # the viewport, whatever fonts the machine has
    if os.environ.get("AXISGRAPH_UPDATE_SCREENSHOTS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_IMAGES / "overview-map.png")
