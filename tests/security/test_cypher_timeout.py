"""``axisgraph cypher --timeout``: the server itself stops a runaway statement.

Promise: a statement still running at the time limit ends in one line and exit 5, and Neo4j
no longer runs it afterwards (the limit is the transaction's, not the client's patience).
"""

from __future__ import annotations

import pytest

from axisgraph.errors import EXIT_TIMEOUT, EXIT_USAGE

pytestmark = [pytest.mark.neo4j]

RUNAWAY = "UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n"


def _running(driver) -> list[str]:  # type: ignore[no-untyped-def]
    rows = driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'range(1, 100000000)' "
        "RETURN currentQuery"
    ).records
    return [r["currentQuery"] for r in rows if "SHOW TRANSACTIONS" not in r["currentQuery"]]


def test_a_runaway_statement_is_stopped_by_the_server(neo4j_env, neo4j_db, cli, tally):
    result = cli("cypher", RUNAWAY, "--timeout", "1")
    tally("cypher: runaway statements stopped")
    assert result.code == EXIT_TIMEOUT, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    assert "time limit of 1 s" in lines[0] and "--timeout" in lines[0], lines[0]
    assert _running(neo4j_db) == []


def test_a_quick_statement_runs_within_the_limit(neo4j_env, cli):
    result = cli("cypher", "RETURN 40 + 2 AS n", "--timeout", "30", "--format", "json")
    assert result.code == 0, result.err
    assert '"n": 42' in result.out


@pytest.mark.parametrize("bad", ["-1", "nan", "soon"])
def test_a_bad_timeout_is_bad_usage(neo4j_env, cli, bad):
    result = cli("cypher", "RETURN 1", "--timeout", bad)
    assert result.code == EXIT_USAGE, (result.code, result.err)
    assert "Traceback" not in result.err
