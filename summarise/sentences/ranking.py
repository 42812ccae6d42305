"""The default ranker: LexRank centrality times a news position prior, minus redundancy.

A sentence's score is ``centrality ** c / (1 + position) ** d``, times a factor below 1 for
text that does not end like a sentence (a caption or heading left in the body) and one for
very long "sentences" (mostly glued captions or quote runs); maximal marginal relevance then
keeps a pick from repeating an earlier one. News puts its main facts first, so position weighs
most and centrality breaks ties between early sentences.

The five constants of :data:`DEFAULT_WEIGHTS` were chosen by cross-validation on the shared
CNN/DailyMail and XSum development sets: ``bench/fit_ranking.py`` picks them from a small grid
on one half and scores the other half, both ways; the shipped values are the same grid's best
on both halves together. Figures: bench/RESULTS.md ("Summaries").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarise.runons import is_fragment
from summarise.sentences.budget import fit_budget
from summarise.sentences.lexrank import centrality, similarity_matrix
from summarise.sentences.words import stemmer, stop_words
from summarise.text import OfflineTokenizer

__all__ = ["DEFAULT_WEIGHTS", "POSITION_DECAY", "Candidates", "RankingWeights", "candidates"]

# Beyond this many words a "sentence" is mostly glued captions or a run of quotes.
LONG_WORDS = 40
# Only the first picks need maximal marginal relevance; the budget rarely reaches further.
MMR_DEPTH = 8
# Centrality is divided by the article's largest, and floored so that a sentence sharing no
# word with the others (centrality 0) is still ranked by its position.
_CENTRALITY_FLOOR = 1e-3
# The lead prior of story digests (sentences/multidoc.py), which weigh sentences of several
# articles by position alone; single-article digests use DEFAULT_WEIGHTS.
POSITION_DECAY = 1.15

_TOKENIZER = OfflineTokenizer()


@dataclass(frozen=True, slots=True)
class RankingWeights:
    """The default ranker's constants (see the module docstring for the score)."""

    position_decay: float
    centrality: float
    fragment: float
    long: float
    redundancy: float


DEFAULT_WEIGHTS = RankingWeights(
    position_decay=1.0, centrality=1.0, fragment=0.5, long=0.6, redundancy=0.3
)


@dataclass(frozen=True, slots=True)
class Candidates:
    """An article's sentences with what the default ranker weighs: computed once, so that
    several weightings can be tried on them (``bench/fit_ranking.py`` does)."""

    sentences: list[str]
    centrality: list[float]
    fragment: list[bool]
    long: list[bool]
    similarity: Any

    def ranking(self, weights: RankingWeights = DEFAULT_WEIGHTS) -> list[int]:
        """Indices best first: weighted score, re-ranked to avoid repeating a fact."""
        scores = [
            c**weights.centrality
            / (1.0 + i) ** weights.position_decay
            * (weights.fragment if self.fragment[i] else 1.0)
            * (weights.long if self.long[i] else 1.0)
            for i, c in enumerate(self.centrality)
        ]
        return _mmr(scores, self.similarity, weights.redundancy)

    def choose(
        self,
        weights: RankingWeights = DEFAULT_WEIGHTS,
        *,
        count: int = 3,
        max_chars: int | None = None,
    ) -> list[str]:
        """The digest's sentences in article order (see :func:`fit_budget`)."""
        return fit_budget(self.sentences, self.ranking(weights), count=count, max_chars=max_chars)


def candidates(sentences: Sequence[str]) -> Candidates:
    """What the default ranker needs of ``sentences``: no parsing, one similarity matrix."""
    stem, stop = stemmer(), stop_words()
    words = [
        [stem(w) for w in (t.lower() for t in _TOKENIZER.to_words(s)) if w not in stop]
        for s in sentences
    ]
    similarity = similarity_matrix(words)
    central = centrality(similarity)
    if any(math.isnan(c) for c in central) or not central:
        # No two sentences share a content word: position alone decides.
        central = [1.0] * len(sentences)
    top = max(central) or 1.0
    return Candidates(
        sentences=list(sentences),
        centrality=[max(c / top, _CENTRALITY_FLOOR) for c in central],
        fragment=[is_fragment(s) for s in sentences],
        long=[len(s.split()) > LONG_WORDS for s in sentences],
        similarity=similarity,
    )


def _mmr(scores: Sequence[float], similarity: Any, redundancy: float) -> list[int]:
    """Maximal marginal relevance: each pick is penalised by its likeness to earlier picks."""
    import numpy

    score = numpy.asarray(scores, dtype=float)
    top = float(score.max(initial=0.0)) or 1.0
    gain = (1 - redundancy) * score / top
    repeat = numpy.zeros(len(score))  # each sentence's greatest likeness to a pick so far
    open_ = numpy.ones(len(score), dtype=bool)
    ranking: list[int] = []
    while open_.any() and len(ranking) < MMR_DEPTH:
        marginal = numpy.where(open_, gain - redundancy * repeat, -numpy.inf)
        best = int(marginal.argmax())  # the first of equals, as article order has it
        ranking.append(best)
        open_[best] = False
        repeat = numpy.maximum(repeat, similarity[:, best])
    # Beyond the first picks only the budget needs an order; plain scores suffice.
    rest = [i for i in numpy.argsort(-score, kind="stable").tolist() if open_[i]]
    return ranking + rest
