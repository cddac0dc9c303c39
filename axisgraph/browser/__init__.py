"""The Neo4j Browser, ready for axisgraph: its style, a guide, and the saved queries.

Everything here is generated from the schema and the query registry:

- ``style_command()`` is the GraSS stylesheet as one Browser command, ``:style {...}``. It
  uses the JSON form the Browser also accepts, which has no semicolons, so it fits into
  ``browser.post_connect_cmd`` (``neo4j_conf_settings``) and the style is applied on connect.
- ``guide_html()`` is a guide for ``:play URL``: the overview, five questions with their
  saved query and a picture of the answer, then every saved query, as runnable blocks.
- ``favourites_zip()`` holds the saved queries as ``.cypher`` files; dropped onto the
  Browser, they become favourites in an ``axisgraph`` folder.
- ``serve_browser_files()`` serves the guide and the stylesheet on ``localhost``. The Browser
  fetches ``:play`` and ``:style`` URLs only from hosts on its allowlist, and ``localhost``
  is on the default one (``browser.remote_content_hostname_allowlist``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from axisgraph.lazy import lazy_exports

if TYPE_CHECKING:
    from axisgraph.browser.files import (
        GuideServer,
        browser_commands,
        browser_files,
        neo4j_conf_settings,
        serve_browser_files,
        write_browser_files,
    )
    from axisgraph.browser.guide import (
        DEFAULT_GUIDE_PORT,
        FAVOURITES_FILE,
        GUIDE_FILE,
        OVERVIEW_GRAPH,
        QUESTIONS,
        STYLE_FILE,
        Question,
        browser_params,
        favourites_zip,
        guide_html,
        params_command,
    )
    from axisgraph.browser.style import browser_grass, grass_rules, style_command

__getattr__ = lazy_exports(
    __name__,
    {
        "DEFAULT_GUIDE_PORT": "guide",
        "FAVOURITES_FILE": "guide",
        "GUIDE_FILE": "guide",
        "GuideServer": "files",
        "OVERVIEW_GRAPH": "guide",
        "QUESTIONS": "guide",
        "Question": "guide",
        "STYLE_FILE": "guide",
        "browser_commands": "files",
        "browser_files": "files",
        "browser_grass": "style",
        "browser_params": "guide",
        "favourites_zip": "guide",
        "grass_rules": "style",
        "guide_html": "guide",
        "neo4j_conf_settings": "files",
        "params_command": "guide",
        "serve_browser_files": "files",
        "style_command": "style",
        "write_browser_files": "files",
    },
)

__all__ = [
    "DEFAULT_GUIDE_PORT",
    "FAVOURITES_FILE",
    "GUIDE_FILE",
    "OVERVIEW_GRAPH",
    "QUESTIONS",
    "STYLE_FILE",
    "GuideServer",
    "Question",
    "browser_commands",
    "browser_files",
    "browser_grass",
    "browser_params",
    "favourites_zip",
    "grass_rules",
    "guide_html",
    "neo4j_conf_settings",
    "params_command",
    "serve_browser_files",
    "style_command",
    "write_browser_files",
]
