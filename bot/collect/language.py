"""The language of each fetched article: the source's pinned one, else detected from its text
with the feed's declared language as a hint (never taken on trust alone)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.models import FetchedEntry
from summarise import detect_language

__all__ = ["decide_languages"]


def decide_languages(entries: Iterable[FetchedEntry], pinned: str | None = None) -> None:
    """Set each entry's ``language`` to an ISO 639-1 code: ``pinned`` when the source pins one,
    else the language its text is in, the feed's declaration breaking a near tie."""
    for entry in entries:
        if pinned is not None:
            entry.language = pinned
        else:
            sample = f"{entry.title}\n{entry.text}" if entry.title else entry.text
            entry.language = detect_language(sample, hint=entry.language)
