"""A Neo4j Browser stylesheet (GraSS) in the map colours.

Drag the file onto the Browser, or run ``:style`` and paste it, and nodes
and relationships get the same colours as the HTML maps.
"""

from __future__ import annotations

from axisgraph.maps import style

_CAPTIONS = {"Claim": "{predicate}", "Source": "{name}"}


def _text_color(color: str) -> str:
    """Black or white, whichever reads better on ``color``."""
    try:
        r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#ffffff"
    luminance = 0.299 * r + 0.587 * g + 0.114 * b
    return "#000000" if luminance > 150 else "#ffffff"


def _border(color: str) -> str:
    try:
        rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    except ValueError:
        return color
    return "#" + "".join(f"{int(c * 0.75):02x}" for c in rgb)


def _rule(selector: str, props: dict[str, str]) -> str:
    body = "".join(f"  {key}: {value};\n" for key, value in props.items())
    return f"{selector} {{\n{body}}}\n"


def grass_stylesheet() -> str:
    """The GraSS stylesheet for every node kind and relationship type in the schema."""
    rules = [
        _rule(
            "node",
            {
                "diameter": "50px",
                "color": "#A5ABB6",
                "border-color": "#9AA1AC",
                "border-width": "2px",
                "text-color-internal": "#FFFFFF",
                "font-size": "10px",
                "caption": "'{name}'",
            },
        ),
        _rule(
            "relationship",
            {
                "color": "#A5ABB6",
                "shaft-width": "1px",
                "font-size": "8px",
                "padding": "3px",
                "text-color-external": "#000000",
                "text-color-internal": "#FFFFFF",
                "caption": "'<type>'",
            },
        ),
    ]
    for kind in style.node_kinds():
        color = style.kind_style(kind)["color"]
        caption = _CAPTIONS.get(kind, "{name}")
        rules.append(
            _rule(
                f"node.{kind}",
                {
                    "color": color,
                    "border-color": _border(color),
                    "text-color-internal": _text_color(color),
                    "caption": f"'{caption}'",
                },
            )
        )
    for rel_type in style.projected_types() + style.structure_types():
        rules.append(
            _rule(
                f"relationship.{rel_type}",
                {
                    "color": style.type_color(rel_type),
                    "shaft-width": "2px" if rel_type in style.projected_types() else "1px",
                    "caption": "'<type>'",
                },
            )
        )
    return "\n".join(rules)
