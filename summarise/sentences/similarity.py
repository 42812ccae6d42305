"""How alike two sentences are: LexRank's idf-modified cosine, for all pairs at once.

The words are sumy's (stemmed, stop words out), the tf a word's count over the sentence's
largest count, and the idf ``log(n / (1 + sentences with the word))``, as sumy's LexRank has
them; sumy compares every pair in Python, here the whole matrix is one product in numpy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

__all__ = ["similarity_matrix"]


def similarity_matrix(sentence_words: Sequence[Sequence[str]]) -> Any:
    """The idf-modified cosine of every pair of sentences (a numpy array, n x n); a sentence
    without content words is like nothing, itself included."""
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
    return unit @ unit.T
