"""The Neo4j Browser as a person uses it: log in, run saved queries, style, guide, favourites.

Runs the Browser the local test server serves, in headless Chromium, against the bundled
dataset. ``AXISGRAPH_UPDATE_SCREENSHOTS=1`` also copies the walkthrough screenshot to
``docs/images/neo4j-browser.png``.
"""

from __future__ import annotations

import base64
import os
import shutil
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
import pytest
from browser_session import TIMEOUT_MS, BrowserSession
from chromium import png_size

from axisgraph.browser import (
    OVERVIEW_GRAPH,
    QUESTIONS,
    Question,
    browser_params,
    favourites_zip,
    params_command,
    serve_browser_files,
    style_command,
)
from axisgraph.maps import style
from axisgraph.queries.registry import query_cypher, query_names

pytestmark = [pytest.mark.neo4j, pytest.mark.browser, pytest.mark.slow]

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


@dataclass(frozen=True)
class ResultNodes:
    """The distinct nodes a Cypher query returns, read through the driver."""

    identities: list[int]  # what the Browser calls a node's identity (graph-nodeN)
    ids: set[str]  # their ``id`` properties
    label_counts: dict[str, int]  # as the Browser's overview counts them; ``*`` is all

    @classmethod
    def of(cls, driver: neo4j.Driver, query: str, params: Mapping[str, Any]) -> ResultNodes:
        graph = driver.execute_query(query, dict(params), result_transformer_=neo4j.Result.graph)
        records = driver.execute_query(
            "MATCH (n) WHERE elementId(n) IN $ids RETURN id(n) AS identity, n.id AS id",
            ids=[node.element_id for node in graph.nodes],
        ).records
        labels = Counter(label for node in graph.nodes for label in node.labels)
        return cls(
            identities=sorted(r["identity"] for r in records),
            ids={r["id"] for r in records},
            label_counts={"*": len(graph.nodes), **labels},
        )


def _question_params(question: Question) -> dict[str, Any]:
    # The values the question's :params command sets, as the Browser holds them.
    return browser_params(question.query, question.params)


def test_saved_query_answers_as_a_table_and_its_picture_as_a_graph(
    neo4j_browser: BrowserSession, neo4j_driver: neo4j.Driver
) -> None:
    question = QUESTIONS[0]  # who supplies the Wagner Group
    neo4j_browser.run(params_command(question.query, question.params))
    assert '"wagner-group"' in neo4j_browser.first_frame_text()

    neo4j_browser.run(query_cypher(question.query))
    table = neo4j_browser.first_frame_text()
    assert "north-korea" in table and "official_statement" in table

    neo4j_browser.run(question.graph)
    assert neo4j_browser.wait_for_graph() == {"nodes": 2, "relationships": 1}
    expected = ResultNodes.of(neo4j_driver, question.graph, _question_params(question))
    assert expected.ids == {"north-korea", "wagner-group"}
    assert neo4j_browser.drawn_node_ids() == expected.identities
    assert neo4j_browser.label_counts() == expected.label_counts


def test_style_command_gives_the_map_colours(neo4j_browser: BrowserSession) -> None:
    neo4j_browser.run(":style reset")  # the server may have styled it on connect
    neo4j_browser.run(OVERVIEW_GRAPH)
    neo4j_browser.wait_for_graph()
    kind_colours = {style.kind_style(kind)["color"].lower() for kind in style.node_kinds()}
    assert not set(neo4j_browser.node_fills()) & kind_colours  # the Browser's own palette

    neo4j_browser.run(style_command())
    neo4j_browser.run(OVERVIEW_GRAPH)
    neo4j_browser.wait_for_graph()
    fills = set(neo4j_browser.node_fills())
    assert fills and fills <= kind_colours
    assert style.kind_style("State")["color"].lower() in fills
    assert style.kind_style("ArmedGroup")["color"].lower() in fills


