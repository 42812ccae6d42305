"""Words that identify a news story: title, lead and named actors, with their general rarity.

An English article's words are plain words. Another language's common words are written
``"de:regierung"``, so they can only meet words of the same language, while the names it
mentions ("merkel") stay plain: articles in different languages share a story only through the
names they agree on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

__all__ = ["LEAD_WORDS", "NAME_GAP", "background_probability", "story_terms", "terms"]

# The lead paragraph carries the event; later paragraphs drift into background.
LEAD_WORDS = 40
# Probability given to words missing from the general frequency list (new names, typos).
UNKNOWN_WORD_PROBABILITY = 1e-8

# A capitalised word of another language is a name, not a noun or a sentence's first word, when
# general text in that language uses it at most this many Zipf units (powers of ten) more often
# than English does: "Merkel" is about as common in both, "Regierung" is 4 units rarer in English.
NAME_GAP = 2.0

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’.-]+(?:\s+(?:[A-Z][a-zA-Z'’.-]+|de|van|von|al|bin))*")
_ANY_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|[\"“‘(]\s*)$")

# Function words, and the reporting verbs of headlines, name no event.
_STOP_WORDS = frozenset(
    """
    a about above after again against all also am amid an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up upon very via vs was we were what when where which while who whom whose
    why will with would you your yours yourself yourselves us may might must shall
    says said say new s t
    """.split()  # noqa: SIM905 - a word list reads better as words
)


def _stem(word: str) -> str:
    """Fold plural and possessive forms so 'stocks' and 'stock's' meet 'stock'."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The content words of ``text``, lower-cased and stemmed, in order."""
    found = []
    for raw in _WORD.findall(text.lower()):
        if raw in _STOP_WORDS:
            continue
        word = _stem(raw)
        if len(word) < 2 or word in _STOP_WORDS:
            continue
        found.append(word)
    return found


def _lead(text: str) -> str:
    words = text.split()
    return " ".join(words[:LEAD_WORDS])


def _named_actors(text: str) -> list[str]:
    """Capitalised names not at a sentence start: people, organisations, places."""
    names = []
    for match in _NAME.finditer(text):
        if _SENTENCE_START.search(text[: match.start()]) and " " not in match.group():
            continue  # a lone capitalised word opening a sentence is not evidence of a name
        names.append(match.group())
    return names


def story_terms(title: str, text: str = "", language: str = "en") -> Counter[str]:
    """Counted words that identify the event: the title, the lead, and the actors named.

    With no text, the title alone. Actors named anywhere in the text add each of their words
    once, so a long article weighs no more than its title, lead and cast. For a language other
    than English, see the module's docstring.
    """
    if language != "en":
        return _foreign_terms(title, text, language)
    counted = Counter(terms(title))
    if not text.strip():
        return counted
    counted.update(terms(_lead(text)))
    actor_words = {word for name in _named_actors(text) for word in terms(name)}
    counted.update(word for word in actor_words if word not in counted)
    return counted


def _foreign_terms(title: str, text: str, language: str) -> Counter[str]:
    """story_terms of an article in ``language``: its own words marked, its names plain."""
    lead = f"{title}\n{_lead(text)}" if text.strip() else title
    found = _ANY_WORD.findall(f"{title}\n{text}")
    names = {word.casefold().replace("’", "'") for word in found if word[0].isupper()}
    names = {word for word in names if _is_name(word, language)}
    counted: Counter[str] = Counter()
    for raw in _ANY_WORD.findall(lead.casefold()):
        word = raw.replace("’", "'")
        if len(word) < 2 or word.isdigit():
            continue
        counted[_stem(word) if word in names else f"{language}:{word}"] += 1
    # A name is written as English text writes it (terms() folds "Siemens" to "siemen").
    named = {_stem(word) for word in names}
    counted.update(word for word in named if word not in counted)
    return counted


@lru_cache(maxsize=50_000)
def _is_name(word: str, language: str) -> bool:
    """Whether a capitalised ``word`` of ``language`` text is a name shared across languages."""
    if len(word) < 3 or word in _STOP_WORDS:
        return False
    return _zipf(word, language) - _zipf(word, "en") <= NAME_GAP


def _zipf(word: str, language: str) -> float:
    """wordfreq's Zipf frequency of one word, read from its list (wordfreq's own lookup would
    tokenise, which needs MeCab or jieba for Japanese, Korean and Chinese); 0 when unlisted."""
    found = _frequencies(language).get(word, 0.0)
    return math.log10(found) + 9 if found > 0 else 0.0


@lru_cache(maxsize=64)
def _frequencies(language: str = "en") -> dict[str, float]:
    import wordfreq

    if language not in wordfreq.available_languages(wordlist="best"):
        return {}
    return wordfreq.get_frequency_dict(language, wordlist="best")


@lru_cache(maxsize=200_000)
def background_probability(term: str) -> float:
    """How often ``term`` (or its plural) occurs in general English text; for a marked word
    ("de:regierung"), how often it occurs in general text of its language."""
    language, marked, word = term.partition(":")
    if marked and len(language) == 2:
        return max(_frequencies(language).get(word, 0.0), UNKNOWN_WORD_PROBABILITY)
    frequencies = _frequencies()
    if any(character.isdigit() for character in term):
        import wordfreq

        found = wordfreq.word_frequency(term, "en")
    else:
        found = max(frequencies.get(term, 0.0), frequencies.get(term + "s", 0.0))
    return max(found, UNKNOWN_WORD_PROBABILITY)
