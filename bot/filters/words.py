"""A story as keyword filters see it: its folded, stemmed words, built once per story text.

Text is folded (case, then accents through NFKD) and cut into runs of letters and digits;
each word is reduced to its stem with the Snowball stemmer of the story's language that ships
with NLTK (no download); a language without one keeps whole words. A story's words come
from its title, digest sentences, actor names and aliases, and its link's path. Nothing here
is a regular expression built from user text: a phrase is found with a plain substring search
for its words between spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Protocol

from summarise import Actor

__all__ = [
    "FilterableStory",
    "StoryTerms",
    "fold",
    "index_story",
    "phrase_needle",
    "stem",
    "stem_in",
    "story_language",
    "story_terms",
    "tokens",
]

_TOKEN = re.compile(r"\w+")
_words = _TOKEN.findall
# Distinct words whose stems are kept (news vocabulary stays far below this).
MAX_STEMS = 500_000
# Between fields, so that a phrase never spans a title and a sentence ("|" is never a word).
_FIELD_GAP = " | "


@lru_cache(maxsize=1)
def _mark_remover() -> dict[int, None]:
    # Nonspacing marks of the Basic Multilingual Plane: what NFKD splits off accented letters.
    return {cp: None for cp in range(0x10000) if unicodedata.category(chr(cp)) == "Mn"}


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``Zürich`` -> ``zurich``, ``STRASSE`` = ``straße``."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return unicodedata.normalize("NFKD", folded).translate(_mark_remover())


def tokens(text: str) -> list[str]:
    """The folded words of ``text``: runs of letters and digits."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=32)
def _stemmer(language: str = "en") -> Callable[[str], str]:
    from summarise import stemmer

    return stemmer(language)


class _StemCache(dict[str, str]):
    """Word -> stem in one language, filled on first use: lookups of known words stay in C."""

    def __init__(self, language: str = "en") -> None:
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> str:
        found = _stemmer(self.language)(word)
        if len(self) < MAX_STEMS:
            self[word] = found
        return found


_STEMS = _StemCache()
# A folded word's English stem: "cycling" -> "cycl".
stem = _STEMS.__getitem__
_STEMS_BY_LANGUAGE: dict[str, _StemCache] = {"en": _STEMS}


def _cache(language: str) -> _StemCache:
    cache = _STEMS_BY_LANGUAGE.get(language)
    if cache is None:
        cache = _STEMS_BY_LANGUAGE.setdefault(language, _StemCache(language))
    return cache


def stem_in(word: str, language: str) -> str:
    """A folded word's stem in ``language`` (ISO 639-1): "zeitungen" -> "zeitung" in German."""
    return _cache(language)[word]


def story_language(story: object) -> str:
    """The language a story is written in (``language`` attribute, when it has one), else en."""
    language = getattr(story, "language", None)
    return language if isinstance(language, str) and language else "en"


@dataclass(frozen=True, slots=True)
class StoryTerms:
    """A story as filters see it (a few KB), built once per story text."""

    # Its stemmed words: a one-word term is one lookup here.
    words: frozenset[str]
    # The same words in order, space-separated with " | " between fields, for phrases.
    text: str
    # The folded (unstemmed) words of actors' names and aliases, and each name as above.
    actor_words: frozenset[str]
    actor_text: str
    # The language its words were stemmed in (ISO 639-1).
    language: str = "en"


def phrase_needle(words: Sequence[str]) -> str:
    """What a phrase looks like inside :attr:`StoryTerms.text`: ``" central bank "``."""
    return f" {' '.join(words)} "


class FilterableStory(Protocol):
    """What filters read of a story (``bot.digest.plan.StoryRow`` has it); id 0: not stored."""

    @property
    def id(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def url(self) -> str: ...

    @property
    def summary(self) -> Sequence[str]: ...

    @property
    def actors(self) -> Sequence[Actor]: ...


def _url_path(url: str) -> str:
    """``https://site/sport/cycling/x?utm=1`` -> ``sport/cycling/x``."""
    return url.partition("://")[2].partition("/")[2].partition("?")[0].partition("#")[0]


def index_story(
    title: str,
    sentences: Sequence[str],
    names: Sequence[Sequence[str]],
    url: str,
    language: str = "en",
) -> StoryTerms:
    """Tokenise a story once: title, sentences, actor names and the words of its URL path
    (news sites put the section and headline there: /sport/cycling/...), stemmed as
    ``language`` (ISO 639-1) stems its words."""
    flat_names = [name for group in names for name in group]
    fields = [title, *sentences, *flat_names, _url_path(url)]
    # One fold for the whole story; no field keeps a newline, so they split apart again.
    folded = fold("\n".join(text.replace("\n", " ") for text in fields)).split("\n")
    raw = [_words(text) for text in folded]
    stems = stem if language == "en" else _stems_in(language)
    stemmed = [list(map(stems, words)) for words in raw]
    text = f" {_FIELD_GAP.join(map(' '.join, stemmed))} "
    actors = [words for words in raw[1 + len(sentences) : -1] if words]
    actor_text = f" {_FIELD_GAP.join(map(' '.join, actors))} "
    # The sets hold the stem cache's own strings: shared between stories, not copied.
    words = frozenset(chain(*stemmed))
    return StoryTerms(words, text, frozenset(chain(*actors)), actor_text, language)


def _stems_in(language: str) -> Callable[[str], str]:
    return _cache(language).__getitem__


# Story id -> (what the story said when indexed, its terms): a digest run meets the same
# stories in many chats, so each is tokenised once and later found by id.
_BY_ID: dict[int, tuple[str, list[str], int, str, str, StoryTerms]] = {}
MAX_CACHED = 20_000


def story_terms(story: FilterableStory) -> StoryTerms:
    """The story's terms, computed once per story text."""
    summary = story.summary if isinstance(story.summary, list) else list(story.summary)
    language = story_language(story)
    cached = _BY_ID.get(story.id) if story.id else None
    # Summaries and actors are rewritten together, so their count guards the actors too.
    if (
        cached is not None
        and cached[0] == story.title
        and cached[1] == summary
        and cached[2] == len(story.actors)
        and cached[3] == story.url
        and cached[4] == language
    ):
        return cached[5]
    names = [(actor.name, *actor.aliases) for actor in story.actors]
    terms = index_story(story.title, summary, names, story.url, language)
    if story.id:
        if len(_BY_ID) >= MAX_CACHED:
            _BY_ID.clear()
        entry = (story.title, list(summary), len(story.actors), story.url, language, terms)
        _BY_ID[story.id] = entry
    return terms
