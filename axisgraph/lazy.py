"""Lazy re-exports for package ``__init__`` files (PEP 562).

A package can offer ``from axisgraph.maps import render_map`` without importing its heavy
modules when only a light one is wanted: ``import axisgraph.maps.style`` then stays cheap,
and the CLI starts without networkx, neo4j or followthemoney.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``exports[name]`` (a submodule) on first use."""

    def __getattr__(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
