"""Fetch the Neo4j server jars from Maven Central and check the Java and Maven it needs.

The jars of one Neo4j release are cached once per user (``AXISGRAPH_CACHE``), so every
``AXISGRAPH_HOME`` (a user's, each test run's) shares them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from axisgraph.errors import ServerError

NEO4J_VERSION = "5.26.30"
BROWSER_VERSION = "5.24.0"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
MIN_JAVA = 17
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

_POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>axisgraph.local</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>{neo4j}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{neo4j}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j.client</groupId>
      <artifactId>neo4j-browser</artifactId>
      <version>{browser}</version>
    </dependency>
  </dependencies>
</project>
"""

_COMPLETE = ".complete"


def runtime_dir(cache: Path) -> Path:
    """The folder holding one Neo4j release's pom and jars."""
    return cache / f"neo4j-{NEO4J_VERSION}"


def jars_dir(cache: Path) -> Path:
    """The folder of jars that goes on the server's class path."""
    return runtime_dir(cache) / "lib"


def jars_ready(cache: Path) -> bool:
    """Whether a complete copy of the jars is cached."""
    return (jars_dir(cache) / _COMPLETE).is_file()


def find_java() -> tuple[str, int]:
    """Find ``java`` (``JAVA_HOME`` first) and its major version.

    Raises:
        ServerError: Java is missing or older than 17.
    """
    java_home = os.environ.get("JAVA_HOME")
    candidate = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not candidate or not Path(candidate).is_file():
        raise ServerError(
            f"Java {MIN_JAVA} or later is needed to run Neo4j and was not found: "
            "install OpenJDK 17 (apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
        )
    try:
        out = subprocess.run(
            [candidate, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError as exc:
        raise ServerError(f"cannot run {candidate}: {exc.strerror}") from exc
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise ServerError(f"cannot tell the version of {candidate}; install OpenJDK 17 or later")
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0" style
        major = int(match.group(2))
    if major < MIN_JAVA:
        raise ServerError(
            f"Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA} or later, but {candidate} is Java "
            f"{major}: install OpenJDK 17 or point JAVA_HOME at one"
        )
    return candidate, major


def find_maven() -> str:
    """Find ``mvn``.

    Raises:
        ServerError: Maven is missing.
    """
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            "Maven is needed once to fetch the Neo4j jars and was not found: "
            "install it (apt-get install maven)"
        )
    return mvn


def fetch_jars(cache: Path) -> Path:
    """Fetch the Neo4j server and Browser jars with Maven unless they are cached.

    Returns:
        The folder of jars.

    Raises:
        ServerError: Maven is missing or the download fails.
    """
    target = jars_dir(cache)
    if jars_ready(cache):
        return target
    mvn = find_maven()
    root = runtime_dir(cache)
    root.mkdir(parents=True, exist_ok=True)
    pom = root / "pom.xml"
    pom.write_text(_POM.format(neo4j=NEO4J_VERSION, browser=BROWSER_VERSION), encoding="utf-8")
    # Copy into a temporary sibling, then rename: an interrupted fetch never looks complete.
    staging = Path(tempfile.mkdtemp(prefix="lib-", dir=root))
    command = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(pom),
        f"{DEPENDENCY_PLUGIN}:copy-dependencies",
        f"-DoutputDirectory={staging}",
        "-DincludeScope=runtime",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    except subprocess.TimeoutExpired as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ServerError("fetching the Neo4j jars with Maven took over an hour") from exc
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        last = (done.stdout + done.stderr).strip().splitlines()
        detail = last[-1] if last else f"exit code {done.returncode}"
        raise ServerError(f"Maven could not fetch org.neo4j:neo4j:{NEO4J_VERSION}: {detail}")
    (staging / _COMPLETE).write_text(NEO4J_VERSION, encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return target


def classpath(cache: Path) -> str:
    """The Java class path of the cached jars."""
    return str(jars_dir(cache) / "*")
