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


# For each node of a map: is the canvas inked where the network says the node is? Reads the
# drawing itself at positions the network reports, so it holds for any font or window size.
UNDRAWN_NODES = """() => {
  const net = axisgraph.network;
  net.redraw();  // draws the positions it reports now, before anything moves
  const canvas = document.querySelector('#ag-network canvas');
  const context = canvas.getContext('2d');
  const scale = canvas.width / canvas.clientWidth;
  return axisgraph.nodes.get({filter: n => !n.hidden}).map(n => n.id).filter(id => {
    const p = net.canvasToDOM(net.getPosition(id));
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return true;
    const x = Math.round(p.x * scale), y = Math.round(p.y * scale);
    if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return true;
    return context.getImageData(x, y, 1, 1).data[3] === 0;
  });
}"""


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG file, from its header; fails if the file is no PNG."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
