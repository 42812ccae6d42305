"""The default ranker: sumy's LexRank centrality with a news position prior, minus redundancy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summarise.extractive import _stemmer, stop_words

__all__ = ["default_ranking"]

POSITION_DECAY = 1.0
CENTRALITY_WEIGHT = 1.0
REDUNDANCY = 0.3
MMR_DEPTH = 8


def default_ranking(document: Any, sentences: Sequence[str]) -> list[int]:
    """Indices best first: centrality x position prior, re-ranked to avoid repeating a fact."""
    from sumy.summarizers.lex_rank import LexRankSummarizer

    lexrank = LexRankSummarizer(_stemmer())
    lexrank.stop_words = stop_words()
    words = [lexrank._to_words_set(s) for s in document.sentences]
    tf = lexrank._compute_tf(words)
    idf = lexrank._compute_idf(words)
    matrix = lexrank._create_matrix(words, lexrank.threshold, tf, idf)
    centrality = list(lexrank.power_method(matrix, lexrank.epsilon))
    top = max(centrality) or 1.0
    scores = [
        ((c / top) ** CENTRALITY_WEIGHT) / (1.0 + i) ** POSITION_DECAY
        for i, c in enumerate(centrality)
    ]

    def similarity(a: int, b: int) -> float:
        return float(lexrank.cosine_similarity(words[a], words[b], tf[a], tf[b], idf))

    return _mmr(scores, similarity)


def _mmr(scores: Sequence[float], similarity: Any) -> list[int]:
    """Maximal marginal relevance: each pick is penalised by its likeness to earlier picks."""
    remaining = list(range(len(scores)))
    ranking: list[int] = []
    top = max(scores) or 1.0
    while remaining and len(ranking) < MMR_DEPTH:
        best = max(
            remaining,
            key=lambda i: (
                (1 - REDUNDANCY) * scores[i] / top
                - REDUNDANCY * max((similarity(i, j) for j in ranking), default=0.0)
            ),
        )
        ranking.append(best)
        remaining.remove(best)
    # Beyond the first picks only the budget needs an order; plain scores suffice.
    return ranking + sorted(remaining, key=lambda i: -scores[i])
