"""The Neo4j Browser, ready for axisgraph: its style, a guide, and the saved queries.

Everything here is generated from the schema and the query registry:

- ``style_command()`` is the GraSS stylesheet as one Browser command, ``:style {...}``. It
  uses the JSON form the Browser also accepts, which has no semicolons, so it fits into
  ``browser.post_connect_cmd`` (``neo4j_conf_settings``) and the style is applied on connect.
- ``guide_html()`` is a guide for ``:play URL``: the overview, five questions with their
  saved query and a picture of the answer, then every saved query, as runnable blocks.
- ``favourites_zip()`` holds the saved queries as ``.cypher`` files; dropped onto the
  Browser, they become favourites in an ``axisgraph`` folder.
- ``serve_browser_files()`` serves the guide and the stylesheet on ``localhost``. The Browser
  fetches ``:play`` and ``:style`` URLs only from hosts on its allowlist, and ``localhost``
  is on the default one (``browser.remote_content_hostname_allowlist``).
"""

from __future__ import annotations

import html
import io
import json
import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from axisgraph.errors import UsageError
from axisgraph.maps import grass_stylesheet
from axisgraph.queries.catalog import QUERIES
from axisgraph.queries.registry import get_query, query_cypher

GUIDE_FILE = "axisgraph-guide.html"
STYLE_FILE = "axisgraph.grass"
FAVOURITES_FILE = "axisgraph-queries.zip"
DEFAULT_GUIDE_PORT = 7480
GUIDE_HOST = "localhost"  # on the Browser's default remote-content allowlist; 127.0.0.1 is not

__all__ = [
    "DEFAULT_GUIDE_PORT",
    "FAVOURITES_FILE",
    "GUIDE_FILE",
    "OVERVIEW_GRAPH",
    "QUESTIONS",
    "STYLE_FILE",
    "GuideServer",
    "Question",
    "browser_commands",
    "browser_files",
    "browser_grass",
    "browser_params",
    "favourites_zip",
    "grass_rules",
    "guide_html",
    "neo4j_conf_settings",
    "params_command",
    "serve_browser_files",
    "style_command",
    "write_browser_files",
]


@dataclass(frozen=True)
class Question:
    """One step of the walkthrough: a saved query, its parameters, and a picture of the answer.

    ``graph`` is Cypher that draws the answer as a graph in the Browser; it uses the same
    ``$parameters`` as the saved query, so one ``:params`` line serves both.
    """

    title: str
    note: str
    query: str
    params: dict[str, Any]
    graph: str


OVERVIEW_GRAPH = """\
// The actors and the projected links between them (claims stay behind each link)
MATCH p = (:Actor)-[r]->(:Actor)
WHERE r.projected
RETURN p"""

SUPPLIERS_GRAPH = """\
MATCH p = (:Entity)-[r:SUPPLIES]->(:Entity {id: $actor})
WHERE r.projected
RETURN p"""

DESIGNATIONS_GRAPH = """\
// Each designation is a claim: who made it, whom it targets, under which instrument
MATCH target = (c:Claim {predicate: 'designates'})-[:HAS_OBJECT]->(:Entity {id: $actor})
MATCH by = (c)-[:HAS_SUBJECT]->(:Entity)
OPTIONAL MATCH under = (c)-[:UNDER]->(:Instrument)
RETURN target, by, under"""

SINGLE_SOURCE_GRAPH = """\\
// The claims single_source_claims lists, each with its subject, object and sources
// (sources that cite one another count once: the same test as the saved query)
MATCH (c:Claim)-[:HAS_SUBJECT]->(s:Entity), (c)-[:HAS_OBJECT]->(o:Entity)
WHERE ($predicate IS NULL OR c.predicate = $predicate)
  AND ($actor IS NULL OR $actor IN [s.id, o.id])
WITH c, s, o, COLLECT { MATCH (c)-[:REPORTED_IN]->(src:Source) RETURN DISTINCT src } AS sources
WHERE size([doc IN sources WHERE
         all(other IN sources WHERE NOT EXISTS { MATCH (doc)-[:CITES*1..]->(other) }
             OR EXISTS { MATCH (other)-[:CITES*1..]->(doc) })
         AND none(other IN sources WHERE other.id < doc.id
             AND EXISTS { MATCH (doc)-[:CITES*1..]->(other) }
             AND EXISTS { MATCH (other)-[:CITES*1..]->(doc) })
       ]) = 1
MATCH subject = (c)-[:HAS_SUBJECT]->(s), object = (c)-[:HAS_OBJECT]->(o)
MATCH reported = (c)-[:REPORTED_IN]->(:Source)
RETURN subject, object, reported"""

