"""Query parameters: read ``-p key=value`` pairs, convert them to their types, resolve names.

Entity parameters (actor, instrument, weapon) accept an id, a name or an alias, in any case,
and resolve to an id by the same Python on both engines. Bad usage (an unknown, missing or
mistyped parameter) raises ``UsageError`` (exit 2) naming the parameter; a name that matches
nothing raises ``NotFoundError`` (exit 1) with close matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from axisgraph.errors import InputError, NotFoundError, UsageError
from axisgraph.graph.dates import date_end, date_start, normalize_date
from axisgraph.queries.engines import Candidate, Engine
from axisgraph.queries.spec import Param, Query

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def parse_param_args(args: Iterable[str]) -> dict[str, str]:
    """``["actor=wagner-group", "max_hops=2"]`` -> ``{"actor": "wagner-group", "max_hops": "2"}``.

    Raises:
        UsageError: an argument has no ``=``, an empty key, or repeats a key.
    """
    found: dict[str, str] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"parameter {arg!r} is not key=value (e.g. -p actor=wagner-group)")
        if key in found:
            raise UsageError(f"parameter {key} is given twice")
        found[key] = value
    return found


def _usage(query: Query, param: Param, message: str) -> UsageError:
    return UsageError(f"parameter {param.name} of {query.name}: {message}")


def convert(query: Query, param: Param, value: Any) -> Any:
    """``value`` as the parameter's type (entity parameters stay text until resolved)."""
    if param.type == "int":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise _usage(query, param, f"expected a whole number, got {value!r}")
        try:
            number = int(value.strip()) if isinstance(value, str) else value
        except ValueError:
            raise _usage(query, param, f"expected a whole number, got {value!r}") from None
        low, high = param.minimum, param.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            raise _usage(query, param, f"{number} is outside {param.describe_type()}")
        return number
    if param.type == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text not in _TRUE | _FALSE:
            raise _usage(query, param, f"expected true or false, got {value!r}")
        return text in _TRUE
    if param.type == "date":
        try:
            return normalize_date(value)
        except ValueError as exc:
            raise _usage(query, param, str(exc)) from None
    text = str(value).strip()
    if param.type == "enum":
        if text.lower() not in param.choices:
            raise _usage(query, param, f"{text!r} is not one of {', '.join(param.choices)}")
        return text.lower()
    if not text:
        raise _usage(query, param, "is empty")
    return text


def bind_params(query: Query, raw: Mapping[str, Any] | None, engine: Engine) -> dict[str, Any]:
    """Every parameter of ``query``, converted, defaulted and resolved on ``engine``.

    Raises:
        UsageError: unknown, missing or mistyped parameters, or broken cross-parameter rules.
        NotFoundError: an entity parameter names nothing on this engine.
    """
    raw = dict(raw or {})
    unknown = sorted(set(raw) - {p.name for p in query.params})
    if unknown:
        names = [p.name for p in query.params]
        close = difflib.get_close_matches(unknown[0], names, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        takes = ", ".join(names) or "no parameters"
        raise UsageError(
            f"unknown parameter {unknown[0]} for {query.name}; {hint}(it takes: {takes})"
        )
    bound: dict[str, Any] = {}
    for param in query.params:
        value = raw.get(param.name)
        if value is None or (isinstance(value, str) and not value.strip() and not param.required):
            if param.required:
                raise UsageError(
                    f"missing parameter {param.name} for {query.name} "
                    f"({param.describe_type()}, e.g. -p {param.name}={param.example})"
                )
            bound[param.name] = param.default
            continue
        value = convert(query, param, value)
        if param.label is not None:
            value = resolve_entity(engine, param, value)
        bound[param.name] = value
    if query.check is not None:
        query.check(bound)
    return bound


def distinct_ends(bound: dict[str, Any]) -> None:
    """``shortest_paths``: the two ends must differ."""
    if bound["source"] == bound["target"]:
        raise UsageError(f"parameters source and target both name {bound['source']!r}")


def ordered_window(bound: dict[str, Any]) -> None:
    """``timeline``: the window must not end before it starts."""
    since, until = bound["since"], bound["until"]
    if since is not None and until is not None and date_start(since) > date_end(until):
        raise UsageError(f"parameter since ({since}) is after parameter until ({until})")


def _matches(candidates: Sequence[Candidate], key: str) -> list[list[str]]:
    """Ids matching ``key`` by id, by name and by alias: three tiers, strongest first."""
    by_id = [c[0] for c in candidates if c[0].casefold() == key]
    by_name = [c[0] for c in candidates if str(c[1] or "").casefold() == key]
    by_alias = [c[0] for c in candidates if any(a.casefold() == key for a in c[2])]
    return [by_id, by_name, by_alias]


def suggestions(candidates: Sequence[Candidate], value: str, limit: int = 5) -> list[str]:
    """Ids of the entities whose id, name or alias is closest to ``value``."""
    key = value.casefold()
    spellings: dict[str, str] = {}
    for cid, name, aliases in candidates:
        for spelling in (cid, str(name or ""), *aliases):
            spellings.setdefault(spelling.casefold(), cid)
    close = [s for s in sorted(spellings) if key in s]
    close += difflib.get_close_matches(key, sorted(spellings), n=limit * 3, cutoff=0.6)
    return list(dict.fromkeys(spellings[s] for s in close))[:limit]


def resolve_entity(engine: Engine, param: Param, value: str) -> str:
    """The id of the entity ``value`` names (an id, name or alias, case-insensitive).

    Raises:
        NotFoundError: nothing of the right kind matches; the message lists close matches.
        InputError: several entities share the name or alias.
    """
    label = param.label
    assert label is not None
    exact = engine.find_id(label, value)
    if exact is not None:
        return exact
    candidates = engine.candidates(label)
    for tier in _matches(candidates, value.casefold()):
        ids = sorted(set(tier))
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise InputError(
                f"{value!r} names several {param.type}s ({', '.join(ids)}): "
                f"give the id, e.g. -p {param.name}={ids[0]}"
            )
    names = {c[0]: c[1] for c in candidates}
    close = suggestions(candidates, value)
    if close:
        hint = "did you mean " + ", ".join(f"{c} ({names[c]})" for c in close) + "?"
    else:
        known = ", ".join(c[0] for c in candidates[:5]) or "none in this graph"
        hint = f"nothing is close (known {param.type}s include: {known})"
    raise NotFoundError(f"no {param.type} matches {value!r} (parameter {param.name}); {hint}")
