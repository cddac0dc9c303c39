"""An FtM line past the cap is refused while it is read, so memory stays bounded.

Promise: a 9 MB gzip that expands to one 2 GiB line is refused with one line naming the
file, the line and the limit, with the process's peak RSS at most 300 MB (measured from the
child's resource usage, not timed); ``AXISGRAPH_MAX_LINE_BYTES`` is the one setting that
moves the cap, and a line under it still loads.
"""

from __future__ import annotations

import gzip
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from axisgraph.settings import DEFAULT_MAX_LINE_BYTES

pytestmark = pytest.mark.slow

PEAK_RSS_MB = 300
GIB = 1 << 30


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 9 MB of gzip holding one line of 2 GiB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.ftm.json.gz"
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b'{"id": "bomb-1", "schema": "Person", "properties": {"name": ["')
        chunk = b"a" * (1 << 20)
        for _ in range(2 * GIB // len(chunk)):
            out.write(chunk)
        out.write(b'"]}}\n')
    assert path.stat().st_size < 20_000_000
    return path


def _guard() -> None:
    # only so that a regression fails with MemoryError instead of swapping a shared machine
    resource.setrlimit(resource.RLIMIT_AS, (3 * GIB, 3 * GIB))


# Linux carries the parent's resident set into a forked child's ru_maxrss (the peak is kept
# across exec), so a child forked from a large pytest process reports pytest's size. A small
# launcher starts the load and reports the load's own peak, which is then the load's alone.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_pid, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _load(path: Path, home: Path, **env: str) -> tuple[int, str, float]:
    """Exit code, stderr and peak RSS (MB) of ``axisgraph load path`` in a child process."""
    launcher = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "axisgraph", "load", str(path)],
        env={**os.environ, "AXISGRAPH_HOME": str(home), **env},
        capture_output=True,
        preexec_fn=_guard,
    )
    err = launcher.stderr.decode("utf-8", "replace")
    peak_kib = int(launcher.stdout.decode().strip())  # Linux reports KiB
    return launcher.returncode, err, peak_kib / 1024


def test_a_2_gib_line_is_refused_in_bounded_memory(bomb, tmp_path, tally):
    code, err, peak = _load(bomb, tmp_path / "home")
    tally("bounded reading: one-line gzip bombs")
    print(f"peak RSS refusing a 2 GiB line: {peak:.0f} MB")
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert f"{bomb}:1" in lines[0] and "bomb-1" in lines[0], lines[0]
    assert f"{DEFAULT_MAX_LINE_BYTES:,} bytes" in lines[0], lines[0]
    assert peak <= PEAK_RSS_MB, f"peak RSS {peak:.0f} MB"
    assert not (tmp_path / "home" / "graph.json").exists()


def test_the_cap_is_one_setting(tmp_path):
    line = '{"id": "p-1", "schema": "Person", "properties": {"name": ["Ivan Testov"]}}\n'
    path = tmp_path / "one.ftm.json"
    path.write_text(line, encoding="utf-8")
    code, err, _ = _load(path, tmp_path / "small", AXISGRAPH_MAX_LINE_BYTES="40")
    assert code == 1 and "longer than 40 bytes" in err and f"{path}:1" in err, err
    code, err, _ = _load(path, tmp_path / "enough", AXISGRAPH_MAX_LINE_BYTES=str(len(line)))
    assert code == 0, err
    code, err, _ = _load(path, tmp_path / "bad", AXISGRAPH_MAX_LINE_BYTES="lots")
    assert code == 2 and "AXISGRAPH_MAX_LINE_BYTES" in err and "Traceback" not in err, err