DENIALS_GRAPH = """\
// Who denied which claim, and what the claim links
MATCH denial = (d:Entity)-[:DENIES]->(c:Claim)
WHERE $by IS NULL OR d.id = $by
MATCH (c)-[:HAS_SUBJECT]->(s:Entity), (c)-[:HAS_OBJECT]->(o:Entity)
WHERE $about IS NULL OR $about IN [s.id, o.id]
MATCH subject = (c)-[:HAS_SUBJECT]->(s), object = (c)-[:HAS_OBJECT]->(o)
RETURN denial, subject, object"""

PATHS_GRAPH = """\
// Variable-length bounds cannot be parameters: search up to 6, keep what $max_hops allows
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Actor) AND all(r IN relationships(p) WHERE r.projected)
  AND length(p) <= $max_hops
RETURN p"""

QUESTIONS: tuple[Question, ...] = (
    Question(
        "Who supplies the Wagner Group?",
        "Each row is a projected SUPPLIES link: its strongest status, the items, the claims "
        "behind it, how many independent sources back it, and whether anyone denied it.",
        "suppliers_of",
        {"actor": "wagner-group"},
        SUPPLIERS_GRAPH,
    ),
    Question(
        "Who sanctions or designates the Wagner Group, and under what?",
        "Designations are claims too: the authority is the subject, the target the object, "
        "and the legal basis an Instrument the claim is made UNDER.",
        "designations_of",
        {"actor": "wagner-group"},
        DESIGNATIONS_GRAPH,
    ),
    Question(
        "Which supply links rest on a single source?",
        "Sources that cite one another count once, so a story repeated by three outlets "
        "quoting one briefing is still one source.",
        "single_source_claims",
        {"predicate": "supplies"},
        SINGLE_SOURCE_GRAPH,
    ),
    Question(
        "Who denied the claims about the Wagner Group?",
        "Denials are data: a DENIES relationship from the denying actor to the claim, with "
        "its date and source.",
        "denied_claims",
        {"about": "wagner-group"},
        DENIALS_GRAPH,
    ),
    Question(
        "How is North Korea connected to Hezbollah?",
        "Every shortest path over projected links between actors, in either direction, with "
        "the claims along it.",
        "shortest_paths",
        {"source": "north-korea", "target": "hezbollah"},
        PATHS_GRAPH,
    ),
)


def _block(text: str) -> str:
    return f'<pre class="runnable">{html.escape(text.strip(), quote=False)}</pre>'


def _slide(title: str, *body: str) -> str:
    return f"<slide>\n<h3>{html.escape(title)}</h3>\n" + "\n".join(body) + "\n</slide>"


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def guide_page(style: str) -> str:
    """The guide's HTML, with ``style`` as the command its "apply the style" link runs."""
    exec_style = html.escape(style.removeprefix(":"), quote=True)
    slides = [
        _slide(
            "axisgraph: arms supply and sanctions as sourced claims",
            _p(
                "Every link in this graph is a <b>Claim</b> node: someone stated it on some "
                "date in some document, with a status, sources and maybe denials. Each claim "
                "is also <i>projected</i> to a direct relationship (SUPPLIES, DESIGNATES, ...) "
                "between the actors, which carries <code>status</code>, <code>claims</code>, "
                "<code>source_count</code> and <code>denied</code>."
            ),
            _p(
                f'<a data-exec="{exec_style}" href="#">Apply the axisgraph colours</a> '
                "(the same as the HTML maps), then click the block below and run it."
            ),
            _block(OVERVIEW_GRAPH),
            _p(
                "Click a block to copy it into the editor, or its play icon to run it. Each "
                "question sets its parameters with <code>:params</code> first."
            ),
        )
    ]
    for number, q in enumerate(QUESTIONS, start=1):
        query = get_query(q.query)
        slides.append(
            _slide(
                f"{number}. {q.title}",
                _p(html.escape(q.note)),
                _p("Set the parameters:"),
                _block(params_command(q.query, q.params)),
                _p(
                    f"The saved query <code>{q.query}</code> answers as a table "
                    f"(<code>axisgraph query run {q.query}</code> gives the same rows):"
                ),
                _block(query_cypher(q.query)),
                _p("The same answer as a graph:"),
                _block(q.graph),
                _p(f"<small>{html.escape(query.purpose)}</small>"),
            )
        )
    entries = [
        f"<details><summary><code>{q.name}</code>: {html.escape(q.purpose)}</summary>"
        + _block(params_command(q.name, q.example_params()))
        + _block(query_cypher(q.name))
        + "</details>"
        for q in QUERIES
    ]
    slides.append(
        _slide(
            "Every saved query",
            _p(
                "Set the parameters, then run the query. <code>axisgraph query show NAME</code> "
                "prints the same text; <code>axisgraph browser-guide</code> also writes "
                f"<code>{FAVOURITES_FILE}</code>: drop it onto the Browser to keep them all "
                "as favourites."
            ),
            *entries,
        )
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        "<title>axisgraph walkthrough</title></head><body>\n"
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel>\n</article>\n</body></html>\n"
    )


