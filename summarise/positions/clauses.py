"""Clause edges shared by both attribution finders: where a content may start ("that",
"where", a comma are not a start) and the clause a parenthetical cue cuts; and the readable
stance of an attribution, an extractive clause a reader can start on."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.lexicon import words
from summarise.positions.cues import holds_cue
from summarise.positions.found import Found
from summarise.positions.quotes import Quote

__all__ = [
    "CLAUSE_END",
    "MAX_CHARS",
    "MAX_QUOTE_GAP",
    "Piece",
    "colon_quote",
    "inner_quote",
    "lead_length",
    "opening_clause_end",
    "opens_adverbial",
    "parenthetical",
    "quote_above",
    "quote_below",
    "quote_lead",
    "stance_text",
]

Piece = tuple[int, int]  # [start, end) in one sentence

_WORDS = r"(?:that|where|whose|which|when|while|as|and|but|because|although|though|despite|so)"
_LEAD = re.compile(r"^(?:[\s,;:—–\-]+|" + _WORDS + r"\b[\s,]*)*", re.IGNORECASE)
_LEAD_AND_MARKS = re.compile(r"^(?:[\s,;:—–\-\"']+|" + _WORDS + r"\b[\s,]*)*", re.IGNORECASE)
# The last clause boundary before a parenthetical cue: "..., whose constitution, X said, ...".
_LAST_BOUNDARY = re.compile(
    r"(?:[,;:]\s+|\b(?:whose|which|who|where|that|while|as)\s+)(?=[^,;:]*$)", re.IGNORECASE
)


_QUOTE_LEAD = re.compile(r"[\s,:—–-]*(?:that\s+|(?:\s*[\w'’.&-]+){0,6}\s*[:,]\s*)?")


# Where a reported clause breaks off: a semicolon, a dash between spaces, a comma before "but",
# "while", "whereas", "although" or "though".
CLAUSE_END = re.compile(r";\s|\s[—–]\s|,\s+(?=(?:but|while|whereas|although|though)\b)")


def quote_lead(gap: str) -> bool:
    """What may stand between a cue and the quote it introduces: `said: "`, `said that "`,
    `told South Africa's Daily News: '`; not `the plan was flawed and added: "`, where the
    quote is the second cue's."""
    return _QUOTE_LEAD.fullmatch(gap) is not None and not holds_cue(gap, ",:")


_COLON_END = re.compile(r"(?:\s*[\w'’.&-]+){0,6}\s*:\s*")


MAX_QUOTE_GAP = 8  # words between a quote and the cue that follows it


def colon_quote(sentence: str, cue_end: int, quotes: Sequence[Quote], sent: int) -> Quote | None:
    """`told Sky Sport: "..."`: the quote a cue introduces with a colon, which is its content
    even when another quote stands before the cue."""
    for quote in quotes:
        if quote.start_sent == sent and quote.start >= cue_end:
            gap = sentence[cue_end : quote.start]
            return quote if gap.rstrip().endswith(":") and quote_lead(gap) else None
    return None


def quote_above(
    sentences: Sequence[str], sent: int, first: int, quotes: Sequence[Quote]
) -> Quote | None:
    """`"Why not?" Vitter demanded.`: a quote closing the previous sentence with "?" or "!"
    (where sentences are split) and a cue sentence that opens with its speaker."""
    if sent == 0:
        return None
    lead = sentences[sent][:first]
    if len(lead.split()) > MAX_QUOTE_GAP or any(mark in lead for mark in "\"'"):
        return None
    previous = sentences[sent - 1]
    closing = previous.rstrip().rstrip("\"'").endswith(("?", "!"))
    return next(
        (
            q
            for q in quotes
            if closing and q.closed and q.end_sent == sent - 1 and q.end == len(previous.rstrip())
        ),
        None,
    )


_MARKS = " \"'“‘"


def inner_quote(
    sentences: Sequence[str], sent: int, pieces: Sequence[Piece], quotes: Sequence[Quote]
) -> tuple[tuple[tuple[int, int, int], ...], Quote | None]:
    """The content `pieces` of sentence `sent` with the quote that opens inside them ("the
    move reeks of "fear"" holds a quotation); from the last piece, the quote comes whole, with
    the words and sentences it runs on over."""
    segments = [(sent, a, b) for a, b in pieces]
    sentence = sentences[sent]

    def opens(q: Quote, a: int, b: int) -> bool:
        # Its opening mark may stand just before a piece that starts on the first word.
        return a <= q.start < b or (q.start < a and not sentence[q.start : a].strip(_MARKS))

    inner = next(
        (q for q in quotes for a, b in pieces if q.start_sent == sent and opens(q, a, b)), None
    )
    if inner is None or inner.start < pieces[-1][0] - len(_MARKS):
        return tuple(segments), inner
    if inner.end_sent > sent:
        last = (sent, pieces[-1][0], len(sentences[sent]))
        return (*segments[:-1], last, *inner.segments(sentences)[1:]), inner
    start, end = pieces[-1]
    if any(c.isalnum() for c in sentences[sent][end : inner.end]):
        end = inner.end  # a parse that cut the quotation short: all of it
    return (*segments[:-1], (sent, start, end)), inner


