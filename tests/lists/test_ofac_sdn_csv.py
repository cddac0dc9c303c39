"""The OFAC legacy SDN CSV loads completely, with counts made from the file with plain csv."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from shared_paths import REALDATA

from axisgraph.errors import InputError
from axisgraph.lists.ofac_csv import companion, parse_sdn_csv
from axisgraph.loaders.detect import detect_format

LISTS = REALDATA / "lists"
SDN_2021 = LISTS / "moov-io__watchman__bench__ofac_sdn_2021-07.csv.gz"
SDN_2023 = LISTS / "jackdwyer__sdn-list__ofac_sdn_2023-01-26.csv.gz"

pytestmark = pytest.mark.skipif(not SDN_2021.exists(), reason="real data not here")


def _plain_rows(path: Path) -> list[list[str]]:
    text = gzip.decompress(path.read_bytes()).decode("latin-1").rstrip("\x1a\r\n")
    return [row for row in csv.reader(io.StringIO(text)) if row]


def test_sniffed_as_sdn_csv() -> None:
    assert detect_format(SDN_2021) == "ofac-sdn-csv"
    assert detect_format(SDN_2023) == "ofac-sdn-csv"


def test_counts_by_type_and_programme_match_the_file() -> None:
    rows = _plain_rows(SDN_2023)
    dataset = parse_sdn_csv(SDN_2023)
    listed = {e.id: e for e in dataset.entities.values() if e.id.startswith("ofac-sdn-")}
    assert len(listed) == len(rows) == 11519
    types = Counter(e.properties.get("sdn_type", "entity") for e in listed.values())
    assert types == {"entity": 4613, "individual": 5921, "vessel": 687, "aircraft": 298}
    tags = Counter(p for e in listed.values() for p in e.properties["programs"])  # type: ignore[union-attr]
    assert tags["RUSSIA-EO14024"] == 1897
    assert tags["IRGC"] == 219
    # designations reach actors only: every non-vessel, non-aircraft entry has one
    assert len(dataset.claims) == 4613 + 5921


def test_wagner_and_utkin_with_programmes_and_aliases() -> None:
    dataset = parse_sdn_csv(SDN_2021)
    entities = {e.id: e for e in dataset.entities.values()}
    wagner = entities["ofac-sdn-22543"]
    assert wagner.name == "PRIVATE MILITARY COMPANY 'WAGNER'"
    assert wagner.kind == "Organization"
    assert wagner.properties["programs"] == ["UKRAINE-EO13660"]
    assert "PMC WAGNER" in wagner.aliases  # from alt.csv beside it
    assert entities["ofac-sdn-22544"].name.startswith("UTKIN")
    assert entities["ofac-sdn-22544"].kind == "Person"
    claims = {c.id: c for c in dataset.claims.values()}
    designation = claims["ofac-sdn-22543-designated"]
    assert (designation.subject, designation.predicate, designation.status) == (
        "ofac",
        "designates",
        "announced_action",
    )
    assert designation.under == ["ofac-program-ukraine-eo13660"]
    assert entities["ofac-program-ukraine-eo13660"].kind == "Instrument"
    (source,) = dataset.sources.values()
    assert designation.reported_in == [source.id]
    assert source.properties["sha256"].startswith("2a08fac873a3be0b")  # SOURCES.md


def test_wagner_gains_tco_and_car_in_2023() -> None:
    entities = {e.id: e for e in parse_sdn_csv(SDN_2023).entities.values()}
    assert entities["ofac-sdn-22543"].properties["programs"] == [
        "TCO",
        "UKRAINE-EO13660",
        "CAR",
        "RUSSIA-EO14024",
    ]


def test_companions_found_beside_the_file() -> None:
    assert companion(SDN_2021, "alt") == LISTS / "moov-io__watchman__bench__ofac_alt_2021-07.csv"
    assert companion(SDN_2023, "alt") is None


def test_bad_row_names_file_and_line(tmp_path: Path) -> None:
    good = '36,"AEROCARIBBEAN AIRLINES","-0- ","CUBA"' + ',"-0- "' * 8
    path = tmp_path / "sdn.csv"
    path.write_bytes((good + "\r\n" + '37,"SHORT","-0- "\r\n').encode("latin-1"))
    with pytest.raises(InputError) as caught:
        parse_sdn_csv(path)
    assert caught.value.line == 2
    path.write_bytes((good + "\r\n" + good + "\r\n").encode("latin-1"))
    with pytest.raises(InputError, match="appears twice"):
        parse_sdn_csv(path)


def _designation_rows(cli, *extra: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = cli(
        "query", "run", "designations_of", "-p", "actor=ofac-sdn-22543", "--format", "json", *extra
    )
    assert result.code == 0, result.err
    return json.loads(result.out)


def _load_and_ask(cli, *extra: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = cli("load", str(SDN_2021), *extra)
    assert result.code == 0, result.err
    first = _designation_rows(cli, *extra)
    again = cli("load", str(SDN_2021), *extra)  # a reload changes nothing
    assert again.code == 0, again.err
    assert _designation_rows(cli, *extra) == first
    return first


def test_designation_of_wagner_on_both_engines(cli, neo4j_env) -> None:  # type: ignore[no-untyped-def]
    memory = _load_and_ask(cli, "--memory")
    neo4j = _load_and_ask(cli)
    assert memory == neo4j
    (row,) = memory
    assert row["by_id"] == "ofac"
    assert "ofac-program-ukraine-eo13660" in str(row["instruments"])
