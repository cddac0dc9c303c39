"""The local server's files are the user's alone: folders 0700, files 0600.

Promise: after ``axisgraph db start`` with the usual umask (022), nothing under
``AXISGRAPH_HOME/neo4j`` is readable by other local users (``find -perm -o+r`` finds nothing),
and files an earlier run left readable are fixed, with one note saying how many.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from axisgraph.settings import get_settings, reset_settings
from axisgraph.store import server

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _open_to_others(root: Path) -> list[str]:
    """What ``find root -perm /go+rwx`` would list (group or other may touch it)."""
    found = []
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            info = path.lstat()
            if not stat.S_ISLNK(info.st_mode) and info.st_mode & 0o077:
                found.append(f"{oct(stat.S_IMODE(info.st_mode))} {path}")
    return found


def test_db_start_leaves_nothing_readable_by_others(tmp_path, monkeypatch, cli, tally):
    home = tmp_path / "home"
    monkeypatch.setenv("AXISGRAPH_HOME", str(home))
    monkeypatch.setenv("AXISGRAPH_CACHE", str(get_settings().cache))
    reset_settings()
    settings = get_settings()
    # what an earlier version left: a readable password file and log, an open folder
    logs = settings.server_dir / "logs"
    logs.mkdir(parents=True)
    os.chmod(settings.server_dir, 0o755)
    old_password = server.password_file(settings)
    old_password.write_text("Old-password-1234\n", encoding="utf-8")
    os.chmod(old_password, 0o644)
    (logs / "query.log").write_text("MATCH (n) RETURN n\n", encoding="utf-8")
    os.chmod(logs / "query.log", 0o644)
    previous = os.umask(0o022)
    try:
        started = cli(
            "db", "start", "--bolt-port", str(server.free_port()),
            "--http-port", str(server.free_port()),
        )  # fmt: skip
        try:
            assert started.code == 0, started.err
            notes = [line for line in started.err.splitlines() if "private" in line]
            assert len(notes) == 1 and "made 4 files and folders" in notes[0], started.err
            assert "Old-password-1234" not in started.out + started.err
            tally("file modes: files and folders checked", sum(1 for _ in home.rglob("*")))
            assert (settings.server_dir / "data" / "dbms" / "auth.ini").is_file()
            assert _open_to_others(settings.server_dir) == []
            assert stat.S_IMODE(settings.server_dir.stat().st_mode) == 0o700
            assert stat.S_IMODE(old_password.stat().st_mode) == 0o600
        finally:
            cli("db", "stop")
        assert _open_to_others(settings.server_dir) == [], "files created while stopping"
    finally:
        os.umask(previous)
