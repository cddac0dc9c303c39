"""CSV input, and the JSON, GraphML, GEXF and CSV exports read back by their own readers."""

from __future__ import annotations

import csv
import json

import networkx as nx

from axisgraph.store.memory import MemoryStore, bundled_graph


def test_graphml_and_gexf_open_with_networkx(tmp_path, cli):
    graph = bundled_graph()
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        assert cli("export", "--format", fmt, "-o", str(path)).code == 0
        back = reader(path)
        assert back.number_of_nodes() == graph.number_of_nodes()
        assert back.number_of_edges() == graph.number_of_edges()
        wagner = back.nodes["wagner-group"]
        assert json.loads(wagner["labels"]) == ["ArmedGroup", "Actor"]


def test_json_export_keys(tmp_path, cli):
    path = tmp_path / "g.json"
    assert cli("export", "-o", str(path)).code == 0
    data = json.loads(path.read_text())
    assert all({"id", "labels", "name"} <= set(n) for n in data["nodes"])
    assert all({"source", "target", "type"} <= set(link) for link in data["links"])
    projected = [link for link in data["links"] if link.get("projected")]
    assert projected and all({"status", "claims", "sources"} <= set(p) for p in projected)


def test_csv_export_is_admin_import_layout(tmp_path, cli):
    folder = tmp_path / "csv"
    assert cli("export", "--format", "csv", "-o", str(folder)).code == 0
    with open(folder / "nodes.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["id:ID", ":LABEL"] and "aliases:string[]" in rows[0]
    assert len(rows) - 1 == bundled_graph().number_of_nodes()
    with open(folder / "relationships.csv", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "source_count:long" in header and "claims:string[]" in header


def test_csv_claims_load(tmp_path, cli):
    (tmp_path / "entities.csv").write_text(
        "id,kind,name,aliases,role\nacme,Company,Acme Arms,ACME;Acme Ltd,maker\n"
    )
    (tmp_path / "sources.csv").write_text(
        "id,name,type,published_on,cites\nsrc-a,Report A,article,2024-01-02,\n"
    )
    (tmp_path / "claims.csv").write_text(
        "id,subject,predicate,object,status,reported_in,quantities,denied_by,denied_on\n"
        "c-1,acme,supplies,wagner-group,media_report,src-a,~40 crates,acme,2024-01-05\n"
    )
    result = cli(
        "load", *(str(tmp_path / n) for n in ("entities.csv", "sources.csv", "claims.csv"))
    )
    assert result.code == 0, result.err
    graph = MemoryStore().graph()
    assert graph.nodes["acme"]["aliases"] == ["ACME", "Acme Ltd"]
    assert graph.nodes["acme"]["role"] == "maker"
    assert graph.nodes["c-1"]["quantities"] == ["~40 crates"]
    link = graph.edges["acme", "wagner-group", "SUPPLIES"]
    assert link["denied"] is True and link["claims"] == ["c-1"]


def test_csv_errors_name_line_and_column(tmp_path, cli):
    path = tmp_path / "claims.csv"
    path.write_text(
        "id,subject,predicate,object,status,reported_in\n"
        "c-1,russia,supplies,iran,media_report,src-levi-julian-analysis-2023-01\n"
        "c-2,russia,supplies,iran,gossip,src-levi-julian-analysis-2023-01\n"
    )
    result = cli("load", str(path))
    assert result.code == 1 and f"{path}:3 [status]" in result.err
    path.write_text("id,subject,predicate,colour\nx,y,supplies,z\n")
    result = cli("load", str(path))
    assert result.code == 1 and "unknown column 'colour'" in result.err


def test_fresh_replaces_and_load_merges(tmp_path, cli):
    (tmp_path / "one.yaml").write_text(
        "entities:\n  - id: solo\n    kind: Person\n    name: Solo Person\n"
    )
    assert cli("load", "--fresh", str(tmp_path / "one.yaml")).code == 0
    assert MemoryStore().graph().number_of_nodes() == 1
    assert cli("load").code == 0  # the bundled dataset joins it
    graph = MemoryStore().graph()
    assert "solo" in graph and "wagner-group" in graph


def test_data_version_tracks_content_not_order():
    from axisgraph.graph.version import data_version

    graph = bundled_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert data_version(shuffled) == data_version(graph)
    shuffled.nodes["wagner-group"]["name"] = "Wagner"
    assert data_version(shuffled) != data_version(graph)
    assert data_version(graph).startswith(f"{graph.number_of_nodes()}n-")
