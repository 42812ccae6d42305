"""What the rule-based actor finder knows of a language: its function words, titles, name
particles, given names and speech verbs, and how common a word is in it (wordfreq).

English is the engine's own language (summarise.actors.lexicon); :func:`profile` gives the
same shape for German, Spanish, Dutch, French and any other code wordfreq knows (with only the
word frequencies and the shared given names for a language without lists of its own).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from summarise.actors.given_names import FEMALE, GIVEN_NAMES, MALE
from summarise.actors.language_words import (
    ARTICLES,
    FUNCTION_WORDS,
    GIVEN,
    PARTICLES,
    PRONOUNS,
    SPEECH,
    TITLE_ENDINGS,
    TITLES,
)
from summarise.actors.lexicon import TITLE_WORDS

__all__ = ["ENGLISH", "Language", "fold", "normalise_code", "profile"]

ENGLISH = "en"


def fold(word: str) -> str:
    """Lower-case without accents ("Präsident" -> "prasident")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _keys(word: str) -> tuple[str, ...]:
    """The forms a word is looked up by: as written, without accents, and without any letter
    outside ASCII (texts that lost their umlauts write "Prsident")."""
    low = word.lower()
    return (low, fold(low), "".join(c for c in low if c.isascii()), low.casefold())


def _index(items: frozenset[str]) -> frozenset[str]:
    return frozenset(k for item in items for k in _keys(item))


def normalise_code(code: str | None) -> str:
    """An ISO 639-1 code from "de", "DE", "de-AT" or "de_DE"; English when empty."""
    text = (code or "").strip().lower().replace("_", "-")
    return text.split("-")[0] or ENGLISH


@dataclass(frozen=True, slots=True)
class Language:
    """Lexicons of one language for finding people by rule."""

    code: str
    function_words: frozenset[str]
    articles: frozenset[str]
    particles: frozenset[str]
    titles: frozenset[str]
    title_endings: tuple[str, ...]
    given_names: frozenset[str]
    speech: dict[str, str]
    pronouns: dict[str, str]

    def is_function_word(self, word: str) -> bool:
        return any(k in self.function_words for k in _keys(word))

    def is_article(self, word: str) -> bool:
        return any(k in self.articles for k in _keys(word))

    def is_given_name(self, word: str) -> bool:
        """A common given name, or a hyphenated pair of them ("Karl-Heinz")."""
        parts = word.split("-")
        return all(any(k in self.given_names for k in _keys(p)) for p in parts if p) and bool(
            parts[0]
        )

    def is_title(self, word: str) -> bool:
        """A title or role word, a compound ending in one ("Innenminister") or one joined by a
        hyphen to what it is the title of ("CDU-Fraktionschef")."""
        low = word.lower().strip(".,;:")
        if any(k in self.titles or k + "." in self.titles for k in _keys(low)):
            return True
        tail = low.rsplit("-", 1)[-1]
        if tail != low and any(k in self.titles for k in _keys(tail)):
            return True
        return any(
            tail == end or (tail.endswith(end) and len(tail) > len(end) + 2)
            for end in self.title_endings
            for end in {end, fold(end), "".join(c for c in end if c.isascii())}
        )

    def zipf(self, word: str) -> float:
        """How common the lower-case word is in this language (wordfreq's Zipf scale, 0 for an
        unknown word), the highest of its looked-up forms."""
        table = _frequencies(self.code)
        best = max(table.get(k, 0.0) for k in _keys(word))
        return math.log10(best * 1e9) if best > 0 else 0.0


# Names cross borders (a Dutch report names Spanish riders): every list counts everywhere.
_ALL_GIVEN = _index(GIVEN_NAMES.union(FEMALE, MALE, *GIVEN.values()))


# English titles that news in other languages uses as they are ("Libero", "Manager", "Coach").
SHARED_TITLES = TITLE_WORDS


@lru_cache(maxsize=16)
def profile(code: str | None) -> Language:
    """The lexicons of language ``code`` (ISO 639-1); unknown codes get frequencies only."""
    key = normalise_code(code)
    return Language(
        code=key,
        function_words=_index(FUNCTION_WORDS.get(key, frozenset())),
        articles=_index(ARTICLES.get(key, frozenset())),
        particles=PARTICLES.get(key, frozenset()),
        titles=_index(
            TITLES.get(key, frozenset()) | (SHARED_TITLES if key != ENGLISH else frozenset())
        ),
        title_endings=TITLE_ENDINGS.get(key, ()),
        given_names=_ALL_GIVEN,
        speech=SPEECH.get(key, {}),
        pronouns=PRONOUNS.get(key, {}),
    )


@lru_cache(maxsize=8)
def _frequencies(code: str) -> dict[str, float]:
    """wordfreq's table for the language, also keyed by its accent-free and ASCII-only forms
    (empty when wordfreq has no list for it)."""
    import wordfreq

    try:
        table = wordfreq.get_frequency_dict(code, wordlist="best")
    except LookupError:
        return {}
    out: dict[str, float] = dict(table)
    for word, freq in table.items():
        keys = [] if word.isascii() else list(_keys(word)[1:3])
        if code == "de" and "ss" in word:
            keys.append(word.replace("ss", ""))  # wordfreq's "strasse" is "Straße", or "Strae"
        for key in keys:
            if out.get(key, 0.0) < freq:
                out[key] = freq
    return out
