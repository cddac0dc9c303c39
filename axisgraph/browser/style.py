"""The GraSS stylesheet as the Neo4j Browser reads it, and as one ``:style {...}`` command.

The command uses the JSON form the Browser also accepts, which has no semicolons, so it fits
into ``browser.post_connect_cmd`` and the style is applied on connect.
"""

from __future__ import annotations

import json
import re

from axisgraph.maps import grass_stylesheet


def grass_rules() -> dict[str, dict[str, str]]:
    """The GraSS stylesheet as selector -> properties, read the way the Browser reads it.

    Like the Browser's parser, quotes only protect what they enclose and are dropped
    (``caption: '{name}'`` becomes ``{name}``).
    """
    rules: dict[str, dict[str, str]] = {}
    selector, body, inside, quoted = "", "", False, False
    for char in browser_grass():
        if char in "'\"":
            quoted = not quoted
        elif quoted or (inside and char not in "{}"):
            body, selector = (body + char, selector) if inside else (body, selector + char)
        elif char == "{":
            inside = True
        elif char == "}":
            props = (part.partition(":") for part in body.split(";"))
            rules[selector] = {k.strip(): v.strip() for k, sep, v in props if sep}
            selector, body, inside = "", "", False
        elif not char.isspace():
            selector += char
    return rules


def browser_grass() -> str:
    """The GraSS stylesheet as the Browser reads it: its parser takes no comments."""
    return re.sub(r"/\*.*?\*/\s*", "", grass_stylesheet(), flags=re.S)


def style_command() -> str:
    """``:style {...}``: one Browser command that applies the axisgraph colours."""
    return ":style " + json.dumps(grass_rules(), ensure_ascii=False, separators=(",", ":"))
