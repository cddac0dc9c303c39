"""Credentials written into ``NEO4J_URI`` are parsed whatever the password holds, and never shown.

Promise: a password with ``/``, ``@``, ``?``, ``#``, spaces or percent-escapes, in the userinfo
or in a query parameter, appears in no output of any command; a shown URI has its userinfo,
path and every query value replaced by ``***``; a URI with credentials written into it
connects with them when ``NEO4J_PASSWORD`` is unset.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from axisgraph.settings import reset_settings
from axisgraph.store import server
from axisgraph.store.connection import parse_uri, redact

HOSTILE = [
    "pa/ss-Zq9w0rd",
    "pa ss Zq9w0rd",
    "p@ss@Zq9w0rd",
    "pa?ss=Zq9w0rd",
    "pa#ss:Zq9w0rd/..",
    "pa%2Fss-Zq9w0rd",
    "  Zq9w0rd@127.0.0.1:1/?x=",
]

COMMANDS = [
    ("db", "ping"),
    ("stats", "--neo4j"),
    ("cypher", "RETURN 1 AS one"),
    ("query", "run", "suppliers_of", "-p", "actor=wagner-group", "--neo4j"),
    ("export", "--neo4j", "--format", "json", "-o", "{tmp}/graph.json"),
]


def _pieces(secret: str) -> list[str]:
    """The secret, and each run of 6 or more of its characters that a message could show."""
    words = [w for w in secret.replace("/", " ").replace("@", " ").split() if len(w) >= 6]
    return [secret, *words]


@pytest.mark.parametrize("password", HOSTILE)
def test_the_password_is_taken_out_of_the_uri(password):
    parsed = parse_uri(f"bolt://neo4j:{password}@127.0.0.1:7687")
    assert parsed.uri == "bolt://127.0.0.1:7687"
    assert parsed.user == "neo4j"
    assert parsed.password in (password, password.replace("%2F", "/"))
    assert parsed.shown == "bolt://***@127.0.0.1:7687"


def test_every_query_value_and_path_is_redacted():
    shown = redact("neo4j://host:7687/Zq9w0rd-path?pass=Zq9w0rd1&auth=Zq9w0rd2&policy=eu")
    assert shown == "neo4j://host:7687/***?pass=***&auth=***&policy=***"
    assert redact("bolt://127.0.0.1:7687") == "bolt://127.0.0.1:7687"


def _check_commands(cli, tmp_path, secrets, tally):  # type: ignore[no-untyped-def]
    codes = []
    for args in COMMANDS:
        result = cli(*(a.replace("{tmp}", str(tmp_path)) for a in args))
        for piece in secrets:
            assert piece not in result.out and piece not in result.err, (args, piece, result)
        assert "Traceback" not in result.err, (args, result.err)
        codes.append(result.code)
        tally("secrets: commands checked for a leaked password")
    return codes


@pytest.mark.parametrize("with_env", [True, False], ids=["NEO4J_PASSWORD-set", "uri-only"])
@pytest.mark.parametrize("password", HOSTILE)
def test_a_hostile_password_in_the_uri_is_never_printed(
    password, with_env, cli, tmp_path, monkeypatch, tally
):
    port = server.free_port()
    uris = [
        f"bolt://neo4j:{password}@127.0.0.1:{port}",
        f"neo4j://neo4j:{password}@127.0.0.1:{port}",
        f"bolt://127.0.0.1:{port}?pass={password}&auth={password}",
    ]
    for uri in uris:
        monkeypatch.setenv("NEO4J_URI", uri)
        if with_env:
            monkeypatch.setenv("NEO4J_PASSWORD", password)
        else:
            monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
        reset_settings()
        codes = _check_commands(cli, tmp_path, _pieces(password), tally)
        assert set(codes) <= {2, 3}, (uri, codes)


@pytest.mark.neo4j
def test_credentials_in_the_uri_connect_and_stay_hidden(neo4j_server, cli, tmp_path, monkeypatch):
    host = neo4j_server.uri.split("://", 1)[1]
    user = quote(neo4j_server.user, safe="")
    for scheme in ("bolt", "neo4j"):
        monkeypatch.setenv("NEO4J_URI", f"{scheme}://{user}:{neo4j_server.password}@{host}")
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
        reset_settings()
        result = cli("db", "ping")
        assert result.code == 0, result.err
        assert neo4j_server.password not in result.out + result.err
        assert f"{scheme}://***@{host}" in result.out
