"""Files the CLI writes are whole or absent: kill -9 mid-write, disk full, a folder as output.

Promise: a kill never leaves a partial file under the final name (the old file stays, byte for
byte); the next run removes the temp file the killed one left and says so; an OS error on
write is one line naming the path, exit 4, with no temp file left behind.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from axisgraph.app.generate import write_json
from axisgraph.errors import EXIT_OUTPUT
from axisgraph.files import TEMP_SUFFIX

pytestmark = pytest.mark.slow

# (command after `axisgraph`, the output's name); csv writes a folder of two files
WRITERS = {
    "map": (["map", "--layout-threshold", "1000000"], "out.html"),
    "json": (["export", "--format", "json"], "out.json"),
    "graphml": (["export", "--format", "graphml"], "out.graphml"),
    "gexf": (["export", "--format", "gexf"], "out.gexf"),
    "ftm": (["export", "--format", "ftm"], "out.ftm.json"),
    "csv": (["export", "--format", "csv"], "out-csv"),
}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved graph big enough that writing an export takes a while (about 5 MB each)."""
    folder = tmp_path_factory.mktemp("atomic-home")
    write_json(folder / "graph.json", 5_000, seed=3)
    return folder


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return {**env, "AXISGRAPH_HOME": str(home)}


def _run(home: Path, args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "axisgraph", *args],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


def _state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under ``folder`` with its size and change time (ns)."""
    found = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            try:
                info = path.stat()
            except FileNotFoundError:  # renamed away while we looked
                continue
            found[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return found


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(TEMP_SUFFIX)
    }


def _whole(files: dict[str, bytes]) -> bool:
    """Each file ends as a complete one of its format does."""
    endings = {".html": b"</html>\n", ".json": b"}", ".graphml": b"</graphml>", ".gexf": b"</gexf>"}
    for name, data in files.items():
        ending = next((e for s, e in endings.items() if name.endswith(s)), b"\n")
        if not data.rstrip().endswith(ending.rstrip()):
            return False
    return True


def _kill_when_writing(
    home: Path, args: list[str], folder: Path
) -> tuple[bool, subprocess.Popen[str]]:
    """Start the command and kill -9 it as soon as anything in ``folder`` changes.

    Returns whether it was killed mid-write (False: it finished before a change was seen).
    """
    before = _state(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "axisgraph", *args],
        env=_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    # bounded: a poll every 0.5 ms until the folder changes or the process ends
    for _ in range(600_000):
        if _state(folder) != before:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            return process.returncode == -signal.SIGKILL, process
        if process.poll() is not None:
            return False, process
        time.sleep(0.0005)
    process.kill()
    raise AssertionError("the command neither wrote nor ended")


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_kill_9_mid_write_leaves_the_old_file(writer, home, tmp_path, tally):
    args, name = WRITERS[writer]
    folder = tmp_path / "out"
    folder.mkdir()
    command = [*args, "-o", str(folder / name)]
    done = _run(home, command)
    assert done.returncode == 0, done.stderr
    complete = first = _contents(folder)
    assert complete and _whole(complete)

    hits = 0
    for _round in range(3):
        killed, _ = _kill_when_writing(home, command, folder)
        tally(f"kill -9 during {writer}")
        assert _contents(folder) == complete, "a partial file under the final name"
        if killed:
            hits += 1
            assert list(folder.rglob(f"*{TEMP_SUFFIX}")), "killed mid-write, yet no temp file"
            again = _run(home, command)
            assert again.returncode == 0, again.stderr
            assert "removed" in again.stderr and TEMP_SUFFIX in again.stderr, again.stderr
            assert not list(folder.rglob(f"*{TEMP_SUFFIX}")), "a stale temp file stayed"
            complete = _contents(folder)  # a map carries its time of writing
            assert complete.keys() == first.keys() and _whole(complete)
    assert hits, "no kill landed while the file was being written"


def _one_line_error(done: subprocess.CompletedProcess[str], path: Path) -> None:
    assert done.returncode == EXIT_OUTPUT, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(path) in lines[0], lines[0]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_folder_or_file_in_the_way_is_one_line(writer, home, tmp_path, tally):
    args, name = WRITERS[writer]
    if writer == "csv":  # csv writes into a folder: a file where the folder should be
        target = tmp_path / name
        target.write_text("not a folder", encoding="utf-8")
        done = _run(home, [*args, "-o", str(target)])
        assert done.returncode == EXIT_OUTPUT and "Traceback" not in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert target.read_text(encoding="utf-8") == "not a folder"
        tally("output paths in the way")
        return
    folder_as_output = tmp_path / name
    folder_as_output.mkdir()
    _one_line_error(_run(home, [*args, "-o", str(folder_as_output)]), folder_as_output)
    under_a_file = tmp_path / "a-file" / name
    under_a_file.parent.write_text("x", encoding="utf-8")
    _one_line_error(_run(home, [*args, "-o", str(under_a_file)]), under_a_file)
    assert sorted(os.listdir(tmp_path)) == sorted([name, "a-file"])
    tally("output paths in the way", 2)


def _small_disk() -> None:
    # Python ignores SIGXFSZ, so a write past the limit fails as EFBIG, like a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_disk_full_keeps_the_old_file_and_no_temp(writer, home, tmp_path, tally):
    args, name = WRITERS[writer]
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    if writer == "csv":
        target.mkdir()
        (target / "nodes.csv").write_text("old", encoding="utf-8")
        watched = target / "nodes.csv"
    else:
        target.write_text("old", encoding="utf-8")
        watched = target
    done = _run(home, [*args, "-o", str(target)], preexec_fn=_small_disk)
    assert done.returncode == EXIT_OUTPUT, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(watched) in lines[0] and "too large" in lines[0].lower(), lines[0]
    assert watched.read_text(encoding="utf-8") == "old"
    assert not list(folder.rglob(f"*{TEMP_SUFFIX}"))
    tally("disk full on write")


def test_modes_ordinary_outputs_and_a_private_saved_graph(tmp_path, cli):
    from axisgraph.files import write_text

    previous = os.umask(0o022)
    try:
        write_text(tmp_path / "plain.txt", "x")
        write_text(tmp_path / "secret.txt", "x", mode=0o600)
        assert cli("load").code == 0
    finally:
        os.umask(previous)
    assert (tmp_path / "plain.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "secret.txt").stat().st_mode & 0o777 == 0o600
    saved = Path(os.environ["AXISGRAPH_HOME"]) / "graph.json"
    assert saved.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(f"*{TEMP_SUFFIX}"))
