"""Hand the guide, the stylesheet and the favourites to the Browser: files, conf, a server.

The Browser fetches ``:play`` and ``:style`` URLs only from hosts on its allowlist, and
``localhost`` is on the default one (``browser.remote_content_hostname_allowlist``), so
``serve_browser_files()`` serves them there.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from axisgraph.browser.guide import (
    DEFAULT_GUIDE_PORT,
    FAVOURITES_FILE,
    GUIDE_FILE,
    GUIDE_HOST,
    STYLE_FILE,
    favourites_zip,
    guide_html,
)
from axisgraph.browser.style import browser_grass, style_command
from axisgraph.errors import UsageError
from axisgraph.files import write_bytes


def browser_files(*, style_url: str | None = None) -> dict[str, bytes]:
    """File name -> contents: the guide, the stylesheet and the favourites archive."""
    return {
        GUIDE_FILE: guide_html(style_url=style_url).encode("utf-8"),
        STYLE_FILE: browser_grass().encode("utf-8"),
        FAVOURITES_FILE: favourites_zip(),
    }


def write_browser_files(folder: Path) -> list[Path]:
    """Write the guide, the stylesheet and the favourites archive into ``folder``."""
    written = []
    for name, data in browser_files().items():
        path = folder / name
        write_bytes(path, data)
        written.append(path)
    return written


def browser_commands(base_url: str) -> list[str]:
    """The Browser commands that use files served at ``base_url``: style, then guide."""
    base = base_url.rstrip("/")
    return [f":style {base}/{STYLE_FILE}", f":play {base}/{GUIDE_FILE}"]


def neo4j_conf_settings(guide_url: str | None = None) -> dict[str, str]:
    """``neo4j.conf`` lines that apply the style on connect (and open the guide if served).

    Args:
        guide_url: the base URL the guide is served at; when given, the Browser also plays
            the guide on connect (only do this when the guide server is always running).
    """
    commands = [style_command().removeprefix(":")]
    if guide_url:
        commands.append(f"play {guide_url.rstrip('/')}/{GUIDE_FILE}")
    return {"browser.post_connect_cmd": "; ".join(commands)}


_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".grass": "text/plain; charset=utf-8",
    ".zip": "application/zip",
}


def _handler(files: Mapping[str, bytes]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """Serves the generated files from memory, to any origin (the Browser fetches them)."""

        def _headers(self, status: int, length: int, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(length))
            # The Browser runs on another origin (the Neo4j HTTP port) and sends no-cache
            # headers with its fetch, so it asks first (OPTIONS) and needs both allowed.
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "*")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()

        def do_OPTIONS(self) -> None:
            self._headers(204, 0, "text/plain")

        def do_GET(self) -> None:
            name = self.path.split("?", 1)[0].lstrip("/")
            data = files.get(name)
            if data is None:
                body = ("Not here. Files: " + ", ".join(files) + "\n").encode("utf-8")
                self._headers(404, len(body), "text/plain; charset=utf-8")
                self.wfile.write(body)
                return
            self._headers(200, len(data), _TYPES.get(Path(name).suffix, "text/plain"))
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the CLI prints what matters

    return Handler


@dataclass
class GuideServer:
    """A running guide server (a daemon thread); ``stop()`` or use it as a context manager."""

    server: ThreadingHTTPServer
    thread: threading.Thread
    url: str
    commands: list[str] = field(default_factory=list)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def __enter__(self) -> GuideServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def serve_browser_files(port: int = DEFAULT_GUIDE_PORT, host: str = "127.0.0.1") -> GuideServer:
    """Serve the guide and the stylesheet on ``http://localhost:PORT/`` from a daemon thread.

    Raises:
        UsageError: the port is taken.
    """
    try:
        server = ThreadingHTTPServer((host, port), BaseHTTPRequestHandler)
    except OSError as exc:
        raise UsageError(
            f"cannot serve the guide on {host}:{port} ({exc.strerror}): choose another --port"
        ) from exc
    # Port 0 picks a free port: the guide's style link names the one it got.
    url = f"http://{GUIDE_HOST}:{server.server_address[1]}"
    server.RequestHandlerClass = _handler(browser_files(style_url=f"{url}/{STYLE_FILE}"))
    thread = threading.Thread(target=server.serve_forever, name="axisgraph-guide", daemon=True)
    thread.start()
    return GuideServer(server, thread, url, browser_commands(url))
