"""Add sources to a YAML config file as text, so its comments and layout stay as they were.

Values written are taken literally: every ``$`` becomes ``$$``, which the loader reads back as
``$``, so a name or URL from a shared file cannot pull ``${VAR}`` from the environment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

__all__ = ["append_sources", "sources_yaml"]


def _literal(value: Any) -> Any:
    """``value`` with ``$`` escaped as ``$$`` in every string, so ``${VAR}`` is not expanded."""
    if isinstance(value, str):
        return value.replace("$", "$$")
    if isinstance(value, list):
        return [_literal(item) for item in value]
    if isinstance(value, dict):
        return {key: _literal(item) for key, item in value.items()}
    return value


def sources_yaml(items: Sequence[dict[str, Any]], indent: int = 0) -> str:
    """Block YAML for a list of source mappings (tags in flow style), indented by ``indent``;
    the values are written literally (``$`` as ``$$``)."""
    return _block([_literal(item) for item in items], indent)


def _block(items: Sequence[dict[str, Any]], indent: int) -> str:
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

    Raises yaml.YAMLError when ``text`` is not valid YAML, or when the result would not read
    back as ``text``'s data with ``items`` added (a layout this cannot edit as text).
    """
    if not items:
        return text
    updated = _appended(text, [_literal(item) for item in items])
    before = yaml.safe_load(text) or {}
    expected = {**before, "sources": [*(before.get("sources") or []), *map(_literal, items)]}
    try:
        readable = yaml.safe_load(updated) == expected
    except yaml.YAMLError:
        readable = False
    if not readable:
        raise yaml.YAMLError(
            "the file's layout cannot be edited safely; write sources: as a block list "
            "(one '- name: ...' item per source) and import again, or use --print"
        )
    return updated


def _appended(text: str, items: Sequence[dict[str, Any]]) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise yaml.YAMLError("the config file is not a mapping of keys")
    value = _sources_node(root)
    if value is None:
        prefix = "" if not text or text.endswith("\n") else "\n"
        return f"{text}{prefix}sources:\n{_block(items, 2)}"
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        lines = text.splitlines(True)
        end = value.value[-1].end_mark
        # end_mark sits after the last character; column 0 means the item ended a line earlier.
        insert_at = end.line if end.column == 0 else end.line + 1
        if insert_at > len(lines) or (insert_at == len(lines) and not lines[-1].endswith("\n")):
            lines[-1] += "\n"
        block = _block(items, value.start_mark.column)
        return "".join([*lines[:insert_at], block, *lines[insert_at:]])
    # `sources:` empty, null or a flow list: write the whole list again in block style.
    existing = SafeConstructor().construct_object(value, deep=True) or []
    if not isinstance(existing, list):
        raise yaml.YAMLError("sources: must be a list")
    before, after = text[: value.start_mark.index], text[value.end_mark.index :]
    block = _block([*existing, *items], 2)
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
