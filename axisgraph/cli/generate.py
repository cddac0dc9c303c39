"""``axisgraph generate``: write a reproducible, realistic network of any size to a file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from axisgraph.cli.output import console, err_console
from axisgraph.errors import UsageError


def generate(
    entities: Annotated[
        int,
        typer.Option(
            "--entities",
            "-n",
            help="How many records (parties, things, sources and claims, as FtM counts "
            "entities), 100 to 1,000,000 or more.",
        ),
    ] = 10_000,
    seed: Annotated[int, typer.Option(help="The same seed gives the same network.")] = 0,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (default: generated-N-S.<ext>)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="yaml (curated claims; load it with axisgraph load), ftm (FollowTheMoney "
            "JSON lines of the same shape) or json (node-link graph).",
        ),
    ] = "yaml",
) -> None:
    """Generate a sanctions and arms-supply network with heavy-tailed degrees, designation
    clusters, multi-hop supply chains, mixed statuses and sources, and denials.

    Example: axisgraph generate --entities 100000 --seed 1 --format ftm -o big.ftm.json
    """
    from axisgraph.app.generate import FORMATS, MIN_RECORDS, WRITERS

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    if entities < MIN_RECORDS:
        raise UsageError(f"--entities must be at least {MIN_RECORDS}")
    suffix = {"yaml": "yaml", "ftm": "ftm.json", "json": "json"}[fmt]
    path = output or Path(f"generated-{entities}-{seed}.{suffix}")
    began = time.monotonic()
    with err_console.status(f"Generating {entities:,} records", spinner="dots"):
        written = WRITERS[fmt](path, entities, seed)
    what = "FtM entities" if fmt == "ftm" else "records"
    console.print(
        f"Wrote {written:,} {what} ({fmt}, seed {seed}) to {path} "
        f"in {time.monotonic() - began:.1f} s"
    )
