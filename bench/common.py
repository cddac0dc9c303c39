"""What every benchmark shares: sizes, timing, results, the machine, a private Neo4j server.

Every measurement goes into one ``Results``: ``data`` keeps everything measured (nested),
``metrics`` the named figures (``load.batched_vs_per_row``...) that ``results.json`` and
``RESULTS.md`` report. Loops are bounded in count and in time: ``repeat`` stops at its count,
its time budget, or after one run that took longer than the cap.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
WORK = BENCH_DIR / "work"


def _shared_dir() -> Path:
    """The workplace's shared folder (seeds, real data), read in place, never copied.

    ``AXISGRAPH_SHARED`` wins; else ``../shared`` beside the checkout; else ``/work/shared``
    (where it sits on our machines, so a clone anywhere, as CI makes, still finds it).
    """
    beside = BENCH_DIR.parent.parent / "shared"
    for candidate in (os.environ.get("AXISGRAPH_SHARED"), str(beside), "/work/shared"):
        if candidate and (Path(candidate) / "seeds").is_dir():
            return Path(candidate)
    return beside


SHARED = _shared_dir()
REALDATA = SHARED / "realdata" / "ftm"
SEED = 20240601


@dataclass(frozen=True)
class Config:
    """Sizes and budgets of one run (``full``, ``quick`` or the smoke test's ``tiny``)."""

    name: str
    load_sizes: tuple[int, ...]
    query_sizes: tuple[int, ...]
    map_sizes: tuple[int, ...]
    memory_sizes: tuple[int, ...]
    ftm_sizes: tuple[int, ...]
    per_row_budget_s: float  # per phase (nodes, relationships) of the per-row baseline
    query_reps: int
    query_budget_s: float  # per query, engine and size
    query_cap_s: float  # a run slower than this is not repeated
    lookups: int
    map_reps: int
    pyvis_cap_s: float
    before_after: bool  # also time the loader with its fast path off (the "before")
    bulk_from_running: bool = True  # --bulk stops a running server first (one more start)
    ceilings_at_every_size: bool = True  # admin import and --bulk at every size, or the largest
    load_reps: int = 2  # runs of each batched variant (alternating); the fastest counts
    heap: str = "2g"
    pagecache: str = "1g"


FULL = Config(
    name="full",
    load_sizes=(10_000, 100_000),
    query_sizes=(10_000, 100_000),
    map_sizes=(100, 1_000, 5_000, 10_000),
    memory_sizes=(100_000, 1_000_000),
    ftm_sizes=(10_000, 100_000),
    per_row_budget_s=30.0,
    query_reps=10,
    query_budget_s=4.0,
    query_cap_s=20.0,
    lookups=200,
    map_reps=2,
    pyvis_cap_s=60.0,
    before_after=True,
)
QUICK = Config(
    name="quick",
    load_sizes=(1_000, 10_000),
    query_sizes=(1_000, 10_000),
    map_sizes=(100, 1_000),
    memory_sizes=(10_000, 100_000),
    ftm_sizes=(3_000, 10_000),
    per_row_budget_s=8.0,
    query_reps=5,
    query_budget_s=1.0,
    query_cap_s=10.0,
    lookups=100,
    map_reps=1,
    pyvis_cap_s=30.0,
    before_after=True,
    ceilings_at_every_size=False,
    load_reps=1,
)
TINY = Config(
    name="tiny",
    load_sizes=(200,),
    query_sizes=(200,),
    map_sizes=(50,),
    memory_sizes=(200,),
    ftm_sizes=(200, 400),
    per_row_budget_s=1.0,
    query_reps=1,
    query_budget_s=0.5,
    query_cap_s=5.0,
    lookups=5,
    map_reps=1,
    pyvis_cap_s=10.0,
    before_after=True,
    bulk_from_running=False,
    load_reps=1,
    heap="1g",
    pagecache="256m",
)
CONFIGS = {c.name: c for c in (FULL, QUICK, TINY)}


@dataclass
class Results:
    """Everything one run measured."""

    config: Config
    data: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        return self.data.setdefault(name, {})

    def metric(self, name: str, value: Any) -> None:
        self.metrics[name] = _round(value)

    def note(self, section: str, text: str) -> None:
        self.notes.setdefault(section, []).append(text)

    def to_json(self) -> dict[str, Any]:
        return {
            "config": self.config.name,
            "machine": self.data.get("machine", {}),
            "metrics": self.metrics,
            "notes": self.notes,
            "measurements": {k: v for k, v in self.data.items() if k != "machine"},
        }


def _round(value: Any) -> Any:
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            return None
        return round(value, 4 if abs(value) < 10 else 1)
    return value


# -- timing -------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (0-100), interpolated; the value itself for one sample."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * p / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Timing:
    """Seconds per run, and why repetition stopped."""

    seconds: list[float]
    stopped: str

    def summary(self) -> dict[str, Any]:
        ms = [s * 1000 for s in self.seconds]
        return {
            "runs": len(ms),
            "p50_ms": _round(percentile(ms, 50)),
            "p95_ms": _round(percentile(ms, 95)),
            "min_ms": _round(min(ms)),
            "stopped": self.stopped,
        }


def repeat(fn: Callable[[], Any], *, reps: int, budget_s: float, cap_s: float) -> Timing:
    """Run ``fn`` once to warm up, then up to ``reps`` timed runs within ``budget_s``."""
    began = time.perf_counter()
    fn()
    warm = time.perf_counter() - began
    if warm > cap_s:
        return Timing([warm], f"one run took {warm:.1f} s (cap {cap_s:.0f} s): not repeated")
    seconds: list[float] = []
    stopped = f"{reps} runs"
    deadline = time.perf_counter() + budget_s
    while len(seconds) < reps:
        t0 = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - t0)
        if time.perf_counter() > deadline and len(seconds) < reps:
            stopped = f"time budget {budget_s:.0f} s"
            break
    return Timing(seconds, stopped)


