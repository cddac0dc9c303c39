"""One Neo4j driver per process, checked on first use, with driver errors made readable.

The target is ``NEO4J_URI`` when it is set (any scheme: ``bolt``, ``neo4j``, ``neo4j+s``),
otherwise the local server that ``axisgraph db start`` runs.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from axisgraph.errors import StoreUnavailable, UsageError
from axisgraph.settings import Settings, get_settings
from axisgraph.store import server


@dataclass(frozen=True)
class Target:
    """Where and as whom to connect."""

    uri: str
    user: str
    password: str
    database: str | None
    origin: str

    def describe(self) -> str:
        db = f", database {self.database}" if self.database else ""
        return f"Neo4j at {self.shown_uri}{db} ({self.origin})"

    @property
    def shown_uri(self) -> str:
        """The URI as messages show it: without credentials, without the password."""
        return self.scrub(self.uri)

    def scrub(self, text: str) -> str:
        """``text`` (a driver's message) without the URI's credentials or the password."""
        parsed = parse_uri(self.uri)
        text = text.replace(self.uri, parsed.shown)
        for secret in sorted({self.password, *parsed.secrets}, key=len, reverse=True):
            if len(secret) >= 4:  # shorter ones would blank out ordinary words
                text = text.replace(secret, "***")
        return text


@dataclass(frozen=True)
class ParsedUri:
    """A ``NEO4J_URI`` taken apart.

    Attributes:
        uri: what the driver gets: the URI without its userinfo.
        user: the user written into the URI (``bolt://user:pw@host``), if any.
        password: the password written into it, percent-decoded, if any.
        shown: the URI as messages show it: userinfo, path and every query value as ``***``.
        secrets: every piece of the URI a message must never show.
    """

    uri: str
    user: str | None
    password: str | None
    shown: str
    secrets: tuple[str, ...]


_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(:[0-9]+)?")


def _split_host(rest: str) -> tuple[str, str]:
    """``host[:port]`` and what follows it (path and query)."""
    cut = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    return rest[:cut], rest[cut:]


def _userinfo_end(rest: str) -> int:
    """Where the userinfo's ``@`` is in ``rest`` (the URI after ``://``), or -1.

    People write passwords raw, so a password may hold ``/``, ``?``, ``@`` or spaces, which
    ``urllib`` would read as the start of the path or query (and show). A host holds none of
    them: with no valid host before the first ``/`` or ``?``, the userinfo runs to the last
    ``@`` that a valid host follows.
    """
    if _HOST.fullmatch(_split_host(rest)[0]):
        return -1  # ``host:port?...``: an ``@`` further on is in the query
    ats = [i for i, char in enumerate(rest) if char == "@"]
    for i in reversed(ats):
        if _HOST.fullmatch(_split_host(rest[i + 1 :])[0]):
            return i
    return ats[-1] if ats else -1


def parse_uri(uri: str) -> ParsedUri:
    """Split credentials out of a URI, whatever the password holds (``/``, ``@``, ``?``, spaces)."""
    scheme, sep, rest = uri.partition("://")
    if not sep:
        scheme, rest = "", uri
    end = _userinfo_end(rest)
    at = end >= 0
    userinfo, hostpart = (rest[:end], rest[end + 1 :]) if at else ("", rest)
    host, tail = _split_host(hostpart)
    path, _, query = tail.partition("?")
    secrets: list[str] = []
    user = password = None
    if at:
        raw_user, colon, raw_password = userinfo.partition(":")
        user = unquote(raw_user) or None
        password = unquote(raw_password) if colon else None
        secrets += [userinfo, raw_password, password or ""]
    pairs = [p.partition("=") for p in query.split("&")] if query else []
    secrets += [value for _key, _eq, value in pairs] + [unquote(v) for _k, _e, v in pairs]
    shown_query = "&".join(f"{key}=***" if eq else "***" for key, eq, _value in pairs)
    if path.strip("/"):
        secrets.append(path.strip("/"))
    shown = (
        (f"{scheme}://" if sep else "")
        + ("***@" if at else "")
        + host
        + ("/***" if path.strip("/") else path)
        + (f"?{shown_query}" if query else "")
    )
    clean = (f"{scheme}://" if sep else "") + hostpart
    return ParsedUri(clean, user, password, shown, tuple(s for s in secrets if s))


def redact(uri: str) -> str:
    """A URI as it may be shown: userinfo (``user:pw@``), any path and every query value
    replaced by ``***``."""
    return parse_uri(uri).shown


def resolve_target(settings: Settings | None = None) -> Target:
    """Decide which Neo4j to talk to.

    Raises:
        StoreUnavailable: nothing is configured and no local server runs.
    """
    settings = settings or get_settings()
    if settings.neo4j_uri:
        parsed = parse_uri(settings.neo4j_uri)
        # NEO4J_PASSWORD wins; credentials written into the URI are the fallback
        password = settings.neo4j_password or parsed.password
        if not password:
            raise StoreUnavailable(
                f"NEO4J_URI is set to {parsed.shown} but NEO4J_PASSWORD is not: "
                "set it (in the environment or .env)"
            )
        user = parsed.user if parsed.user and not settings.neo4j_password else None
        return Target(
            settings.neo4j_uri,
            user or settings.neo4j_user,
            password,
            settings.neo4j_database,
            "NEO4J_URI",
        )
    status = server.status(settings)
    password, _origin = server.local_password(settings)
    if not status.running or status.state is None or password is None:
        raise StoreUnavailable(
            "no Neo4j to use: start the local server with `axisgraph db start`, "
            "or set NEO4J_URI and NEO4J_PASSWORD"
        )
    return Target(
        status.state.bolt_uri,
        settings.neo4j_user,
        password,
        settings.neo4j_database,
        "local server from axisgraph db start",
    )


_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
_driver: neo4j.Driver | None = None
_target: Target | None = None


def get_driver(target: Target | None = None) -> tuple[neo4j.Driver, Target]:
    """The process's driver, created and verified on first use.

    Raises:
        StoreUnavailable: the server cannot be reached or refuses the credentials.
    """
    global _driver, _target
    target = target or resolve_target()
    if _driver is not None and _target == target:
        return _driver, target
    close_driver()
    parsed = parse_uri(target.uri)
    scheme = target.uri.split("://", 1)[0] if "://" in target.uri else ""
    if scheme not in _SCHEMES:
        raise StoreUnavailable(
            f"NEO4J_URI {target.shown_uri!r} is not a Bolt URI: use one of "
            + ", ".join(f"{s}://" for s in sorted(_SCHEMES))
        )
    with translate_errors(target):
        try:
            with warnings.catch_warnings():  # the driver's warnings quote the URI verbatim
                warnings.simplefilter("ignore")
                driver = _new_driver(target, parsed)
        except ValueError as exc:  # the driver reports a malformed URI this way
            raise StoreUnavailable(
                f"NEO4J_URI {target.shown_uri!r} is not a Neo4j URI: {target.scrub(str(exc))}"
            ) from exc
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    _driver, _target = driver, target
    return driver, target


def _new_driver(target: Target, parsed: ParsedUri) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(
        parsed.uri,  # the driver refuses userinfo; the auth goes apart
        auth=(target.user, target.password),
        connection_timeout=10.0,
        # Server notifications ("label does not exist yet") are noise for our users.
        notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
    )


def close_driver() -> None:
    """Close the process's driver, if any."""
    global _driver, _target
    if _driver is not None:
        _driver.close()
    _driver, _target = None, None


@contextmanager
def translate_errors(target: Target) -> Iterator[None]:
    """Turn driver errors into the package's one-line errors (never showing the password)."""
    where = target.describe()
    try:
        yield
    except AuthError as exc:
        raise StoreUnavailable(
            f"{where} refused the credentials of user {target.user!r}: check NEO4J_USER and "
            "NEO4J_PASSWORD (or `axisgraph db status` for the local server's password)"
        ) from exc
    except (ServiceUnavailable, SessionExpired) as exc:
        raise StoreUnavailable(f"{where} is unreachable: {_first_line(exc, target)}") from exc
    except ConfigurationError as exc:
        raise StoreUnavailable(f"{where} cannot be used: {_first_line(exc, target)}") from exc
    except ClientError as exc:
        if exc.code and "Database.DatabaseNotFound" in exc.code:
            raise UsageError(f"{where}: the database does not exist") from exc
        if exc.code in _LOGIN_REFUSED:  # after failed logins, or with an expired password
            raise StoreUnavailable(
                f"{where} refused user {target.user!r}: {_first_line(exc.message or exc, target)}"
            ) from exc
        raise
    except Neo4jError as exc:
        if exc.code and exc.code.endswith("MemoryPoolOutOfMemoryError"):
            raise StoreUnavailable(
                f"{where} ran out of transaction memory (a load is one transaction, all or "
                "nothing): give the server a larger heap (axisgraph db stop, then axisgraph db "
                "start --heap 4g) or load smaller files"
            ) from exc
        if exc.is_retryable():
            raise StoreUnavailable(f"{where} failed: {_first_line(exc, target)}") from exc
        raise
    except DriverError as exc:
        raise StoreUnavailable(f"{where} failed: {_first_line(exc, target)}") from exc
    except OSError as exc:
        raise StoreUnavailable(f"{where} is unreachable: {exc.strerror or exc}") from exc


_LOGIN_REFUSED = {
    "Neo.ClientError.Security.AuthenticationRateLimit",
    "Neo.ClientError.Security.CredentialsExpired",
}


def _first_line(exc: BaseException | str, target: Target) -> str:
    text = target.scrub(str(exc)).strip().splitlines()
    name = type(exc).__name__ if isinstance(exc, BaseException) else "error"
    line = text[0] if text else name
    return re.sub(r" \(resolved to .*$", "", line).rstrip(":. ") or name


def ping(target: Target | None = None) -> dict[str, str]:
    """Connect and describe the server: where it is, its version and edition.

    Raises:
        StoreUnavailable: it cannot be reached or refuses us.
    """
    driver, target = get_driver(target)
    with translate_errors(target):
        record = driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition",
            database_=target.database,
            routing_=neo4j.RoutingControl.READ,
        ).records[0]
    return {
        "uri": target.shown_uri,
        "origin": target.origin,
        "user": target.user,
        "server": f"{record['name']} {record['version']} ({record['edition']})",
    }
