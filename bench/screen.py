"""Screening: how well names match (labelled real data) and how fast (10^4 names, 10^5 actors).

Three measurements, all on OpenSanctions' published name-matching fixtures in
``../shared/realdata/names`` (read in place):

1. **Pairs.** The 826 labelled pairs of nomenklatura's ``name_bench``: precision, recall and
   F1 of our scorer (nomenklatura's ``logic-v2``) at the default threshold and at its best,
   beside a plain fuzzy baseline (rapidfuzz ``token_sort_ratio`` on ASCII-folded names, when
   rapidfuzz is installed) on the same pairs. Also on the 321 pairs that are not LLM-made.
2. **Screening, end to end** (candidates by trigrams, then scores): the 683 UN-listed persons
   of yente's benchmark are the "graph"; their perturbed twins are screened (recall: the twin's
   own record among the hits; top-1: it is the best hit), and synthetic persons that should
   match nobody are screened against the same graph (the false-positive rate).
3. **Rate.** Synthetic names screened against the actors of a generated 10^5-record graph
   (names per second after the one-time start, which is reported apart: rigour builds its
   person-name tables on first use).
"""

from __future__ import annotations

import csv
import gzip
import itertools
import time
from pathlib import Path
from typing import Any

from bench.common import SHARED, Results

NAMES = SHARED / "realdata" / "names"
PAIRS = NAMES / "opensanctions__nomenklatura__name_bench_cases.csv"
UN_UNTREATED = NAMES / "opensanctions__yente__cgb_positives_un_untreated.csv"
UN_TREATED = NAMES / "opensanctions__yente__cgb_positives_un_treated.csv"
NEG_GLOBAL = NAMES / "opensanctions__yente__cgb_negatives_global.csv.gz"
NEG_US = NAMES / "opensanctions__yente__cgb_negatives_us.csv.gz"

SIZES = {"full": (10_000, 100_000), "quick": (1_000, 10_000), "tiny": (100, 1_000)}
"""Names screened and generated records, by config."""


