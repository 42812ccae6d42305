"""A story as keyword filters see it: folded, stemmed words and word pairs, built once.

Text is folded (case, then accents through NFKD) and cut into runs of letters and digits;
each word is reduced to its stem with the Snowball English stemmer that ships with NLTK (no
download). A story's words come from its title, digest sentences, actor names and aliases,
and its link's path. Nothing here is a regular expression built from user text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

from summarise.models import Actor

__all__ = [
    "FilterableStory",
    "StoryTerms",
    "contains_run",
    "fold",
    "index_story",
    "stem",
    "story_terms",
    "tokens",
    "with_pairs",
]

_TOKEN = re.compile(r"\w+")
_words = _TOKEN.findall
# Distinct words whose stems are kept (news vocabulary stays far below this).
MAX_STEMS = 500_000
# Between fields, so that a phrase never spans a title and a sentence.
_GAP = ""


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


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    from summarise.extractive import stemmer

    return stemmer()


class _StemCache(dict[str, str]):
    """Word -> stem, filled on first use: lookups of known words stay in C."""

    def __missing__(self, word: str) -> str:
        found = _stemmer()(word)
        if len(self) < MAX_STEMS:
            self[word] = found
        return found


_STEMS = _StemCache()
# A folded word's stem: "cycling" -> "cycl".
stem = _STEMS.__getitem__


@dataclass(frozen=True, slots=True)
class StoryTerms:
    """A story as filters see it, built once per story text."""

    # Stemmed words and word pairs ("central bank"): most terms are one lookup here.
    keys: frozenset[str]
    # The stemmed words in order, fields separated by "", for phrases of three words or more.
    sequence: tuple[str, ...]
    # The same for the folded (unstemmed) words of actors' names and aliases.
    actor_keys: frozenset[str]
    actor_names: tuple[tuple[str, ...], ...]


def with_pairs(words: Sequence[str]) -> list[str]:
    """The words, then each two neighbours as one key: a, b, c, "a b", "b c"."""
    return [*words, *map(" ".join, pairwise(words))]


def contains_run(haystack: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``run`` occurs as consecutive items of ``haystack``."""
    size, first, start = len(run), run[0], 0
    limit = len(haystack) - size
    while start <= limit:
        try:
            at = haystack.index(first, start, limit + 1)
        except ValueError:
            return False
        if all(haystack[at + i] == run[i] for i in range(1, size)):
            return True
        start = at + 1
    return False


class FilterableStory(Protocol):
    """What filters read of a story (``bot.digests.StoryRow`` has it); id 0: not stored."""

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
    title: str, sentences: Sequence[str], names: Sequence[Sequence[str]], url: str
) -> StoryTerms:
    """Tokenise a story once: title, sentences, actor names and the words of its URL path
    (news sites put the section and headline there: /sport/cycling/...)."""
    flat_names = [name for group in names for name in group]
    fields = [title, *sentences, *flat_names, _url_path(url)]
    # One fold for the whole story; no field keeps a newline, so they split apart again.
    folded = fold("\n".join(text.replace("\n", " ") for text in fields)).split("\n")
    first_name, after_names = 1 + len(sentences), 1 + len(sentences) + len(flat_names)
    keys: set[str] = set()
    sequence: list[str] = []
    actor_keys: set[str] = set()
    actor_names: list[tuple[str, ...]] = []
    for number, text in enumerate(folded):
        raw = _words(text)
        words = list(map(stem, raw))
        keys.update(words)
        keys.update(map(" ".join, pairwise(words)))
        sequence += words
        sequence.append(_GAP)
        if first_name <= number < after_names and raw:
            actor_names.append(tuple(raw))
            actor_keys.update(raw)
            actor_keys.update(map(" ".join, pairwise(raw)))
    return StoryTerms(frozenset(keys), tuple(sequence), frozenset(actor_keys), tuple(actor_names))


# Story id -> (what the story said when indexed, its terms): a digest run meets the same
# stories in many chats, so each is tokenised once and later found by id.
_BY_ID: dict[int, tuple[str, list[str], int, str, StoryTerms]] = {}
MAX_CACHED = 20_000


def story_terms(story: FilterableStory) -> StoryTerms:
    """The story's terms, computed once per story text."""
    summary = story.summary if isinstance(story.summary, list) else list(story.summary)
    cached = _BY_ID.get(story.id) if story.id else None
    # Summaries and actors are rewritten together, so their count guards the actors too.
    if (
        cached is not None
        and cached[0] == story.title
        and cached[1] == summary
        and cached[2] == len(story.actors)
        and cached[3] == story.url
    ):
        return cached[4]
    names = [(actor.name, *actor.aliases) for actor in story.actors]
    terms = index_story(story.title, summary, names, story.url)
    if story.id:
        if len(_BY_ID) >= MAX_CACHED:
            _BY_ID.clear()
        _BY_ID[story.id] = (story.title, list(summary), len(story.actors), story.url, terms)
    return terms
