"""Run a local Neo4j 5.26 Community server from Maven jars, without Docker.

The server lives in ``$AXISGRAPH_HOME/neo4j`` (conf, data, logs, pid, password) and listens on
127.0.0.1 only. ``start`` is idempotent; ``stop`` only stops the process it started.

Everything under that folder is private to the user (folders 0700, files 0600): the password
file, Neo4j's ``auth.ini`` (the password hash), the store and the logs (which hold queries and
their parameters). Neo4j runs with umask 077 so what it creates is private too, and ``start``
fixes files an earlier version or another tool left readable, saying how many.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import signal
import socket
import stat
import string
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from axisgraph.errors import ServerError
from axisgraph.files import write_text
from axisgraph.settings import DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, Settings
from axisgraph.store import runtime

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
"""The umask Neo4j and its admin tool run with: what they create is the user's alone."""

Progress = Callable[[str, float], None]
"""A callback told what is happening and the fraction of the bounded wait used so far."""

_JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
]


@dataclass(frozen=True)
class ServerState:
    """What ``start`` recorded about the server it launched."""

    pid: int
    bolt_port: int
    http_port: int
    version: str
    started_at: float

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"


@dataclass(frozen=True)
class ServerStatus:
    """The answer of ``status``."""

    running: bool
    state: ServerState | None
    password_origin: str
    home: Path


def _state_file(settings: Settings) -> Path:
    return settings.server_dir / "server.json"


def password_file(settings: Settings) -> Path:
    """The 0600 file holding the generated password of the local server."""
    return settings.server_dir / "password"


def local_password(settings: Settings, *, create: bool = False) -> tuple[str | None, str]:
    """The local server's password and where it comes from.

    ``NEO4J_PASSWORD`` wins; otherwise the password generated once into a 0600 file.
    """
    if settings.neo4j_password:
        return settings.neo4j_password, "the NEO4J_PASSWORD environment variable"
    path = password_file(settings)
    if path.is_file():
        return path.read_text(encoding="utf-8").strip(), str(path)
    if not create:
        return None, str(path)
    private_dir(path.parent)
    # Letters and digits only: a leading "-" would read as an option to neo4j-admin.
    alphabet = string.ascii_letters + string.digits
    secret = "".join(secrets.choice(alphabet) for _ in range(32))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")
    return secret, str(path)


def private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if need be, and make it 0700."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def make_private(root: Path) -> int:
    """Take group and other permissions off everything under ``root``; return how many
    files and folders needed it (symbolic links are left alone: they point elsewhere)."""
    fixed = 0
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files, ""]:
            path = Path(folder, name) if name else Path(folder)
            try:
                info = path.lstat()
            except FileNotFoundError:  # removed while we walked
                continue
            if stat.S_ISLNK(info.st_mode) or not info.st_mode & 0o077:
                continue
            os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
            fixed += 1
    return fixed


def read_state(settings: Settings) -> ServerState | None:
    """The recorded server, if ``start`` left a record."""
    try:
        raw = json.loads(_state_file(settings).read_text(encoding="utf-8"))
        return ServerState(**raw)
    except (OSError, ValueError, TypeError):
        return None


