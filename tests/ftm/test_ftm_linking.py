"""Linking imported FtM entities to curated actors: sure links only, candidates for review."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import typer
from ftm_support import ent, projections, write_lines
from typer.testing import CliRunner

from axisgraph.app.ftm_load import load_ftm
from axisgraph.app.link import apply_mapping
from axisgraph.cli.ftm import link
from axisgraph.errors import InputError
from axisgraph.ftm.link import review_candidates
from axisgraph.loaders.yaml_claims import bundled_data_dir, load_dataset
from axisgraph.store.memory import MemoryStore

# A curated actor with a Wikidata id exists only in this test's store, not in the bundled data.
CURATED_EXTRA = """
entities:
  - id: test-curated-person
    kind: Person
    name: Test Curated Person
    wikidata_id: Q98765432
"""

FILE = [
    ent("ftm-wagner", "Organization", name="PMC Wagner Group", country="ru"),  # mapping file
    ent("ftm-wd", "Person", name="Someone Renamed", wikidataId="Q98765432"),  # identifier
    ent(
        "ftm-hzb", "Organization", name="HEZBOLLAH", alias="Hizballah", country="lb"
    ),  # name + country
    ent("ftm-hamas", "Organization", name="Hamas"),  # name only: no country on either side
    ent("ftm-kirby", "Person", name="John Kirby", country="gb"),  # same name, other country
    ent("s-hzb", "Sanction", entity="ftm-hzb", authority="OFAC", country="us", program="SDGT"),
]


@pytest.fixture
def curated(memory: MemoryStore, tmp_path: Path) -> MemoryStore:
    extra = tmp_path / "extra.yaml"
    extra.write_text(CURATED_EXTRA)
    memory.load(load_dataset([bundled_data_dir(), extra]), fresh=True)
    return memory


@pytest.fixture
def links_file(tmp_path: Path) -> Path:
    path = tmp_path / "links.yaml"
    path.write_text("links:\n  ftm-wagner: wagner-group\n")
    return path


def _same_as(graph: nx.MultiDiGraph) -> dict[tuple[str, str], str]:
    return {(u, v): d["basis"] for u, v, d in graph.edges(data=True) if d["type"] == "SAME_AS"}


def test_links_are_sure_and_name_only_is_a_candidate(
    curated: MemoryStore, tmp_path: Path, links_file: Path
) -> None:
    summary = load_ftm(write_lines(tmp_path / "f.ftm.json", FILE), curated, links_path=links_file)
    graph = curated.graph()
    assert _same_as(graph) == {
        ("ftm-wagner", "wagner-group"): "mapping file",
        ("ftm-wd", "test-curated-person"): "wikidata Q98765432",
        ("ftm-hzb", "hezbollah"): "name and country",
    }
    assert [(c["ftm_id"], c["curated_id"]) for c in summary.candidates] == [("ftm-hamas", "hamas")]
    assert ("ftm-hamas", "hamas") not in _same_as(graph)
    assert not any(v == "john-kirby" for _, v in _same_as(graph))
    # The candidate stays listed for review until someone links it.
    rows = review_candidates(graph)
    assert [(r["ftm_id"], r["curated_id"], r["reason"]) for r in rows] == [
        ("ftm-hamas", "hamas", "name only (no country on one side)")
    ]


def test_linked_claims_reach_the_curated_neighbourhood(
    curated: MemoryStore, tmp_path: Path
) -> None:
    load_ftm(write_lines(tmp_path / "f.ftm.json", FILE), curated)
    graph = curated.graph()
    assert ("ofac", "ftm-hzb") in projections(graph, "DESIGNATES")
    assert ("iran", "hezbollah") in projections(graph, "BACKS")
    walk = nx.Graph(
        (u, v) for u, v, d in graph.edges(data=True) if d.get("projected") or d["type"] == "SAME_AS"
    )
    assert nx.shortest_path(walk, "ofac", "iran") == ["ofac", "ftm-hzb", "hezbollah", "iran"]


def test_unknown_curated_id_in_the_link_file(curated: MemoryStore, tmp_path: Path) -> None:
    bad = tmp_path / "links.yaml"
    bad.write_text("links:\n  ftm-wagner: wagner\n")
    with pytest.raises(InputError, match="'wagner' is not in the store") as caught:
        load_ftm(write_lines(tmp_path / "f.ftm.json", FILE), curated, links_path=bad)
    assert caught.value.line == 2


def test_link_command_reviews_and_applies(curated: MemoryStore, tmp_path: Path) -> None:
    load_ftm(write_lines(tmp_path / "f.ftm.json", FILE), curated)
    app = typer.Typer()
    app.command()(link)
    app.command("noop")(lambda: None)  # two commands, so `link` keeps its name
    runner = CliRunner()
    review = runner.invoke(app, ["link", "--review", "--memory", "--format", "json"])
    assert review.exit_code == 0, review.output
    assert '"ftm_id": "ftm-hamas"' in review.output and '"curated_id": "hamas"' in review.output
    decision = tmp_path / "decision.yaml"
    decision.write_text("links:\n  ftm-hamas: hamas\n")
    applied = runner.invoke(app, ["link", "--mapping", str(decision), "--memory"])
    assert applied.exit_code == 0, applied.output
    assert _same_as(curated.graph())[("ftm-hamas", "hamas")] == "mapping file"
    assert review_candidates(curated.graph()) == []


def test_apply_mapping_checks_both_ids(curated: MemoryStore, tmp_path: Path) -> None:
    decision = tmp_path / "decision.yaml"
    decision.write_text("links:\n  never-imported: hamas\n")
    with pytest.raises(InputError, match="FtM id 'never-imported' is not in the store"):
        apply_mapping(curated, decision)
