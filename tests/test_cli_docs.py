"""Every registered command has help with an example, every option has help, the README
documents every command, and the README's query reference matches the registry."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from axisgraph.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> list[tuple[str, object]]:
    root = typer.main.get_command(app)
    found = []

    def walk(command: object, path: list[str]) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in sorted(children.items()):
                walk(child, [*path, name])
        else:
            found.append((" ".join(path), command))

    walk(root, [])
    return found


def test_there_are_commands():
    names = {name for name, _ in _commands()}
    assert {
        "demo",
        "load",
        "stats",
        "export",
        "map",
        "cypher",
        "query run",
        "query list",
        "query show",
        "db start",
        "db stop",
        "db status",
        "db logs",
    } <= names


def test_every_command_has_help_with_an_example():
    for name, command in _commands():
        text = (getattr(command, "help", None) or "").strip()
        assert text, f"axisgraph {name} has no help"
        assert "Example" in text, f"axisgraph {name}: its help has no example"


def test_every_option_has_help():
    for name, command in _commands():
        for param in getattr(command, "params", []):
            if getattr(param, "param_type_name", "") == "option":
                assert getattr(param, "help", None), f"axisgraph {name} {param.opts} has no help"


def test_readme_documents_every_command():
    text = README.read_text(encoding="utf-8")
    for name, _ in _commands():
        assert re.search(rf"axisgraph {re.escape(name)}\b", text), f"README lacks axisgraph {name}"


def test_readme_query_reference_is_current():
    from axisgraph.queries.reference import reference_markdown

    text = README.read_text(encoding="utf-8")
    start, end = "<!-- queries:start -->", "<!-- queries:end -->"
    assert start in text and end in text, "README has no generated query reference"
    embedded = text.split(start, 1)[1].split(end, 1)[0].strip()
    assert embedded == reference_markdown(level=3).strip(), (
        "README's query reference is stale: run python -m axisgraph.queries.reference --readme"
    )
