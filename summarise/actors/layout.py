"""People named by the layout of a text: bylines and lists of names (squads, line-ups)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.names import (
    Mention,
    clean_name,
    is_place,
    is_title_word,
    looks_like_person_name,
)

_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+(?:,\s*[A-Z][\w .]+)?\s+\d{4}-\d\d-\d\d\b")
_BYLINE = re.compile(r"^(?:By\s+|--\s*)?([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s*(?:,|$)")
_ITEM_SPLIT = re.compile(r"[,;]\s*|\s+(?:and|&)\s+")
_ITEM = re.compile(
    r"^(?:\d+\s*-\s*)?([A-Z][\w.'’-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w.'’-]*){0,3})"
    r"(?:\s*\([^)]*\)?)?(?:\s+\d[\w.-]*)*\s*\.?$"
)
_MIN_ITEMS = 3


def is_dateline(line: str) -> bool:
    """`LONDON 1996-12-06` or `AL-AIN, United Arab Emirates 1996-12-06`."""
    return bool(_DATELINE.match(line)) and len(line) < 80


def byline_mentions(sentences: Sequence[str], found: Sequence[Mention]) -> list[Mention]:
    """A lone name line near the top (or before a dateline), or `-- Name, Newsroom`."""
    out: list[Mention] = []
    for index, line in enumerate(sentences):
        nxt = sentences[index + 1] if index + 1 < len(sentences) else ""
        lone = index <= 2 or bool(_DATELINE.match(nxt))
        signed = line.startswith(("--", "By "))
        if not (lone or signed):
            continue
        match = _BYLINE.match(line)
        if match is None or (not signed and match.end() != len(line.rstrip())):
            continue
        name = clean_name(match.group(1))
        if len(name.split()) < 2 or is_place(name) or not looks_like_person_name(name):
            continue
        if is_title_word(name.split()[0]):
            continue  # "Italian Serie" split off "Italian Serie A games ..." is no byline
        if not signed and not _person_seen(found, index, match.start(1), match.end(1)):
            continue
        out.append(Mention(index, match.start(1), match.end(1), name, "person", True, True))
    return out


def _person_seen(found: Sequence[Mention], index: int, start: int, end: int) -> bool:
    return any(
        m.sent == index and m.kind == "person" and m.start < end and start < m.end for m in found
    )


def list_mentions(sentences: Sequence[str], found: Sequence[Mention]) -> list[Mention]:
    """In a list where most items are people, the other name-shaped items are people too."""
    people: dict[int, list[Mention]] = {}
    for m in found:
        if m.kind == "person":
            people.setdefault(m.sent, []).append(m)
    out: list[Mention] = []
    for index, line in enumerate(sentences):
        if line.count(",") + line.count(";") < _MIN_ITEMS - 1 and not _people_label(line):
            continue
        items = _items(line)
        if len(items) < (1 if _people_label(line) else _MIN_ITEMS):
            continue
        known = people.get(index, [])
        hits = sum(1 for s, e, _ in items if any(m.start < e and s < m.end for m in known))
        if hits * 2 < len(items) and not _people_label(line):
            continue
        for start, end, name in items:
            out.append(Mention(index, start, end, name, "person", True, True))
    return out


def _mask_parentheses(text: str) -> str:
    """Hide separators inside parentheses ("(Barcelona, Spain)") from the item split."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "("
        out.append("\x00" if depth and ch in ",;&" else ch)
        depth -= ch == ")" and depth > 0
    return "".join(out)


def _people_label(line: str) -> bool:
    """`Goalkeepers - A, B` or `Scorers: A, B`: the label says the items are people."""
    head = _LABEL.match(line)
    if head is None:
        return False
    return all(is_title_word(w) or w.lower() in _PEOPLE_LABELS for w in head.group(1).split())


_LABEL = re.compile(r"^([A-Za-z][A-Za-z -]{2,30}?)\s*(?:\s-\s|:)\s*[A-Z]")
_PEOPLE_LABELS = frozenset({"scorers", "scorer", "squad", "team", "teams", "players"})


def _items(line: str) -> list[tuple[int, int, str]]:
    """Name-shaped items of a comma list, after any `Label -` or `Label :` head."""
    head = re.match(r"^[^,:]{0,40}?(?:\s-\s|:\s*)", line)
    masked = _mask_parentheses(line)
    bounds = [head.end() if head else 0]
    for sep in _ITEM_SPLIT.finditer(masked, bounds[0]):
        bounds.extend((sep.start(), sep.end()))
    bounds.append(len(line))
    items: list[tuple[int, int, str]] = []
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        part = line[start:end]
        match = _ITEM.match(part.strip())
        if match is None:
            continue
        name = clean_name(match.group(1))
        at = start + part.find(match.group(1))
        if name and looks_like_person_name(name) and not is_place(name):
            items.append((at, at + len(match.group(1)), name))
    return items
