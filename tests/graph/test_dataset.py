"""The bundled dataset: valid, sourced, paraphrased, and holding the facts of both documents."""

from __future__ import annotations

import re

import pytest
from shared_paths import SEEDS

from axisgraph.graph.build import build_graph
from axisgraph.graph.schema import get_schema
from axisgraph.loaders.records import SLUG
from axisgraph.loaders.yaml_claims import bundled_data_dir, load_dataset


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def test_schema_valid_and_sized(data):
    # load_dataset validates; these are the sizes the issue expects (about a hundred each)
    assert 80 <= len(data.entities) <= 200
    assert 80 <= len(data.claims) <= 200
    assert len(data.sources) >= 15


def test_every_record_has_slug_id_name_and_aliases(data):
    for record in data.records():
        assert SLUG.match(record.id), record.id
    for record in [*data.entities.values(), *data.sources.values()]:
        assert record.name.strip()
    for entity in data.entities.values():
        assert isinstance(entity.aliases, list)


def test_every_claim_has_a_source_and_a_known_status(data):
    statuses = set(get_schema().statuses)
    for claim in data.claims.values():
        assert claim.reported_in, claim.id
        assert claim.status in statuses
        assert claim.summary, claim.id


def test_all_five_statuses_are_used(data):
    assert {c.status for c in data.claims.values()} == set(get_schema().statuses)


def test_every_source_is_tied_to_a_seed(data):
    seeds = {p.name for p in SEEDS.glob("*.txt")} if SEEDS.exists() else None
    for source in data.sources.values():
        assert source.seed, source.id
        if seeds is not None:
            assert source.seed in seeds, source.id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def test_no_sentence_is_copied_from_the_seeds():
    assert SEEDS.exists(), f"seed documents not found at {SEEDS} (set AXISGRAPH_SHARED)"
    seed_words = [_words(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")]
    shingles = {tuple(w[i : i + 9]) for w in seed_words for i in range(len(w) - 8)}
    for path in bundled_data_dir().glob("*.yaml"):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ":" not in line:
                continue
            words = _words(line.split(":", 1)[1])
            for i in range(len(words) - 8):
                assert tuple(words[i : i + 9]) not in shingles, f"{path.name}:{line_no} copies text"


def _claim(data, claim_id):
    assert claim_id in data.claims, claim_id
    return data.claims[claim_id]


def test_seed_000_facts(data):
    """Kyiv Independent, 21 November 2023."""
    article = data.sources["src-kyiv-independent-2023-11-21"]
    assert article.published_on == "2023-11-21" and article.publisher == "kyiv-independent"
    for recipient in ("iran", "hezbollah"):
        plan = _claim(data, f"c-wagner-prepares-air-defence-for-{recipient}")
        assert (plan.subject, plan.predicate, plan.object) == (
            "wagner-group",
            "supplies",
            recipient,
        )
        assert plan.status == "plan" and "john-kirby" in plan.asserted_by
    wsj = _claim(data, "c-wsj-wagner-pantsir-to-hezbollah")
    assert wsj.status == "media_report"
    assert any("unnamed" in a for a in wsj.asserted_by)
    assert any("pantsir" in item for item in wsj.items)
    assert _claim(data, "c-russia-directs-wagner-2023-11").status == "assessment"
    assert _claim(data, "c-iran-backs-hezbollah").predicate == "backs"


def test_seed_001_facts(data):
    """The analysis of the 20 January 2023 White House briefing."""
    analysis = data.sources["src-levi-julian-analysis-2023-01"]
    assert analysis.publisher is None and analysis.published_on is None
    strength = _claim(data, "c-wagner-operates-in-ukraine")
    assert sorted(q.amount for q in strength.quantities) == [10000, 40000, 50000]
    rockets = _claim(data, "c-dprk-rockets-missiles-to-wagner-late-2022")
    assert (rockets.subject, rockets.object) == ("north-korea", "wagner-group")
    assert {d.by for d in rockets.denials} >= {"dprk-foreign-minister", "yevgeny-prigozhin"}
    rail = _claim(data, "c-dprk-rail-shipment-2022-11")
    assert any(q.amount == 5 for q in rail.quantities)
    tco = _claim(data, "c-treasury-designates-wagner-tco")
    assert tco.predicate == "designates" and tco.status == "announced_action"
    assert tco.under == ["eo-13581"] and tco.subject == "us-treasury"
    uavs = _claim(data, "c-ltg-iran-uavs-to-russia-since-august")
    assert uavs.violates == ["unsc-resolution-2231"] and uavs.valid_from == "2022-08"
    contract = _claim(data, "c-new-voice-russia-buys-1700-shaheds")
    assert any(q.amount == 1700 for q in contract.quantities)
    eu = _claim(data, "c-eu-sanctions-wagner-2021-12")
    assert eu.valid_from == "2021-12" and eu.subject == "european-union"


def test_projection_of_the_dprk_wagner_link(data):
    graph = build_graph(data)
    link = graph.edges["north-korea", "wagner-group", "SUPPLIES"]
    assert link["denied"] is True
    assert link["status"] == "official_statement"
    assert "c-dprk-rockets-missiles-to-wagner-late-2022" in link["claims"]
    assert link["source_count"] >= 1
    assert set(link["sources"]) >= {"src-wh-briefing-2023-01-20"}
