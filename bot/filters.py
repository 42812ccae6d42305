"""Keyword filters: literal terms matched as whole words against a tokenised story.

No user text is ever compiled as a regular expression: a term becomes a tuple of tokens, a
story a set (and sequence) of tokens, and matching is set membership plus a linear scan for
phrases. Tokens are folded (case, accents via NFKD) and words are stemmed with the Snowball
English stemmer that ships with NLTK, so ``cycle`` matches "cycling" and "cycles" but not
"bicycle". ``actor:`` terms match only the names and aliases of a story's actors, unstemmed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Literal, Protocol, TypeVar

from bot.errors import InputError
from summarise.models import Actor

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
_TOKEN = re.compile(r"\w+")
_words = _TOKEN.findall
# Distinct words whose stems are kept (news vocabulary stays far below this).
MAX_STEMS = 500_000
# Between fields, so that a phrase never spans a title and a sentence.
_GAP = ""

TermKind = Literal["word", "actor"]
S = TypeVar("S", bound="FilterableStory")


class FilterError(InputError):
    """A filter term cannot be used; the message says why, in one line."""


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
        stem = _stemmer()(word)
        if len(self) < MAX_STEMS:
            self[word] = stem
        return stem


_STEMS = _StemCache()
_stem = _STEMS.__getitem__


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


def _with_pairs(words: Sequence[str]) -> list[str]:
    return [*words, *map(" ".join, pairwise(words))]


def _contains_run(haystack: Sequence[str], run: Sequence[str]) -> bool:
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


@dataclass(frozen=True, slots=True)
class Term:
    """One filter term: a word, a phrase (several words in a row), or an actor's name."""

    kind: TermKind
    text: str
    tokens: tuple[str, ...]
    # The term's words and word pairs, as in StoryTerms keys (for phrases of 3+ words).
    pairs: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pairs", frozenset(_with_pairs(self.tokens)))

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
            return any(_contains_run(name, self.tokens) for name in story.actor_names)
        return _contains_run(story.sequence, self.tokens)


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
    words = tuple(folded) if kind == "actor" else tuple(_stem(token) for token in folded)
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
        words = list(map(_stem, raw))
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
