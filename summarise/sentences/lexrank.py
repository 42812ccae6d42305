"""LexRank (Erkan and Radev, 2004) as sumy computes it, with one similarity matrix in numpy.

sumy's LexRank compares every pair of sentences in Python, and a ranker that also weighs
redundancy compares them again; here the idf-modified cosine of all pairs is one matrix product,
and both uses read it. The centrality is sumy's: same words (stemmed, stop words out), same tf
(count over the sentence's largest count), idf log(n / (1 + sentences with the word)), links
above a cosine of 0.1, and the power method stopped at a step below 0.1.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

__all__ = ["centrality", "similarity_matrix"]

THRESHOLD = 0.1
EPSILON = 0.1


def similarity_matrix(sentence_words: Sequence[Sequence[str]]) -> Any:
    """The idf-modified cosine of every pair of sentences (a numpy array, n x n)."""
    import numpy

    n = len(sentence_words)
    counts = [Counter(words) for words in sentence_words]
    vocabulary: dict[str, int] = {}
    for sentence in counts:
        for term in sentence:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = numpy.zeros((n, max(len(vocabulary), 1)))
    if vocabulary:
        holders = numpy.zeros(len(vocabulary))
        for row, sentence in enumerate(counts):
            top = max(sentence.values(), default=1)
            for term, count in sentence.items():
                column = vocabulary[term]
                matrix[row, column] = count / top
                holders[column] += 1
        matrix *= numpy.log(n / (1.0 + holders))
    norms = numpy.sqrt((matrix * matrix).sum(axis=1))
    norms[norms == 0] = math.inf
    unit = matrix / norms[:, None]
    similarity = unit @ unit.T
    return similarity


def centrality(similarity: Any) -> list[float]:
    """Each sentence's LexRank centrality from :func:`similarity_matrix`; NaN when no two
    sentences share a content word and the article has several sentences."""
    import numpy

    n = len(similarity)
    links = (similarity > THRESHOLD).astype(float)
    degrees = links.sum(axis=1)
    degrees[degrees == 0] = 1
    transition = (links / degrees[:, None]).T
    vector = numpy.full(n, 1.0 / n)
    with numpy.errstate(all="ignore"):
        step = 1.0
        while step > EPSILON:
            following = transition @ vector
            following /= numpy.linalg.norm(following)
            step = float(numpy.linalg.norm(following - vector))
            vector = following
    return [float(value) for value in vector]
