"""What a capitalised word is in a language other than English, and what stands beside it:
a surname-shaped word or a word of the language (common, a noun of this text, a compound, an
adjective of a place), a title before a name, a speech verb beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from summarise.actors.languages import Language, profile
from summarise.actors.lexicon import HONORIFICS
from summarise.actors.names import is_place
from summarise.tokens import Token

__all__ = [
    "COMMON_ZIPF",
    "COMPOUND_TAIL",
    "ENGLISH_ZIPF",
    "PARTICLE_AFTER_GIVEN",
    "TextWords",
    "rare",
    "speech_beside",
    "titled",
]

# A capitalised word whose lower-case form is at least this common in the language (wordfreq
# Zipf scale) is a word of the language, not a surname, unless a given name comes before it.
# Chosen by two-fold cross-validation on news documents (bench/people.py reports both halves).
COMMON_ZIPF = 4.0
# Words this common in English are English words even in another language's text.
ENGLISH_ZIPF = 4.5
# A German or Dutch word ending in a common noun at least this long is a compound noun;
# chosen on the halves as COMMON_ZIPF was.
COMPOUND_TAIL = 6
# Languages whose particles open a surname only after given names ("Koen Van de Steene").
PARTICLE_AFTER_GIVEN = frozenset({"de", "nl"})


class TextWords(NamedTuple):
    """What the whole text says about its capitalised words."""

    nouns: set[str]  # put after an article somewhere: nouns and names of things
    genitives: set[str]  # German genitives of a name the text also uses ("Husseins")


def rare(word: str, lang: Language, seen: TextWords) -> bool:
    """Shaped like a surname: not a function word, title, honorific, noun of this text, place
    or common word of the language (or of English), nor a compound with a common part."""
    low = word.lower()
    if lang.is_function_word(word) or lang.is_title(word) or low in HONORIFICS:
        return False
    if low in seen.nouns or is_place(word) or (word.isupper() and len(word) > 1):
        return False
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1:
        return all(p[:1].isupper() and rare(p, lang, seen) for p in parts) or all(
            lang.is_given_name(p) for p in parts
        )
    if lang.zipf(word) >= COMMON_ZIPF or _compound(low, lang) or _place_adjective(word, lang):
        return False
    return not (word.isascii() and lang.code != "en" and _english_zipf(low) >= ENGLISH_ZIPF)


def _compound(word: str, lang: Language) -> bool:
    """German and Dutch join nouns into one word: one that ends in a common noun of the
    language ("Taunusstraße", "Stadtparlament", "Kinderziekenhuis") is a noun too."""
    if lang.code not in PARTICLE_AFTER_GIVEN or len(word) < COMPOUND_TAIL + 3:
        return False
    return any(
        lang.zipf(word[cut:]) >= COMMON_ZIPF for cut in range(3, len(word) - COMPOUND_TAIL + 1)
    )


def _place_adjective(word: str, lang: Language) -> bool:
    """Adjectives of places, capitalised in German and Dutch: "Frankfurter", "Prager" (a
    place and "-er"), "Gentse", "Roemeense" (a word of the language ending in "-se")."""
    low = word.lower()
    if lang.code == "de" and low.endswith("er") and len(low) > 4:
        return is_place(word[:-2]) or is_place(word[:-3])
    if lang.code == "nl" and low.endswith(("se", "sche")) and len(low) > 4:
        return lang.zipf(word) > 0
    return False


def _english_zipf(word: str) -> float:
    return profile("en").zipf(word)


def titled(tokens: Sequence[Token], k: int, lang: Language) -> bool:
    """A title or honorific right before the name ("Trainer Weber", "presidente Aznar"), or
    a person's age before a given name ("der 14jährige Ali", "de 23-jarige Tine")."""
    if k == 0 or tokens[k - 1].gap.strip():
        return False
    before = tokens[k - 1].text
    age = _AGED.get(lang.code)
    if age is not None and age.search(before.lower()) and lang.is_given_name(tokens[k].text):
        return True
    return lang.is_title(before) or before.lower() in HONORIFICS


# "14jährige", "sechsjährigen", "35-jährige" (and "14jhrige" where umlauts were lost): a noun
# can follow ("der 38jährige Familienvater"), so only a given name counts after it.
_AGED = {
    "de": re.compile(r"[\w-]j(?:ä|ae|a)?hrige[nrm]?$"),
    "nl": re.compile(r"[\w-]jarige$"),
}


def speech_beside(tokens: Sequence[Token], start: int, end: int, lang: Language) -> bool:
    """A speech verb of the language just after the name or just before it ("sagte Weber",
    "Goossens zei", "según Aznar")."""
    after = [t.text.lower() for t in tokens[end : end + 2]]
    before = [t.text.lower() for t in tokens[max(0, start - 2) : start]]
    return bool(
        (after and (after[0] in lang.speech or " ".join(after) in lang.speech))
        or (before and (before[-1] in lang.speech or " ".join(before) in lang.speech))
    )
