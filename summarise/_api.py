"""The one public entry point: ``summarise(text, ...) -> Digest``."""

from __future__ import annotations

from summarise.languages import check_language, detect_language
from summarise.models import Digest, NoTextError
from summarise.sentences.extractive import ALGORITHMS, LEAD_WINDOW, select
from summarise.sentences.ranking import DEFAULT_WEIGHTS, Candidates, RankingWeights, candidates
from summarise.text import prepare

__all__ = ["ALGORITHMS", "MAX_TEXT_CHARS", "digest_candidates", "summarise"]

# Only this much of an article is read at all: about 16,000 words, several times the longest
# news article (a typical one is 3-8 KB). A 5 MB feed description or page is summarised from
# its first 100 KB, so every input is digested in seconds (bench/RESULTS.md, "Bounds").
MAX_TEXT_CHARS = 100_000
# Finding actors and who said what costs more than linear time on dense text (a 100 KB run of
# names without full stops takes half a minute), so they read the lead lines up to this many
# characters: three times the longest news article we measured (6 KB), which is read whole.
ACTOR_CHARS = 20_000


def summarise(
    text: str,
    *,
    title: str | None = None,
    sentences: int = 3,
    max_chars: int | None = None,
    algorithm: str = "default",
    actors: bool = True,
    weights: RankingWeights = DEFAULT_WEIGHTS,
    language: str | None = None,
) -> Digest:
    """An extractive digest of one article: its best sentences in order, and who is involved.

    ``language`` is the article's ISO 639-1 code ("en", "de"); None detects it from the text.
    Sentences are split, stemmed and stripped of stop words as that language has them; a
    language without such rules is split by punctuation and compared by whole words.
    Only the first :data:`MAX_TEXT_CHARS` of ``text`` are read. ``weights`` are the default
    ranker's constants (the shipped ones unless a benchmark tries others). Raises ValueError
    for an unknown algorithm or language, and NoTextError (a ValueError) when no text is left
    after cleaning.
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
    text = cap_text(text)
    lang = detect_language(text) if language is None else check_language(language)
    prepared = prepare(text, lang)
    if not prepared.sentences:
        raise NoTextError("no text to summarise")
    body, paragraphs = _unique(prepared.sentences, prepared.paragraph_index)
    chosen = select(
        algorithm,
        body,
        paragraphs,
        count=sentences,
        max_chars=max_chars,
        headings=([title] if title else []) + prepared.headings,
        weights=weights,
        language=lang,
    )
    digest_title = title.strip() if title and title.strip() else prepared.title
    if not actors:
        return Digest(title=digest_title, sentences=chosen, language=lang)
    from summarise.key_actors import read_actors

    lines = _lead_lines(prepared.lines, ACTOR_CHARS)
    found, attributions = read_actors(
        lines,
        title=digest_title,
        opens=prepared.opens[: len(lines)],
        original=text,
        language=lang,
    )
    return Digest(
        title=digest_title,
        sentences=chosen,
        actors=found,
        attributions=attributions,
        language=lang,
    )


def digest_candidates(text: str) -> Candidates:
    """The sentences the default digest of ``text`` chooses from, with what its ranker weighs
    (``.choose(weights, count=...)`` gives the digest): for trying weightings quickly."""
    prepared = prepare(cap_text(text))
    body, _ = _unique(prepared.sentences, prepared.paragraph_index)
    return candidates(body[:LEAD_WINDOW])


def cap_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters, at a line break or space when one is near."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for mark in ("\n", " "):
        cut = head.rfind(mark)
        if cut >= limit // 2:
            return head[:cut]
    return head


def _lead_lines(lines: list[str], limit: int) -> list[str]:
    """The first of ``lines`` whose lengths add up to at most ``limit``; a first line longer
    than that (text without full stops) is cut to it."""
    used = 0
    for count, line in enumerate(lines):
        used += len(line)
        if used > limit:
            return lines[:count] if count else [cap_text(line, limit)]
    return lines


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
