"""``axisgraph browser-guide``: the Neo4j Browser guide, style and saved queries."""

from __future__ import annotations

import time
import webbrowser
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import typer

from axisgraph.cli.output import console
from axisgraph.errors import UsageError


def _browser_url() -> str:
    """The local server's Browser URL when it runs, else Neo4j's usual one."""
    from axisgraph.settings import get_settings
    from axisgraph.store import server

    state = server.status(get_settings()).state
    return state.browser_url if state else "http://127.0.0.1:7474/browser/"


def browser_guide(
    port: Annotated[
        int, typer.Option(help="Serve on this port of localhost.", min=0, max=65535)
    ] = 7480,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the files into this folder; do not serve."),
    ] = None,
    style_command: Annotated[
        bool, typer.Option("--style-command", help="Print the one-line :style command; exit.")
    ] = False,
    conf: Annotated[
        bool,
        typer.Option("--conf", help="Print the neo4j.conf line that applies the style; exit."),
    ] = False,
    open_it: Annotated[
        bool, typer.Option("--open", help="Open the Browser with the guide playing.")
    ] = False,
    seconds: Annotated[
        float | None, typer.Option(help="Stop after this many seconds (default: Ctrl-C).")
    ] = None,
) -> None:
    """Serve the Neo4j Browser guide: five questions, every saved query, the axisgraph style.

    The Browser loads guides and styles only from allowlisted hosts (localhost is one).
    This serves them on http://localhost:PORT/ until Ctrl-C and prints what to paste.

    Examples:
    axisgraph browser-guide
    axisgraph browser-guide --style-command
    axisgraph browser-guide -o browser-files
    """
    from axisgraph import browser

    if sum((output is not None, style_command, conf)) > 1:
        raise UsageError("give at most one of --output, --style-command and --conf")
    if style_command:
        typer.echo(browser.style_command())
        return
    if conf:
        for key, value in browser.neo4j_conf_settings().items():
            typer.echo(f"{key}={value}")
        return
    if output is not None:
        for path in browser.write_browser_files(output):
            console.print(f"Wrote {path}", markup=False)
        console.print(
            f"In the Browser, drop {browser.STYLE_FILE} to apply the style and "
            f"{browser.FAVOURITES_FILE} to add the saved queries as favourites. The guide "
            "plays from a URL only: run `axisgraph browser-guide` to serve it.",
            markup=False,
        )
        return
    served = browser.serve_browser_files(port)
    guide_url = served.commands[1].removeprefix(":play ")
    opener = f"{_browser_url()}?cmd=play&arg={quote(guide_url, safe='')}"
    lines = [
        f"Serving the axisgraph guide at {served.url}/ (Ctrl-C stops).",
        f"Open {opener}",
        "or open the Browser, log in (user neo4j; `axisgraph db status` says where the "
        "password is), and run:",
        *(f"  {command}" for command in served.commands),
        f"Saved queries as favourites: download {served.url}/{browser.FAVOURITES_FILE} "
        "and drop it onto the Browser.",
    ]
    console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    if open_it:
        webbrowser.open(opener)
    try:
        if seconds is None:
            while True:
                time.sleep(3600)
        time.sleep(seconds)
    except KeyboardInterrupt:
        console.print("Stopped.")
    finally:
        served.stop()
