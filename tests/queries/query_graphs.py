"""Hypothesis strategies: small random claim graphs, and parameters for every canned query.

The graphs are valid datasets (they pass ``validate``) with a handful of actors, weapons,
places, instruments and sources; sources cite one another (cycles allowed), claims carry
random predicates, statuses, partial dates, items, assertions, denials and breaches.
"""

from __future__ import annotations

import calendar
from typing import Any

from hypothesis import strategies as st

from axisgraph.graph.dates import date_end, date_start
from axisgraph.graph.model import Claim, Dataset, Denial, Entity, Source
from axisgraph.queries.catalog import PREDICATES, QUERIES, STATUSES

ACTOR_KINDS = ("State", "ArmedGroup", "Company", "Person", "GovernmentBody")
# predicate -> (subject pools, object pools); pools: actor, weapon, place, instrument
SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "supplies": (("actor",), ("actor",)),
    "backs": (("actor",), ("actor",)),
    "owns": (("actor",), ("actor",)),
    "allied_with": (("actor",), ("actor",)),
    "leads": (("actor",), ("actor",)),
    "condemns": (("actor",), ("actor",)),
    "attacks": (("actor",), ("actor", "place")),
    "designates": (("actor", "instrument"), ("actor",)),
    "restricts": (("instrument",), ("actor", "weapon")),
    "operates_in": (("actor",), ("place",)),
    "located_in": (("actor", "place"), ("place",)),
    "part_of": (("actor", "place"), ("actor", "place")),
    "produces": (("actor", "place"), ("weapon",)),
    "possesses": (("actor",), ("weapon",)),
    "component_of": (("weapon",), ("weapon",)),
}
assert set(SHAPES) <= set(PREDICATES)


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    """Partial dates from a narrow range, so windows and claims often meet at their edges."""
    year = draw(st.sampled_from([2022, 2023, 2024]))
    precision = draw(st.integers(0, 2))
    if precision == 0:
        return f"{year}"
    month = draw(st.sampled_from([1, 2, 11, 12]))
    if precision == 1:
        return f"{year}-{month:02d}"
    last = calendar.monthrange(year, month)[1]
    day = draw(st.sampled_from(sorted({1, 2, 14, 15, 28, last})))
    return f"{year}-{month:02d}-{day:02d}"


maybe_dates = st.one_of(st.none(), partial_dates())


