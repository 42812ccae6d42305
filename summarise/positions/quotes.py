"""Quotations of an article: where each opens and closes, across sentences and paragraphs.

Cleaned text has straight marks only (curly ones are folded when the text is prepared), so the
side a mark stands on tells opening from closing: an opening mark follows a space or the start
and comes before a word; a closing one follows a word or punctuation. A quote that is never
closed ends where the next one opens or where the paragraph does, so one stray mark never
swallows the rest of the article. Daily Mail style single marks ('...') count when they stand
like quotation marks, never inside a word ("don't") or after a plural ("the players' union").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarise.actors.lexicon import words

__all__ = ["Quote", "closes_statement", "find_quotes", "fold_quotes", "joined", "near", "quoted"]

# Quotation marks of other languages (German „...“ and »...«, French « ... », ‚...‘) as the
# straight marks the finder reads; one character for one, so offsets stay.
_FOLD = str.maketrans(
    {
        "„": '"',
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "‚": "'",
        "‘": "'",
        "’": "'",
        "‹": "'",
        "›": "'",
    }
)


def fold_quotes(text: str) -> str:
    """`text` with every language's double quotation marks straight, and the space French
    puts inside guillemets moved outside them (« Oui » -> "Oui" with the spaces around),
    keeping its length."""
    if not any(mark in text for mark in "„“”«»‚‘’‹›"):
        return text
    text = re.sub(r"([«‹])[\s\u00a0\u202f](?=\S)", lambda m: " " + m.group(1), text)
    text = re.sub(r"(?<=\S)[\s\u00a0\u202f]([»›])", lambda m: m.group(1) + " ", text)
    return text.translate(_FOLD)


_OPEN_BEFORE = " ([{―—–-:/"
_CLOSE_AFTER = " ,.;:!?)]}―—–-…"
_END_PUNCT = ".,!?;:…—–-"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation from (sentence, offset of its opening mark) to (sentence, offset just after
    its closing mark); `closed` is False when the text never closes it."""

    start_sent: int
    start: int
    end_sent: int
    end: int
    mark: str
    closed: bool = True
    parts: tuple[Quote, ...] = ()  # the quotes of one statement interrupted by its cue

    def segments(self, sentences: Sequence[str]) -> list[tuple[int, int, int]]:
        """(sentence, start, end) pieces of the quote, marks included."""
        if self.parts:
            return [piece for part in self.parts for piece in part.segments(sentences)]
        out = []
        for index in range(self.start_sent, self.end_sent + 1):
            start = self.start if index == self.start_sent else 0
            end = self.end if index == self.end_sent else len(sentences[index])
            if end > start:
                out.append((index, start, end))
        return out

    def text(self, sentences: Sequence[str]) -> str:
        """The words quoted, without the marks."""
        if self.parts:
            return " ".join(part.text(sentences) for part in self.parts)
        parts = [sentences[s][a:b] for s, a, b in self.segments(sentences)]
        joined = " ".join(p.strip() for p in parts)
        return joined.strip().strip("\"'").strip().rstrip(",.").strip()

    def holds(self, sent: int, offset: int) -> bool:
        if self.parts:
            return any(part.holds(sent, offset) for part in self.parts)
        return (self.start_sent, self.start) <= (sent, offset) < (self.end_sent, self.end)


def _opening(sentence: str, i: int) -> bool:
    before = sentence[i - 1] if i else " "
    after = sentence[i + 1] if i + 1 < len(sentence) else " "
    return (before in _OPEN_BEFORE or before in "\"'") and not after.isspace()


def _closing(sentence: str, i: int, mark: str) -> bool:
    before = sentence[i - 1] if i else " "
    after = sentence[i + 1] if i + 1 < len(sentence) else " "
    if before.isspace() and i >= 2 and sentence[i - 2] in "\"'":
        before = sentence[i - 2]  # a nested quote closing first: `... mountain,' " he said`
    if before.isspace() and after.isspace():
        return mark == '"'  # a double mark standing alone closes the open quote
    if before.isspace() or not (after in _CLOSE_AFTER or after in "\"'"):
        return False
    # "the players' union": a plural possessive, not the end of a single-quoted passage;
    # "urged 'patriotic Scots' to vote": a function word never follows a possessive.
    return not (mark == "'" and before in "sS" and after == " " and _possessed(sentence, i))


def _possessed(sentence: str, i: int) -> bool:
    """A lower-case word that can be owned follows the mark."""
    rest = sentence[i + 1 :].split(maxsplit=1)
    word = rest[0] if rest else ""
    return word[:1].islower() and word.strip(",.;:!?").lower() not in _FUNCTION_WORDS


