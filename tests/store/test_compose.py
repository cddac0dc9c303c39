"""docker-compose.yml: accepted by `docker compose config`, refuses to run without a password.

No Docker engine runs on our machines, but the compose client validates the file. `.ci/run`
installs the compose plugin when the docker client is there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def _compose() -> list[str]:
    docker = shutil.which("docker")
    if docker:
        ok = subprocess.run([docker, "compose", "version"], capture_output=True, check=False)
        if ok.returncode == 0:
            return [docker, "compose"]
    if os.environ.get("CI") == "true" and docker:
        pytest.fail("the docker client is here but its compose plugin is not (.ci/run installs it)")
    pytest.skip("no docker compose client")


def _config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return subprocess.run(
        [*_compose(), "-f", str(COMPOSE), "config"],
        capture_output=True,
        text=True,
        env={**base, **env},
        cwd=ROOT,
        check=False,
    )


def test_compose_config_accepts_the_file():
    done = _config({"NEO4J_PASSWORD": "a-test-password"})
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load(done.stdout)
    neo4j = config["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert neo4j["environment"]["NEO4J_AUTH"] == "neo4j/a-test-password"
    assert {p["target"] for p in neo4j["ports"]} == {7474, 7687}
    assert all(p["host_ip"] == "127.0.0.1" for p in neo4j["ports"])
    assert "healthcheck" in neo4j and set(config["volumes"]) >= {"neo4j-data", "neo4j-logs"}


def test_compose_refuses_to_start_without_a_password():
    done = _config({})
    assert done.returncode != 0
    assert "NEO4J_PASSWORD" in done.stderr


def test_no_password_is_committed():
    text = COMPOSE.read_text()
    assert 'NEO4J_AUTH: "neo4j/${NEO4J_PASSWORD:?' in text
    example = (ROOT / ".env.example").read_text()
    assert "NEO4J_PASSWORD=\n" in example