def _is_our_process(pid: int, home: Path) -> bool:
    """Whether ``pid`` is alive and is the Neo4j we started for ``home``."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            return False
        return runtime.ENTRY_POINT.encode() in args and f"--home-dir={home}".encode() in args
    return True  # no /proc: trust the pid file


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


EXTRA_MARK = "# Added by the caller of start() (kept by later starts that add nothing):"


def _previous_extra(conf: Path) -> dict[str, str]:
    """The caller-given settings of the last generated conf (a bulk import restarts the
    server without knowing them)."""
    try:
        text = conf.read_text(encoding="utf-8")
    except OSError:
        return {}
    _, mark, tail = text.partition(EXTRA_MARK)
    if not mark:
        return {}
    pairs = (line.partition("=") for line in tail.splitlines() if "=" in line)
    return {key: value for key, _, value in pairs}


def _conf(
    home: Path, bolt_port: int, http_port: int, pagecache: str, extra: Mapping[str, str]
) -> str:
    lines = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{bolt_port}",
        "server.http.listen_address": f"127.0.0.1:{http_port}",
        "server.http.advertised_address": f"127.0.0.1:{http_port}",
        "server.https.enabled": "false",
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.import": str(home / "import"),
        "server.memory.pagecache.size": pagecache,
        "server.jvm.additional": "-XX:+UseG1GC",
        "dbms.security.auth_enabled": "true",
        "dbms.usage_report.enabled": "false",
        "db.tx_log.rotation.retention_policy": "100M size",
        "db.transaction.timeout": "0",
        # Bolt waits 2 x 5 s for idle connections at shutdown; a local server has none to wait for.
        "internal.server.bolt.connection_shutdown_wait_time": "1s",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        "internal.dbms.bolt.netty_server_shutdown_timeout": "2",
    }
    lines["client.allow_telemetry"] = "false"  # no usage-data banner, no calls home
    body = "\n".join(f"{key}={value}" for key, value in lines.items())
    added = "\n".join(f"{key}={value}" for key, value in extra.items() if key not in lines)
    return (
        "# Generated by axisgraph db start; edits are overwritten at the next start.\n"
        + body
        + (f"\n{EXTRA_MARK}\n{added}" if added else "")
    )


def _log_tail(path: Path, lines: int) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError:
        return []


def _set_initial_password(java: str, cache: Path, home: Path, password: str) -> None:
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    # The password goes through a private argument file, never the command line, which
    # any local user can read in the process list while the tool runs.
    args = ["-cp", runtime.classpath(cache), runtime.ADMIN_TOOL]
    args += ["dbms", "set-initial-password", password]
    fd, argfile = tempfile.mkstemp(prefix=".set-initial-password-", suffix=".args", dir=home)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("".join(_argfile_quote(a) + "\n" for a in args))
        done = subprocess.run(
            [java, f"@{argfile}"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
            umask=PRIVATE_UMASK,  # it writes auth.ini, the password's hash
        )
    finally:
        Path(argfile).unlink(missing_ok=True)
    if done.returncode != 0:
        detail = (done.stdout + done.stderr).replace(password, "***").strip().splitlines()
        raise ServerError(
            "Neo4j refused the initial password: " + (detail[-1] if detail else "unknown error")
        )


def _argfile_quote(arg: str) -> str:
    """One argument of a Java ``@argfile``: quoted, backslashes and quotes escaped."""
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bolt_answers(uri: str, user: str, password: str) -> str | None:
    """None when Bolt runs ``RETURN 1`` for us; otherwise why not."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    try:
        with GraphDatabase.driver(
            uri, auth=(user, password), connection_timeout=2.0, max_transaction_retry_time=0
        ) as driver:
            driver.execute_query("RETURN 1")
    except AuthError:
        return "auth"
    except (DriverError, Neo4jError, OSError) as exc:
        return type(exc).__name__
    return None


