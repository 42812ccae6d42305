"""The readable stance of an attribution: an extractive clause a reader can start on."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.actors.lexicon import words
from summarise.positions.attribution import Found
from summarise.positions.clauses import lead_length

__all__ = ["MAX_CHARS", "stance_text"]

MAX_CHARS = 200
_TRAIL = " ,;:—–-"
_MODALS = words("may might could would will can should must is was are were")


def stance_text(found: Found, sentences: Sequence[str]) -> str:
    """The content (read from its verb for stances: "wants a recount"), cut at a word
    boundary to at most MAX_CHARS characters."""
    quote = found.quote
    only_quote = quote is not None and tuple(quote.segments(sentences)) == found.content
    if quote is not None and only_quote:
        return _cut(quote.text(sentences))
    if not found.content:
        return ""
    pieces = [sentences[sent][start:end] for sent, start, end in found.content]
    sent, start, _ = found.content[0]
    verb = found.verb_start
    if verb is not None and sent == found.sent and verb < start:
        # "who Trump believes may be tired": a content without its own subject reads alone.
        first = pieces[0].split()[:1]
        if not (first and first[0].lower() in _MODALS):
            pieces[0] = sentences[sent][verb:start] + pieces[0]
    text = " ".join(p.strip() for p in pieces if p.strip())
    if found.quote is not None and found.verb_start is None:
        text = text.strip().strip("\"'").strip()
    text = text[lead_length(text, marks=True) :]
    text = _cut(text.rstrip(_TRAIL))
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text


def _cut(text: str) -> str:
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS - 1)
        text = text[: cut if cut > 0 else MAX_CHARS - 1].rstrip(_TRAIL + ".") + "…"
    return text
