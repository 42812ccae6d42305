"""Keyword filters: literal terms matched as whole words against a tokenised story.

No user text is ever compiled as a regular expression: a term becomes a tuple of words, a
story a set of words and word pairs (:mod:`bot.filterwords`), and matching is set membership
plus, for phrases of three words or more, a linear scan. Words are folded and stemmed, so
``cycle`` matches "cycling" and "cycles" but not "bicycle". ``actor:`` terms match only the
names and aliases of a story's actors, unstemmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from bot.errors import InputError
from bot.filterwords import (
    FilterableStory,
    StoryTerms,
    contains_run,
    fold,
    index_story,
    stem,
    story_terms,
    tokens,
    with_pairs,
)

__all__ = [
    "MAX_TERMS",
    "MAX_TERM_CHARS",
    "ChatFilters",
    "FilterError",
    "FilterableStory",
    "StoryTerms",
    "Term",
    "TermKind",
    "fold",
    "index_story",
    "parse_term",
    "parse_terms",
    "story_terms",
    "tokens",
]

MAX_TERMS = 50
MAX_TERM_CHARS = 100
ACTOR_PREFIX = "actor:"
# Straight and typographic double quotes (phones often replace " with “ ” or « »).
QUOTES = frozenset('"“”„«»')

TermKind = Literal["word", "actor"]
S = TypeVar("S", bound="FilterableStory")


class FilterError(InputError):
    """A filter term cannot be used; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    """One filter term: a word, a phrase (several words in a row), or an actor's name."""

    kind: TermKind
    text: str
    tokens: tuple[str, ...]
    # The term's words and word pairs, as in StoryTerms keys (for phrases of 3+ words).
    pairs: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pairs", frozenset(with_pairs(self.tokens)))

    @property
    def key(self) -> str:
        """Equal for terms that match the same stories (``Cycle`` and ``cycling``)."""
        return f"{self.kind}:{' '.join(self.tokens)}"

    @property
    def label(self) -> str:
        """The term as the user would type it again."""
        quoted = any(ch.isspace() or ch == "," for ch in self.text)
        body = f'"{self.text}"' if quoted else self.text
        return ACTOR_PREFIX + body if self.kind == "actor" else body

    @property
    def is_short(self) -> bool:
        """One or two words: matched by a single lookup of :attr:`lookup`."""
        return len(self.tokens) <= 2

    @property
    def lookup(self) -> str:
        return " ".join(self.tokens)

    def matches(self, story: StoryTerms) -> bool:
        actor = self.kind == "actor"
        keys = story.actor_keys if actor else story.keys
        if self.is_short:
            return self.lookup in keys
        if not keys.issuperset(self.pairs):
            return False
        if actor:
            return any(contains_run(name, self.tokens) for name in story.actor_names)
        return contains_run(story.sequence, self.tokens)


def _make_term(raw: str) -> Term:
    text = " ".join(raw.split())
    kind: TermKind = "word"
    if text.casefold().startswith(ACTOR_PREFIX):
        kind, text = "actor", text[len(ACTOR_PREFIX) :].strip()
        if not text:
            raise FilterError('actor: needs a name, e.g. actor:Lagarde or actor:"Keir Starmer".')
    if len(text) > MAX_TERM_CHARS:
        raise FilterError(
            f"A filter term can be at most {MAX_TERM_CHARS} characters; "
            f'"{text[:30]}…" has {len(text)}.'
        )
    folded = tokens(text)
    if not folded:
        raise FilterError(f'"{text}" has no letters or digits to match.')
    words = tuple(folded) if kind == "actor" else tuple(stem(token) for token in folded)
    return Term(kind, text, words)


def _split(text: str) -> list[str]:
    """Terms separated by spaces or commas; "double quotes" keep a phrase together."""
    items: list[str] = []
    current: list[str] = []
    quoted = in_quote = False
    for char in text:
        if in_quote:
            if char in QUOTES:
                in_quote = False
            else:
                current.append(char)
        elif char in QUOTES:
            in_quote = quoted = True
        elif char.isspace() or char == ",":
            if current or quoted:
                items.append("".join(current))
            current, quoted = [], False
        else:
            current.append(char)
    if in_quote:
        raise FilterError('A quote is not closed: put a phrase in "double quotes".')
    if current or quoted:
        items.append("".join(current))
    return items


def parse_terms(text: str) -> list[Term]:
    """``cycle "central bank" actor:"Keir Starmer"`` -> three terms, duplicates dropped."""
    found: dict[str, Term] = {}
    for raw in _split(text):
        if not raw.strip():
            raise FilterError('An empty "" is not a term; put words between the quotes.')
        term = _make_term(raw)
        found.setdefault(term.key, term)
    return list(found.values())


def parse_term(text: str) -> Term:
    """One term as written in a config list item: quotes optional, spaces make a phrase."""
    return _make_term("".join(char for char in text if char not in QUOTES))


def _short_words(terms: Iterable[Term], kind: TermKind) -> frozenset[str]:
    return frozenset(t.lookup for t in terms if t.is_short and t.kind == kind)


def _long(terms: Iterable[Term]) -> tuple[Term, ...]:
    return tuple(t for t in terms if not t.is_short)


class ChatFilters:
    """A chat's filters: a story passes if it matches any include (or there are none) and no
    exclude. Terms of one or two words are grouped into one set per list, so a story is
    checked with one set operation per list whatever the number of terms."""

    __slots__ = (
        "_ex_actors",
        "_ex_long",
        "_ex_words",
        "_in_actors",
        "_in_long",
        "_in_words",
        "exclude",
        "include",
    )

    def __init__(self, include: Sequence[Term] = (), exclude: Sequence[Term] = ()) -> None:
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        self._in_words = _short_words(self.include, "word")
        self._in_actors = _short_words(self.include, "actor")
        self._in_long = _long(self.include)
        self._ex_words = _short_words(self.exclude, "word")
        self._ex_actors = _short_words(self.exclude, "actor")
        self._ex_long = _long(self.exclude)

    def __repr__(self) -> str:
        return f"ChatFilters(include={self.include!r}, exclude={self.exclude!r})"

    @property
    def is_empty(self) -> bool:
        return not (self.include or self.exclude)

    def passes(self, story: StoryTerms) -> bool:
        if not self._ex_words.isdisjoint(story.keys):
            return False
        if self._ex_actors and not self._ex_actors.isdisjoint(story.actor_keys):
            return False
        if self._ex_long and any(term.matches(story) for term in self._ex_long):
            return False
        if not self.include or not self._in_words.isdisjoint(story.keys):
            return True
        if self._in_actors and not self._in_actors.isdisjoint(story.actor_keys):
            return True
        return any(term.matches(story) for term in self._in_long)

    def split(self, stories: Iterable[S]) -> tuple[list[S], list[S]]:
        """The stories that pass, and those the filters hide, each in the order given."""
        kept: list[S] = []
        hidden: list[S] = []
        if self.is_empty:
            return list(stories), hidden
        passes = self.passes
        for story in stories:
            if passes(story_terms(story)):
                kept.append(story)
            else:
                hidden.append(story)
        return kept, hidden
