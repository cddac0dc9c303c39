"""The CLI pieces for FtM: the export command, the load helper with its progress callback."""

from __future__ import annotations

import json
from pathlib import Path

from ftm_support import ent, write_lines

from axisgraph.app.ftm_load import load_ftm
from axisgraph.cli.ftm import load_ftm_file, summary_rows
from axisgraph.store.memory import MemoryStore


def test_export_command_writes_ftm(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "axis.ftm.json"
    result = cli("export", "--format", "ftm", "-o", str(out), "--memory")
    assert result.code == 0, result.err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert f"Wrote {len(lines):,} FtM entities" in result.out
    assert "Weapon (no FtM schema)" in result.err  # says what FtM cannot hold
    assert {json.loads(line)["schema"] for line in lines} >= {"Sanction", "Person"}


def test_load_helper_reports_progress_and_rows(memory: MemoryStore, tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "f.ftm.json", [ent(f"p-{i}", "Person", name=f"P {i}") for i in range(2_500)]
    )
    seen: list[tuple[str, int, int]] = []
    summary = load_ftm(
        path, memory, progress=lambda stage, lines, ents, _s: seen.append((stage, lines, ents))
    )
    assert ("scan", 1_000, 1_000) in seen and seen[-1] == ("load", 2_500, 2_500)
    row = summary_rows(summary)[0]
    assert row["entities"] == 2_500 and row["actors"] == 2_500 and row["format"] == "entities"
    again = load_ftm_file(path, memory)  # the CLI wrapper: same load, bar on stderr
    assert again.made == summary.made
