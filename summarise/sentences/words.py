"""The words sentences are compared by: sumy's English stemmer and stop words, both offline."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

__all__ = ["stemmer", "stop_words"]


@lru_cache(maxsize=1)
def stemmer() -> Callable[[str], str]:
    """sumy's English stemmer (NLTK's Snowball, which ships with NLTK: no download), remembering
    its answers: articles repeat their words, and Snowball is slow."""
    from sumy.nlp.stemmers import Stemmer

    english: Callable[[str], str] = lru_cache(maxsize=_STEM_CACHE)(Stemmer("english"))
    return english


_STEM_CACHE = 1 << 16


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """sumy's bundled English stop words (no download)."""
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))
