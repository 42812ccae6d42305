"""Where processed sentences lie in the text a caller gave, so offsets can point into it.

Cleaning changes the text before anything reads it: quotes folded, spaces collapsed or inserted,
zero-width characters and mojibake repaired, prefixes stripped, tokenised text detokenised.
Sentences are matched to the original on a key without whitespace, control and format
characters or combining marks, with quotes, case and accents folded: one key character per
kept original character (per mojibake sequence). Each sentence's key is searched for from a
cursor that moves forward through the original's key; only a sentence not found so is aligned
piece by piece in a bounded window after the cursor (`summarise.alignment`).

Measured (CPython 3.11, one core): for the 6,118-char test article and its 35 sentences, building
the map costs about 0.33 ms of CPU, 0.63 ms with a first span asked in 12 of its sentences, and
a further span about 2 µs; `prepare` of the same article costs about 15 ms.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress

from summarise.alignment import align
from summarise.text import _MOJIBAKE
from summarise.tokens import detokenise

__all__ = ["TextMap", "article_sentences"]

_QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"', "`": "'"}
_QUOTES |= {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'"}
_NO_KEY = frozenset({"Cc", "Cf", "Mn"})  # control, format (zero-width, soft hyphen), marks
# Printable ASCII and ASCII whitespace need no folding beyond lower(); everything else does.
_SPECIAL = re.compile(r"[^\t\n\v\f\r\x20-\x5f\x61-\x7e]")
_KEY_BYTE = bytes(0 if chr(b) in "\t\n\v\f\r " else 1 for b in range(256))
_MOJIBAKE_RE = re.compile("|".join(re.escape(bad) for bad in sorted(_MOJIBAKE, key=len)[::-1]))
_BLOCK = 512  # original chars per block of the index from key chars to offsets

_folds: dict[str, str] = {}


def _fold(match: re.Match[str]) -> str:
    """The key character of a character that is not printable ASCII; a space for none."""
    ch = match.group()
    folded = _folds.get(ch)
    if folded is None:
        if ch.isspace() or unicodedata.category(ch) in _NO_KEY:
            folded = " "
        else:
            folded = _QUOTES.get(ch) or unicodedata.normalize("NFD", ch)[0].lower()[0]
        _folds[ch] = folded
    return folded


def _folded(text: str) -> str:
    """`text` folded char by char, chars without a key char made spaces: the same length, and
    only ASCII whitespace is whitespace. Two apostrophes fold as cleaning writes them, as one
    double quotation mark (the second without a key char)."""
    folded = _SPECIAL.sub(_fold, text).lower()
    return folded.replace("''", '" ') if "''" in folded else folded


def _key(text: str) -> str:
    return "".join(_folded(text).split())


def _kept(folded: str) -> bytes:
    """One byte per char of a folded text: 1 where it has a key char, else 0."""
    return folded.encode("ascii", "replace").translate(_KEY_BYTE)


def _positions(kept: bytes) -> list[int]:
    """Offsets of the key chars, in order."""
    return list(compress(range(len(kept)), kept))


def article_sentences(lines: Sequence[str], title: str | None = None) -> list[str]:
    """The sentences `summarise.key_actors.extract_actors` reads: the title (if any), then each
    non-blank line, stripped and detokenised. Indices into this list are its sentence indices."""
    head = [detokenise(title.strip())] if title and title.strip() else []
    return head + [detokenise(s.strip()) for s in lines if s and s.strip()]


class _Located:
    """A sentence's match. Its key char i is the original's key char `first + i` (an exact
    match) or `aligned[i]` (-1 where it did not align)."""

    __slots__ = ("aligned", "first", "positions", "sentence")

    def __init__(self, sentence: str, first: int, aligned: list[int] | None = None) -> None:
        self.sentence = sentence
        self.first = first
        self.aligned = aligned
        self.positions: list[int] | None = None  # of its key chars, on the first span asked for

    def at(self, index: int) -> int:
        return self.first + index if self.aligned is None else self.aligned[index]


class TextMap:
    """Where each processed sentence lies in the original text.

    The first `titles` sentences are titles, which may be absent from the text (a title given
    apart from it): each is searched for exactly from the start of the text. The others are
    searched for in order, each after the one before; one that is not found leaves the cursor
    where it was, so the ones after it still map.
    """

    def __init__(self, original: str, sentences: Sequence[str], *, titles: int = 0) -> None:
        self.original = original
        self.sentences = list(sentences)
        self._marks = not original.isascii()  # combining marks may follow a key char
        self._starts: list[int] | None = None  # set for mojibake, else looked up by block
        self._ends: list[int] | None = None  # None: each key char is one original char
        self._key, self._kept = self._index(original)
        counts = (self._kept.count(1, at, at + _BLOCK) for at in range(0, len(self._kept), _BLOCK))
        self._before_block = list(accumulate(counts, initial=0))  # key chars before each block
        self._blocks: dict[int, list[int]] = {}
        self._found: list[_Located | None] = []
        cursor = 0
        body = self._exact(self.sentences[titles], 0)[0] if titles < len(self.sentences) else None
        for sentence in self.sentences[:titles]:
            located, end = self._exact(sentence, 0)
            self._found.append(located)
            # A title that opens the text: the body is looked for after it.
            if located is not None and body is not None and located.first <= body.first:
                cursor = max(cursor, end)
        for sentence in self.sentences[titles:]:
            located, end = self._exact(sentence, cursor)
            if located is None:
                located, end = self._aligned(sentence, cursor)
            self._found.append(located)
            if located is not None:
                cursor = end

    @classmethod
    def for_article(cls, original: str, lines: Sequence[str], title: str | None = None) -> TextMap:
        """The map of `article_sentences(lines, title)`: the sentences, and their indices, that
        `extract_actors(lines, title=title)` reads. `original` is the text given to `prepare`."""
        sentences = article_sentences(lines, title)
        return cls(original, sentences, titles=1 if title and title.strip() else 0)

    def located(self, sentence: int) -> bool:
        """Whether sentence `sentence` was found in the original."""
        return self._found[sentence] is not None

    def span(self, sentence: int, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) in sentence `sentence` (a processed string) -> [start, end) in the
        original, from its first to its last char found there; None only when that sentence
        could not be located at all. Offsets are clipped to the sentence and the result is never
        reversed; a span with no char found (an empty one, or whitespace) maps to the gap
        between its neighbours (an empty span: to the place of the char it stands before)."""
        located = self._found[sentence]
        if located is None:
            return None
        text = located.sentence
        start = min(max(start, 0), len(text))
        end = min(max(end, start), len(text))
        if located.positions is None:
            located.positions = _positions(_kept(_folded(text)))
        positions = located.positions
        first = bisect_left(positions, start)
        last = bisect_left(positions, end) - 1
        if located.aligned is None and first <= last:
            return self._start(located.first + first), self._end(located.first + last)
        inside = [k for k in map(located.at, range(first, last + 1)) if k >= 0]
        if inside:
            return self._start(inside[0]), self._end(inside[-1])
        before = next((k for k in map(located.at, range(first - 1, -1, -1)) if k >= 0), -1)
        after = next((k for k in map(located.at, range(last + 1, len(positions))) if k >= 0), -1)
        gap_start = self._end(before) if before >= 0 else self._start(after)
        gap_end = self._start(after) if after >= 0 else gap_start
        if start < end:
            return gap_start, gap_end
        before_char = after >= 0 and first < len(positions) and positions[first] == start
        return (gap_end, gap_end) if before_char else (gap_start, gap_start)

    def _start(self, key_index: int) -> int:
        """Offset in the original of its key char `key_index`."""
        if self._starts is not None:
            return self._starts[key_index]
        block = bisect_right(self._before_block, key_index) - 1
        positions = self._blocks.get(block)
        if positions is None:
            first = block * _BLOCK
            kept = self._kept[first : first + _BLOCK]
            positions = self._blocks[block] = list(compress(range(first, first + _BLOCK), kept))
        return positions[key_index - self._before_block[block]]

    def _end(self, key_index: int) -> int:
        """Offset just after key char `key_index` and any combining marks on it (and after
        both apostrophes of a mark written as two)."""
        end = self._ends[key_index] if self._ends is not None else self._start(key_index) + 1
        text = self.original
        if text[end - 1 : end + 1] == "''":
            end += 1
        if self._marks:
            while end < len(text) and unicodedata.category(text[end]) == "Mn":
                end += 1
        return end

    def _index(self, original: str) -> tuple[str, bytes]:
        """The original's key and which of its chars have a key char. Where mojibake is
        repaired, the key is the repaired text's and its key chars' bounds are set here."""
        if not any(bad[0] in original for bad in _MOJIBAKE) or not _MOJIBAKE_RE.search(original):
            folded = _folded(original)
            return "".join(folded.split()), _kept(folded)
        repaired: list[str] = []
        bounds: list[tuple[int, int]] = []
        done = 0
        for match in _MOJIBAKE_RE.finditer(original):
            repaired.append(original[done : match.start()])
            bounds.extend((i, i + 1) for i in range(done, match.start()))
            repaired.append(_MOJIBAKE[match.group()])
            bounds.append(match.span())
            done = match.end()
        repaired.append(original[done:])
        bounds.extend((i, i + 1) for i in range(done, len(original)))
        folded = _folded("".join(repaired))
        kept = _kept(folded)
        key_bounds = [bounds[i] for i in _positions(kept)]
        self._starts = [start for start, _ in key_bounds]
        self._ends = [end for _, end in key_bounds]
        return "".join(folded.split()), kept

    def _exact(self, sentence: str, cursor: int) -> tuple[_Located | None, int]:
        key = _key(sentence)
        found = self._key.find(key, cursor) if key else -1
        if found < 0:
            return None, cursor
        return _Located(sentence, found), found + len(key)

    def _aligned(self, sentence: str, cursor: int) -> tuple[_Located | None, int]:
        """A sentence changed beyond the key's folding, aligned after the cursor."""
        aligned = align(_key(sentence), self._key, cursor)
        if aligned is None:
            return None, cursor
        return _Located(sentence, -1, aligned), max(aligned) + 1
