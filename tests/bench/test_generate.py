"""The network generator: reproducible, valid, of the intended shape, in every output format."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from axisgraph.app.generate import Shape, generate, iter_generate, write_ftm, write_yaml
from axisgraph.app.load import read_files
from axisgraph.graph.build import build_graph
from axisgraph.graph.validate import validate


def test_same_seed_same_records_whatever_the_batch_size():
    whole = generate(1_500, seed=4)
    streamed = [r for batch in iter_generate(1_500, 4, batch=97) for r in batch.records()]
    assert list(whole.records()) == streamed
    assert generate(1_500, seed=5) != whole


@pytest.mark.parametrize("records", [100, 1_000, 20_000])
def test_generated_networks_are_valid_and_sized(records):
    dataset = generate(records, seed=1)
    validate(dataset)
    assert len(dataset) == records
    shape = Shape.of(records)
    assert len(dataset.claims) == shape.claims and len(dataset.sources) == shape.sources


def test_batches_only_point_backwards():
    seen: dict[str, str] = {}
    for batch in iter_generate(3_000, 2, batch=500):
        validate(batch, base=seen)  # every reference is to this batch or an earlier one
        seen.update((r.id, r.kind) for r in batch.records())


def test_shape_heavy_tails_clusters_chains_and_denials():
    dataset = generate(20_000, seed=3)
    graph = build_graph(dataset)
    degree = Counter()
    for u, v, projected in graph.edges(data="projected"):
        if projected:
            degree[u] += 1
            degree[v] += 1
    ranked = sorted(degree.values(), reverse=True)
    median = ranked[len(ranked) // 2]
    assert ranked[0] > 50 * median  # hubs
    claims = list(dataset.claims.values())
    predicates = Counter(c.predicate for c in claims)
    assert predicates["designates"] > 0.15 * len(claims) and predicates["supplies"] > 0.05 * len(
        claims
    )
    assert len(predicates) >= 15
    assert len(Counter(c.status for c in claims)) == 5
    assert sum(1 for c in claims if c.denials) > 20
    assert any(len(c.reported_in) > 1 for c in claims)
    assert any(s.cites for s in dataset.sources.values())
    # designation clusters: one authority, one day, one programme, several parties
    events = Counter(
        (c.subject, c.stated_on, tuple(c.under)) for c in claims if c.predicate == "designates"
    )
    assert max(events.values()) >= 5
    # supply chains: somebody both receives and passes on the same weapon
    received = {(c.object, tuple(c.items)) for c in claims if c.predicate == "supplies"}
    passed = {(c.subject, tuple(c.items)) for c in claims if c.predicate == "supplies"}
    assert len(received & passed) > 10


def test_yaml_output_loads_back_identically(tmp_path: Path):
    path = tmp_path / "g.yaml"
    assert write_yaml(path, 600, seed=9) == 600
    assert read_files([path]) == generate(600, seed=9)


def test_ftm_output_is_valid_ftm_of_the_same_shape(tmp_path: Path):
    from followthemoney import model

    path = tmp_path / "g.ftm.json"
    lines = write_ftm(path, 2_000, seed=9)
    schemata = Counter()
    with path.open() as handle:
        for line in handle:
            data = json.loads(line)
            proxy = model.get_proxy(data)  # raises on an invalid entity
            schemata[proxy.schema.name] += 1
            assert data["datasets"]
    assert sum(schemata.values()) == lines
    assert {"Person", "Company", "PublicBody", "Sanction", "Ownership", "Directorship"} <= set(
        schemata
    )
    assert {"Family", "UnknownLink", "Organization"} <= set(schemata)
    assert schemata["Sanction"] > 0.1 * lines


def test_ftm_output_imports_into_the_memory_engine(tmp_path: Path):
    from axisgraph.app.ftm_load import load_ftm
    from axisgraph.store.memory import MemoryStore

    path = tmp_path / "g.ftm.json"
    lines = write_ftm(path, 1_000, seed=2)
    summary = load_ftm(path, MemoryStore(), fresh=True)
    assert summary.entities == lines
    assert summary.made["claim:designates"] > 50 and summary.made["claim:supplies"] > 5
    assert not summary.unmapped


def test_generate_command(tmp_path: Path):
    import typer

    from axisgraph.cli.generate import generate as command
    from axisgraph.errors import UsageError

    app = typer.Typer()
    app.command()(command)
    out = tmp_path / "n.ftm.json"
    app(
        ["--entities", "300", "--seed", "1", "--format", "ftm", "-o", str(out)],
        standalone_mode=False,
    )
    assert out.read_text().count("\n") > 200
    with pytest.raises(UsageError):
        app(["--entities", "300", "--format", "xml", "-o", str(out)], standalone_mode=False)