@st.composite
def claim_datasets(draw: st.DrawFn) -> Dataset:
    """A small valid dataset."""
    ds = Dataset()
    pools: dict[str, list[str]] = {"actor": [], "weapon": [], "place": [], "instrument": []}
    counts = {
        "actor": draw(st.integers(2, 6)),
        "weapon": draw(st.integers(0, 3)),
        "place": draw(st.integers(0, 2)),
        "instrument": draw(st.integers(0, 2)),
    }
    kinds = {"weapon": "Weapon", "place": "Place", "instrument": "Instrument"}
    for pool, n in counts.items():
        for i in range(n):
            kind = draw(st.sampled_from(ACTOR_KINDS)) if pool == "actor" else kinds[pool]
            eid = f"{pool}-{i}"
            country = None
            if pool == "actor" and pools["place"] and draw(st.booleans()):
                country = draw(st.sampled_from(pools["place"]))
            ds.add(
                Entity(eid, kind, f"{pool.title()} {i}", aliases=[f"{pool[0]}{i}"], country=country)
            )
            pools[pool].append(eid)
    source_ids = [f"src-{i}" for i in range(draw(st.integers(1, 4)))]
    for sid in source_ids:
        others = [s for s in source_ids if s != sid]
        cites = draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if others else []
        ds.add(Source(sid, sid.upper(), published_on=draw(maybe_dates), cites=cites))
    shapes = {
        p: shape
        for p, shape in SHAPES.items()
        if any(pools[k] for k in shape[0]) and any(pools[k] for k in shape[1])
    }
    for i in range(draw(st.integers(1, 12))):
        predicate = draw(st.sampled_from(sorted(shapes)))
        subjects = [e for k in shapes[predicate][0] for e in pools[k]]
        subject = draw(st.sampled_from(subjects))
        objects = [e for k in shapes[predicate][1] for e in pools[k] if e != subject]
        if not objects:
            continue
        valid_from, valid_to = draw(maybe_dates), draw(maybe_dates)
        if valid_from and valid_to and date_start(valid_from) > date_end(valid_to):
            valid_from, valid_to = valid_to, valid_from
        denials = [
            Denial(
                by=draw(st.sampled_from(pools["actor"])),
                on=draw(maybe_dates),
                source=draw(st.one_of(st.none(), st.sampled_from(source_ids))),
                note=draw(st.one_of(st.none(), st.sampled_from(["denied", "rumour"]))),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        ds.add(
            Claim(
                id=f"c-{i}",
                subject=subject,
                predicate=predicate,
                object=draw(st.sampled_from(objects)),
                status=draw(st.sampled_from(STATUSES)),
                summary=f"claim {i}",
                stated_on=draw(maybe_dates),
                valid_from=valid_from,
                valid_to=valid_to,
                items=draw(st.lists(st.sampled_from(pools["weapon"]), max_size=2))
                if pools["weapon"]
                else [],
                asserted_by=draw(
                    st.lists(st.sampled_from(pools["actor"]), unique=True, max_size=2)
                ),
                reported_in=draw(
                    st.lists(st.sampled_from(source_ids), unique=True, min_size=1, max_size=3)
                ),
                under=draw(st.lists(st.sampled_from(pools["instrument"]), unique=True, max_size=1))
                if pools["instrument"] and predicate == "designates"
                else [],
                violates=draw(st.lists(st.sampled_from(pools["instrument"]), max_size=2))
                if pools["instrument"]
                else [],
                denials=denials,
            )
        )
    return ds


def _value(draw: st.DrawFn, ds: Dataset, param: Any) -> Any:
    """A value for one parameter from the dataset's ids, or ``None`` to leave it unset.

    Optional filters (entities, predicates) are set one time in three, dates two in three, so
    most runs answer with rows.
    """
    if param.name == "predicate":
        present = sorted({c.predicate for c in ds.claims.values()})
        return draw(st.sampled_from(present)) if present and draw(st.integers(0, 2)) == 0 else None
    if param.type in ("actor", "instrument", "weapon"):
        kind = {"instrument": ("Instrument",), "weapon": ("Weapon",)}.get(param.type, ACTOR_KINDS)
        ids = sorted(e.id for e in ds.entities.values() if e.kind in kind)
        if not ids or (not param.required and draw(st.integers(0, 2)) > 0):
            return None
        return draw(st.sampled_from(ids))
    if not param.required and draw(st.integers(0, 2)) == (0 if param.type == "date" else 1):
        return None
    if param.type == "int":
        return str(draw(st.integers(param.minimum or 1, min(param.maximum or 5, 5))))
    if param.type == "date":
        return draw(partial_dates())
    if param.type == "enum":
        return draw(st.sampled_from(param.choices))
    return None


@st.composite
def query_params(draw: st.DrawFn, ds: Dataset, name: str) -> dict[str, Any] | None:
    """Parameters for query ``name`` on ``ds`` (``None`` when a required one has no value)."""
    query = next(q for q in QUERIES if q.name == name)
    params: dict[str, Any] = {}
    for param in query.params:
        value = _value(draw, ds, param)
        if value is None and param.required:
            return None
        if value is not None:
            params[param.name] = value
    if name == "shortest_paths" and params["source"] == params["target"]:
        return None
    if name == "timeline" and params.get("since") and params.get("until"):
        since, until = sorted([params["since"], params["until"]])
        if date_start(since) > date_end(until):
            since, until = until, since
        params["since"], params["until"] = since, until
    return params
