"""YAML loading that remembers the line of every key and item, for findings that point at a line.

PyYAML's constructors drop the position of what they build, so this module composes the node tree
(which keeps marks) and turns it into :class:`YamlMap` / :class:`YamlList` values that carry the
1-based line of themselves, of each key and of each item. Scalars become plain Python values
(str, int, float, bool, None) exactly as ``yaml.safe_load`` would build them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class YamlSyntaxError(Exception):
    """The file is not well-formed YAML (or cannot be read); ``line`` is 1-based, 0 if unknown."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class YamlMap(dict):
    """A YAML mapping: a dict whose ``line`` is where it starts and ``line_of(key)`` where a key is."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}
        self.duplicate_keys: list[tuple[Any, int]] = []

    def line_of(self, key: Any) -> int:
        """The line of ``key`` if present, else the line of the mapping itself."""
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A YAML sequence: a list whose ``line`` is where it starts and ``line_of(i)`` where item i is."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        """The line of item ``index`` (the sequence's own line when out of range)."""
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def load_yaml_file(path: Path) -> Any:
    """Load one YAML document from ``path`` keeping line numbers; raises YamlSyntaxError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise YamlSyntaxError(f"cannot read the file: {exc}", 0) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlSyntaxError(f"not UTF-8 text: {exc.reason} (save the file as UTF-8)",
                              line_of_offset(data, exc.start)) from exc
    return load_yaml_text(text)


def line_of_offset(data: bytes, offset: int) -> int:
    """The 1-based line of byte ``offset`` of ``data`` (where a decoding error is, say)."""
    return data.count(b"\n", 0, offset) + 1


def load_yaml_text(text: str) -> Any:
    """Load one YAML document from ``text`` keeping line numbers; raises YamlSyntaxError."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(node, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise YamlSyntaxError(f"not valid YAML: {exc.problem or exc.context}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"not valid YAML: {exc}", 0) from exc
    finally:
        loader.dispose()


def _convert(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, loader)
    if isinstance(node, yaml.SequenceNode):
        result = YamlList(node.start_mark.line + 1)
        for item in node.value:
            result.append(_convert(item, loader))
            result.item_lines.append(item.start_mark.line + 1)
        return result
    return loader.construct_object(node, deep=True)


def _convert_mapping(node: yaml.MappingNode, loader: yaml.SafeLoader) -> YamlMap:
    result = YamlMap(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = _convert(key_node, loader)
        line = key_node.start_mark.line + 1
        if isinstance(key, (YamlMap, YamlList)):
            raise YamlSyntaxError("a mapping key must be a plain value", line)
        if key in result:
            result.duplicate_keys.append((key, line))
            continue
        result[key] = _convert(value_node, loader)
        result.key_lines[key] = line
    return result