def start(
    settings: Settings,
    *,
    bolt_port: int = DEFAULT_BOLT_PORT,
    http_port: int = DEFAULT_HTTP_PORT,
    heap: str = "2g",
    pagecache: str = "512m",
    timeout: float = 180.0,
    progress: Progress | None = None,
    extra_conf: Mapping[str, str] | None = None,
) -> tuple[ServerState, bool]:
    """Start the local server unless it already runs, and wait until Bolt answers.

    Args:
        extra_conf: more ``neo4j.conf`` settings (the Browser's, from ``axisgraph.app.db``);
            ``None`` keeps those of the previous start.

    Returns:
        The server's state, and whether this call started it.

    Raises:
        ServerError: Java or Maven missing, a port taken, or the server did not come up.
    """
    home = settings.server_dir
    say = progress or (lambda _msg, _frac: None)
    if home.exists():
        fixed = make_private(home)
        if fixed:
            log.warning(
                "made %d files and folders under %s private (they were readable by other "
                "local users)",
                fixed,
                home,
            )
    current = read_state(settings)
    if current and _is_our_process(current.pid, home):
        return current, False
    _state_file(settings).unlink(missing_ok=True)  # stale: the process is gone

    java, _major = runtime.find_java()
    for name, port in (("Bolt", bolt_port), ("HTTP", http_port)):
        if not _port_free(port):
            option = "--bolt-port" if name == "Bolt" else "--http-port"
            raise ServerError(
                f"port {port} on 127.0.0.1 ({name}) is already in use: stop what listens "
                f"there or choose another port with {option}"
            )
    if not runtime.jars_ready(settings.cache):
        say(f"Fetching Neo4j {runtime.NEO4J_VERSION} jars with Maven (once per user)", 0.0)
    runtime.fetch_jars(settings.cache)

    private_dir(home)
    for sub in ("conf", "data", "logs", "plugins", "import"):
        private_dir(home / sub)
    conf = home / "conf" / "neo4j.conf"
    extra = _previous_extra(conf) if extra_conf is None else extra_conf
    write_text(conf, _conf(home, bolt_port, http_port, pagecache, extra), mode=0o600)
    password, _origin = local_password(settings, create=True)
    assert password is not None
    if len(password) < 8:
        raise ServerError("NEO4J_PASSWORD must have at least 8 characters for Neo4j")
    if not (home / "data" / "dbms" / "auth.ini").exists():
        _set_initial_password(java, settings.cache, home, password)

    console = home / "logs" / "console.log"
    fd = os.open(console, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with open(fd, "ab") as out:
        process = subprocess.Popen(
            [java, f"-Xms{heap}", f"-Xmx{heap}", *_JVM_FLAGS]
            + ["-cp", runtime.classpath(settings.cache), runtime.ENTRY_POINT]
            + [f"--home-dir={home}", f"--config-dir={home / 'conf'}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=home,
            umask=PRIVATE_UMASK,  # its store and logs are the user's alone
        )
    state = ServerState(
        pid=process.pid,
        bolt_port=bolt_port,
        http_port=http_port,
        version=runtime.NEO4J_VERSION,
        started_at=time.time(),
    )
    write_text(_state_file(settings), json.dumps(asdict(state)), mode=0o600)
    write_text(home / "neo4j.pid", f"{process.pid}\n", mode=0o600)

    began = time.monotonic()
    while True:
        elapsed = time.monotonic() - began
        say(f"Waiting for Bolt on 127.0.0.1:{bolt_port}", min(elapsed / timeout, 1.0))
        if process.poll() is not None:
            _forget(settings)
            tail = _log_tail(home / "logs" / "neo4j.log", 3) or _log_tail(console, 3)
            raise ServerError(
                f"Neo4j exited with code {process.returncode} while starting"
                + (f": {tail[-1].strip()}" if tail else "")
                + f" (logs: {home / 'logs'})"
            )
        why = _bolt_answers(state.bolt_uri, settings.neo4j_user, password)
        if why is None:
            return state, True
        if why == "auth":
            stop(settings)
            raise ServerError(
                "the local server rejects the password: its data was created with another "
                "one; set NEO4J_PASSWORD to that password, or remove "
                f"{home / 'data'} to start afresh"
            )
        if elapsed > timeout:
            stop(settings)
            raise ServerError(
                f"Neo4j did not answer on Bolt within {timeout:.0f} s (logs: {home / 'logs'})"
            )
        time.sleep(0.5)


def _forget(settings: Settings) -> None:
    _state_file(settings).unlink(missing_ok=True)
    (settings.server_dir / "neo4j.pid").unlink(missing_ok=True)


def stop(settings: Settings, *, timeout: float = 60.0) -> bool:
    """Stop the server ``start`` launched for this home. Returns whether one was running."""
    state = read_state(settings)
    if state is None or not _is_our_process(state.pid, settings.server_dir):
        _forget(settings)
        return False
    os.kill(state.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _is_our_process(state.pid, settings.server_dir):
            break
        _reap(state.pid)
        time.sleep(0.2)
    else:
        os.kill(state.pid, signal.SIGKILL)
    _reap(state.pid)
    _forget(settings)
    return True


def kill(settings: Settings) -> None:
    """Kill the server at once (``kill -9``), as a crash would. For fault tests."""
    state = read_state(settings)
    if state and _is_our_process(state.pid, settings.server_dir):
        os.kill(state.pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while _is_our_process(state.pid, settings.server_dir) and time.monotonic() < deadline:
            _reap(state.pid)
            time.sleep(0.1)
    _forget(settings)


def _reap(pid: int) -> None:
    """Collect the exit status of a child we started in this process, so it is not a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def status(settings: Settings) -> ServerStatus:
    """Whether the local server runs, with what it needs to connect."""
    state = read_state(settings)
    running = bool(state and _is_our_process(state.pid, settings.server_dir))
    _password, origin = local_password(settings)
    return ServerStatus(
        running=running,
        state=state if running else None,
        password_origin=origin,
        home=settings.server_dir,
    )


def log_tail(
    settings: Settings, *, lines: int = 50, which: str = "neo4j"
) -> tuple[Path, list[str]]:
    """The last lines of a server log: ``neo4j`` (default), ``debug``, ``console`` or ``query``."""
    path = settings.server_dir / "logs" / f"{which}.log"
    if not path.exists():
        raise ServerError(f"no {which} log yet at {path}: has the server been started?")
    return path, _log_tail(path, lines)
