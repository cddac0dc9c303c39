"""The ``screen`` command: names files, outputs, the HTML report, and its one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

HOSTILE = '<img src=x onerror="alert(1)">Wagner Group'


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from axisgraph.settings import reset_settings

    monkeypatch.setenv("AXISGRAPH_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    reset_settings()


def names_file(tmp_path: Path, text: str, name: str = "names.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_names_file_as_csv(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = names_file(
        tmp_path, "id,name,kind\nr1,Evgeniy Prigozhin,person\nr2,John Smith,\nr3,Wagner Group,\n"
    )
    result = cli("screen", str(path), "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [(r["ref"], r["hit_id"]) for r in rows] == [
        ("r1", "yevgeny-prigozhin"),
        ("r2", ""),
        ("r3", "wagner-group"),
    ]
    assert "European Union" in rows[2]["designated_by"]
    assert "screened by the memory engine" in result.err


def test_names_on_the_command_line_as_json(cli) -> None:  # type: ignore[no-untyped-def]
    # the --help example, exactly
    result = cli(
        "screen", "--name", "PMC Wagner", "--name", "Evgeniy Prigozhin", "--format", "json"
    )
    assert result.code == 0, result.err
    answer = json.loads(result.out)  # one JSON document
    assert [a["name"] for a in answer] == ["PMC Wagner", "Evgeniy Prigozhin"]
    prigozhin = answer[1]["hits"][0]
    assert prigozhin["id"] == "yevgeny-prigozhin" and prigozhin["why"]
    assert prigozhin["exposure"][0]["exposed_to"]


def test_hits_only_and_the_table(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = names_file(tmp_path, "name\nJohn Smith\nQods Aviation Industry\n")
    result = cli("screen", str(path), "--hits-only")
    assert result.code == 0, result.err
    assert "Qods" in result.out and "John Smith" not in result.out
    assert "1 name(s): 1 with a hit" in result.out


def test_the_html_report_is_inert(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = names_file(tmp_path, f'name\n"{HOSTILE.replace(chr(34), chr(34) * 2)}"\n')
    report = tmp_path / "report.html"
    result = cli("screen", str(path), "--report", str(report), "--format", "csv")
    assert result.code == 0, result.err
    page = report.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "default-src 'none'" in page


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("who\nJohn\n", "names.csv:1 [name]"),
        ("name,colour\nJohn,red\n", "names.csv:1 [colour]"),
        ("name,kind\nJohn,\n\n,person\n", "names.csv:4 [name]"),
        ("name,kind\nJohn\n", "names.csv:2"),
        ("", "names.csv"),
    ],
)
def test_a_bad_names_file_is_one_line(cli, tmp_path: Path, text: str, where: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("screen", str(names_file(tmp_path, text)))
    assert result.code == 1
    assert where in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_not_utf8_and_missing_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "latin.csv"
    path.write_bytes("name\nJos\xe9\n".encode("latin-1"))
    result = cli("screen", str(path))
    assert result.code == 1 and "UTF-8" in result.err and "latin.csv" in result.err
    result = cli("screen", str(tmp_path / "nope.csv"))
    assert result.code == 1 and "nope.csv" in result.err


def test_usage_errors(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("screen").code == 2
    path = names_file(tmp_path, "name\nJohn\n")
    assert cli("screen", str(path), "--name", "John").code == 2
    assert cli("screen", "--name", "John", "--threshold", "2").code == 2
