"""The Browser files without a browser: style, guide, favourites, the guide server, the CLI.

The guide's Cypher runs on real Neo4j (``neo4j`` marker); the rest is plain Python.
"""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from axisgraph import browser
from axisgraph.browser import (
    GUIDE_FILE,
    OVERVIEW_GRAPH,
    QUESTIONS,
    STYLE_FILE,
    browser_params,
    favourites_zip,
    grass_rules,
    guide_html,
    neo4j_conf_settings,
    params_command,
    serve_browser_files,
    style_command,
)
from axisgraph.cli.browser import browser_guide
from axisgraph.maps import style
from axisgraph.queries.registry import query_cypher, query_names


def split_post_connect(value: str) -> list[str]:
    """The Browser's own split of ``browser.post_connect_cmd`` (commandUtils.ts, 5.24)."""
    marker = "@@semicolon@@"
    for quoted in (r"(`[^`]*?`)", r'("[^"]*?")', r"('[^']*?')"):
        value = re.sub(quoted, lambda m: m.group(0).replace(";", marker), value)
    return [part.strip().replace(marker, ";") for part in value.split(";") if part.strip()]


def test_style_covers_every_kind_and_type_in_the_map_colours() -> None:
    rules = grass_rules()
    for kind in style.node_kinds():
        assert rules[f"node.{kind}"]["color"] == style.kind_style(kind)["color"]
    for rel_type in style.projected_types():
        assert rules[f"relationship.{rel_type}"]["color"] == style.type_color(rel_type)
    assert rules["node"]["caption"] == "{name}"  # the Browser drops the quotes too
    assert not any(key.startswith("/*") for key in rules)  # a comment would eat a rule


def test_style_command_is_json_the_browser_parses_back() -> None:
    command = style_command()
    assert command.startswith(":style {") and ";" not in command and "\n" not in command
    assert json.loads(command.removeprefix(":style ")) == grass_rules()


def test_post_connect_setting_splits_into_the_style_and_the_guide() -> None:
    (key, value), *_ = neo4j_conf_settings().items()
    assert key == "browser.post_connect_cmd"
    assert split_post_connect(value) == [style_command().removeprefix(":")]
    served = neo4j_conf_settings("http://localhost:7480/")["browser.post_connect_cmd"]
    assert split_post_connect(served)[1] == f"play http://localhost:7480/{GUIDE_FILE}"


def test_params_command_sets_every_parameter_typed() -> None:
    assert params_command("suppliers_of", {"actor": "wagner-group"}) == (
        ':params {actor: "wagner-group", min_status: null}'
    )
    assert browser_params("shortest_paths", {"source": "a", "target": "b"}) == {
        "source": "a",
        "target": "b",
        "max_hops": 6,
    }
    assert params_command("brokers", {"limit": "5"}) == ":params {limit: 5, min_status: null}"


def test_guide_has_the_overview_five_questions_and_every_saved_query() -> None:
    page = guide_html()
    assert page.count("<slide>") == len(QUESTIONS) + 2 == 7
    for question in QUESTIONS:
        assert question.title in page
    for name in query_names():
        assert f"// name: {name}" in page
    # The Browser strips scripts and on* handlers from guides: ours has none to lose.
    assert "<script" not in page.lower() and not re.search(r"\son\w+=", page)
    assert f'data-exec="{style_command().removeprefix(":")[:20]}' in page.replace("&quot;", '"')


def test_favourites_archive_holds_every_saved_query_in_one_folder() -> None:
    with zipfile.ZipFile(io.BytesIO(favourites_zip())) as archive:
        names = archive.namelist()
        saved = {n.removeprefix("axisgraph/") for n in names if n.startswith("axisgraph/")}
        assert saved == {f"{q}.cypher" for q in query_names()}
        text = archive.read("axisgraph/suppliers_of.cypher").decode()
        assert text.splitlines()[0].startswith("// suppliers_of: Who supplies")
        assert query_cypher("suppliers_of") in text
        walkthrough = [n for n in names if n.startswith("axisgraph walkthrough/")]
        assert len(walkthrough) == len(QUESTIONS)


