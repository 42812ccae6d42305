"""Aligning a sentence changed beyond the key folding of `summarise.offsets` with the text.

Both are keys (folded, without whitespace). The sentence's key is cut into short pieces; a run
of two pieces found as they are seeds the alignment, each further piece is looked for near where
the ones before it put it, and the chars between found pieces are aligned with difflib where the
gap is short. The search stays within a bounded window after a cursor, so the cost is linear.
"""

from __future__ import annotations

from difflib import SequenceMatcher

__all__ = ["align"]

# A changed sentence is looked for this many key chars beyond its own length after the cursor.
_WINDOW_SLACK = 400
_PIECE = 6  # a changed sentence is aligned by pieces this long
_MIN_PIECE = 3  # a shorter last piece is not looked for
_MAX_SEEDS = 4  # places tried for a changed sentence
_MAX_GAP = 64  # chars between found pieces aligned with difflib, at most
_MIN_ALIGNED = 0.6  # share of a changed sentence's key that must be found for it to count


def align(key: str, text: str, cursor: int) -> list[int] | None:
    """Where each char of `key` lies in `text` (a key too) after `cursor`, -1 where nowhere; None
    unless most of `key` is found there in order.

    A run of two pieces found as they are is the seed; from it each piece is looked for near
    where the pieces before it put it (str.find in a small range, so the cost stays linear);
    the chars between found pieces are aligned by `_fill_gaps`.
    """
    limit = min(len(text), cursor + len(key) + _WINDOW_SLACK)
    seeds = 0
    for seed in range(0, len(key) - 2 * _PIECE + 1, _PIECE):
        at = text.find(key[seed : seed + 2 * _PIECE], cursor, limit)
        if at < 0:
            continue
        aligned = [-1] * len(key)
        aligned[seed : seed + 2 * _PIECE] = range(at, at + 2 * _PIECE)
        _extend(key, text, aligned, seed + 2 * _PIECE, at + 2 * _PIECE)
        _extend_back(key, text, aligned, seed, at, cursor)
        _fill_gaps(key, text, aligned, cursor)
        if sum(1 for k in aligned if k >= 0) >= _MIN_ALIGNED * len(key):
            return aligned
        seeds += 1
        if seeds == _MAX_SEEDS:
            break
    return None


def _extend(key: str, text: str, aligned: list[int], done: int, after: int) -> None:
    """Find the pieces of `key` from `done` on, `key[:done]` ending at `text[after]`."""
    for piece_start in range(done, len(key), _PIECE):
        piece = key[piece_start : piece_start + _PIECE]
        skipped = piece_start - done
        expected = after + skipped
        slack = _PIECE + skipped // 2
        lo = max(after, expected - slack)
        at = text.find(piece, lo, expected + len(piece) + slack)
        if at >= 0 and len(piece) >= _MIN_PIECE:
            aligned[piece_start : piece_start + len(piece)] = range(at, at + len(piece))
            done, after = piece_start + len(piece), at + len(piece)


def _extend_back(
    key: str, text: str, aligned: list[int], done: int, before: int, floor: int
) -> None:
    """Find the pieces of `key` before `done`, `key[done]` being at `text[before]`."""
    for piece_end in range(done, 0, -_PIECE):
        piece = key[max(0, piece_end - _PIECE) : piece_end]
        skipped = done - piece_end
        expected = before - skipped
        slack = _PIECE + skipped // 2
        hi = min(before, expected + slack)
        at = text.rfind(piece, max(floor, expected - len(piece) - slack), hi)
        if at >= 0 and len(piece) >= _MIN_PIECE:
            first = piece_end - len(piece)
            aligned[first:piece_end] = range(at, at + len(piece))
            done, before = first, at


def _fill_gaps(key: str, text: str, aligned: list[int], floor: int) -> None:
    """Align the chars between found pieces: with difflib where the gap is short, else equal
    chars from either end of it. Chars before the first or after the last piece that equal
    those beside it in `text` are aligned too."""
    i = 0
    while i < len(key):
        if aligned[i] >= 0:
            i += 1
            continue
        end = i
        while end < len(key) and aligned[end] < 0:
            end += 1
        lo = aligned[i - 1] + 1 if i > 0 else floor
        hi = aligned[end] if end < len(key) else len(text)
        if i > 0 and end < len(key) and max(end - i, hi - lo) <= _MAX_GAP:
            matcher = SequenceMatcher(None, key[i:end], text[lo:hi], autojunk=False)
            for block in matcher.get_matching_blocks():
                aligned[i + block.a : i + block.a + block.size] = range(
                    lo + block.b, lo + block.b + block.size
                )
        else:
            left = i
            while i > 0 and left < end and lo < hi and key[left] == text[lo]:
                aligned[left] = lo
                left, lo = left + 1, lo + 1
            right = end - 1
            while end < len(key) and right >= left and lo < hi and key[right] == text[hi - 1]:
                aligned[right] = hi - 1
                right, hi = right - 1, hi - 1
        i = end
