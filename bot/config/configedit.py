"""Add sources to a YAML config file as text, so its comments and layout stay as they were."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

__all__ = ["append_sources", "sources_yaml"]


def sources_yaml(items: Sequence[dict[str, Any]], indent: int = 0) -> str:
    """Block YAML for a list of source mappings (tags in flow style), indented by ``indent``."""
    lines = []
    for item in items:
        for n, (key, value) in enumerate(item.items()):
            # One key at a time: block mappings, flow lists of scalars (`tags: [a, b]`).
            flow = isinstance(value, list)
            entry = yaml.safe_dump(
                {key: value}, allow_unicode=True, default_flow_style=flow, width=1000
            )
            if flow:
                entry = entry.strip()[1:-1] + "\n"  # drop the braces of the one-key mapping
            lines.append(" " * indent + ("- " if n == 0 else "  ") + entry)
    return "".join(lines)


def append_sources(text: str, items: Sequence[dict[str, Any]]) -> str:
    """``text`` with ``items`` appended to its top-level ``sources:`` list (created if absent).

    Raises yaml.YAMLError when ``text`` is not valid YAML.
    """
    if not items:
        return text
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise yaml.YAMLError("the config file is not a mapping of keys")
    value = _sources_node(root)
    if value is None:
        prefix = "" if not text or text.endswith("\n") else "\n"
        return f"{text}{prefix}sources:\n{sources_yaml(items, 2)}"
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        lines = text.splitlines(True)
        end = value.value[-1].end_mark
        # end_mark sits after the last character; column 0 means the item ended a line earlier.
        insert_at = end.line if end.column == 0 else end.line + 1
        if insert_at > len(lines) or (insert_at == len(lines) and not lines[-1].endswith("\n")):
            lines[-1] += "\n"
        block = sources_yaml(items, value.start_mark.column)
        return "".join([*lines[:insert_at], block, *lines[insert_at:]])
    # `sources:` empty, null or a flow list: write the whole list again in block style.
    existing = SafeConstructor().construct_object(value, deep=True) or []
    if not isinstance(existing, list):
        raise yaml.YAMLError("sources: must be a list")
    before, after = text[: value.start_mark.index], text[value.end_mark.index :]
    block = sources_yaml([*existing, *items], 2)
    rest = after.lstrip(" ").removeprefix("\n") if after.strip() else ""
    return f"{before.rstrip(' ')}\n{block}{rest}"


def _sources_node(root: yaml.Node | None) -> yaml.Node | None:
    if root is None:
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "sources":
            node: yaml.Node = value
            return node
    return None
