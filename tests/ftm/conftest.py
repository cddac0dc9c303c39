"""Each FtM test gets its own AXISGRAPH_HOME, so a saved graph never leaks between tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from ftm_support import FTM_DIR, ZALA

from axisgraph.settings import reset_settings
from axisgraph.store.memory import MemoryStore

REQUIRE_REALDATA = (
    os.environ.get("CI") == "true" or os.environ.get("AXISGRAPH_REQUIRE_REALDATA") == "1"
)


@pytest.fixture(scope="session")
def realdata() -> Path:
    """The real FtM files (``shared/realdata/ftm``), or a failure under CI, else a skip."""
    if ZALA.exists():
        return FTM_DIR
    reason = f"the real FtM files are not at {FTM_DIR} (set AXISGRAPH_SHARED)"
    if REQUIRE_REALDATA:
        pytest.fail(f"real data is required here (CI=true): {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "home"
    monkeypatch.setenv("AXISGRAPH_HOME", str(path))
    reset_settings()
    yield path
    reset_settings()


@pytest.fixture
def memory(home: Path) -> MemoryStore:
    """The embedded engine; with nothing saved, its graph is the bundled dataset."""
    return MemoryStore()