def test_guide_server_serves_the_files_to_another_origin() -> None:
    with serve_browser_files(port=0) as served:
        assert served.url.startswith("http://localhost:")
        port = served.url.rsplit(":", 1)[1]
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/{GUIDE_FILE}", timeout=30) as answer:
            assert answer.headers["Access-Control-Allow-Origin"] == "*"
            body = answer.read().decode()
        assert f'data-exec="style {served.url}/{STYLE_FILE}"' in body
        preflight = urllib.request.Request(f"{base}/{GUIDE_FILE}", method="OPTIONS")
        with urllib.request.urlopen(preflight, timeout=30) as answer:
            assert answer.status == 204
            assert answer.headers["Access-Control-Allow-Headers"] == "*"
        with urllib.request.urlopen(f"{base}/{STYLE_FILE}", timeout=30) as answer:
            assert not answer.read().decode().startswith("/*")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/../../etc/passwd", timeout=30)
        assert missing.value.code == 404


def test_guide_server_refuses_a_taken_port() -> None:
    from axisgraph.errors import UsageError

    with serve_browser_files(port=0) as served:
        port = int(served.url.rsplit(":", 1)[1])
        with pytest.raises(UsageError, match="choose another --port"):
            serve_browser_files(port=port)


def _cli(*args: str) -> Any:
    app = typer.Typer()
    app.command("browser-guide")(browser_guide)
    app.command("other")(lambda: None)  # two commands, so Typer keeps the command name
    return CliRunner().invoke(app, ["browser-guide", *args])


def test_cli_prints_the_style_command_and_the_conf_line() -> None:
    result = _cli("--style-command")
    assert result.exit_code == 0 and result.output.strip() == style_command()
    result = _cli("--conf")
    assert result.output.startswith("browser.post_connect_cmd=style {")


def test_cli_writes_the_files(tmp_path: Path) -> None:
    result = _cli("-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted([GUIDE_FILE, STYLE_FILE, browser.FAVOURITES_FILE])


def test_cli_serves_and_says_what_to_run() -> None:
    result = _cli("--port", "0", "--seconds", "0.2")
    assert result.exit_code == 0, result.output
    assert "?cmd=play&arg=http%3A%2F%2Flocalhost%3A" in result.output
    assert re.search(r":play http://localhost:\d+/axisgraph-guide.html", result.output)


def test_cli_refuses_two_modes() -> None:
    result = _cli("--conf", "--style-command")
    assert result.exit_code != 0


@pytest.mark.neo4j
def test_guide_cypher_runs_and_each_picture_shows_its_answer(loaded: Any) -> None:
    import neo4j

    with neo4j.GraphDatabase.driver(loaded.uri, auth=(loaded.user, loaded.password)) as driver:
        assert driver.execute_query(OVERVIEW_GRAPH).records
        for question in QUESTIONS:
            params = browser_params(question.query, question.params)
            table = driver.execute_query(query_cypher(question.query), params).records
            picture = driver.execute_query(question.graph, params).records
            assert table and picture, question.title
            drawn = {
                value
                for record in picture
                for path in record.values()
                if path is not None
                for node in path.nodes
                for value in (node.get("id"),)
            }
            # Whatever the table names (claims, actors), the picture draws.
            named = {
                v
                for record in table
                for key, v in record.items()
                if key in {"claim", "supplier_id", "by_id", "denier_id"}
            }
            named |= {n for record in table for n in (record.get("path") or [])}
            assert named and named <= drawn, question.title


def test_browser_doc_shows_the_guide_cypher_as_it_is() -> None:
    """docs/browser.md quotes the questions; it must not drift from what the guide runs."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "browser.md").read_text("utf-8")
    assert OVERVIEW_GRAPH in doc
    for question in QUESTIONS:
        assert question.title in doc
        assert params_command(question.query, question.params) in doc
        assert question.graph in doc
    for option in ("--style-command", "--conf", "--port", "-o DIR"):
        assert option in doc
