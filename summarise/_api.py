"""The one public entry point: ``summarise(text, ...) -> Digest``."""

from __future__ import annotations

from summarise.models import Digest
from summarise.sentences.extractive import ALGORITHMS, select
from summarise.text import prepare

__all__ = ["ALGORITHMS", "summarise"]


def summarise(
    text: str,
    *,
    title: str | None = None,
    sentences: int = 3,
    max_chars: int | None = None,
    algorithm: str = "default",
    actors: bool = True,
) -> Digest:
    """An extractive digest of one article: its best sentences in order, and who is involved.

    Raises ValueError for an unknown algorithm or when no text is left after cleaning.
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
    prepared = prepare(text)
    if not prepared.sentences:
        raise ValueError("no text to summarise")
    body, paragraphs = _unique(prepared.sentences, prepared.paragraph_index)
    chosen = select(
        algorithm,
        body,
        paragraphs,
        count=sentences,
        max_chars=max_chars,
        headings=([title] if title else []) + prepared.headings,
    )
    digest_title = title.strip() if title and title.strip() else prepared.title
    if not actors:
        return Digest(title=digest_title, sentences=chosen)
    from summarise.key_actors import read_actors

    found, attributions = read_actors(
        prepared.lines, title=digest_title, opens=prepared.opens, original=text
    )
    return Digest(title=digest_title, sentences=chosen, actors=found, attributions=attributions)


def _unique(sentences: list[str], paragraphs: list[int]) -> tuple[list[str], list[int]]:
    """Drop repeated sentences (pages often repeat a caption or pull quote)."""
    seen: set[str] = set()
    body: list[str] = []
    kept: list[int] = []
    for sentence, paragraph in zip(sentences, paragraphs, strict=True):
        key = sentence.casefold()
        if key not in seen:
            seen.add(key)
            body.append(sentence)
            kept.append(paragraph)
    return body, kept
