"""Where the workplace's shared folder is: seeds and real data are read in place, never copied.

The lookup is the benchmarks' (``bench.common.SHARED``), so tests and benchmarks read the same
files wherever the checkout is.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # ``bench`` is a top-level package beside ``axisgraph``
    sys.path.insert(0, str(ROOT))

from bench.common import SHARED  # noqa: E402

REALDATA = SHARED / "realdata"
SEEDS = SHARED / "seeds"
