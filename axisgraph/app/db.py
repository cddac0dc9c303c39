"""``axisgraph db start``: the local Neo4j server, with the Browser set up for axisgraph.

The server module knows Neo4j; this verb adds what the Browser needs from the layers above
it (the style applied on connect), so the store never imports the Browser package.
"""

from __future__ import annotations

from typing import Any

from axisgraph.settings import Settings
from axisgraph.store import server


def start_server(settings: Settings, **options: Any) -> tuple[server.ServerState, bool]:
    """Start the local server (see ``server.start`` for ``options``) with the Browser's
    settings: the axisgraph colours are applied when the Browser connects.

    Raises:
        ServerError: Java or Maven missing, a port taken, or the server did not come up.
    """
    from axisgraph.browser.files import neo4j_conf_settings

    return server.start(settings, extra_conf=neo4j_conf_settings(), **options)
