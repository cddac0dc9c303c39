"""What a canned query is: typed parameters, result columns, both implementations, its answer.

A ``Query`` names one question. Its Cypher lives in ``cypher/<name>.cypher`` (for Neo4j and
the Browser); its ``memory`` function answers the same question on the intermediate graph.
Both must give identical rows: the differential tests hold them to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # networkx costs 0.2 s at start: imported where a graph is made
    import networkx as nx


Row = dict[str, Any]
Params = Mapping[str, Any]
MemoryImpl = Callable[["nx.MultiDiGraph", Params], list[Row]]
Finish = Callable[[list[Row], Params], list[Row]]

ParamType = Literal["int", "str", "date", "bool", "enum", "actor", "instrument", "weapon"]

ENTITY_PARAM_LABELS: dict[str, str] = {
    "actor": "Actor",
    "instrument": "Instrument",
    "weapon": "Weapon",
}
"""Parameter types that name an entity, and the label the entity must carry."""


@dataclass(frozen=True)
class Param:
    """One parameter of a canned query.

    ``required`` parameters have no default; optional ones default to ``default`` (``None``
    means "no filter"). ``example`` is what the docs, ``query list`` and the tests use.
    """

    name: str
    type: ParamType
    description: str
    example: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def label(self) -> str | None:
        """The label an entity parameter must name, or ``None`` for plain values."""
        return ENTITY_PARAM_LABELS.get(self.type)

    def describe_type(self) -> str:
        """The type as shown in ``query list`` and the reference, e.g. ``int 1..6``."""
        if self.type == "enum":
            return "one of " + "|".join(self.choices)
        if self.type == "int" and (self.minimum is not None or self.maximum is not None):
            low = "" if self.minimum is None else str(self.minimum)
            high = "" if self.maximum is None else str(self.maximum)
            return f"int {low}..{high}"
        return self.type


@dataclass(frozen=True)
class Query:
    """A canned question with both implementations.

    Args:
        name: the query's name (also the ``.cypher`` file's stem).
        purpose: one line, phrased as the question it answers.
        params: its parameters, in the order they are documented.
        columns: the result columns, in order.
        order: how rows are ordered (both engines apply exactly this order).
        memory: the embedded engine's implementation (returns rows in final order, or raw
            rows that ``finish`` turns into the answer).
        node_columns: columns whose values are node ids (or lists of them): the answer's
            subgraph is these nodes, the entity parameters, and every relationship among them.
        finish: shared Python applied to the raw rows of both engines (e.g. centrality).
        fetch_columns: with ``finish``, the columns the Cypher (and ``memory``) return.
        example: the parameters the documented example sets (default: the required ones).
        check: cross-parameter rules, raising ``UsageError`` (e.g. two ends that differ).
        table: the columns a terminal table shows by default (empty: all of them); the
            others stay in JSON and CSV, and a table shows them with ``--columns``/``--wide``.
    """

    name: str
    purpose: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    order: str
    memory: MemoryImpl
    node_columns: tuple[str, ...] = ()
    finish: Finish | None = None
    fetch_columns: tuple[str, ...] = ()
    example: tuple[str, ...] = ()
    check: Callable[[dict[str, Any]], None] | None = None
    table: tuple[str, ...] = ()

    @property
    def raw_columns(self) -> tuple[str, ...]:
        """The columns the Cypher file returns."""
        return self.fetch_columns if self.finish is not None else self.columns

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def example_params(self) -> dict[str, str]:
        """The example's parameters: ``example`` if given, else every required parameter."""
        names = self.example or tuple(p.name for p in self.params if p.required)
        return {p.name: p.example for p in self.params if p.name in names}

    def example_command(self) -> str:
        """A command line that runs this query with its example parameters."""
        args = "".join(f" -p {k}={v}" for k, v in self.example_params().items())
        return f"axisgraph query run {self.name}{args}"


Edge = tuple[str, str, str]


@dataclass
class QueryResult:
    """A query's answer: the rows, and the subgraph behind them (for maps).

    ``nodes`` are the ids the answer names (rows and entity parameters) that exist in the
    graph; ``edges`` are all relationships among them as ``(source, target, type)``, sorted
    and without repeats. Both are identical on both engines.
    """

    query: str
    params: dict[str, Any]
    columns: tuple[str, ...]
    rows: list[Row]
    nodes: list[str] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    engine: str = ""
    engine_description: str = ""

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def subgraph(self, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """The answer's nodes and relationships, cut out of ``graph`` (e.g. ``store.graph()``)."""
        import networkx as nx

        keep = set(self.edges)
        cut = nx.MultiDiGraph(graph.subgraph(self.nodes))
        drop = [
            (u, v, k) for u, v, k, t in cut.edges(keys=True, data="type") if (u, v, t) not in keep
        ]
        cut.remove_edges_from(drop)
        return cut

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form: query, params, engine, columns, rows, nodes, edges."""
        return {
            "query": self.query,
            "params": self.params,
            "engine": self.engine,
            "columns": list(self.columns),
            "rows": self.rows,
            "nodes": self.nodes,
            "edges": [list(e) for e in self.edges],
        }


def flatten_ids(values: Sequence[Any]) -> Iterator[str]:
    """Every string inside ``values``, however deeply nested in lists."""
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list | tuple):
            yield from flatten_ids(value)
