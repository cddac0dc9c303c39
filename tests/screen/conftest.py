"""Screening tests: the bundled data on both engines, and the real name fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import neo4j
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))

from query_support import clear, target_of
from shared_paths import REALDATA

from axisgraph.loaders.yaml_claims import load_dataset
from axisgraph.store.connection import Target
from axisgraph.store.neo4j_store import Neo4jStore

NAMES = REALDATA / "names"
REQUIRE_REALDATA = (
    os.environ.get("CI") == "true" or os.environ.get("AXISGRAPH_REQUIRE_REALDATA") == "1"
)


@pytest.fixture(scope="session")
def names_dir() -> Path:
    """The labelled name fixtures (``shared/realdata/names``), or a failure under CI."""
    if (NAMES / "SOURCES.md").exists():
        return NAMES
    reason = f"the real name fixtures are not at {NAMES} (set AXISGRAPH_SHARED)"
    if REQUIRE_REALDATA:
        pytest.fail(f"real data is required here (CI=true): {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def neo4j_bundled(neo4j_server: Any, neo4j_driver: neo4j.Driver) -> Target:
    """Neo4j holding exactly the bundled dataset, loaded once for the module."""
    clear(neo4j_driver)
    target = target_of(neo4j_server)
    Neo4jStore(target).load(load_dataset())
    return target
