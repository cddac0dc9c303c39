"""Headless Chromium for the browser tests: where it is and how to launch it here.

One Playwright instance serves the whole session (two sync instances in one thread fail),
through the ``chromium`` fixture in ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium tries to reach Google's services, which this network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE_BROWSER = (
    os.environ.get("CI") == "true" or os.environ.get("AXISGRAPH_REQUIRE_BROWSER") == "1"
)


def chromium_path() -> str | None:
    """Debian's Chromium (or ``AXISGRAPH_CHROMIUM``); ``None`` when there is none."""
    configured = os.environ.get("AXISGRAPH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None
