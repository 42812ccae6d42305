"""A digest across several articles about one event: the best sentences, each said once.

The input is every article's own digest (already free of repeats within the article), with the
source of each sentence. A sentence ranks by its place in its article's digest (news puts the
main facts first, as in :mod:`summarise.sentences.ranking`), by how many other articles say much
the same (a fact several outlets report matters more), and by its form (captions and very long
run-ons are demoted, as in an article's own ranking). Picking then works like maximal marginal
relevance with a hard cut: a sentence whose content words were mostly said already, by a picked
sentence from another article or by something the reader was given before, is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarise.runons import is_fragment
from summarise.sentences.ranking import LONG_WORDS, POSITION_DECAY
from summarise.sentences.words import stemmer, stop_words

__all__ = ["REDUNDANT_SHARE", "SourcedSentence", "content_words", "is_redundant", "select_across"]

# Share of a sentence's content words already said that makes it a repeat (tests/engine/
# test_multidoc.py: paraphrases across outlets score 0.6-1.0, new facts on the same event < 0.4).
REDUNDANT_SHARE = 0.6
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SourcedSentence:
    """A sentence of one article's digest: its source, which article, where in the digest, and
    its language (an ISO 639-1 code)."""

    text: str
    source: str
    document: int
    position: int
    language: str = "en"


@lru_cache(maxsize=4096)
def content_words(sentence: str, language: str = "en") -> frozenset[str]:
    """Stemmed words of ``sentence`` without stop words, as ``language`` has them."""
    stem = stemmer(language)
    stops = stop_words(language)
    return frozenset(stem(word) for word in _WORD.findall(sentence.casefold()) if word not in stops)


def _said_share(words: frozenset[str], other: frozenset[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


def _repeats(
    text: str, words: frozenset[str], already: Sequence[tuple[str, frozenset[str]]]
) -> bool:
    if not words:
        key = text.strip().casefold()
        return any(key == other.strip().casefold() for other, _ in already)
    return any(_said_share(words, other) >= REDUNDANT_SHARE for _, other in already)


def is_redundant(sentence: str, already: Sequence[str], language: str = "en") -> bool:
    """Whether most of ``sentence``'s content words are in one of the ``already`` sentences."""
    words = content_words(sentence, language)
    return _repeats(sentence, words, [(t, content_words(t, language)) for t in already])


def _support(
    index: int, sentences: Sequence[SourcedSentence], words: Sequence[frozenset[str]]
) -> float:
    """How much the other articles say the same: per article, its closest sentence's overlap."""
    mine = words[index]
    if not mine:
        return 0.0
    best: dict[int, float] = {}
    for other, theirs in zip(sentences, words, strict=True):
        if other.document == sentences[index].document:
            continue
        overlap = len(mine & theirs) / len(mine | theirs) if theirs else 0.0
        best[other.document] = max(best.get(other.document, 0.0), overlap)
    return sum(best.values())


# How much less a caption or heading, and a run-on of more than LONG_WORDS words, count across
# articles (not fitted; bench/RESULTS.md, multidoc, shows the story digests with them).
FRAGMENT_FACTOR = 0.5
LONG_FACTOR = 0.6


def _form(sentence: str) -> float:
    """As in an article's own ranking: a caption or heading, or a very long run-on sentence, is
    rarely what a reader needs (and a long one takes much of a digest's room)."""
    factor = FRAGMENT_FACTOR if is_fragment(sentence) else 1.0
    return factor * (LONG_FACTOR if len(sentence.split()) > LONG_WORDS else 1.0)


def select_across(
    sentences: Sequence[SourcedSentence],
    *,
    count: int,
    covered: Sequence[str] = (),
    max_chars: int | None = None,
) -> list[SourcedSentence]:
    """Up to ``count`` sentences, none repeating another article's or a ``covered`` one.

    With ``max_chars``, a sentence that would take the chosen ones (joined by a space) past it
    is passed over for the next that fits. Returned in reading order: by article (first
    reported first), then by place in the digest.
    With a single article and nothing covered this is its digest's first ``count`` sentences.
    The cost grows with the square of the number of sentences: pass a few dozen, not thousands.
    """
    if count <= 0 or not sentences:
        return []
    words = [content_words(s.text, s.language) for s in sentences]
    # One article's digest already chose its sentences by their form: keep its order.
    several = len({s.document for s in sentences}) > 1
    scores = [
        (1.0 + _support(i, sentences, words))
        * (_form(s.text) if several else 1.0)
        / (1.0 + s.position) ** POSITION_DECAY
        for i, s in enumerate(sentences)
    ]
    ranking = sorted(
        range(len(sentences)),
        key=lambda i: (-scores[i], sentences[i].document, sentences[i].position),
    )
    # What the reader was given is compared in each candidate's own language.
    known = {
        language: [(text, content_words(text, language)) for text in covered]
        for language in {s.language for s in sentences}
    }
    picked: list[int] = []
    used = -1  # no separator before the first sentence
    for index in ranking:
        candidate = sentences[index]
        cost = len(candidate.text) + 1
        if max_chars is not None and used + cost > max_chars:
            continue
        others = [
            (sentences[j].text, words[j])
            for j in picked
            if sentences[j].document != candidate.document
        ]
        if _repeats(candidate.text, words[index], [*known[candidate.language], *others]):
            continue
        picked.append(index)
        used += cost
        if len(picked) == count:
            break
    return sorted((sentences[i] for i in picked), key=lambda s: (s.document, s.position))
