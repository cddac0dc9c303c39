"""One Neo4j driver per process, checked on first use, with driver errors made readable.

The target is ``NEO4J_URI`` when it is set (any scheme: ``bolt``, ``neo4j``, ``neo4j+s``),
otherwise the local server that ``axisgraph db start`` runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

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
        text = text.replace(self.uri, redact(self.uri))
        return text.replace(self.password, "***") if len(self.password) >= 4 else text


_USERINFO = re.compile(r"(?<=://)[^/@\s'\"]*@")
_SECRET_PARAM = re.compile(r"(?i)\b((?:password|passwd|pwd|secret|token|credentials)=)[^&#\s'\"]*")


def redact(uri: str) -> str:
    """A URI as it may be shown: credentials written into it (``user:pw@``, ``?password=``)
    are replaced by ``***``. The driver refuses both, but people try them."""
    return _SECRET_PARAM.sub(r"\1***", _USERINFO.sub("***@", uri))


def resolve_target(settings: Settings | None = None) -> Target:
    """Decide which Neo4j to talk to.

    Raises:
        StoreUnavailable: nothing is configured and no local server runs.
    """
    settings = settings or get_settings()
    if settings.neo4j_uri:
        if not settings.neo4j_password:
            raise StoreUnavailable(
                f"NEO4J_URI is set to {redact(settings.neo4j_uri)} but NEO4J_PASSWORD is not: "
                "set it (in the environment or .env)"
            )
        return Target(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password,
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
    scheme = target.uri.split("://", 1)[0] if "://" in target.uri else ""
    if scheme not in _SCHEMES:
        raise StoreUnavailable(
            f"NEO4J_URI {target.shown_uri!r} is not a Bolt URI: use one of "
            + ", ".join(f"{s}://" for s in sorted(_SCHEMES))
        )
    with translate_errors(target):
        try:
            driver = neo4j.GraphDatabase.driver(
                target.uri,
                auth=(target.user, target.password),
                connection_timeout=10.0,
                # Server notifications ("label does not exist yet") are noise for our users.
                notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
            )
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
