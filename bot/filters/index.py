"""Keyword filters over many chats at once: an inverted index of the stories a digest run sees.

Each story gets a position; each stemmed word (and each actor-name word) maps to the positions
of the stories that have it. A term becomes a bitmap of stories (a Python int) once per
distinct term and is shared by every chat: a word is one lookup, a phrase the AND of its
words' bitmaps with the phrase then searched for only in those stories. A chat's decision is
then a few big-int operations: ``everything & ~exclude & include``. Matching is exactly
:meth:`bot.filters.match.Term.matches` (the tests compare both ways).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Hashable, Sequence
from datetime import datetime
from functools import reduce
from itertools import compress, repeat
from operator import or_
from typing import TypeVar

from bot.filters.match import ChatFilters, FilterableStory, StoryTerms, Term, story_terms

__all__ = ["StoryIndex", "bit_positions", "run_index"]

S = TypeVar("S", bound=FilterableStory)
# bin() text, read from the lowest bit, turned into bytes 0 and 1 (kept) or 1 and 0 (hidden).
_KEPT = bytes.maketrans(b"01", b"\x00\x01")
_HIDDEN = bytes.maketrans(b"01", b"\x01\x00")
# Up to this many positions a bitmap is built by shifts, beyond it through a bytearray.
_FEW = 16


def _bitmap(positions: Sequence[int]) -> int:
    """Positions (ascending) -> an int with those bits set."""
    if len(positions) <= _FEW:
        mask = 0
        for position in positions:
            mask |= 1 << position
        return mask
    buffer = bytearray(positions[-1] // 8 + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def bit_positions(mask: int) -> list[int]:
    """The set bits of ``mask``, lowest first: ``0b1010`` -> ``[1, 3]``."""
    bits = bin(mask)[:1:-1]
    found: list[int] = []
    position = bits.find("1")
    while position >= 0:
        found.append(position)
        position = bits.find("1", position + 1)
    return found


def _unstored_key(key: tuple[object, ...], story: FilterableStory) -> tuple[object, ...]:
    """A story not stored (id 0): nothing vouches that the same text has the same actors."""
    return (*key, *(name for a in story.actors for name in (a.name, *a.aliases)))


class StoryIndex:
    """Stories -> positions, words -> positions, and terms -> bitmaps, growing as stories come.

    A term's bitmap is kept with the number of stories it covers and extended to new ones
    only. Thread-safe: one lock around each :meth:`split`.
    """

    def __init__(self, stories: Sequence[FilterableStory] = ()) -> None:
        self._positions: dict[Hashable, int] = {}
        self._terms: list[StoryTerms] = []
        # Per language (ISO 639-1): stemmed word -> positions of the stories in that language.
        self._words: defaultdict[str, defaultdict[str, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._actor_words: defaultdict[str, list[int]] = defaultdict(list)
        self._masks: dict[tuple[str, tuple[str, ...]], tuple[int, int]] = {}
        self._lock = threading.Lock()
        self.locate(stories)

    def __len__(self) -> int:
        return len(self._terms)

    @property
    def everything(self) -> int:
        """The bitmap of every story indexed."""
        return (1 << len(self._terms)) - 1

    def locate(self, stories: Sequence[FilterableStory]) -> list[int]:
        """Each story's position, indexing the ones not seen yet (in the order given)."""
        found: list[int] = []
        known = self._positions.get
        for story in stories:
            # What its terms are made of (as story_terms checks): a story loaded for another
            # chat's sources can pool other sentences, so it gets its own position.
            key = (story.id, story.title, story.url, len(story.actors), *story.summary)
            if not story.id:
                key = _unstored_key(key, story)
            position = known(key)
            if position is None:
                position = self._add(key, story_terms(story))
            found.append(position)
        return found

    def _add(self, key: Hashable, terms: StoryTerms) -> int:
        position = len(self._terms)
        self._terms.append(terms)
        self._positions[key] = position
        # A story has a hundred words or more: appended from C, not in a Python loop.
        words = self._words[terms.language].__getitem__
        deque(map(list.append, map(words, terms.words), repeat(position)), 0)
        postings = map(self._actor_words.__getitem__, terms.actor_words)
        deque(map(list.append, postings, repeat(position)), 0)
        return position

    def _word_mask(self, term: Term, word: str, start: int, language: str = "en") -> int:
        if term.kind == "actor":
            postings = self._actor_words.get(word)
        else:
            postings = self._words[language].get(word) if language in self._words else None
        if not postings:
            return 0
        return _bitmap(postings[bisect_left(postings, start) :])

    def _match(self, term: Term, start: int) -> int:
        """The bitmap of stories from position ``start`` on that ``term`` matches."""
        if term.kind == "actor":
            return self._match_in(term, start, "en")
        # Each language's stories are matched with the term stemmed as that language stems.
        return reduce(or_, (self._match_in(term, start, lang) for lang in self._words), 0)

    def _match_in(self, term: Term, start: int, language: str) -> int:
        tokens = term.tokens_in(language)
        if term.is_single:
            return self._word_mask(term, tokens[0], start, language)
        # A phrase is searched for only in the stories that have all its words.
        candidates = -1
        for word in sorted(set(tokens), key=len, reverse=True):
            candidates &= self._word_mask(term, word, start, language)
            if not candidates:
                return 0
        actor, needle, mask = term.kind == "actor", term.needle_in(language), 0
        for position in bit_positions(candidates):
            terms = self._terms[position]
            if needle in (terms.actor_text if actor else terms.text):
                mask |= 1 << position
        return mask

    def term_mask(self, term: Term) -> int:
        """The stories ``term`` matches, computed once per distinct term and index size."""
        size = len(self._terms)
        key = (term.key, term.folded)
        covered, mask = self._masks.get(key, (0, 0))
        if covered < size:
            mask |= self._match(term, covered)
            self._masks[key] = (size, mask)
        return mask

    def passing(self, filters: ChatFilters) -> int:
        """The bitmap of indexed stories that pass the chat's filters."""
        keep = self.everything
        if filters.exclude:
            keep &= ~reduce(or_, map(self.term_mask, filters.exclude))
        if filters.include:
            keep &= reduce(or_, map(self.term_mask, filters.include))
        return keep

    def split(self, filters: ChatFilters, stories: Sequence[S]) -> tuple[list[S], list[S]]:
        """Like :meth:`ChatFilters.split`: the stories that pass, and those hidden, in order."""
        if filters.is_empty:
            return list(stories), []
        with self._lock:
            positions = self.locate(stories)
            keep = self.passing(filters)
            size = len(self._terms)
        flags = bin(keep)[:1:-1].ljust(size, "0").encode()
        kept = flags.translate(_KEPT).__getitem__
        hidden = flags.translate(_HIDDEN).__getitem__
        return (
            list(compress(stories, map(kept, positions))),
            list(compress(stories, map(hidden, positions))),
        )


_RUN: tuple[datetime, StoryIndex] | None = None
_RUN_LOCK = threading.Lock()


def run_index(now: datetime) -> StoryIndex:
    """The index shared by the chats of one digest run (all planned at the same ``now``);
    the next run starts a new one, so a run's index lives until the next run."""
    global _RUN
    with _RUN_LOCK:
        if _RUN is None or _RUN[0] != now:
            _RUN = (now, StoryIndex())
        return _RUN[1]
