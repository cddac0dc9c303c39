"""The FtM side of the CLI: loading FtM files with a progress bar, and ``link``.

Library calls do the work (``axisgraph.app.ftm_load``, ``axisgraph.app.link``); these
functions parse options, show progress and print.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from axisgraph.cli.options import FmtOpt, MemOpt, NeoOpt
from axisgraph.cli.output import Format, console, emit, spinner
from axisgraph.errors import UsageError
from axisgraph.store.select import open_store

if TYPE_CHECKING:  # followthemoney and networkx load only in the commands that use them
    from axisgraph.app.ftm_load import FtmSummary
    from axisgraph.store.port import Store


def load_ftm_file(
    path: Path,
    store: Store,
    *,
    fresh: bool = False,
    skip_invalid: bool = False,
    report: Path | None = None,
    links: Path | None = None,
) -> FtmSummary:
    """Load one FtM file with a progress bar (lines and entities per second) on stderr."""
    from axisgraph.app.ftm_load import load_ftm

    with spinner(f"FtM {path.name}") as say:

        def show(stage: str, lines: int, entities: int, seconds: float) -> None:
            rate = entities / seconds if seconds else 0.0
            say(f"FtM {path.name} {stage}: {lines:,} lines, {entities:,} entities ({rate:,.0f}/s)")

        return load_ftm(
            path,
            store,
            skip_invalid=skip_invalid,
            report_path=report,
            links_path=links,
            fresh=fresh,
            progress=show,
        )


def summary_rows(summary: FtmSummary) -> list[dict[str, Any]]:
    """One row per FtM load, for ``emit``."""
    made = summary.made
    return [
        {
            "file": summary.path,
            "engine": summary.engine,
            "format": "delta" if summary.delta else "entities",
            "lines": summary.lines,
            "entities": summary.entities,
            "ops": summary.ops,
            "actors": sum(v for k, v in made.items() if not k.startswith("claim:")),
            "claims": {
                k.removeprefix("claim:"): v for k, v in made.items() if k.startswith("claim:")
            },
            "unmapped": summary.unmapped,
            "placeholders": summary.placeholders,
            "links": len(summary.links),
            "candidates": len(summary.candidates),
            "deleted": summary.deleted,
            "skipped": summary.skipped,
            "report": summary.report,
            "entities_per_s": round(summary.entities_per_second),
        }
    ]


def link(
    review: Annotated[
        bool, typer.Option("--review", help="List imported actors that may be curated ones.")
    ] = False,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping", help="Add SAME_AS links from a file: links: {ftm-id: curated-id}."
        ),
    ] = None,
    neo4j: NeoOpt = False,
    memory: MemOpt = False,
    fmt: FmtOpt = Format.table,
) -> None:
    """Link imported FtM entities to curated actors, or review the candidates.

    A name-only match is never linked by itself.
    `--review` lists it, a person decides, and `--mapping` records the decision.

    Example: axisgraph link --review
    """
    from axisgraph.app.link import apply_mapping
    from axisgraph.ftm.link import review_candidates

    if review == (mapping is not None):
        raise UsageError("give one of --review and --mapping FILE")
    store = open_store(neo4j=neo4j, memory=memory)
    if mapping is not None:
        rows = apply_mapping(store, mapping)
        emit(rows, ["ftm_id", "curated_id", "basis"], fmt, title="Linked", note=store.describe())
        return
    rows = review_candidates(store.graph())
    emit(
        rows,
        ["ftm_id", "ftm_name", "curated_id", "curated_name", "reason"],
        fmt,
        title="Link candidates (not linked)",
        note=f"engine: {store.describe()}",
    )
    if not rows and fmt is Format.table:
        console.print("No candidates.")
