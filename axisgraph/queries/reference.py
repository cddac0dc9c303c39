"""Documentation generated from the registry: the query reference, headers, demo questions.

``docs/queries.md`` is ``reference_markdown()``; a test fails when the file is stale
(regenerate it with ``python -m axisgraph.queries.reference > docs/queries.md``).
"""

from __future__ import annotations

from pathlib import Path

from axisgraph.queries.catalog import QUERIES
from axisgraph.queries.spec import Param, Query


def param_kind(param: Param) -> str:
    """The parameter's type with its requiredness or default, as headers and docs show it."""
    if param.required:
        extra = "required"
    elif param.default is not None:
        extra = f"default {param.default}"
    else:
        extra = "optional"
    return f"{param.describe_type()}, {extra}"


def _browser_value(param: Param) -> str:
    value = param.example if param.required else param.default
    if value is None:
        return "null"
    if param.type == "int":
        return str(value)
    return f'"{value}"'


def header(query: Query) -> str:
    """The comment header a query's ``.cypher`` file starts with."""
    lines = [f"// name: {query.name}", f"// purpose: {query.purpose}"]
    for p in query.params:
        lines.append(f"// param {p.name} ({param_kind(p)}): {p.description} Example: {p.example}")
    lines.append(f"// columns: {', '.join(query.raw_columns)}")
    if query.finish is not None:
        lines.append(f"// then ranked in Python into: {', '.join(query.columns)}")
    params = ", ".join(f"{p.name}: {_browser_value(p)}" for p in query.params)
    lines.append(f"// Neo4j Browser: :params {{{params}}}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def reference_markdown(level: int = 1) -> str:
    """The query reference, generated from the registry (``docs/queries.md``).

    Args:
        level: the heading level of its title (2 to embed it under a README section).
    """
    top, sub = "#" * level, "#" * (level + 1)
    out = [
        f"{top} Canned queries",
        "",
        "Generated from `axisgraph/queries/catalog.py` by "
        "`python -m axisgraph.queries.reference`; do not edit by hand.",
        "",
        "Every query runs on both engines with identical answers: "
        "`axisgraph query run NAME -p key=value` uses the embedded engine, or Neo4j with "
        "`--neo4j` (or when `NEO4J_URI` is set). `axisgraph query show NAME` prints the Cypher, "
        "which you can paste into the Neo4j Browser after the `:params` line in its header. "
        "Actor, instrument and weapon parameters take an id, a name or an alias on the command "
        "line; in the Browser, give the id.",
        "",
        "| Query | Question |",
        "| --- | --- |",
    ]
    out += [f"| [`{q.name}`](#{q.name}) | {_cell(q.purpose)} |" for q in QUERIES]
    for q in QUERIES:
        out += ["", f"{sub} {q.name}", "", q.purpose, "", "```sh", q.example_command(), "```", ""]
        if q.params:
            out += ["| Parameter | Type | Description | Example |", "| --- | --- | --- | --- |"]
            out += [
                f"| `{p.name}` | {_cell(param_kind(p))} | {_cell(p.description)} | `{p.example}` |"
                for p in q.params
            ]
            out.append("")
        out.append(f"Columns: {', '.join(f'`{c}`' for c in q.columns)}.")
        out += [
            "",
            f"Order: {q.order}.",
            "",
            f"Cypher: `axisgraph/queries/cypher/{q.name}.cypher`.",
        ]
    return "\n".join(out) + "\n"


def demo_questions() -> list[tuple[str, str, dict[str, str]]]:
    """Telling questions about the bundled data, for ``axisgraph demo``: (title, query, params)."""
    return [
        ("Who supplies the Wagner Group?", "suppliers_of", {"actor": "wagner-group"}),
        (
            "Which sanctions and designations target the Wagner Group?",
            "designations_of",
            {"actor": "wagner-group"},
        ),
        ("Which claimed acts breach UN Security Council resolutions?", "violations", {}),
        (
            "Who denied the claims about the Wagner Group?",
            "denied_claims",
            {"about": "wagner-group"},
        ),
    ]


README_START = "<!-- queries:start -->"
README_END = "<!-- queries:end -->"
README_LEVEL = 3


def update_readme(path: Path) -> bool:
    """Replace the query reference between the README's markers. Returns whether it changed."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(README_START, 1)
    _old, tail = rest.split(README_END, 1)
    new = f"{head}{README_START}\n{reference_markdown(level=README_LEVEL)}{README_END}{tail}"
    if new != text:
        from axisgraph.files import write_text

        write_text(path, new)
    return new != text


if __name__ == "__main__":  # pragma: no cover - the generator of docs/queries.md and README
    import sys

    if sys.argv[1:2] == ["--readme"]:
        update_readme(Path(sys.argv[2] if len(sys.argv) > 2 else "README.md"))
    else:
        print(reference_markdown(), end="")
