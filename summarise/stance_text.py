"""The readable stance of an attribution: an extractive clause a reader can start on."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.attribution import Found

__all__ = ["MAX_CHARS", "stance_text"]

MAX_CHARS = 200
_LEAD = re.compile(
    r"^(?:[\s,;:—–\-\"']+|(?:that|where|whose|which|when|while|as|and|but|because|although|"
    r"though|despite|so)\b[\s,]*)*",
    re.IGNORECASE,
)
_TRAIL = " ,;:—–-"


def stance_text(found: Found, sentences: Sequence[str]) -> str:
    """The content (read from its verb for stances: "wants a recount"), cut at a word
    boundary to at most MAX_CHARS characters."""
    quote = found.quote
    only_quote = quote is not None and tuple(quote.segments(sentences)) == found.content
    if quote is not None and only_quote and found.verb_start is None:
        return _cut(quote.text(sentences))
    parts: list[str] = []
    for index, (sent, start, end) in enumerate(found.content):
        verb = found.verb_start
        if index == 0 and verb is not None and sent == found.sent and verb < start:
            start = verb
        parts.append(sentences[sent][start:end].strip())
    text = " ".join(p for p in parts if p)
    if found.quote is not None and found.verb_start is None:
        text = text.strip().strip("\"'").strip()
    text = text[len(_LEAD.match(text).group(0)) :] if _LEAD.match(text) else text  # type: ignore[union-attr]
    text = _cut(text.rstrip(_TRAIL))
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text


def _cut(text: str) -> str:
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS - 1)
        text = text[: cut if cut > 0 else MAX_CHARS - 1].rstrip(_TRAIL + ".") + "…"
    return text
