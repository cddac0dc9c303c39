"""``axisgraph export``: the whole graph as node-link JSON, GraphML, GEXF, admin CSV or FtM."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from axisgraph.errors import UsageError
from axisgraph.store.port import Store

FORMATS = ("json", "graphml", "gexf", "csv", "ftm")


@dataclass
class ExportReport:
    """What an export wrote, for people."""

    format: str
    output: Path
    engine: str
    nodes: int = 0
    relationships: int = 0
    ftm_entities: int = 0
    left_out: dict[str, int] = field(default_factory=dict)  # FtM: what has no FtM form


def export_graph(store: Store, export_format: str, output: Path) -> ExportReport:
    """Write ``store``'s whole graph to ``output`` in ``export_format``.

    Raises:
        UsageError: an unknown format.
    """
    if export_format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    graph = store.graph()
    report = ExportReport(export_format, output, store.describe())
    if export_format == "ftm":
        from axisgraph.ftm.export import export_ftm

        summary = export_ftm(graph, output)
        report.ftm_entities = summary.entities
        report.left_out = {what: n for what, n in sorted(summary.left_out.items()) if n}
        return report
    from axisgraph.graph.export import WRITERS

    WRITERS[export_format](graph, output)
    report.nodes, report.relationships = graph.number_of_nodes(), graph.number_of_edges()
    return report