def _rows(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(itertools.islice(csv.DictReader(handle), limit))


def prf(scored: list[tuple[float, bool]], threshold: float) -> dict[str, float]:
    tp = sum(1 for s, m in scored if s >= threshold and m)
    fp = sum(1 for s, m in scored if s >= threshold and not m)
    fn = sum(1 for s, m in scored if s < threshold and m)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def best(scored: list[tuple[float, bool]]) -> dict[str, float]:
    found = max(
        ({"threshold": t / 100, **prf(scored, t / 100)} for t in range(30, 100)),
        key=lambda d: d["f1"],
    )
    return found


def _kind(schema: str) -> str:
    return {"Person": "person", "Company": "company", "Vessel": "vessel"}.get(schema, "")


def pairs(results: Results) -> None:
    from axisgraph.screen.matcher import DEFAULT_THRESHOLD, Entry, Query, compare

    kinds = {"Person": "Person", "Company": "Company", "Vessel": "Company"}
    rows = _rows(PAIRS)
    scorers: dict[str, Any] = {
        "logic_v2": lambda r: compare(
            Query(r["name1"], kind=_kind(r["schema"])),
            Entry("x", kinds.get(r["schema"], "Organization"), r["name2"]),
        )
    }
    try:
        from normality import ascii_text, normalize
        from rapidfuzz import fuzz

        def fold(text: str) -> str:
            return normalize(ascii_text(text) or text, lowercase=True) or ""

        scorers["rapidfuzz"] = lambda r: (
            fuzz.token_sort_ratio(fold(r["name1"]), fold(r["name2"])) / 100
        )
    except ImportError:
        results.note("screen", "rapidfuzz not installed: no fuzzy baseline")
    section = results.section("screen")
    for name, scorer in scorers.items():
        started = time.perf_counter()
        scored = [(scorer(r), r["is_match"] == "true", r["case_group"]) for r in rows]
        seconds = time.perf_counter() - started
        all_pairs = [(s, m) for s, m, _ in scored]
        real = [(s, m) for s, m, g in scored if not g.startswith("synth")]
        figures = {
            "pairs": len(all_pairs),
            "real_pairs": len(real),
            "seconds": seconds,
            "at_default": prf(all_pairs, DEFAULT_THRESHOLD),
            "best": best(all_pairs),
            "real_at_default": prf(real, DEFAULT_THRESHOLD),
            "real_best": best(real),
        }
        section[f"pairs_{name}"] = figures
        for key in ("precision", "recall", "f1"):
            results.metric(f"screen.pairs.{name}.{key}", figures["at_default"][key])
            results.metric(f"screen.pairs.{name}.real_{key}", figures["real_at_default"][key])
        results.metric(f"screen.pairs.{name}.best_f1", figures["best"]["f1"])
        results.metric(f"screen.pairs.{name}.best_threshold", figures["best"]["threshold"])


def end_to_end(results: Results, negatives: int) -> None:
    from axisgraph.screen.matcher import Entry, NameIndex, Query

    listed = _rows(UN_UNTREATED)
    twins = _rows(UN_TREATED)
    entries = [Entry(f"un-{i}", "Person", r["full_name"]) for i, r in enumerate(listed)]
    index = NameIndex(entries)
    found = top1 = 0
    for i, row in enumerate(twins):
        hits = index.match(Query(row["full_name"], kind="person"))
        ids = [h.entry.id for h in hits]
        found += f"un-{i}" in ids
        top1 += bool(ids) and ids[0] == f"un-{i}"
    per_file = max(negatives // 2, 1)
    fakes = _rows(NEG_GLOBAL, per_file) + _rows(NEG_US, per_file)
    false = sum(1 for r in fakes if index.match(Query(r["full_name"], kind="person")))
    figures = {
        "listed": len(entries),
        "recall": found / len(twins),
        "top1": top1 / len(twins),
        "negatives": len(fakes),
        "false_positive_rate": false / len(fakes),
    }
    results.section("screen")["un_end_to_end"] = figures
    results.metric("screen.un.recall", figures["recall"])
    results.metric("screen.un.top1", figures["top1"])
    results.metric("screen.un.false_positive_rate", figures["false_positive_rate"])


def rate(results: Results, names: int, records: int) -> None:
    from axisgraph.app.generate import iter_generate
    from axisgraph.graph.schema import get_schema
    from axisgraph.screen.matcher import Entry, NameIndex, Query

    actors = set(get_schema().actor_kinds)
    entries = [
        Entry(e.id, e.kind, e.name, tuple(e.aliases))
        for batch in iter_generate(records, 1)
        for e in batch.entities.values()
        if e.kind in actors
    ]
    started = time.perf_counter()
    index = NameIndex(entries)
    index_s = time.perf_counter() - started
    fakes = _rows(NEG_US, names // 2) + _rows(NEG_GLOBAL, names - names // 2)
    started = time.perf_counter()
    index.match(Query(fakes[0]["full_name"], kind="person"))  # rigour's tables, built once
    warm_s = time.perf_counter() - started
    started = time.perf_counter()
    hits = sum(len(index.match(Query(r["full_name"], kind="person"))) for r in fakes[1:])
    seconds = time.perf_counter() - started
    figures = {
        "records": records,
        "actors": len(entries),
        "names": len(fakes) - 1,
        "index_s": index_s,
        "first_name_s": warm_s,
        "seconds": seconds,
        "names_per_s": (len(fakes) - 1) / seconds,
        "hits": hits,
    }
    results.section("screen")["rate"] = figures
    results.metric("screen.rate.names_per_s", figures["names_per_s"])
    results.metric("screen.rate.actors", len(entries))
    results.metric("screen.rate.index_s", index_s)
    results.metric("screen.rate.first_name_s", warm_s)


def run(results: Results) -> None:
    names, records = SIZES.get(results.config.name, SIZES["quick"])
    pairs(results)
    end_to_end(results, negatives=min(names, 2_000))
    rate(results, names, records)
