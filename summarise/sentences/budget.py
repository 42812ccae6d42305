"""Fitting chosen sentences into a sentence count and a character budget."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["ELLIPSIS", "fit_budget", "shorten"]

ELLIPSIS = "…"
# Sentences are shown joined by one space or newline.
_SEPARATOR = 1


def fit_budget(
    sentences: Sequence[str], ranking: Sequence[int], *, count: int, max_chars: int | None
) -> list[str]:
    """Best-ranked sentences that fit, in article order; one shortened sentence if none fits."""
    chosen: list[int] = []
    used = 0
    for index in ranking:
        if len(chosen) >= count:
            break
        cost = len(sentences[index]) + (_SEPARATOR if chosen else 0)
        if max_chars is not None and used + cost > max_chars:
            continue
        chosen.append(index)
        used += cost
    if not chosen and ranking and max_chars is not None:
        return [shorten(sentences[ranking[0]], max_chars)]
    return [sentences[i] for i in sorted(chosen)]


def shorten(sentence: str, max_chars: int) -> str:
    """Cut ``sentence`` at a word boundary so that it and an ellipsis fit in ``max_chars``."""
    if len(sentence) <= max_chars:
        return sentence
    if max_chars <= len(ELLIPSIS):
        return ELLIPSIS[:max_chars]
    room = max_chars - len(ELLIPSIS)
    cut = sentence[: room + 1]
    space = cut.rfind(" ")
    head = cut[:space] if space > 0 else sentence[:room]
    return head.rstrip(" ,;:–—-") + ELLIPSIS
