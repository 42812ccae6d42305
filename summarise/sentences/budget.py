"""Fitting chosen sentences into a sentence count and a character budget, readably."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.sentences.form import is_caption, needs_context

__all__ = ["ELLIPSIS", "fit_budget", "shorten"]

ELLIPSIS = "…"
# Sentences are shown joined by one space or newline.
_SEPARATOR = 1


def fit_budget(
    sentences: Sequence[str], ranking: Sequence[int], *, count: int, max_chars: int | None
) -> list[str]:
    """Best-ranked sentences that fit, in article order; one shortened sentence if none fits.

    A digest is read without the article around it, so it never shows a picture's caption and
    never opens on a sentence that leans on an earlier one ("But ...", "He added ..."); the
    article's own first sentence may always open it. When the article offers nothing else,
    the best-ranked sentences are used as they are.
    """
    eligible = [i for i in ranking if not is_caption(sentences[i])] or list(ranking)
    leaning = {i for i in eligible if i > 0 and needs_context(sentences[i])}
    skipped: set[int] = set()
    while True:
        chosen = _fill(sentences, [i for i in eligible if i not in skipped], count, max_chars)
        opener = min(chosen, default=None)
        if opener is None:
            # Nothing that fits stands on its own: keep the best as ranked.
            chosen = _fill(sentences, eligible, count, max_chars)
            break
        if opener not in leaning:
            break
        skipped.add(opener)
    if not chosen and ranking and max_chars is not None:
        return [shorten(sentences[ranking[0]], max_chars)]
    return [sentences[i] for i in sorted(chosen)]


def _fill(
    sentences: Sequence[str], ranking: Sequence[int], count: int, max_chars: int | None
) -> list[int]:
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
    return chosen


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
