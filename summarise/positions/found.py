"""One attribution as a finder proposes it, in sentence coordinates."""

from __future__ import annotations

from dataclasses import dataclass

from summarise.positions.quotes import Quote

__all__ = ["Found", "Segment"]

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
