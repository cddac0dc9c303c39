"""The result of rendering a map: the page, its counts, and ways to show it."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MapView:
    """A rendered map.

    Attributes:
        html: the whole self-contained HTML page.
        title: the map's title.
        node_count: nodes drawn on the map.
        edge_count: links drawn on the map.
        precomputed_layout: True when positions were computed in Python
            and browser physics is off (large maps).
    """

    html: str
    title: str
    node_count: int
    edge_count: int
    precomputed_layout: bool = False

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` atomically (parent folders are created) and return it.

        Raises:
            OutputError: the file cannot be written; nothing under ``path`` changed.
        """
        from axisgraph.files import write_text

        target = Path(path)
        write_text(target, self.html)
        return target

    def iframe(self, height: str = "700px") -> str:
        """The page inside a sandboxed ``<iframe srcdoc=...>``.

        A full page with its own scripts only displays reliably inline in
        Jupyter from an iframe; ``srcdoc`` is escaped so the page stays one
        attribute value.
        """
        srcdoc, title = html.escape(self.html, quote=True), html.escape(self.title, quote=True)
        return (
            f'<iframe srcdoc="{srcdoc}" title="{title}" '
            f'style="width:100%;height:{html.escape(height)};border:1px solid #ddd" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>'
        )

    def _repr_html_(self) -> str:
        return self.iframe()

    def __repr__(self) -> str:
        return (
            f"MapView(title={self.title!r}, nodes={self.node_count}, edges={self.edge_count}, "
            f"bytes={len(self.html.encode('utf-8'))})"
        )
