"""``axisgraph load``, ``stats`` and ``export``: get data in, count it, get it out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from axisgraph.cli.options import FmtOpt, MemOpt, NeoOpt
from axisgraph.cli.output import Format, console, emit, err_console, spinner
from axisgraph.errors import UsageError
from axisgraph.store.select import open_store


def load(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="YAML claim files or folders, CSV, FtM .json/.jsonl/.ftm.json (gzipped too), "
            "or an exported node-link .json. None: the bundled dataset."
        ),
    ] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Replace the current graph instead of adding to it.")
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="FtM: load the valid entities, report the rest."),
    ] = False,
    report: Annotated[
        Path | None, typer.Option(help="FtM: where --skip-invalid writes what it skipped.")
    ] = None,
    links: Annotated[
        Path | None,
        typer.Option(help="FtM: explicit links to curated actors (links: {ftm-id: our-id})."),
    ] = None,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Into an EMPTY local server (axisgraph db), with neo4j-admin import: "
            "stops and restarts the server. For large YAML/CSV/JSON initial loads.",
        ),
    ] = False,
    neo4j: NeoOpt = False,
    memory: MemOpt = False,
    fmt: FmtOpt = Format.table,
) -> None:
    """Load claims into the graph (all or nothing); loading the same files twice changes nothing.

    YAML, CSV and node-link JSON files load together, in one transaction.
    Each FtM file (OpenSanctions entities or deltas) then streams in a transaction of its own.
    Example: axisgraph load my-claims.yaml --neo4j
    """
    from axisgraph.app.load import load_paths
    from axisgraph.cli.ftm import load_ftm_file, summary_rows

    if bulk:
        _bulk(list(paths or []), memory=memory, fmt=fmt)
        return
    store = open_store(neo4j=neo4j, memory=memory)

    def ftm_loader(path, store, fresh, skip_invalid, report, links):  # type: ignore[no-untyped-def]
        return load_ftm_file(
            path, store, fresh=fresh, skip_invalid=skip_invalid, report=report, links=links
        )

    with spinner("Loading") as say:

        def show(stage: str, count: int) -> None:
            say(f"Writing {stage}: {count:,}")

        summary = load_paths(
            list(paths or []),
            store,
            fresh=fresh,
            skip_invalid=skip_invalid,
            report=report,
            links=links,
            progress=show,
            ftm_loader=ftm_loader,
        )
    claim_files = [f for f in summary.files if f not in {s.path for s in summary.ftm}]
    if claim_files:
        row = {
            "engine": summary.engine,
            "files": claim_files,
            "entities": summary.entities,
            "sources": summary.sources,
            "claims": summary.claims,
            "nodes": summary.nodes_written,
            "relationships": summary.relationships_written,
            "projections": summary.projections,
        }
        emit([row], fmt=fmt, title="Loaded", vertical=True)
    for ftm_summary in summary.ftm:
        emit(summary_rows(ftm_summary), fmt=fmt, title="Loaded (FtM)", vertical=True)


def _bulk(paths: list[Path], *, memory: bool, fmt: Format) -> None:
    from axisgraph.app.load import file_format, read_files
    from axisgraph.loaders.yaml_claims import bundled_data_dir
    from axisgraph.settings import get_settings
    from axisgraph.store.bulk import bulk_load

    if memory:
        raise UsageError("--bulk loads into Neo4j; it cannot be combined with --memory")
    files = paths or [bundled_data_dir()]
    if any(file_format(p) == "ftm" for p in files if p.exists()):
        raise UsageError("--bulk takes YAML, CSV or node-link JSON files, not FtM")
    dataset = read_files(files)
    with err_console.status("Bulk import with neo4j-admin") as status:
        report = bulk_load(
            dataset, get_settings(), progress=lambda stage: status.update(f"Bulk import: {stage}")
        )
    row = {
        "engine": f"Neo4j at {report.uri} (bulk import)",
        "files": [str(f) for f in files],
        "nodes": report.nodes,
        "relationships": report.relationships,
        "projections": report.projections,
        "seconds": round(sum(report.seconds.values()), 1),
    }
    emit([row], fmt=fmt, title="Loaded (bulk)", vertical=True)


def stats(neo4j: NeoOpt = False, memory: MemOpt = False, fmt: FmtOpt = Format.table) -> None:
    """Count nodes per label and relationships per type.

    Example: axisgraph stats --format json
    """
    from axisgraph.app.stats import graph_stats

    store = open_store(neo4j=neo4j, memory=memory)
    emit(
        graph_stats(store),
        ["what", "name", "count"],
        fmt,
        title="Graph statistics",
        note=f"engine: {store.describe()}",
    )


def export(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write (a folder for csv).")
    ],
    export_format: Annotated[
        str, typer.Option("--format", help="json, graphml, gexf, csv or ftm.")
    ] = "json",
    neo4j: NeoOpt = False,
    memory: MemOpt = False,
) -> None:
    """Export the whole graph: node-link JSON, GraphML, GEXF, neo4j-admin CSV, or FtM.

    Example: axisgraph export --format graphml -o axis.graphml
    """
    from axisgraph.app.export import FORMATS, export_graph

    if export_format not in FORMATS:  # before any store is opened: a usage error, exit 2
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    report = export_graph(open_store(neo4j=neo4j, memory=memory), export_format, output)
    if report.format == "ftm":
        if report.left_out:
            left = ", ".join(f"{n:,} {what}" for what, n in report.left_out.items())
            err_console.print(f"Not in FtM form (left out): {left}", markup=False)
        console.print(f"Wrote {report.ftm_entities:,} FtM entities to {output} ({report.engine})")
        return
    console.print(
        f"Wrote {report.nodes:,} nodes and {report.relationships:,} "
        f"relationships as {report.format} to {output} ({report.engine})"
    )
