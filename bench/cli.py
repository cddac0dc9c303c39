"""How long a user waits for a command: whole processes, next to a bare Typer app.

Each command runs as its own process (interpreter start, imports, work, exit), through the
installed console script's interpreter, in a private AXISGRAPH_HOME (the bundled dataset, no
saved graph). The baseline is a two-command Typer hello-world app's ``--help``, measured in
the same run, interleaved with ours so that the machine's load falls on both alike. The
figure is the minimum of several runs: the least the machine can do, not its noise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Results, say, temp_home

HELLO = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye() -> None:
    """Say bye."""


app()
'''

COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "query --help": ["query", "--help"],
    "query list": ["query", "list"],
    "stats": ["stats", "--memory"],
}
GOALS = {"--help": 2.0, "query --help": 2.0, "query list": 2.0, "stats": 3.0}
"""Each command's goal: at most this many times the bare app's ``--help``."""


def _once(argv: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - began


def run(results: Results, reps: int | None = None) -> None:
    section = results.section("cli")
    reps = reps or max(3, results.config.query_reps * 2)
    axisgraph = [sys.executable, "-m", "axisgraph"]
    with temp_home("cli-") as home, tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        env = {**os.environ, "AXISGRAPH_HOME": str(home)}
        env.pop("NEO4J_URI", None)
        argvs = {"bare typer --help": [sys.executable, str(hello), "--help"]}
        argvs |= {name: [*axisgraph, *args] for name, args in COMMANDS.items()}
        for argv in argvs.values():  # warm the file cache and byte-code once
            _once(argv, env)
        times: dict[str, list[float]] = {name: [] for name in argvs}
        for rep in range(reps):
            say(f"cli: round {rep + 1} of {reps}")
            for name, argv in argvs.items():
                times[name].append(_once(argv, env))
    base = min(times["bare typer --help"])
    section["reps"] = reps
    section["baseline_s"] = base
    results.metric("cli.baseline_s", base)
    for name in COMMANDS:
        best = min(times[name])
        ratio = best / base
        section[name] = {"min_s": best, "all_s": times[name], "x_baseline": ratio}
        key = name.replace("--", "").strip().replace(" ", "_")
        results.metric(f"cli.{key}.min_s", best)
        results.metric(f"cli.{key}.x_baseline", ratio)
        results.metric(f"cli.{key}.goal_met", ratio <= GOALS[name])
