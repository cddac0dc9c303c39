"""``axisgraph screen``: names matched to the graph's actors, each hit with its context."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from axisgraph.screen.matcher import Entry, NameIndex, Query
from axisgraph.screen.run import Screener
from axisgraph.store.memory import MemoryStore
from axisgraph.store.neo4j_store import Neo4jStore

VARIANTS = {
    "Evgeniy Prigozhin": "yevgeny-prigozhin",  # transliteration variant
    "Jewgeni Prigoschin": "yevgeny-prigozhin",  # German transliteration
    "Евгений Пригожин": "yevgeny-prigozhin",  # Cyrillic
    "Qods Aviation Industry": "qods-aviation-industries",  # close variant
    "Wagner Group": "wagner-group",
}
COMMON = ["John Smith", "Maria Garcia", "Wei Zhang", "Fatima Khan", "Juan Perez", "Anna Müller"]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(MemoryStore())


@pytest.mark.parametrize(("name", "actor"), sorted(VARIANTS.items()))
def test_a_variant_finds_its_actor_first(screener: Screener, name: str, actor: str) -> None:
    (screened,) = screener.screen([Query(name)])
    assert screened.hits, name
    best = screened.hits[0].match
    assert best.entry.id == actor
    assert best.score >= screener.threshold
    assert best.explanation  # which parts matched, and how


def test_unrelated_common_names_find_nothing(screener: Screener) -> None:
    found = {s.query.name: s.hits for s in screener.screen(Query(n) for n in COMMON)}
    assert found == {n: [] for n in COMMON}


def test_synthetic_people_find_nothing(screener: Screener, names_dir: Path) -> None:
    """OpenSanctions' published false-positive set: generated people who match nobody."""
    path = names_dir / "opensanctions__yente__cgb_negatives_global.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = [r for _, r in zip(range(300), csv.DictReader(handle), strict=False)]
    queries = [Query(r["full_name"], kind="person", birth_date=r["date_of_birth"]) for r in rows]
    hits = [(s.query.name, [h.match.entry.id for h in s.hits]) for s in screener.screen(queries)]
    assert [h for h in hits if h[1]] == []
    assert len(hits) == 300


def test_perturbed_un_listings_find_their_twin(names_dir: Path) -> None:
    """The yente benchmark's treated UN names (typos, reordering) against the real ones."""

    def read(name: str) -> list[dict[str, str]]:
        with (names_dir / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    listed = read("opensanctions__yente__cgb_positives_un_untreated.csv")
    twins = read("opensanctions__yente__cgb_positives_un_treated.csv")
    assert len(listed) == len(twins) == 683  # SOURCES.md
    index = NameIndex(Entry(f"un-{i}", "Person", r["full_name"]) for i, r in enumerate(listed))
    found = sum(
        f"un-{i}" in [h.entry.id for h in index.match(Query(r["full_name"], kind="person"))]
        for i, r in enumerate(twins)
    )
    assert found / len(twins) >= 0.95


def test_a_hit_carries_its_designations_and_exposure(screener: Screener) -> None:
    (wagner,) = screener.screen([Query("Wagner Group")])
    hit = wagner.hits[0]
    by = {d["by_id"] for d in hit.designations}
    assert {"european-union", "us-commerce-department"} <= by
    assert all(d["claim"] and d["status"] for d in hit.designations)
    (prigozhin,) = screener.screen([Query("Evgeniy Prigozhin")])
    exposure = prigozhin.hits[0].exposure
    assert exposure and "wagner-group" in exposure[0]["exposed_to"]


def test_both_engines_screen_alike(screener: Screener, neo4j_bundled) -> None:  # type: ignore[no-untyped-def]
    names = [*VARIANTS, *COMMON]
    memory = [s.to_dict() for s in screener.screen(Query(n) for n in names)]
    neo = Screener(Neo4jStore(neo4j_bundled))
    assert [s.to_dict() for s in neo.screen(Query(n) for n in names)] == memory
