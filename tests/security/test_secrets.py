"""Secrets: no password in the repository, none in any message, none on a command line.

Promises: the tracked files hold no password, auth string or private key (placeholders such
as an empty ``NEO4J_PASSWORD=`` and visibly fake test passwords excepted); no command prints
the password, whether the server refuses it, cannot be reached, is named by a bad URI (even
one with the password written into it), or is reached and the command fails for another
reason; and the local server's password never appears in the process list.
(The 0600 password file, the 127.0.0.1 bind and the compose file's refusal to start without
``NEO4J_PASSWORD`` are tested in ``tests/store/``.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from axisgraph.settings import get_settings, reset_settings
from axisgraph.store import runtime, server

ROOT = Path(__file__).resolve().parents[2]
CANARY = "Zq9-canary-" + "7731-pw"  # split, so this file does not hold the whole string
INTRUDER = "axisgraph-intruder"

# A secret written into the repository: a value after NEO4J_PASSWORD, an auth string with a
# literal password, a password passed to a driver, a private key.
SECRET_PATTERNS = {
    "NEO4J_PASSWORD value": re.compile(
        r"""(?:^|\s)NEO4J_PASSWORD=(?P<value>[^\s"'$]+)"""  # .env and shell lines
        r"""|NEO4J_PASSWORD["'\]]*\s*[:=,]\s*["'](?P<quoted>[^"'\s$]+)["']""",  # code
        re.M,
    ),
    "auth string": re.compile(r"""NEO4J_AUTH\W{1,8}neo4j/(?P<value>[A-Za-z0-9][^\s"'$]*)"""),
    "driver auth": re.compile(r"""auth\s*=\s*\(\s*["'][^"']*["']\s*,\s*["'](?P<value>[^"']+)"""),
    "password literal": re.compile(
        r"""(?i)\bpassword\s*[:=]\s*["'](?P<value>[^"'\s{}$]{6,})["']"""
    ),
    "private key": re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE" + r" KEY-----(?P<value>)"),
}
# Documented placeholders, and test passwords that say they are fake.
PLACEHOLDERS = {"...", "<password>", "changeme", "your-password"}
FAKE = re.compile(r"(?i)test|wrong|whatever|fake|example|canary|dummy|not-the|password")
NAMES = re.compile(r"^NEO4J_[A-Z_]+$")  # a list of variable names, not a value


