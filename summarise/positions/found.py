"""One attribution as a finder proposes it, in sentence coordinates."""

from __future__ import annotations

from dataclasses import dataclass

from summarise.positions.quotes import Quote

__all__ = ["Found", "Inner", "Segment"]

Segment = tuple[int, int, int]  # sentence, start, end


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution in sentence coordinates. `speaker` is a span of sentence `sent`;
    `verb_start` is where the stance reads from when it needs its verb ("wants ..."), else
    None."""

    sent: int
    cue: tuple[int, int]
    lemma: str
    content: tuple[Segment, ...]
    speaker: tuple[int, int] | None = None
    actor: int | None = None
    quote: Quote | None = None
    reported_by: int | None = None
    verb_start: int | None = None

    def covers(self, sent: int, offset: int) -> bool:
        return any(s == sent and a <= offset < b for s, a, b in self.content)


@dataclass(frozen=True, slots=True)
class Inner:
    """A cue a finder read inside a quotation: what its subject is (`kind` "pronoun", "name" or
    "description", `head` its last word), the cue and the clause it reports, all spans of
    sentence `sent`."""

    sent: int
    cue: tuple[int, int]
    lemma: str
    subject: tuple[int, int]
    kind: str
    head: str
    content: tuple[int, int]
    verb_start: int | None = None
