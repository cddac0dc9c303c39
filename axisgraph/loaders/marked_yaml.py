"""Read YAML keeping the line of every mapping, key and list item, so errors can point at them.

Hostile input stays bounded: nesting depth, the number of values (alias expansion) and file
size are capped, and any failure becomes an ``InputError`` naming the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from axisgraph.errors import InputError

MAX_DEPTH = 40
MAX_VALUES = 2_000_000
MAX_BYTES = 256 * 1024 * 1024
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it: 13x faster on the bundled dataset, same nodes and
marks (the bundled dataset is parsed by every command that has no saved graph)."""


class MarkedDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class MarkedList(list[Any]):
    """A list that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, path: str) -> None:
        self.loader = loader
        self.path = path
        self.count = 0

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", path=self.path, line=line)
        if self.count > MAX_VALUES:
            raise InputError(
                f"more than {MAX_VALUES} values (alias expansion?)", path=self.path, line=line
            )
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            mapping = MarkedDict()
            mapping.line, mapping.key_lines = line, {}
            for key_node, value_node in node.value:
                # Keys are read as written: YAML 1.1 would turn `on:` into True.
                key = (
                    key_node.value
                    if isinstance(key_node, yaml.ScalarNode)
                    else self.build(key_node, depth + 1)
                )
                key_line = key_node.start_mark.line + 1
                self._check_text(key, key_line)
                if not isinstance(key, str):
                    raise InputError(
                        f"mapping key {key!r} is not text", path=self.path, line=key_line
                    )
                if key in mapping:
                    raise InputError(
                        f"key {key!r} appears twice in one mapping",
                        path=self.path,
                        line=key_line,
                        field=key,
                    )
                mapping[key] = self.build(value_node, depth + 1)
                mapping.key_lines[key] = key_line
            return mapping
        if isinstance(node, yaml.SequenceNode):
            items = MarkedList()
            items.line, items.item_lines = line, []
            for child in node.value:
                items.append(self.build(child, depth + 1))
                items.item_lines.append(child.start_mark.line + 1)
            return items
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError as exc:  # Python refuses to read integers of over 4,300 digits
            raise InputError(
                f"a number too long to read ({len(node.value):,} characters); quote it to "
                "keep it as text",
                path=self.path,
                line=line,
            ) from exc
        return self._check_text(value, line)

    def _check_text(self, value: Any, line: int) -> Any:
        """``value``, unless it is text that UTF-8 cannot hold: a ``"\\ud800"`` escape
        gives a lone surrogate, which no store or file can take."""
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = f"U+{ord(value[exc.start]):04X}"
                raise InputError(
                    f"text holds an unpaired surrogate ({bad}), which is not a character",
                    path=self.path,
                    line=line,
                ) from exc
        return value


def load_marked(path: Path) -> Any:
    """Parse one YAML file into plain values (``MarkedDict``/``MarkedList`` for containers).

    Raises:
        InputError: unreadable, not UTF-8, malformed YAML, or past the safety limits.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES // 2**20} MiB", path=name)
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=name, line=line) from exc
    loader: yaml.SafeLoader | None = None
    try:
        loader = _LOADER(text)  # its reader rejects control characters at once
        node = loader.get_single_node()
        return None if node is None else _Builder(loader, name).build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(
            f"malformed YAML: {problem}", path=name, line=mark.line + 1 if mark else None
        ) from exc
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise InputError(
            f"malformed YAML: character {exc.character!r} is not allowed", path=name, line=line
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", path=name) from exc
    except RecursionError as exc:
        raise InputError("nesting too deep", path=name) from exc
    finally:
        if loader is not None:
            loader.dispose()