def tracked_files() -> list[Path]:
    """Files git tracks, and new ones it does not ignore (what a commit would add)."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("the secret scan needs git and a checkout")
        pytest.skip("no git checkout to scan")
    listed = subprocess.run(
        [git, "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    return [ROOT / name for name in listed.decode("utf-8").split("\0") if name]


def test_no_secret_in_the_repository(tally):
    findings = []
    files = [p for p in tracked_files() if p.is_file()]
    for path in files:
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        text = data.decode("utf-8", "replace")
        in_tests = path.relative_to(ROOT).parts[0] == "tests"
        for kind, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                value = match.group("value") or match.groupdict().get("quoted") or ""
                if value in PLACEHOLDERS or NAMES.match(value) or (in_tests and FAKE.search(value)):
                    continue
                line = text.count("\n", 0, match.start()) + 1
                findings.append(f"{path.relative_to(ROOT)}:{line}: {kind}: {match.group(0)}")
    tally("secrets: repository files scanned", len(files))
    assert findings == []
    assert len(files) > 50  # the scan saw the repository


def test_the_scan_finds_what_it_looks_for():
    planted = {
        "NEO4J_PASSWORD value": "NEO4J_PASSWORD=fake-s3cr3t",
        "auth string": 'NEO4J_AUTH: "neo4j/fake-s3cr3t"',
        "driver auth": 'driver(uri, auth=("neo4j", "fake-s3cr3t"))',
        "password literal": 'connect(password="fake-s3cr3t")',
        "private key": "-----BEGIN OPENSSH PRIVATE" + " KEY-----",
    }
    for kind, text in planted.items():
        assert SECRET_PATTERNS[kind].search(text), kind
    for harmless in ('NEO4J_AUTH: "neo4j/${NEO4J_PASSWORD:?set it}"', "NEO4J_PASSWORD=\n"):
        assert not any(p.search(harmless) for p in SECRET_PATTERNS.values()), harmless


# -- no message prints the password ------------------------------------------------------------

COMMANDS: list[tuple[str, ...]] = [
    ("db", "ping"),
    ("stats", "--neo4j"),
    ("query", "run", "suppliers_of", "-p", "actor=wagner-group", "--neo4j"),
    ("query", "run", "suppliers_of", "-p", "actor=nobody-at-all", "--neo4j"),
    ("cypher", "RETURN 1 AS one"),
    ("cypher", "CREATE (:Pwned)"),
    ("cypher", "MATCH (n RETURN n"),
    ("load", "--neo4j"),
    ("map", "--neo4j", "-o", "{tmp}/map.html"),
    ("export", "--neo4j", "--format", "json", "-o", "{tmp}/graph.json"),
]


def _run_all(cli: Any, tmp_path: Path, secret: str, tally: Any) -> list[int]:
    codes = []
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - id: Not A Slug\n    kind: Company\n", encoding="utf-8")
    for args in [*COMMANDS, ("load", str(bad), "--neo4j")]:
        result = cli(*(a.replace("{tmp}", str(tmp_path)) for a in args))
        assert secret not in result.out and secret not in result.err, (args, result)
        assert "Traceback" not in result.err, (args, result.err)
        codes.append(result.code)
        tally("secrets: commands checked for a leaked password")
    return codes


def _env(monkeypatch: pytest.MonkeyPatch, uri: str, password: str, user: str = "neo4j") -> None:
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_USER", user)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    reset_settings()


@pytest.mark.neo4j
def test_a_refused_password_is_never_printed(cli, neo4j_server, tmp_path, monkeypatch, tally):
    """Eleven wrong logins in a row: Neo4j then rate-limits the user, which must read as a
    refusal too. (A user of its own, so the lock-out never touches the suite's user.)"""
    _env(monkeypatch, neo4j_server.uri, CANARY, user=INTRUDER)
    assert set(_run_all(cli, tmp_path, CANARY, tally)) == {3}


def test_an_unreachable_server_never_prints_the_password(cli, tmp_path, monkeypatch, tally):
    _env(monkeypatch, f"bolt://127.0.0.1:{server.free_port()}", CANARY)
    assert set(_run_all(cli, tmp_path, CANARY, tally)) == {3}


@pytest.mark.parametrize(
    "uri",
    [
        "bolt://neo4j:{pw}@127.0.0.1:{port}",
        "neo4j://neo4j:{pw}@127.0.0.1:{port}",
        "bolt://127.0.0.1:{port}?password={pw}",
        "http://neo4j:{pw}@127.0.0.1:{port}",
        "bolt://[::1:{port}/{pw}",
    ],
    ids=["bolt-userinfo", "neo4j-userinfo", "query", "http", "malformed"],
)
def test_a_bad_uri_never_prints_the_password(cli, tmp_path, monkeypatch, tally, uri):
    """Even a password written into the URI itself is hidden when the URI is shown."""
    _env(monkeypatch, uri.format(pw=CANARY, port=server.free_port()), CANARY)
    codes = _run_all(cli, tmp_path, CANARY, tally)
    assert set(codes) == {3}


@pytest.mark.neo4j
def test_the_real_password_is_never_printed(cli, neo4j_env, tmp_path, tally):
    """Connected with the right password, every command, failing or not, keeps it quiet."""
    codes = _run_all(cli, tmp_path, neo4j_env.password, tally)
    assert 0 in codes and 1 in codes and 2 in codes  # answers, bad input and bad usage


@pytest.mark.neo4j
def test_db_status_names_the_password_file_not_the_password(cli, neo4j_server, monkeypatch):
    if neo4j_server.settings is None:
        pytest.skip("the suite uses NEO4J_URI, not a local server")
    monkeypatch.setenv("AXISGRAPH_HOME", str(neo4j_server.settings.home))
    reset_settings()
    for fmt in ("table", "json"):
        result = cli("db", "status", "--format", fmt)
        assert result.code == 0, result.err
        assert neo4j_server.password not in result.out + result.err
        assert "password" in result.out


@pytest.mark.neo4j
def test_a_command_in_a_subprocess_logs_no_password(neo4j_server, tmp_path, tally):
    """Driver logging and warnings go to the real stderr of a real process: check it too."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env |= {"NEO4J_URI": neo4j_server.uri, "AXISGRAPH_HOME": str(tmp_path / "home")}
    logins = ((INTRUDER, CANARY, 3), (neo4j_server.user, neo4j_server.password, 0))
    for user, password, code in logins:
        done = subprocess.run(
            [sys.executable, "-m", "axisgraph", "stats", "--neo4j", "--format", "json"],
            env={**env, "NEO4J_USER": user, "NEO4J_PASSWORD": password},
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == code, done.stderr
        assert password not in done.stdout + done.stderr
        tally("secrets: commands checked for a leaked password")


# -- no command line carries the password ----------------------------------------------------------


def _command_lines() -> list[bytes]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                found.append(Path(f"/proc/{pid}/cmdline").read_bytes())
            except OSError:
                continue
    return found


@pytest.mark.neo4j
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_setting_the_initial_password_keeps_it_off_the_command_line(neo4j_server, tmp_path):
    """``db start`` sets the password with neo4j-admin; any local user can read every
    process's command line, so the password must go through a private file instead."""
    cache = get_settings().cache
    if not runtime.jars_ready(cache):
        pytest.skip("the Neo4j jars are not cached (the suite uses NEO4J_URI)")
    java, _ = runtime.find_java()
    home = tmp_path / "neo4j"
    (home / "conf").mkdir(parents=True)
    seen: set[bytes] = set()
    done = threading.Event()

    def watch() -> None:
        deadline = time.monotonic() + 600
        while not done.is_set() and time.monotonic() < deadline:
            seen.update(c for c in _command_lines() if b"set-initial-password" in c)
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        server._set_initial_password(java, cache, home, CANARY)
    finally:
        done.set()
        watcher.join(timeout=60)
    assert (home / "data" / "dbms" / "auth.ini").exists()  # it did set the password
    assert any(b".set-initial-password-" in c for c in seen), "the watcher missed the tool"
    assert not [c for c in seen if CANARY.encode() in c]
    assert not list(home.glob(".set-initial-password-*"))  # the private file is gone
