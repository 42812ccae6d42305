"""The default ranker: centrality times a news position prior, minus redundancy.

A sentence's centrality is the sum of its likeness to every other sentence of the article
(LexRank's idf-modified cosine, summed without LexRank's threshold and power iteration: on the
development sets this degree ranked better on held-out halves than LexRank's eigenvector, and
costs less). Its score is ``centrality / (1 + position) ** decay``, times a factor below 1 for
very long "sentences" (mostly glued captions or quote runs); maximal marginal relevance then
keeps a pick from repeating an earlier one. News puts its main facts first, so position weighs
most and centrality breaks ties between early sentences. Captions and sentences that lean on an
earlier one are kept out of a digest's choice or its opening by rule (sentences/budget.py), not
by weight.

The three constants of :data:`DEFAULT_WEIGHTS` were chosen by cross-validation on the shared
CNN/DailyMail and XSum development sets: ``bench/fit_ranking.py`` picks them from a small grid
on one half and scores the other half, both ways; the shipped values are the same grid's best
on both halves together. Figures: bench/RESULTS.md ("Summaries").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarise.sentences.budget import fit_budget
from summarise.sentences.form import is_caption
from summarise.sentences.similarity import similarity_matrix
from summarise.sentences.words import stemmer, stop_words
from summarise.text import OfflineTokenizer

__all__ = ["DEFAULT_WEIGHTS", "POSITION_DECAY", "Candidates", "RankingWeights", "candidates"]

# Beyond this many words a "sentence" is mostly glued captions or a run of quotes; how much
# less it counts is fitted (RankingWeights.long), where "long" begins is not.
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

    # score ~ 1 / (1 + position) ** position_decay: how fast later sentences fade
    position_decay: float
    # factor for a sentence of more than LONG_WORDS words
    long: float
    # maximal marginal relevance: 0 ignores repetition, 1 weighs only novelty
    redundancy: float


# Fitted by bench/fit_ranking.py on both halves of cnndm_dev and xsum_dev (each half alone gave
# the same values); held-out figures in bench/RESULTS.md.
DEFAULT_WEIGHTS = RankingWeights(position_decay=1.5, long=0.35, redundancy=0.3)


@dataclass(frozen=True, slots=True)
class Candidates:
    """An article's sentences with what the default ranker weighs: computed once, so that
    several weightings can be tried on them (``bench/fit_ranking.py`` does)."""

    sentences: list[str]
    centrality: list[float]
    long: list[bool]
    # Captions are never chosen (sentences/budget.py), so they must not crowd out, through
    # redundancy, the sentences they repeat.
    caption: list[bool]
    similarity: Any

    def ranking(self, weights: RankingWeights = DEFAULT_WEIGHTS) -> list[int]:
        """Indices best first: weighted score, re-ranked to avoid repeating a fact."""
        scores = [
            c / (1.0 + i) ** weights.position_decay * (weights.long if self.long[i] else 1.0)
            for i, c in enumerate(self.centrality)
        ]
        return _mmr(scores, self.similarity, weights.redundancy, self.caption)

    def choose(
        self,
        weights: RankingWeights = DEFAULT_WEIGHTS,
        *,
        count: int = 3,
        max_chars: int | None = None,
    ) -> list[str]:
        """The digest's sentences in article order (see :func:`fit_budget`)."""
        return fit_budget(self.sentences, self.ranking(weights), count=count, max_chars=max_chars)


def candidates(sentences: Sequence[str], language: str = "en") -> Candidates:
    """What the default ranker needs of ``sentences``: no parsing, one similarity matrix;
    words stemmed and stop words dropped as ``language`` (an ISO 639-1 code) has them."""
    stem, stop = stemmer(language), stop_words(language)
    words = [
        [stem(w) for w in (t.lower() for t in _TOKENIZER.to_words(s)) if w not in stop]
        for s in sentences
    ]
    similarity = similarity_matrix(words)
    degree = similarity.sum(axis=1) - similarity.diagonal()
    top = float(degree.max(initial=0.0)) or 1.0
    return Candidates(
        sentences=list(sentences),
        centrality=[max(float(c) / top, _CENTRALITY_FLOOR) for c in degree],
        long=[len(s.split()) > LONG_WORDS for s in sentences],
        caption=[is_caption(s) for s in sentences],
        similarity=similarity,
    )


def _mmr(
    scores: Sequence[float], similarity: Any, redundancy: float, last: Sequence[bool]
) -> list[int]:
    """Maximal marginal relevance: each pick is penalised by its likeness to earlier picks;
    sentences marked ``last`` come after all others, by score."""
    import numpy

    score = numpy.asarray(scores, dtype=float)
    open_ = ~numpy.asarray(last, dtype=bool)
    top = float(score[open_].max(initial=0.0)) or 1.0
    gain = (1 - redundancy) * score / top
    repeat = numpy.zeros(len(score))  # each sentence's greatest likeness to a pick so far
    ranking: list[int] = []
    while open_.any() and len(ranking) < MMR_DEPTH:
        marginal = numpy.where(open_, gain - redundancy * repeat, -numpy.inf)
        best = int(marginal.argmax())  # the first of equals, as article order has it
        ranking.append(best)
        open_[best] = False
        repeat = numpy.maximum(repeat, similarity[:, best])
    # Beyond the first picks only the budget needs an order; plain scores suffice.
    rest = [i for i in numpy.argsort(-score, kind="stable").tolist() if i not in ranking]
    return ranking + sorted(rest, key=lambda i: bool(last[i]))
