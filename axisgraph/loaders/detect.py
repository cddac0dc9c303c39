"""Tell what a file given to ``axisgraph load`` holds, from its name and its first line.

``.yaml``/``.yml`` (or a folder of them) are curated claims, ``.csv`` is CSV. A JSON file
(``.json``, ``.jsonl``, ``.ftm.json``, ``.ijson``, gzipped or not) is sniffed: FtM entities
and OpenSanctions deltas are one object per line with ``schema`` or ``op``; node-link JSON
(our own export) is one object with ``nodes`` and ``links``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from axisgraph.errors import InputError
from axisgraph.ftm.read import open_binary

Format = Literal["yaml", "ftm", "node-link-json", "csv", "ofac-sdn-csv"]
SNIFF_BYTES = 64 * 1024
_NODE_LINK = re.compile(rb'"(nodes|links|directed|multigraph)"\s*:')
_FTM = re.compile(rb'"(schema|op)"\s*:')


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _head(path: Path) -> bytes:
    with open_binary(path) as handle:
        try:
            return handle.read(SNIFF_BYTES)
        except (OSError, EOFError) as exc:
            raise InputError(f"cannot read the file ({exc})", path=path) from exc


def _from_first_line(line: bytes) -> Format | None:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return None  # a long first line cut by the sniff window, a pretty-printed file, or
        # nesting too deep to sniff (the reader reports it with its line)
    if not isinstance(obj, dict):
        return None
    if {"nodes", "links"} & obj.keys():
        return "node-link-json"
    if ("op" in obj and "entity" in obj) or "schema" in obj:
        return "ftm"
    return None


def detect_format(path: Path) -> Format:
    """The format of ``path``.

    Raises:
        InputError: the file cannot be read, or holds none of the formats we load.
    """
    if path.is_dir():
        return "yaml"
    suffix = _suffix(path)
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".csv":
        from axisgraph.lists.ofac_csv import looks_like_sdn_csv

        return "ofac-sdn-csv" if looks_like_sdn_csv(_head(path)) else "csv"
    head = _head(path).lstrip(b"\xef\xbb\xbf")
    lines = [line for line in head.splitlines() if line.strip()]
    if lines and lines[0].lstrip()[:1] in (b"{", b"["):
        found = _from_first_line(lines[0])
        if found == "node-link-json" and len(lines) > 1 and _FTM.search(b"\n".join(lines[1:])):
            # A node-link export is one document; whole objects on further lines are JSON
            # lines, and FtM ones follow: the FtM reader then names the odd first line.
            return "ftm"
        if found is not None:
            return found
        # Only the first line can be cut by the window: decide by the earliest known key.
        first_ftm = _FTM.search(head)
        first_graph = _NODE_LINK.search(head)
        if first_graph and (not first_ftm or first_graph.start() < first_ftm.start()):
            return "node-link-json"
        if first_ftm:
            return "ftm"
    raise InputError(
        "cannot tell the format: expected YAML claims (.yaml), CSV (.csv), FtM entities or "
        "deltas (one JSON object per line with 'schema' or 'op'), or node-link JSON",
        path=path,
        line=1,
    )
