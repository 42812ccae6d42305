"""Keyword filters: literal terms matched as whole words against a tokenised story.

No user text is ever compiled as a regular expression: a term becomes a tuple of words, a
story a set of words and a string of them (:mod:`bot.filters.words`), and matching is set
membership plus, for phrases, a plain substring search. Words are folded and stemmed, so
``cycle`` matches "cycling" and "cycles" but not "bicycle"; a term is stemmed as each story's
language stems its words ("Zeitung" matches "Zeitungen" in a German story). ``actor:`` terms
match only the names and aliases of a story's actors, unstemmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from bot.errors import InputError
from bot.filters.words import (
    FilterableStory,
    StoryTerms,
    fold,
    index_story,
    phrase_needle,
    stem,
    stem_in,
    story_terms,
    tokens,
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
    # Its words as an English story has them (stemmed, but for actor terms).
    tokens: tuple[str, ...]
    # Its folded words, unstemmed: stemmed again for a story in another language.
    folded: tuple[str, ...] = field(default=(), repr=False, compare=False)
    # How a phrase appears in StoryTerms.text (or actor_text): its words between spaces.
    needle: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needle", phrase_needle(self.tokens))

    def tokens_in(self, language: str) -> tuple[str, ...]:
        """Its words as a story in ``language`` (ISO 639-1) has them."""
        if language == "en" or self.kind == "actor" or not self.folded:
            return self.tokens
        return tuple(stem_in(word, language) for word in self.folded)

    def needle_in(self, language: str) -> str:
        """:attr:`needle` for a story in ``language``."""
        if language == "en" or self.kind == "actor" or not self.folded:
            return self.needle
        return phrase_needle(self.tokens_in(language))

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
    def is_single(self) -> bool:
        """One word: matched by one set lookup (phrases by a substring search)."""
        return len(self.tokens) == 1

    def matches(self, story: StoryTerms) -> bool:
        actor = self.kind == "actor"
        words = story.actor_words if actor else story.words
        tokens = self.tokens_in(story.language)
        if self.is_single:
            return tokens[0] in words
        # Only a story with every word of the phrase is searched for the phrase itself.
        if not words.issuperset(tokens):
            return False
        return self.needle_in(story.language) in (story.actor_text if actor else story.text)


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
    return Term(kind, text, words, tuple(folded))


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


class _TermSet:
    """One list of terms, grouped so that most stories are decided by one or two set
    operations: one-word terms in a set, and phrases behind a gate of their longest words."""

    __slots__ = ("actor_gate", "actor_words", "gate", "phrases", "words")

    def __init__(self, terms: Sequence[Term], language: str = "en") -> None:
        single = [t for t in terms if t.is_single]
        self.words = frozenset(t.tokens_in(language)[0] for t in single if t.kind == "word")
        self.actor_words = frozenset(t.tokens[0] for t in single if t.kind == "actor")
        self.phrases = tuple(t for t in terms if not t.is_single)
        # A phrase matches only a story with all its words; the longest is usually the rarest.
        gates = [(t.kind, max(t.tokens_in(language), key=len)) for t in self.phrases]
        self.gate = frozenset(word for kind, word in gates if kind == "word")
        self.actor_gate = frozenset(word for kind, word in gates if kind == "actor")

    def any_match(self, story: StoryTerms) -> bool:
        if not self.words.isdisjoint(story.words):
            return True
        if self.actor_words and not self.actor_words.isdisjoint(story.actor_words):
            return True
        if not self.phrases or (
            self.gate.isdisjoint(story.words) and self.actor_gate.isdisjoint(story.actor_words)
        ):
            return False
        return any(term.matches(story) for term in self.phrases)


class ChatFilters:
    """A chat's filters: a story passes if it matches any include (or there are none) and no
    exclude. The cost of a decision hardly grows with the number of terms (see _TermSet)."""

    __slots__ = ("_exclude", "_include", "_other", "exclude", "include")

    def __init__(self, include: Sequence[Term] = (), exclude: Sequence[Term] = ()) -> None:
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        self._include = _TermSet(self.include)
        self._exclude = _TermSet(self.exclude)
        # The same, stemmed for stories in other languages, made when first needed.
        self._other: dict[str, tuple[_TermSet, _TermSet]] = {}

    def __repr__(self) -> str:
        return f"ChatFilters(include={self.include!r}, exclude={self.exclude!r})"

    @property
    def is_empty(self) -> bool:
        return not (self.include or self.exclude)

    def passes(self, story: StoryTerms) -> bool:
        include, exclude = self._include, self._exclude
        if story.language != "en":
            sets = self._other.get(story.language)
            if sets is None:
                language = story.language
                sets = (_TermSet(self.include, language), _TermSet(self.exclude, language))
                self._other[language] = sets
            include, exclude = sets
        if exclude.any_match(story):
            return False
        return not self.include or include.any_match(story)

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
