"""Plain data returned by :func:`summarise.summarise`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ActorType = Literal["person", "org"]


# A quote shorter than this ("impossible", "by air") says little without its clause.
MIN_QUOTE_WORDS = 5


def stance_line(text: str | None, quote: str | None) -> str:
    """One line for a position: the quote when it stands on its own, else the clause."""
    if quote and (len(quote.split()) >= MIN_QUOTE_WORDS or not text):
        return f"“{quote}”"
    return text or ""


@dataclass(frozen=True, slots=True)
class Position:
    """What an actor says, wants or refuses: the clause from the text, and the quote if any."""

    text: str
    quote: str | None = None

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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
