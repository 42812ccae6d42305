"""Plain data returned by :func:`summarise.summarise`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ActorType = Literal["person", "org"]
# [start, end) character offsets into the text as given to :func:`summarise.summarise`.
Span = tuple[int, int]


# A quote shorter than this ("impossible", "by air") says little without its clause.
MIN_QUOTE_WORDS = 5


def stance_line(text: str | None, quote: str | None) -> str:
    """One line for a position: the quote when it stands on its own, else the clause."""
    if quote and (len(quote.split()) >= MIN_QUOTE_WORDS or not text):
        return f"“{quote}”"
    return text or ""


@dataclass(frozen=True, slots=True)
class Position:
    """One attribution: who says, wants or refuses what, as the article tells it.

    `text` is the readable stance (an extractive clause of at most about 200 characters) and
    `quote` the direct quotation, if any. `speaker` is the mention as written ("he", "a
    spokesman", "Trump"), `actor` the name of the actor it was resolved to (None for unnamed
    sources), `cue` the predicate ("said", "according to"), and `reported_by` the actor who
    reported a position that is someone else's ("according to Trump, Putin indicated ...").
    Spans are [start, end) offsets into the input text: `span` covers the content.
    """

    text: str
    quote: str | None = None
    speaker: str | None = None
    actor: str | None = None
    cue: str | None = None
    span: Span | None = None
    speaker_span: Span | None = None
    cue_span: Span | None = None
    reported_by: str | None = None

    def line(self) -> str:
        return stance_line(self.text, self.quote)


@dataclass(slots=True)
class Actor:
    """A person or organisation named in an article."""

    name: str
    type: ActorType
    role: str | None = None
    mentions: int = 1
    positions: list[Position] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Digest:
    """An extractive digest of one article: its sentences in article order and its actors."""

    title: str | None
    sentences: list[str]
    actors: list[Actor] = field(default_factory=list)
    # Every attribution found, in article order, resolved to an actor or not.
    attributions: list[Position] = field(default_factory=list)
    # The language the digest was made in (ISO 639-1), as given or detected.
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class NoTextError(ValueError):
    """No text to summarise is left after cleaning (an empty or all-boilerplate article)."""
