"""The words sentences are compared by: sumy's stemmer and stop words for a language, offline.

Stemmers are NLTK's Snowball ones (they ship with NLTK: no download) or sumy's own; stop words
are sumy's bundled lists, and a short Dutch list of our own (sumy has none). A language with no
stemmer is compared by whole words, and one with no list keeps every word: no English rule is
ever applied to another language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

__all__ = ["STEMMED", "STOP_LISTED", "stemmer", "stop_words"]

# ISO 639-1 code -> the language's name for sumy and NLTK.
_NAMES = {
    "ar": "arabic",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "he": "hebrew",
    "hu": "hungarian",
    "it": "italian",
    "ja": "japanese",
    "ko": "korean",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sv": "swedish",
    "th": "thai",
    "uk": "ukrainian",
    "zh": "chinese",
}
# Languages with a stemmer that needs nothing beyond NLTK and sumy.
STEMMED = frozenset(
    "ar cs da de en es fi fr hu it nb nl no pt ro ru sk sv uk".split()  # noqa: SIM905
)
# Languages with a stop-word list.
STOP_LISTED = frozenset(
    "ar cs de el en es fr he it ja ko nl pl pt sk sv th uk zh".split()  # noqa: SIM905
)
_STEM_CACHE = 1 << 16

# Dutch function words (sumy ships no Dutch list).
_DUTCH = """aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen
door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iets ik
in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat
onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd
wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou"""


def _name(language: str) -> str:
    return _NAMES.get(language, "")


@lru_cache(maxsize=32)
def stemmer(language: str = "en") -> Callable[[str], str]:
    """sumy's stemmer for ``language`` (an ISO 639-1 code), remembering its answers: articles
    repeat their words, and Snowball is slow. A language without one leaves words as they are."""
    if language not in STEMMED:
        return _unchanged
    from sumy.nlp.stemmers import Stemmer

    stem: Callable[[str], str] = lru_cache(maxsize=_STEM_CACHE)(Stemmer(_name(language)))
    return stem


def _unchanged(word: str) -> str:
    return word


@lru_cache(maxsize=32)
def stop_words(language: str = "en") -> frozenset[str]:
    """The stop words of ``language`` (an ISO 639-1 code); none for a language without a list."""
    if language == "nl":
        return frozenset(_DUTCH.split())
    if language not in STOP_LISTED:
        return frozenset()
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words(_name(language)))