_FUNCTION_WORDS = words(
    """to and or but nor in on at for of with as by from into onto than that which who whom
    whose is was are were be been being has have had will would could should can may might
    must do does did not the a an this these those it its he she they we you i his her their
    our your if when while because so then there here"""
)


def _is_apostrophe(sentence: str, i: int) -> bool:
    before = sentence[i - 1] if i else " "
    after = sentence[i + 1] if i + 1 < len(sentence) else " "
    return before.isalnum() and after.isalnum()


def find_quotes(sentences: Sequence[str], paragraph_starts: Sequence[bool] = ()) -> list[Quote]:
    """Every quotation in reading order. `paragraph_starts[i]` says sentence i opens a
    paragraph: a quote left open at a paragraph's end runs to that end when the next paragraph
    opens with the same mark (it goes on there), else only to the end of its own sentence."""
    quotes: list[Quote] = []
    current: tuple[int, int, str] | None = None  # sentence, offset, mark of the open quote
    for index, sentence in enumerate(sentences):
        if current is not None and index < len(paragraph_starts) and paragraph_starts[index]:
            # News style leaves a quotation open at the end of a paragraph when the next one
            # goes on with it, opening with a new mark.
            goes_on = sentence.lstrip().startswith(current[2])
            until = (index - 1, len(sentences[index - 1])) if goes_on else None
            quotes.append(_unclosed(current, until, sentences))
            current = None
        for i, ch in enumerate(sentence):
            if ch not in "\"'" or (ch == "'" and _is_apostrophe(sentence, i)):
                continue
            if current is not None and ch == current[2] and _closing(sentence, i, ch):
                quotes.append(Quote(current[0], current[1], index, i + 1, ch))
                current = None
            elif (
                (current is None or ch == current[2])
                and _opening(sentence, i)
                and (ch == '"' or _single_quote_start(sentence, i))
            ):
                if current is not None:  # a new quote opens before the last one closed
                    quotes.append(_unclosed(current, (index, i), sentences))
                current = (index, i, ch)
    if current is not None:
        quotes.append(_unclosed(current, None, sentences))
    return [q for q in quotes if q.text(sentences)]


def _single_quote_start(sentence: str, i: int) -> bool:
    """'Twas or '90s are elisions; a single mark opens a quote before a word of two letters or
    more, or before "I"/"A"."""
    rest = sentence[i + 1 : i + 4]
    return not rest[:2].isdigit() and (rest[:2].isalpha() or rest[:1] in ("I", "A", '"'))


def _unclosed(
    current: tuple[int, int, str], until: tuple[int, int] | None, sentences: Sequence[str]
) -> Quote:
    """A quote left open: it runs up to the next opening mark (`until`; a quotation that goes
    on in a new paragraph opens it again), or, when none comes, to the end of its sentence
    (a stray mark must not swallow what follows)."""
    sent, offset, mark = current
    end_sent, end = until if until is not None else (sent, len(sentences[sent]))
    if (end_sent, end) < (sent, offset):
        end_sent, end = sent, len(sentences[sent])
    return Quote(sent, offset, end_sent, end, mark, closed=False)


def quoted(quotes: Sequence[Quote], sent: int, offset: int) -> bool:
    """Whether (sentence, offset) lies inside one of the quotes."""
    return any(q.holds(sent, offset) for q in quotes)


def near(quotes: Sequence[Quote], sent: int) -> list[Quote]:
    """The quotes that hold part of sentence `sent`, close the one before it or open in the
    one after it (what a cue in that sentence can claim)."""
    return [q for q in quotes if q.start_sent <= sent + 1 and sent - 1 <= q.end_sent]


def joined(first: Quote | None, then: Quote) -> Quote:
    """One quotation from the first quote's opening to the last one's close, made of its
    parts: `"A," he said. "B."` is one statement."""
    if first is None:
        return then
    parts = (*(first.parts or (first,)), then)
    return Quote(
        first.start_sent, first.start, then.end_sent, then.end, first.mark, then.closed, parts
    )


def closes_statement(quote: Quote, sentences: Sequence[str]) -> bool:
    """Whether a quotation ends a statement of its own, as one before its cue does: a stop
    inside its closing mark or a comma or dash after it (`"It is over," he said`); not a
    phrase inside a clause (`felt 'terrible' to know he had been`) or a nickname
    (`"Weird Al" Yankovic called`)."""
    sentence = sentences[quote.end_sent]
    inside = sentence[: max(0, quote.end - 1)].rstrip(" '\"‘’“”")
    after = sentence[quote.end :].lstrip()
    return inside.endswith(_STOPS) or after.startswith(_AFTER_STOPS) or not quote.closed


_STOPS = (",", ".", "?", "!", "…", ";", ":", "-", "—", "–")
_AFTER_STOPS = (",", "-", "—", "–", ";", ":")
