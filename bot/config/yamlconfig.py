"""Read YAML into plain data while remembering the line of every key, for precise error messages.

``${VAR}`` and ``${VAR:-default}`` in string values are filled in from an injected mapping.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

import yaml
from pydantic_core import ErrorDetails, core_schema
from yaml.constructor import ConstructorError, SafeConstructor

__all__ = ["KeyPath", "YamlDocument", "data_loc", "describe_error", "format_key", "parse_yaml"]

KeyPath = tuple[str | int, ...]

_VARIABLE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_ONLY_VARIABLE = re.compile(r"^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$")
# Anchors and aliases can multiply a small file into a huge tree; a real config is far below this.
_MAX_NODES = 100_000
# Deeper nesting is no config (and would exhaust the parser's recursion).
_MAX_DEPTH = 64
_OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken)
_OPENING_FLOW = (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_PYDANTIC_KINDS = frozenset(get_args(core_schema.ErrorType))


def format_key(loc: Sequence[str | int]) -> str:
    """``("sources", 3, "every")`` -> ``sources[3].every``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class YamlDocument:
    """Plain data from a YAML file plus the 1-based line where each key path starts."""

    source: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    flagged: set[KeyPath] = field(default_factory=set)  # key paths a problem is about

    def is_flagged(self, loc: Sequence[str | int]) -> bool:
        """Whether a problem was already reported at ``loc`` or a key path above it."""
        return any(tuple(loc[:n]) in self.flagged for n in range(len(loc) + 1))

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The line of the longest prefix of ``loc`` present in the file (1 if none is)."""
        key = tuple(loc)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def where(self, loc: Sequence[str | int]) -> str:
        return f"{self.source}:{self.line_of(loc)}"


class _Reader:
    def __init__(self, doc: YamlDocument, environ: Mapping[str, str] | None) -> None:
        self.doc = doc
        self.environ = environ
        self.constructor = SafeConstructor()
        self.nodes = 0

    def convert(self, node: yaml.Node, loc: KeyPath) -> Any:
        self.nodes += 1
        if self.nodes > _MAX_NODES:
            raise _TooLarge
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        try:
            value = self.constructor.construct_object(node, deep=True)
        except ConstructorError as exc:
            self._problem(loc, f"cannot read this value: {exc.problem}")
            return None
        if isinstance(value, str) and self.environ is not None:
            return self._interpolate(value, loc)
        return value

    def _mapping(self, node: yaml.MappingNode, loc: KeyPath) -> dict[str, Any]:
        self.constructor.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.constructor.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                self._problem(loc, f"key {key!r} on line {line} must be a word such as url")
                continue
            if key in first_line:
                where = format_key((*loc, key))
                self.doc.problems.append(
                    f"{self.doc.source}:{line} {where}: appears twice (also line "
                    f"{first_line[key]}); keep only one"
                )
                continue
            first_line[key] = line
            self.doc.lines[(*loc, key)] = line
            out[key] = self.convert(value_node, (*loc, key))
        return out

    def _interpolate(self, value: str, loc: KeyPath) -> str | None:
        assert self.environ is not None
        environ = self.environ
        missing: list[str] = []

        def substitute(match: re.Match[str]) -> str:
            if match.group(0) == "$$":
                return "$"
            name, default = match.group(1), match.group(2)
            if name in environ:
                return environ[name]
            if default is not None:
                return default
            missing.append(name)
            return ""

        result = _VARIABLE.sub(substitute, value)
        for name in missing:
            self._problem(
                loc,
                f"environment variable {name} is not set; export {name}=... "
                f"or write ${{{name}:-default}}",
            )
        # A value that is only `${VAR:-}` and comes out empty means "not set".
        if result == "" and _ONLY_VARIABLE.match(value):
            return None
        return result

    def _problem(self, loc: KeyPath, message: str) -> None:
        self.doc.flagged.add(loc)
        key = format_key(loc) or "(top level)"
        self.doc.problems.append(f"{self.doc.where(loc)} {key}: {message}")


class _TooLarge(Exception):
    pass


def parse_yaml(text: str, source: str, *, environ: Mapping[str, str] | None) -> YamlDocument:
    """Parse ``text`` safely; problems (syntax, duplicates, unset variables) go to ``.problems``.

    ``environ`` None leaves ``${...}`` untouched (used when editing the file itself).
    """
    doc = YamlDocument(source=source, data=None)
    try:
        too_deep = _too_deep(text)
        if too_deep is not None:
            doc.problems.append(
                f"{source}:{too_deep} lists or mappings nest more than {_MAX_DEPTH} deep here; "
                "check the brackets"
            )
            return doc
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        doc.problems.append(
            f"{source}:{line} the file holds the control character U+{code:04X}, which YAML "
            "does not allow; remove it"
        )
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "invalid YAML"
        doc.problems.append(
            f"{source}:{line} YAML syntax error: {problem}; check the indentation and quoting "
            "on this line and the one before"
        )
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(f"{source}:1 cannot read YAML: {exc}")
        return doc
    if node is None:
        return doc
    try:
        doc.data = _Reader(doc, environ).convert(node, ())
    except RecursionError:
        doc.problems.append(f"{source}:1 lists or mappings nest too deep; check the brackets")
        doc.data = None
    except _TooLarge:
        doc.problems.append(
            f"{source}:1 the file expands to more than {_MAX_NODES} values "
            "(anchors and aliases?); write it out plainly"
        )
        doc.data = None
    return doc


def _too_deep(text: str) -> int | None:
    """The line where lists and mappings first nest deeper than _MAX_DEPTH, or None."""
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, _OPENING + _OPENING_FLOW):
            depth += 1
            if depth > _MAX_DEPTH:
                return int(token.start_mark.line) + 1
        elif isinstance(token, _CLOSING):
            depth -= 1
    return None


def data_loc(loc: Sequence[str | int], data: Any) -> KeyPath:
    """Keep the part of a validation error location that walks through ``data``.

    Pydantic adds union and type tags (``int``, ``function-after[...]``) that are not keys.
    """
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            out.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            out.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif node is None and isinstance(part, str) and not _is_tag(part):
            out.append(part)  # a missing key: name it even though it is not in the data
        # other parts are pydantic's union/type tags: skip them
    return tuple(out)


def _is_tag(part: str) -> bool:
    return "[" in part or part in {"int", "str", "float", "bool", "none", "list", "dict"}


def describe_error(err: ErrorDetails, doc: YamlDocument, *, known_keys: Sequence[str]) -> str:
    """One line for one pydantic error: ``file:line key: what is wrong; what to do``.

    Custom errors (PydanticCustomError) carry a finished message; ``ctx["at"]`` may re-point them.
    """
    kind = err["type"]
    ctx = err.get("ctx") or {}
    loc = tuple(ctx["at"]) if "at" in ctx else data_loc(err["loc"], doc.data)
    key = format_key(loc) or "(top level)"
    where = doc.where(loc)
    if kind == "missing":
        return f"{where} {key}: is required; add it"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), known_keys, n=1)
        hint = f"did you mean {close[0]}?" if close else "remove it or check the spelling"
        return f"{where} {key}: unknown key; {hint}"
    if kind == "literal_error":
        return f"{where} {key}: {_shown(err['input'])} is not one of {ctx.get('expected')}"
    if kind not in _PYDANTIC_KINDS:
        return f"{where} {key}: {err['msg']}"
    message = err["msg"][:1].lower() + err["msg"][1:]
    return f"{where} {key}: {message} (got {_shown(err['input'])})"


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
