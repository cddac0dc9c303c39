"""Where the workplace's shared folder is: seeds and real data are read in place, never copied."""

from __future__ import annotations

import os
from pathlib import Path


def _shared_dir() -> Path:
    """The workplace's shared folder (seeds, real data), read in place, never copied.

    ``AXISGRAPH_SHARED`` wins; else ``../shared`` beside the checkout; else ``/work/shared``
    (where it sits on our machines, so a clone anywhere, as CI makes, still finds it).
    """
    candidates = [
        os.environ.get("AXISGRAPH_SHARED"),
        str(Path(__file__).resolve().parents[1].parent / "shared"),
        "/work/shared",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "seeds").is_dir():
            return Path(candidate)
    return Path(candidates[1] or "")


SHARED = _shared_dir()
REALDATA = SHARED / "realdata"
SEEDS = SHARED / "seeds"
