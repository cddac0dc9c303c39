"""`axisgraph load --bulk`: neo4j-admin import into an empty local server, same graph."""

from __future__ import annotations

import json

import pytest

from axisgraph.settings import get_settings
from axisgraph.store import server
from axisgraph.store.memory import bundled_graph
from axisgraph.store.neo4j_store import Neo4jStore

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_bulk_load_gives_the_memory_engines_graph(cli, monkeypatch, tmp_path):
    home = tmp_path / "bulk-home"
    monkeypatch.setenv("AXISGRAPH_HOME", str(home))
    from axisgraph.settings import reset_settings

    reset_settings()
    settings = get_settings()
    server.start(settings, bolt_port=server.free_port(), http_port=server.free_port())
    try:
        result = cli("load", "--bulk", "--format", "json")
        assert result.code == 0, result.err
        assert json.loads(result.out)[0]["nodes"] == bundled_graph().number_of_nodes()
        graph = Neo4jStore().graph()
        from axisgraph.graph.version import data_version

        assert data_version(graph) == data_version(bundled_graph())
        again = cli("load", "--bulk")
        assert again.code == 2 and "empty database" in again.err
        assert cli("load", "--bulk", "--memory").code == 2
    finally:
        server.stop(settings)
