"""A light word tokenizer with offsets, and capitalised-sequence spotting."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Lower-case words that join a name ("Ludwig van Beethoven", "Osama bin Laden").
NAME_PARTICLES = frozenset(
    "von van der den de del della da di du dos das la le al bin ibn ben y".split()  # noqa: SIM905
)
_TOKENISED = (
    (re.compile(r" (['’]s?)(?=\s|$)"), r"\1"),
    (re.compile(r" ([,.;:!?%)\]])"), r"\1"),
    (re.compile(r"([(\[]) "), r"\1"),
    (re.compile(r"(\d) - (\d)"), r"\1-\2"),
)
_WORD = re.compile(r"\S+")
_LEAD = "\"'“‘([{*"
_TRAIL = "\"'”’)]},;:!?*"
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z][a-z]{0,2}\.$")


@dataclass(frozen=True, slots=True)
class Token:
    """A word without edge punctuation; `gap` is the punctuation that follows it."""

    text: str
    start: int
    end: int
    gap: str


def detokenise(sentence: str) -> str:
    """Undo Penn-style tokenisation (`Senegal 's`, `word ,`) so names read naturally."""
    for pattern, repl in _TOKENISED:
        sentence = pattern.sub(repl, sentence)
    return sentence


def tokenize(sentence: str) -> Sequence[Token]:
    """Words with character offsets; punctuation is kept in `gap` so sequences can break on it."""
    return _tokenize(sentence)


@lru_cache(maxsize=2048)
def _tokenize(sentence: str) -> tuple[Token, ...]:
    # Cached: every finder looks at the same sentences.
    tokens: list[Token] = []
    for match in _WORD.finditer(sentence):
        raw, start = match.group(), match.start()
        core = raw.lstrip(_LEAD)
        start += len(raw) - len(core)
        if core != raw and tokens:
            last = tokens[-1]
            tokens[-1] = Token(
                last.text, last.start, last.end, last.gap + raw[: len(raw) - len(core)]
            )
        word = core.rstrip(_TRAIL + ".")
        gap = core[len(word) :]
        if gap.startswith(".") and _INITIALS.match(word + "."):
            word, gap = word + ".", gap[1:]
        if word.endswith(("'s", "’s")):
            word, gap = word[:-2], word[-2:] + gap
        end = start + len(word)
        if word:
            tokens.append(Token(word, start, end, gap))
    return tuple(tokens)


_PREFIXED = re.compile(r"^(?:al|el|ad|as|ash|at|az|ibn|bin|d|l|o)[-'’](?=[A-Z])")


def is_capitalised(word: str) -> bool:
    """First letter upper-case, after a leading apostrophe or a name prefix ("al-Boushi")."""
    stripped = _PREFIXED.sub("", word.lstrip("'’"))
    return bool(stripped) and stripped[0].isupper()


def capitalised_runs(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised words, joined through name particles, broken by
    punctuation; a run never starts or ends with a particle."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not is_capitalised(tokens[i].text) and not _particle_start(tokens, i):
            i += 1
            continue
        j = i + 1
        while j < n and not _breaks(tokens[j - 1]):
            word = tokens[j].text
            if is_capitalised(word) or (
                word.lower() in NAME_PARTICLES and j + 1 < n and _joins_particle(tokens, j)
            ):
                j += 1
            else:
                break
        while j > i and tokens[j - 1].text.lower() in NAME_PARTICLES:
            j -= 1
        runs.append((i, j))
        i = j if j > i else i + 1
    return runs


def _particle_start(tokens: Sequence[Token], i: int) -> bool:
    """A lower-case particle opens a name when a capitalised word follows ("van Boxmeer")."""
    word = tokens[i].text
    return (
        word in _OPENING_PARTICLES
        and i + 1 < len(tokens)
        and not tokens[i].gap.strip()
        and _joins_particle(tokens, i)
    )


_OPENING_PARTICLES = frozenset({"van", "von", "de", "der", "di", "da", "du", "della", "del"})


def _breaks(token: Token) -> bool:
    # Possessives end a name ("Kyiv's formal recognition"); so does any punctuation but a hyphen.
    return bool(token.gap.strip("-"))


def _joins_particle(tokens: Sequence[Token], j: int) -> bool:
    """A particle continues a name only when capitalised words follow (possibly more particles)."""
    k = j
    while k < len(tokens) and tokens[k].text.lower() in NAME_PARTICLES:
        if _breaks(tokens[k]):
            return False
        k += 1
    return k < len(tokens) and is_capitalised(tokens[k].text)
