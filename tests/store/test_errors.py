"""Driver errors become one-line messages with the package's exit codes."""

from __future__ import annotations

import neo4j.exceptions
import pytest

from axisgraph.errors import StoreUnavailable
from axisgraph.store.connection import Target, translate_errors

TARGET = Target("bolt://127.0.0.1:7687", "neo4j", "s3cret-pass", None, "test")


def _server_error(code: str, message: str) -> neo4j.exceptions.Neo4jError:
    return neo4j.exceptions.Neo4jError._hydrate_neo4j(code=code, message=message)


def test_transaction_memory_says_how_to_get_more():
    error = _server_error(
        "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
        "The allocation of an extra 2.0 MiB would use more than the limit 1.4 GiB.",
    )
    with pytest.raises(StoreUnavailable) as caught, translate_errors(TARGET):
        raise error
    text = str(caught.value)
    assert "\n" not in text and "--heap" in text and "transaction memory" in text
    assert caught.value.exit_code == 3


def test_other_transient_errors_stay_generic_and_hide_the_password():
    error = _server_error("Neo.TransientError.Transaction.DeadlockDetected", "s3cret-pass lock")
    with pytest.raises(StoreUnavailable) as caught, translate_errors(TARGET):
        raise error
    assert "failed" in str(caught.value) and "s3cret-pass" not in str(caught.value)
