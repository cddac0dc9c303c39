"""Drive the real Neo4j Browser in headless Chromium: log in, run commands, read frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "about:", "blob:")
TIMEOUT_MS = 90_000  # two cores shared with other suites: generous, never asserted on


@dataclass
class BrowserSession:
    """One Browser tab, logged in."""

    page: Any
    blocked: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def login(self, url: str, user: str, password: str) -> None:
        self.page.goto(url)
        self.page.get_by_test_id("password").wait_for(timeout=TIMEOUT_MS)
        self.page.get_by_test_id("username").fill(user)
        self.page.get_by_test_id("password").fill(password)
        self.page.get_by_test_id("connect").click()
        self.page.wait_for_function(
            "() => (document.querySelector('[data-testid=activeEditor]') || {})"
            ".textContent?.includes('neo4j$')",
            timeout=TIMEOUT_MS,
        )

    def dismiss_banner(self) -> None:
        """Close the Browser's usage-data banner, so screenshots show the graph."""
        self.js(
            "() => { for (const s of document.querySelectorAll('span')) {"
            " if (s.textContent.startsWith('To help make Neo4j Browser better')"
            " && s.nextElementSibling) { s.nextElementSibling.click(); return; } } }"
        )

    def commands(self) -> list[str]:
        """The commands of the frames in the stream, newest first."""
        found: list[str] = self.js(
            "() => Array.from(document.querySelectorAll('[data-testid=frameCommand]'))"
            ".map(e => e.textContent)"
        )
        return found

    def paste(self, text: str) -> None:
        """Paste ``text`` into the empty editor, as a person would.

        A paste, not typing: the editor handles typed text character by character (closing
        brackets and quotes), which takes minutes for a long line such as ``:style {...}``.
        """
        editor = self.page.locator(".monaco-editor textarea").first
        editor.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Backspace")
        self.js(
            "(text) => { const area = document.querySelector('.monaco-editor textarea');"
            " const data = new DataTransfer(); data.setData('text/plain', text);"
            " area.dispatchEvent(new ClipboardEvent('paste',"
            " {clipboardData: data, bubbles: true, cancelable: true})); }",
            text,
        )

    def run(self, text: str) -> None:
        """Paste ``text`` into the editor and run it; wait until its frame has content."""
        before = len(self.commands())
        self.paste(text)
        self.page.keyboard.press("Control+Enter")
        self.page.wait_for_function(
            "n => document.querySelectorAll('[data-testid=frame]').length > n",
            arg=before,
            timeout=TIMEOUT_MS,
        )
        self.wait_for_first_frame()

    def wait_for_first_frame(self) -> None:
        self.page.wait_for_function(
            "() => { const f = document.querySelector('[data-testid=frame]');"
            " return f && !f.querySelector('[data-testid=frameContents] .fa-spinner')"
            " && (f.querySelector('[data-testid=frameStatusbar], svg g.node, slide, pre,"
            " .frame-loaded-contents, [data-testid=frame-loaded-contents]') !== null); }",
            timeout=TIMEOUT_MS,
        )

    def first_frame_text(self) -> str:
        text: str = self.js(
            "() => document.querySelector('[data-testid=frame] [data-testid=frameContents]')"
            ".innerText"
        )
        return text

    def wait_for_graph(self) -> dict[str, int]:
        """Wait until the newest frame draws a graph; its node and relationship counts."""
        self.page.wait_for_function(
            "() => { const f = document.querySelector('[data-testid=frame]');"
            " return f && f.querySelectorAll('svg g.node').length > 0; }",
            timeout=TIMEOUT_MS,
        )
        counts: dict[str, int] = self.js(
            "() => { const f = document.querySelector('[data-testid=frame]');"
            " return {nodes: f.querySelectorAll('svg g.node').length,"
            " relationships: f.querySelectorAll('svg g.relationship').length}; }"
        )
        return counts

    def node_fills(self) -> list[str]:
        """The fill colours of the nodes the newest frame draws, lower-cased."""
        fills: list[str] = self.js(
            "() => Array.from(document.querySelector('[data-testid=frame]')"
            ".querySelectorAll('svg g.node circle.b-outline'))"
            ".map(c => (c.getAttribute('fill') || '').toLowerCase())"
        )
        return fills

    def drawn_node_ids(self) -> list[int]:
        """The Neo4j identities of the nodes the newest frame draws (``aria-label`` graph-nodeN).

        What is drawn is named by its data, never by its caption: the Browser cuts a caption
        to the width of its circle, and how many letters fit depends on the fonts.
        """
        labels: list[str] = self.js(
            "() => Array.from(document.querySelector('[data-testid=frame]')"
            ".querySelectorAll('svg g.node')).map(g => g.getAttribute('aria-label') || '')"
        )
        return sorted(int(label.removeprefix("graph-node")) for label in labels)

    def label_counts(self) -> dict[str, int]:
        """The newest frame's own overview of its result: node label -> count, ``*`` for all.

        The Browser's inspector counts the labels of the nodes in the result it drew.
        """
        self.page.locator(
            "[data-testid=frame] [data-testid^=property-details-overview-node-label-]"
        ).first.wait_for(timeout=TIMEOUT_MS)
        entries: list[str] = self.js(
            "() => Array.from(document.querySelector('[data-testid=frame]')"
            ".querySelectorAll('[data-testid^=property-details-overview-node-label-]'))"
            ".map(e => e.textContent.trim())"
        )
        counts: dict[str, int] = {}
        for entry in entries:
            label, _, count = entry.rpartition(" (")
            counts[label] = int(count.rstrip(")"))
        return counts
