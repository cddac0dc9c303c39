"""Format detection for ``axisgraph load``: by name, then by the first line."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import networkx as nx
import pytest
from ftm_support import DELTA, DONATIONS, FTM_DIR, T2, VENEZUELA, ZALA, ent, needs_realdata

from axisgraph.errors import InputError
from axisgraph.loaders.detect import detect_format
from axisgraph.loaders.yaml_claims import bundled_data_dir
from axisgraph.store.memory import bundled_graph


@needs_realdata
@pytest.mark.parametrize(
    "path", [ZALA, DELTA, VENEZUELA, DONATIONS, *T2], ids=lambda p: p.name[:40]
)
def test_real_ftm_files(path: Path) -> None:
    assert detect_format(path) == "ftm"


def test_yaml_and_csv_by_name(tmp_path: Path) -> None:
    assert detect_format(bundled_data_dir()) == "yaml"
    assert detect_format(bundled_data_dir() / "actors.yaml") == "yaml"
    (tmp_path / "claims.csv").write_text("id,subject\n")
    assert detect_format(tmp_path / "claims.csv") == "csv"


def test_node_link_json_compact_and_pretty(tmp_path: Path) -> None:
    data = nx.node_link_data(bundled_graph(), edges="links")
    compact = tmp_path / "graph.json"
    compact.write_text(json.dumps(data))
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(data, indent=2))
    assert detect_format(compact) == "node-link-json"
    assert detect_format(pretty) == "node-link-json"
    small = tmp_path / "small.json"
    small.write_text(json.dumps(nx.node_link_data(nx.MultiDiGraph([(1, 2)]), edges="links")))
    assert detect_format(small) == "node-link-json"


def test_gzipped_ftm_and_a_long_first_line(tmp_path: Path) -> None:
    gz = tmp_path / "entities.ftm.json.gz"
    gz.write_bytes(gzip.compress((json.dumps(ent("p-1", "Person", name="A")) + "\n").encode()))
    assert detect_format(gz) == "ftm"
    long = tmp_path / "long.jsonl"
    long.write_text(json.dumps(ent("p-2", "Person", name="B", notes="x" * 200_000)) + "\n")
    assert detect_format(long) == "ftm"


def test_unknown_content(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}\n')
    with pytest.raises(InputError, match="cannot tell the format"):
        detect_format(other)
    assert FTM_DIR  # the constant exists even when the files do not


def test_text_that_mentions_ftm_keys_is_not_json(tmp_path: Path) -> None:
    notes = tmp_path / "NOTES.md"
    notes.write_text('# Sources\n\nEach line has "schema": and "op": keys.\n')
    with pytest.raises(InputError, match="cannot tell the format") as caught:
        detect_format(notes)
    assert "NOTES.md:1" in str(caught.value)


def test_json_lines_after_a_node_link_looking_first_line_are_ftm(tmp_path: Path) -> None:
    # Found by the FtM fuzzer: a first line such as {"links": null} made the whole file
    # node-link JSON, and the error named no entity. A node-link export is one document.
    path = tmp_path / "entities.ftm.json"
    path.write_text('{"links": null}\n' + json.dumps(ent("p-1", "Person", name="A")) + "\n")
    assert detect_format(path) == "ftm"
    one = tmp_path / "graph.json"
    one.write_text('{"directed": true, "nodes": [], "links": []}\n')
    assert detect_format(one) == "node-link-json"
