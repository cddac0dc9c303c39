"""Every notebook runs top to bottom in a real kernel, and is committed without outputs.

Each runs in a temporary working folder with its own ``AXISGRAPH_HOME``; the Neo4j notebook
gets ``NEO4J_URI``/``NEO4J_PASSWORD`` of the test server (so it starts no server of its
own), and the OpenSanctions one ``AXISGRAPH_REALDATA``. A failing cell fails the test with
that cell's error.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import nbformat
import pytest
from shared_paths import REALDATA

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
NEEDS_NEO4J = {"02_neo4j.ipynb"}
NEEDS_REALDATA = {"04_opensanctions.ipynb"}
ALL = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def _execute(name: str, cwd: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        book,
        kernel_name="python3",
        timeout=600,  # per cell; the suite shares two cores with others, so be patient
        resources={"metadata": {"path": str(cwd)}},
        extra_arguments=["--HistoryManager.enabled=False"],
    )
    # The kernel gets this process's environment: AXISGRAPH_HOME, NEO4J_*, AXISGRAPH_REALDATA.
    client.execute(env=dict(os.environ))
    return book


def _outputs(book: nbformat.NotebookNode) -> list[dict[str, Any]]:
    return [o for cell in book.cells if cell.cell_type == "code" for o in cell.outputs]


def _html(book: nbformat.NotebookNode) -> str:
    """Everything the notebook showed: HTML, plain text and printed output."""
    parts = []
    for output in _outputs(book):
        data = output.get("data", {})
        parts += [str(data.get("text/html", "")), str(data.get("text/plain", ""))]
        parts.append(str(output.get("text", "")))
    return "\n".join(parts)


def test_there_are_notebooks() -> None:
    assert {"01_quickstart.ipynb", "02_neo4j.ipynb", "03_analysis.ipynb"} <= set(ALL)
    assert "04_opensanctions.ipynb" in ALL


@pytest.mark.parametrize("name", ALL)
def test_committed_without_outputs(name: str) -> None:
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(book)
    assert book.metadata["kernelspec"]["name"] == "python3"
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: cell {cell.id} has outputs (clear them)"
            assert cell.execution_count is None, f"{name}: cell {cell.id} has a count"


@pytest.mark.parametrize("name", ALL)
def test_imports_only_the_library(name: str) -> None:
    """Notebooks explain; the logic lives in axisgraph (so it is tested and typed)."""
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    allowed = ("axisgraph", "os", "pathlib", "matplotlib")
    for cell in book.cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            if line.startswith(("import ", "from ")):
                module = line.split()[1]
                assert module.split(".")[0] in allowed, f"{name}: {line}"
            assert not line.startswith(("def ", "class ")), f"{name}: defines {line}"
            assert "/work/" not in line, f"{name}: hard-coded path in {line}"


@pytest.mark.slow
def test_quickstart_runs(tmp_path: Path) -> None:
    book = _execute("01_quickstart.ipynb", tmp_path)
    html = _html(book)
    assert "North Korea" in html  # who supplies Wagner
    assert "<iframe srcdoc=" in html  # the maps render inline
    assert (tmp_path / "wagner-neighbourhood.html").stat().st_size > 10_000


@pytest.mark.slow
def test_analysis_runs(tmp_path: Path) -> None:
    book = _execute("03_analysis.ipynb", tmp_path)
    pictures = [o["data"]["image/png"] for o in _outputs(book) if "image/png" in o.get("data", {})]
    assert len(pictures) == 1  # the timeline plot
    if os.environ.get("AXISGRAPH_UPDATE_SCREENSHOTS") == "1":
        (DOCS_IMAGES / "claims-timeline.png").write_bytes(base64.b64decode(pictures[0]))
    html = _html(book)
    assert "united-states" in html  # claims resting on US statements alone
    assert "betweenness" in html


@pytest.mark.slow
def test_opensanctions_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zala = REALDATA / "ftm" / "opensanctions__yente__zala__entities.ftm.json"
    if not zala.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"real data is required here (CI=true): no OpenSanctions sample at {zala}")
        pytest.skip(f"no OpenSanctions sample at {zala}")
    monkeypatch.setenv("AXISGRAPH_REALDATA", str(REALDATA))
    book = _execute("04_opensanctions.ipynb", tmp_path)
    html = _html(book)
    assert "Office of Foreign Assets Control" in html
    assert "Council of the European Union" in html
    assert "ofac PART_OF us-treasury" in html  # the import meets the curated network


@pytest.mark.slow
@pytest.mark.neo4j
def test_neo4j_runs(tmp_path: Path, neo4j_env: Any) -> None:
    book = _execute("02_neo4j.ipynb", tmp_path)
    text = "\n".join(str(o.get("text", "")) for o in _outputs(book))
    assert f"Using {neo4j_env.uri}" in text
    assert "identical rows: True" in text, _trail_difference()
    assert (tmp_path / "shahed-136-trail.html").is_file()


def _trail_difference() -> str:
    """The rows the two engines disagree on, asked again in this process (the database is
    as the notebook left it), so a failure says what differs."""
    from axisgraph.queries.registry import run_query
    from axisgraph.store.memory import bundled_graph
    from axisgraph.store.neo4j_store import Neo4jStore

    params = {"weapon": "Shahed-136"}
    neo = run_query("weapon_trail", params, store=Neo4jStore()).rows
    mem = run_query("weapon_trail", params, store=bundled_graph()).rows
    only_neo = [r for r in neo if r not in mem]
    only_mem = [r for r in mem if r not in neo]
    order = "same rows, other order" if not only_neo and not only_mem else "different rows"
    return f"{order}: Neo4j only {only_neo}; memory only {only_mem}; Neo4j {neo}; memory {mem}"