def grass_rules() -> dict[str, dict[str, str]]:
    """The GraSS stylesheet as selector -> properties, read the way the Browser reads it.

    Like the Browser's parser, quotes only protect what they enclose and are dropped
    (``caption: '{name}'`` becomes ``{name}``).
    """
    rules: dict[str, dict[str, str]] = {}
    selector, body, inside, quoted = "", "", False, False
    for char in browser_grass():
        if char in "'\"":
            quoted = not quoted
        elif quoted or (inside and char not in "{}"):
            body, selector = (body + char, selector) if inside else (body, selector + char)
        elif char == "{":
            inside = True
        elif char == "}":
            props = (part.partition(":") for part in body.split(";"))
            rules[selector] = {k.strip(): v.strip() for k, sep, v in props if sep}
            selector, body, inside = "", "", False
        elif not char.isspace():
            selector += char
    return rules


def browser_grass() -> str:
    """The GraSS stylesheet as the Browser reads it: its parser takes no comments."""
    return re.sub(r"/\*.*?\*/\s*", "", grass_stylesheet(), flags=re.S)


def style_command() -> str:
    """``:style {...}``: one Browser command that applies the axisgraph colours."""
    return ":style " + json.dumps(grass_rules(), ensure_ascii=False, separators=(",", ":"))


def browser_params(name: str, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every parameter of a saved query, typed: ``values`` where given, else the default.

    Raises:
        NotFoundError: no saved query has that name.
    """
    given = dict(values or {})
    typed: dict[str, Any] = {}
    for param in get_query(name).params:
        value = given.get(param.name, param.default)
        if value is not None and param.type == "int":
            value = int(value)
        elif value is not None:
            value = str(value)
        typed[param.name] = value
    return typed


def params_command(name: str, values: Mapping[str, Any] | None = None) -> str:
    """``:params {...}`` for a saved query (see ``browser_params``), as the Browser takes it."""
    parts = [
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in browser_params(name, values).items()
    ]
    return ":params {" + ", ".join(parts) + "}"


def guide_html(*, style_url: str | None = None) -> str:
    """The Browser guide (HTML slides for ``:play``).

    Args:
        style_url: where the guide's "apply the style" link fetches the stylesheet; by
            default the style travels inside the link itself.
    """
    style = f":style {style_url}" if style_url else style_command()
    return guide_page(style)


def favourites_zip() -> bytes:
    """The saved queries as ``axisgraph/<name>.cypher`` and the walkthrough's pictures.

    Drop the file onto the Neo4j Browser and each becomes a favourite; the first comment
    line is its title, and the header says which ``:params`` to set.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for query in QUERIES:
            title = f"// {query.name}: {query.purpose}\n"
            archive.writestr(f"axisgraph/{query.name}.cypher", title + query_cypher(query.name))
        for number, question in enumerate(QUESTIONS, start=1):
            text = (
                f"// {number}. {question.title} (as a graph)\n"
                f"// First run: {params_command(question.query, question.params)}\n"
                + question.graph
                + "\n"
            )
            archive.writestr(f"axisgraph walkthrough/{number}-{question.query}.cypher", text)
    return buffer.getvalue()


def browser_files(*, style_url: str | None = None) -> dict[str, bytes]:
    """File name -> contents: the guide, the stylesheet and the favourites archive."""
    return {
        GUIDE_FILE: guide_html(style_url=style_url).encode("utf-8"),
        STYLE_FILE: browser_grass().encode("utf-8"),
        FAVOURITES_FILE: favourites_zip(),
    }


def write_browser_files(folder: Path) -> list[Path]:
    """Write the guide, the stylesheet and the favourites archive into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in browser_files().items():
        path = folder / name
        path.write_bytes(data)
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