@contextlib.contextmanager
def stopwatch() -> Iterator[list[float]]:
    """``with stopwatch() as t: ...`` then ``t[0]`` is the elapsed seconds."""
    box: list[float] = []
    began = time.perf_counter()
    try:
        yield box
    finally:
        box.append(time.perf_counter() - began)


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the machine --------------------------------------------------------------------------


def _meminfo_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def _command_version(*command: str) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout + done.stderr).strip().splitlines()
    return text[0] if text else None


def machine_info() -> dict[str, Any]:
    """Cores, memory, load, and the versions of everything measured."""
    from axisgraph.store import runtime

    versions: dict[str, str | None] = {}
    for package in ("neo4j", "neo4j-rust-ext", "networkx", "pyvis", "followthemoney", "playwright"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cores": os.cpu_count(),
        "memory_gib": _meminfo_gib(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "neo4j_server": runtime.NEO4J_VERSION,
        "java": _command_version("java", "-version"),
        "chromium": _command_version("/usr/bin/chromium", "--version"),
        "packages": versions,
    }


def rss_now_mb() -> dict[str, float]:
    """This process's current and peak resident memory, in MB (Linux ``/proc``)."""
    found: dict[str, float] = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                key = "rss_mb" if line.startswith("VmRSS") else "peak_rss_mb"
                found[key] = round(int(line.split()[1]) / 1024, 1)
    return found


def run_child(args: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> Any:
    """Run ``python -m bench.child ARGS`` and return the JSON it writes (peak RSS is its own)."""
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=WORK, suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.child", *args, "--out", str(out)],
            cwd=BENCH_DIR.parent,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            how = (
                f"killed by {signal.Signals(-done.returncode).name}"
                if done.returncode < 0
                else f"exit code {done.returncode}"
            )
            message = f"bench.child {' '.join(args)}: {how}: {' | '.join(tail)}".rstrip(": ")
            partial = out.read_text() if out.exists() else ""
            if not partial:
                raise RuntimeError(message)
            report = json.loads(partial)  # the stages that finished before the crash
            report["crashed"] = message
            return report
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


@contextlib.contextmanager
def temp_home(prefix: str) -> Iterator[Path]:
    """A private AXISGRAPH_HOME under ``bench/work`` (git-ignored), removed afterwards."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=WORK))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