def test_style_is_applied_on_connect_when_the_server_asks(
    neo4j_browser: BrowserSession, loaded: object
) -> None:
    import neo4j

    from axisgraph.settings import get_settings

    settings = get_settings()
    assert settings.neo4j_uri and settings.neo4j_password
    with neo4j.GraphDatabase.driver(
        settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password)
    ) as driver:
        config = {
            r["name"]: r["value"] for r in driver.execute_query("CALL dbms.clientConfig()").records
        }
    # The suite starts its server as `axisgraph db start` does (axisgraph.app.db).
    assert "style {" in str(config.get("browser.post_connect_cmd", ""))
    neo4j_browser.page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[data-testid=frameCommand]'))"
        ".some(e => e.textContent.startsWith(':style {'))",
        timeout=TIMEOUT_MS,
    )
    neo4j_browser.run(OVERVIEW_GRAPH)
    neo4j_browser.wait_for_graph()
    assert style.kind_style("State")["color"].lower() in neo4j_browser.node_fills()


def test_guide_walks_through_the_questions(
    neo4j_browser: BrowserSession, neo4j_driver: neo4j.Driver, tmp_path: Path
) -> None:
    page = neo4j_browser.page
    with serve_browser_files(port=0) as served:
        neo4j_browser.run(served.commands[1])  # :play http://localhost:PORT/axisgraph-guide.html
        guide = page.locator("[data-testid=frame]", has=page.locator("[data-testid=carousel]"))
        guide.get_by_text("arms supply and sanctions as sourced claims").wait_for()
        assert guide.locator("[data-testid=carousel] li").count() == len(QUESTIONS) + 2

        guide.get_by_text("Apply the axisgraph colours").click()
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('[data-testid=frameCommand]'))"
            ".some(e => e.textContent.startsWith(':style http://localhost'))",
            timeout=TIMEOUT_MS,
        )

        # Question 2: who designates the Wagner Group. Run its :params, then its picture.
        guide.locator("[data-testid=carousel] li[aria-label='3']").click()
        slide = guide.locator(".slide").first
        slide.get_by_text(QUESTIONS[1].title).wait_for()
        blocks = slide.locator("pre.runnable")
        assert blocks.count() == 3
        blocks.nth(0).locator("i.fa-play-circle-o").click()
        page.wait_for_function(
            "() => document.querySelector('[data-testid=frameCommand]')"
            ".textContent.startsWith(':params')",
            timeout=TIMEOUT_MS,
        )
        blocks.nth(2).locator("i.fa-play-circle-o").click()
        counts = neo4j_browser.wait_for_graph()
    # Four designation claims, their authorities, instruments, and the Wagner Group: named
    # by the data the Browser drew (node identities and its label overview), never by
    # captions, which the Browser cuts to fit a circle in whatever font the machine has.
    assert counts["nodes"] >= 8 and counts["relationships"] >= 8
    expected = ResultNodes.of(neo4j_driver, QUESTIONS[1].graph, _question_params(QUESTIONS[1]))
    assert "wagner-group" in expected.ids
    assert expected.label_counts["Claim"] == 4 and expected.label_counts["ArmedGroup"] == 1
    assert neo4j_browser.drawn_node_ids() == expected.identities
    assert neo4j_browser.label_counts() == expected.label_counts
    fills = set(neo4j_browser.node_fills())
    assert style.kind_style("Claim")["color"].lower() in fills  # the guide's style is on

    shot = tmp_path / "neo4j-browser.png"
    neo4j_browser.dismiss_banner()
    page.locator("[data-testid=frame]").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shot))
    assert png_size(shot) == (1400, 900)  # what was drawn is checked above, by its data
    if os.environ.get("AXISGRAPH_UPDATE_SCREENSHOTS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_IMAGES / "neo4j-browser.png")


def test_dropping_the_favourites_archive_adds_every_saved_query(
    neo4j_browser: BrowserSession,
) -> None:
    page = neo4j_browser.page
    neo4j_browser.js(
        """async (data) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const file = new File([bytes], 'axisgraph-queries.zip', {type: 'application/zip'});
            const transfer = new DataTransfer();
            transfer.items.add(file);
            const target = document.querySelector('.filedrop') || document.body;
            target.dispatchEvent(new DragEvent('drop', {
                dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""",
        base64.b64encode(favourites_zip()).decode("ascii"),
    )
    page.get_by_test_id("navigationFavorites").click()
    drawer = page.locator("text=axisgraph").first
    drawer.wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("axisgraph", exact=True).first.click()
    for name in query_names():
        page.get_by_text(f"{name}:", exact=False).first.wait_for(timeout=TIMEOUT_MS)
