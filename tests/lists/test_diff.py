"""diff on real consecutive SDN versions reports what SOURCES.md counted from the files."""

from __future__ import annotations

import pytest
from shared_paths import REALDATA

from axisgraph.app.diff import diff_files

LISTS = REALDATA / "lists"
SDN = "jackdwyer__sdn-list__ofac_sdn_{}.csv.gz"

pytestmark = pytest.mark.skipif(not (LISTS / SDN.format("2023-01-24")).exists(), reason="no data")


def test_wagner_gains_tco_and_car_and_linked_entries_appear() -> None:
    found = diff_files(LISTS / SDN.format("2023-01-24"), LISTS / SDN.format("2023-01-26"))
    assert (len(found.added), len(found.removed)) == (61, 0)
    changed = {c.id: c for c in found.changed}
    assert sorted(changed["ofac-sdn-22543"].programs_added) == ["CAR", "TCO"]
    assert changed["ofac-sdn-22543"].programs_removed == []
    linked = {
        e.id
        for e in found.added
        if "Linked To: PRIVATE MILITARY COMPANY 'WAGNER'" in str(e.properties.get("remarks"))
    }
    assert {"ofac-sdn-39618", "ofac-sdn-39757", "ofac-sdn-39758", "ofac-sdn-40573"} <= linked
    assert sorted(changed) == ["ofac-sdn-15892", "ofac-sdn-16865", "ofac-sdn-22543"]


def test_invasion_day_adds_91() -> None:
    found = diff_files(LISTS / SDN.format("2022-02-24"), LISTS / SDN.format("2022-02-25"))
    assert (len(found.added), len(found.removed)) == (91, 0)
    added = {e.id for e in found.added}
    assert {"ofac-sdn-17013", "ofac-sdn-18721", "ofac-sdn-18725"} <= added
    changed = {c.id: c for c in found.changed}
    assert sorted(changed) == [
        "ofac-sdn-16688",
        "ofac-sdn-16692",
        "ofac-sdn-24309",
        "ofac-sdn-33398",
    ]
    assert changed["ofac-sdn-16692"].programs_added == ["RUSSIA-EO14024"]
