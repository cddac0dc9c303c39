"""Each FtM test gets its own AXISGRAPH_HOME, so a saved graph never leaks between tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from axisgraph.settings import reset_settings
from axisgraph.store.memory import MemoryStore


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
