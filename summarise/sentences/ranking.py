"""The default ranker: sumy's LexRank centrality with a news position prior, minus redundancy.

News puts its main facts first, so position weighs most; centrality breaks ties between early
sentences, captions and run-on paragraphs are demoted, and maximal marginal relevance keeps a
second sentence from repeating the first. Figures behind each constant: bench/RESULTS.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from summarise.runons import is_fragment
from summarise.sentences.words import stemmer, stop_words

__all__ = ["default_ranking"]

POSITION_DECAY = 1.15
# A caption or heading left in the body is rarely what a reader needs first.
FRAGMENT_FACTOR = 0.5
# Very long "sentences" are mostly glued captions or quote runs, and crowd out the rest.
LONG_WORDS = 40
LONG_FACTOR = 0.6
REDUNDANCY = 0.3
MMR_DEPTH = 8


def default_ranking(document: Any, sentences: Sequence[str], *, language: str = "en") -> list[int]:
    """Indices best first: centrality x position prior, re-ranked to avoid repeating a fact;
    words compared as ``language`` (an ISO 639-1 code) stems them."""
    import numpy
    from sumy.summarizers.lex_rank import LexRankSummarizer

    lexrank = LexRankSummarizer(stemmer(language))
    lexrank.stop_words = stop_words(language)
    words = [lexrank._to_words_set(s) for s in document.sentences]
    tf = lexrank._compute_tf(words)
    idf = lexrank._compute_idf(words)
    matrix = lexrank._create_matrix(words, lexrank.threshold, tf, idf)
    with numpy.errstate(all="ignore"):
        centrality = [float(c) for c in lexrank.power_method(matrix, lexrank.epsilon)]
    if any(math.isnan(c) for c in centrality):
        # No two sentences share a content word: position alone decides.
        centrality = [1.0] * len(centrality)
    top = max(centrality) or 1.0
    scores = [
        (c / top) / (1.0 + i) ** POSITION_DECAY * _form(sentences[i])
        for i, c in enumerate(centrality)
    ]

    def similarity(a: int, b: int) -> float:
        return float(lexrank.cosine_similarity(words[a], words[b], tf[a], tf[b], idf))

    return _mmr(scores, similarity)


def _form(sentence: str) -> float:
    """How much a sentence looks like a digest line rather than a caption or a run-on."""
    factor = 1.0
    if is_fragment(sentence):
        factor *= FRAGMENT_FACTOR
    if len(sentence.split()) > LONG_WORDS:
        factor *= LONG_FACTOR
    return factor


def _mmr(scores: Sequence[float], similarity: Callable[[int, int], float]) -> list[int]:
    """Maximal marginal relevance: each pick is penalised by its likeness to earlier picks."""
    remaining = list(range(len(scores)))
    ranking: list[int] = []
    top = max(scores) or 1.0
    repeat = [0.0] * len(scores)  # each sentence's greatest likeness to a pick so far

    def gain(i: int) -> float:
        return (1 - REDUNDANCY) * scores[i] / top - REDUNDANCY * repeat[i]

    while remaining and len(ranking) < MMR_DEPTH:
        best = max(remaining, key=gain)
        ranking.append(best)
        remaining.remove(best)
        if len(ranking) < MMR_DEPTH:
            for i in remaining:
                repeat[i] = max(repeat[i], similarity(i, best))
    # Beyond the first picks only the budget needs an order; plain scores suffice.
    return ranking + sorted(remaining, key=lambda i: -scores[i])
