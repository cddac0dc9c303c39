"""The shape of the package: floors that import only downwards, no circle, a CLI that starts
light, and one Store port that nobody outside the store package sees behind.

See docs/architecture.md for the floors and what each one owns.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "axisgraph"

FLOORS = {
    "axisgraph": 0,  # __init__, errors, settings, lazy
    "axisgraph.graph": 1,
    "axisgraph.loaders": 2,
    "axisgraph.ftm": 2,
    "axisgraph.lists": 2,
    "axisgraph.store": 3,
    "axisgraph.queries": 4,
    "axisgraph.maps": 5,
    "axisgraph.screen": 5,
    "axisgraph.browser": 6,
    "axisgraph.app": 7,
    "axisgraph.cli": 8,
    "axisgraph.__main__": 8,
}
"""Each module may import from its own floor and the floors below it, never from above."""

HEAVY = ("neo4j", "followthemoney", "networkx", "pyvis", "numpy", "IPython", "sqlalchemy")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, anywhere in the file (functions and
    ``TYPE_CHECKING`` blocks included), read from the source."""
    modules = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                # ``from pkg import sub`` names a submodule when one exists, else pkg itself.
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                    for a in node.names
                ]
            for target in targets:
                if target.startswith("axisgraph") and (found := resolve(target)):
                    deps.add(found)
        deps.discard(name)
        graph[name] = deps
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def floor(module: str) -> int:
    name = module
    while name not in FLOORS:
        name = name.rpartition(".")[0]
    return FLOORS[name]


def test_the_import_graph_has_no_circle() -> None:
    graph = import_graph()
    assert len(graph) > 80  # the scan found the package
    assert circles(graph) == []


def test_a_circle_is_found_when_there_is_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_every_import_points_down_the_floors() -> None:
    upward = sorted(
        f"{module} -> {dep}"
        for module, deps in import_graph().items()
        for dep in deps
        if floor(dep) > floor(module)
    )
    assert upward == []


def test_every_top_level_package_has_a_floor() -> None:
    packages = {m.split(".")[1] for m in _modules() if m.count(".") >= 1}
    modules_at_top = {p for p in packages if (PACKAGE / p).is_dir()}
    assert {f"axisgraph.{p}" for p in modules_at_top} <= set(FLOORS)


def test_no_code_outside_the_store_package_asks_which_store_it_holds() -> None:
    offenders = []
    for module, path in _modules().items():
        if module.startswith("axisgraph.store"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "isinstance"
                and "Store" in ast.unparse(node.args[1])
            ):
                offenders.append(f"{module}:{node.lineno}")
            if isinstance(node, ast.BinOp) and {"MemoryStore", "Neo4jStore"} <= {
                ast.unparse(node.left),
                ast.unparse(node.right),
            }:
                offenders.append(f"{module}:{node.lineno} (a union of the engines)")
    assert offenders == []


def _loaded_after(code: str) -> list[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    return sorted({m.split(".")[0] for m in modules} & set(HEAVY))


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert _loaded_after("import axisgraph.cli") == []


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["-h"], ["--version"], ["query", "--help"], ["query", "list"], ["db", "-h"]],
    ids=lambda argv: " ".join(argv),
)
def test_light_commands_load_no_heavy_library(argv: list[str]) -> None:
    code = (
        "import contextlib, io\n"
        "from axisgraph.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
    )
    assert _loaded_after(code) == []


def test_stats_on_the_embedded_engine_loads_neither_neo4j_nor_followthemoney() -> None:
    code = (
        "import contextlib, io\n"
        "from axisgraph.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['stats', '--memory']) == 0\n"
    )
    assert set(_loaded_after(code)) <= {"networkx"}


def test_version_and_short_help(cli) -> None:  # type: ignore[no-untyped-def]
    from axisgraph import __version__

    version = cli("--version")
    assert version.code == 0 and version.out.strip() == f"axisgraph {__version__}"
    short, long = cli("-h"), cli("--help")
    assert short.code == long.code == 0 and short.out == long.out and "Usage" in short.out


def test_the_architecture_page_names_functions_that_exist() -> None:
    import importlib
    import re

    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page[page.index("## Where each verb lives") : page.index("## A CLI that starts")]
    named = re.findall(r"`((?:app|store|queries|ftm|browser)\.[\w.]+(?:/[\w/]+)?)`", table)
    assert len(named) > 15
    for name in named:
        dotted, _, alternatives = name.partition("/")
        module, _, first = dotted.rpartition(".")
        found = importlib.import_module(f"axisgraph.{module}")
        for attr in [first, *filter(None, alternatives.split("/"))]:
            assert hasattr(found, attr), f"docs/architecture.md names axisgraph.{module}.{attr}"


def test_both_engines_implement_the_store_port_with_the_same_signatures() -> None:
    import inspect

    from axisgraph.store.memory import MemoryStore
    from axisgraph.store.neo4j_store import Neo4jStore
    from axisgraph.store.port import Store

    methods = [
        name
        for name, member in vars(Store).items()
        if callable(member) and not name.startswith("_")
    ]
    assert {"load", "kinds_of", "counts", "graph", "ftm_view", "commit_ftm"} <= set(methods)
    for engine in (MemoryStore, Neo4jStore):
        for name in methods:
            port = inspect.signature(getattr(Store, name))
            mine = inspect.signature(getattr(engine, name))
            assert list(mine.parameters) == list(port.parameters), f"{engine.__name__}.{name}"
            assert str(mine.return_annotation) == str(port.return_annotation), (
                f"{engine.__name__}.{name} returns {mine.return_annotation}"
            )
    assert {MemoryStore.name, Neo4jStore.name} == {"memory", "neo4j"}
