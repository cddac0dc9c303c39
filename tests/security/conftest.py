"""Count the hostile cases each security test tried, and print the totals at the end."""

from __future__ import annotations

from collections import Counter

import pytest

CASES: Counter[str] = Counter()


@pytest.fixture
def tally():
    """``tally("yaml")`` counts one case of that kind."""

    def count(kind: str, n: int = 1) -> None:
        CASES[kind] += n

    return count


def pytest_terminal_summary(terminalreporter):  # type: ignore[no-untyped-def]
    if CASES:
        terminalreporter.write_sep("-", "hostile cases tried")
        for kind, n in sorted(CASES.items()):
            terminalreporter.write_line(f"{kind}: {n}")