def quote_below(sentence: str, cue_end: int, quotes: Sequence[Quote], sent: int) -> Quote | None:
    """ "He said:" closing its paragraph, the quote opening the next one."""
    if _COLON_END.fullmatch(sentence, cue_end) is None:
        return None
    return next((q for q in quotes if q.start_sent == sent + 1 and q.start <= 1), None)


def lead_length(text: str, marks: bool = False) -> int:
    """How many characters at the start of `text` a reader cannot start on: punctuation,
    "that", "where", "whose", "despite" and the like (quotation marks too with `marks`)."""
    match = (_LEAD_AND_MARKS if marks else _LEAD).match(text)
    return match.end() if match else 0


def trimmed(sentence: str, pieces: list[Piece]) -> list[Piece]:
    """The pieces with their unreadable starts cut, empty ones left out."""
    out = [(a + lead_length(sentence[a:b]), b) for a, b in pieces]
    return [(a, b) for a, b in out if b - a > 2]


def parenthetical(sentence: str, left_end: int, cue_end: int) -> list[Piece]:
    """The clause around ", X said," (`left_end`: where the speaker starts, `cue_end`: where
    the cue ends): its part before the comma, from the last clause boundary, and its part
    after the closing comma. Empty when the cue is not set off by a comma."""
    lead = sentence[:left_end].rstrip()
    if not lead.endswith(","):
        return []
    boundary = _LAST_BOUNDARY.search(lead, 0, len(lead) - 1)
    pieces = [(boundary.end() if boundary else 0, len(lead) - 1)]
    if len(sentence[pieces[0][0] : pieces[0][1]].split()) < (1 if boundary else 4):
        return []
    opening = boundary.start() if boundary and boundary.group()[:1].isalpha() else pieces[0][0]
    if opens_adverbial(sentence, opening):
        return []  # "While Y was away, X commented": when, not what was said
    comma = sentence.find(",", cue_end)
    if comma >= 0 and len(sentence[cue_end:comma].split()) <= 4:  # "said on Monday, ..."
        end = len(sentence.rstrip(" .!?"))
        if len(sentence[comma + 1 : end].split()) >= 2:
            pieces.append((comma + 1, end))
    return trimmed(sentence, pieces)


_ADVERBIAL_OPENING = re.compile(
    r"\s*(?:While|Whilst|When|After|Before|Although|Though|Because|Since|If|Once|Until|As)\b"
)


def opens_adverbial(sentence: str, start: int) -> bool:
    """Whether the sentence opens at `start` with a clause of time, cause or condition ("While
    Y was away, ...", "When the vote came, ..."): when or why, never what was said."""
    return bool(_ADVERBIAL_OPENING.match(sentence, start)) and not sentence[:start].strip(" ,")


def opening_clause_end(sentence: str) -> int:
    """Where such a clause opening the sentence ends, after its comma; 0 when none does."""
    match = _ADVERBIAL_OPENING.match(sentence)
    comma = sentence.find(",", match.end()) if match else -1
    return comma + 1


MAX_CHARS = 200
_TRAIL = " ,;:—–-"
_MODALS = words("may might could would will can should must is was are were")


def stance_text(found: Found, sentences: Sequence[str]) -> str:
    """The content (read from its verb for stances: "wants a recount"), cut at a word
    boundary to at most MAX_CHARS characters."""
    quote = found.quote
    only_quote = quote is not None and tuple(quote.segments(sentences)) == found.content
    if quote is not None and only_quote and not _quoted_object(found, quote, sentences):
        return _cut(quote.text(sentences))
    if not found.content:
        return ""
    content = list(found.content)
    last_sent, last_start, last_end = content[-1]
    closing = sentences[last_sent][last_end : last_end + 1]
    if closing in ("'", '"') and sentences[last_sent][last_start:last_end].count(closing) % 2:
        content[-1] = (last_sent, last_start, last_end + 1)  # "a 'disgrace'": its closing mark
    pieces = [sentences[sent][start:end] for sent, start, end in content]
    sent, start, _ = content[0]
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


def _quoted_object(found: Found, quote: Quote, sentences: Sequence[str]) -> bool:
    """ "felt 'deep-seated remorse'", "called it 'a disgrace'": a stance whose object is quoted
    right after it reads with its verb (a colon or comma before the quote makes it a
    statement of its own)."""
    if found.verb_start is None or quote.start_sent != found.sent or quote.start < found.cue[1]:
        return False
    gap = sentences[found.sent][found.cue[1] : quote.start]
    return len(gap.split()) <= 2 and not any(c in gap for c in ",:;")


def _cut(text: str) -> str:
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS - 1)
        text = text[: cut if cut > 0 else MAX_CHARS - 1].rstrip(_TRAIL + ".") + "…"
    return text
