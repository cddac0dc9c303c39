"""The Browser guide (HTML slides for ``:play``) and the saved queries as favourites.

The overview, five questions with their saved query and a Cypher that draws the answer,
then every saved query, as runnable blocks; generated from the query registry.
"""

from __future__ import annotations

import html
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from axisgraph.browser.style import style_command
from axisgraph.queries.catalog import QUERIES
from axisgraph.queries.registry import get_query, query_cypher

GUIDE_FILE = "axisgraph-guide.html"
STYLE_FILE = "axisgraph.grass"
FAVOURITES_FILE = "axisgraph-queries.zip"
DEFAULT_GUIDE_PORT = 7480
GUIDE_HOST = "localhost"  # on the Browser's default remote-content allowlist; 127.0.0.1 is not


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
