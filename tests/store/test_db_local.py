"""`axisgraph db` failure paths that need no running server: one line, exit 3, a hint."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from axisgraph.settings import Settings
from axisgraph.store import runtime, server


def _settings(tmp_path: Path, cache: Path | None = None) -> Settings:
    return Settings(None, "neo4j", None, None, tmp_path / "home", cache or tmp_path / "cache")


def _fake_java(tmp_path: Path, version: str) -> Path:
    java_home = tmp_path / "jdk"
    (java_home / "bin").mkdir(parents=True)
    java = java_home / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2020-01-01' >&2\n")
    java.chmod(0o755)
    return java_home


def test_missing_java_says_what_to_install(tmp_path, monkeypatch, cli):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("AXISGRAPH_HOME", str(tmp_path / "home"))
    result = cli("db", "start", "--bolt-port", str(server.free_port()))
    assert result.code == 3
    assert "install OpenJDK 17" in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1


def test_old_java_is_refused(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("JAVA_HOME", str(_fake_java(tmp_path, "11.0.2")))
    monkeypatch.setenv("AXISGRAPH_HOME", str(tmp_path / "home"))
    result = cli("db", "start", "--bolt-port", str(server.free_port()))
    assert result.code == 3
    assert "Java 17 or later" in result.err and "Java 11" in result.err


def test_java_version_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(_fake_java(tmp_path, "21.0.1")))
    assert runtime.find_java()[1] == 21
    monkeypatch.setenv("JAVA_HOME", str(_fake_java(tmp_path / "old", "1.8.0_292")))
    with pytest.raises(Exception, match="Java 8"):
        runtime.find_java()


def test_missing_maven_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(Exception, match="install it"):
        runtime.fetch_jars(tmp_path / "empty-cache")
    assert not runtime.jars_ready(tmp_path / "empty-cache")


def test_taken_port_names_the_option(tmp_path, monkeypatch, cli):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        monkeypatch.setenv("AXISGRAPH_HOME", str(tmp_path / "home"))
        result = cli(
            "db", "start", "--bolt-port", str(port), "--http-port", str(server.free_port())
        )
    assert result.code == 3
    assert f"port {port}" in result.err and "--bolt-port" in result.err


def test_status_when_stopped_exits_3(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("AXISGRAPH_HOME", str(tmp_path / "home"))
    result = cli("db", "status", "--format", "json")
    assert result.code == 3
    row = json.loads(result.out)[0]
    assert row["running"] is False and row["user"] == "neo4j"
    assert "not running" in result.err


def test_stale_pid_file_is_cleaned(tmp_path, monkeypatch, cli):
    settings = _settings(tmp_path)
    settings.server_dir.mkdir(parents=True)
    dead = os.fork()
    if dead == 0:  # a child that exits at once: its pid is surely not a Neo4j of ours
        os._exit(0)
    os.waitpid(dead, 0)
    (settings.server_dir / "server.json").write_text(
        json.dumps({"pid": dead, "bolt_port": 1, "http_port": 2, "version": "x", "started_at": 0})
    )
    assert server.read_state(settings) is not None
    assert server.status(settings).running is False
    assert server.stop(settings) is False
    assert server.read_state(settings) is None


def test_stop_without_server_is_harmless(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("AXISGRAPH_HOME", str(tmp_path / "home"))
    result = cli("db", "stop")
    assert result.code == 0 and "not running" in result.out


def test_password_file_is_private_and_stable(tmp_path):
    settings = _settings(tmp_path)
    first, origin = server.local_password(settings, create=True)
    again, _ = server.local_password(settings, create=True)
    assert first == again and first and len(first) >= 24
    assert origin == str(server.password_file(settings))
    assert stat.S_IMODE(server.password_file(settings).stat().st_mode) == 0o600


def test_env_password_wins_and_is_not_stored(tmp_path):
    settings = Settings(None, "neo4j", "from-the-env", None, tmp_path / "h", tmp_path / "c")
    assert server.local_password(settings, create=True) == (
        "from-the-env",
        "the NEO4J_PASSWORD environment variable",
    )
    assert not server.password_file(settings).exists()


def test_generated_conf_binds_loopback_only(tmp_path):
    conf = server._conf(tmp_path, 7001, 7002, "64m", {"server.bolt.listen_address": "0.0.0.0"})
    addresses = [line.split("=", 1)[1] for line in conf.splitlines() if "listen_address" in line]
    assert addresses and all(a.startswith("127.0.0.1") for a in addresses)
    assert "dbms.security.auth_enabled=true" in conf


def test_a_start_without_extra_settings_keeps_those_of_the_last_start(tmp_path):
    from axisgraph.browser.files import neo4j_conf_settings

    browser = neo4j_conf_settings()
    conf = tmp_path / "neo4j.conf"
    conf.write_text(server._conf(tmp_path, 7001, 7002, "64m", browser), encoding="utf-8")
    assert server._previous_extra(conf) == browser  # what a bulk import's restart writes again
    conf.write_text(server._conf(tmp_path, 7001, 7002, "64m", {}), encoding="utf-8")
    assert server._previous_extra(conf) == {}


def test_logs_before_any_start(tmp_path, monkeypatch, cli):
    monkeypatch.setenv("AXISGRAPH_HOME", str(tmp_path / "home"))
    result = cli("db", "logs")
    assert result.code == 3 and "no neo4j log" in result.err


def test_unknown_log_is_bad_usage(cli):
    assert cli("db", "logs", "--file", "nope").code == 2


def test_bad_uri_scheme(monkeypatch, cli):
    monkeypatch.setenv("NEO4J_URI", "http://127.0.0.1:7474")
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever-it-is")
    result = cli("db", "ping")
    assert result.code == 3 and "not a Bolt URI" in result.err


def test_uri_without_password(monkeypatch, cli):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    result = cli("db", "ping")
    assert result.code == 3 and "NEO4J_PASSWORD is not" in result.err


def test_unreachable_store_is_one_line(monkeypatch, cli):
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{server.free_port()}")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-password-123")
    result = cli("db", "ping")
    assert result.code == 3 and "unreachable" in result.err
    assert "secret-password-123" not in result.err + result.out
    assert len(result.err.strip().splitlines()) == 1


def test_files_are_private_enough(tmp_path):
    settings = _settings(tmp_path)
    server.local_password(settings, create=True)
    assert not (stat.S_IMODE(server.password_file(settings).stat().st_mode) & 0o077)
