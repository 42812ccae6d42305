"""Name mentions and the shape rules shared by the spaCy and the rule-based finders, and when
two names (or a query and a name) name the same actor."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from summarise.actors.given_names import GIVEN_NAMES
from summarise.actors.lexicon import (
    COMMON_STARTERS,
    COMPASS_WORDS,
    GEO_PREFIXES,
    GEO_WORDS,
    HONORIFICS,
    NATIONALITIES,
    NON_NAME_WORDS,
    NOT_NAMES,
    ORG_PREFIXES,
    ORG_WORDS,
    PLACE_QUALIFIERS,
    PORTFOLIO_WORDS,
    SURNAME_ORG_WORDS,
    TITLE_WORDS,
)
from summarise.actors.places import PLACES
from summarise.tokens import NAME_PARTICLES, Token, is_capitalised

Kind = Literal["person", "org", "place"]
NAME_PREFIXES = GEO_PREFIXES | ORG_PREFIXES


@dataclass(slots=True)
class Mention:
    """One occurrence of a name: sentence index, character span in that sentence, kind."""

    sent: int
    start: int
    end: int
    text: str
    kind: Kind
    sure: bool = True  # False for guesses that only count when the name is confirmed elsewhere
    strong: bool = False  # layout or context makes the kind certain (tables, "striker X")
    label: str = ""  # the model's own entity label, when it came from one


_APOSTROPHE = re.compile(r"[’`]")
_POSSESSIVE = re.compile(r"['’]s?$")
_EDGE = " \t\"'“”‘’.,;:!?()[]{}-–—*"
_TRAILING_NUMBERS = re.compile(r"(\s+[\d(][\d.,\-/()a-z]*)+$")
_LETTER = re.compile(r"[^\W\d_]")


def is_caps_line(sentence: str) -> bool:
    """True for all-capitals lines (Reuters headlines), whose casing says nothing about names."""
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) < 8:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) > 0.8


def is_heading_like(sentence: str) -> bool:
    """Short title-case line without end punctuation: a section heading, not prose."""
    s = sentence.strip()
    if not s or s[-1] in '.!?:"”’)' or len(s) > 90:
        return False
    if any(ch.isdigit() or ch in ",;()" for ch in s):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", s)]
    if not 2 <= len(words) <= 12:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6


def clean_name(text: str) -> str:
    """Strip possessives, edge punctuation, trailing numbers and honorifics from a name."""
    text = " ".join(_APOSTROPHE.sub("'", text).split())
    text = _TRAILING_NUMBERS.sub("", text).strip(_EDGE)
    text = _POSSESSIVE.sub("", text).strip(_EDGE)
    words = text.split()
    while words and words[0].lower() in HONORIFICS:
        words.pop(0)
    while words and (words[-1].lower() in NAME_PARTICLES or not _LETTER.search(words[-1])):
        words.pop()
    return " ".join(words)


def name_key(text: str) -> str:
    """Comparison key: lower-case, apostrophes unified, single spaces."""
    return " ".join(_APOSTROPHE.sub("'", text).lower().split())


def is_place(text: str) -> bool:
    """Countries, regions, cities and nationalities from the lexicon (whole text)."""
    key = name_key(text)
    bare = key.rstrip(".")
    return any(k in PLACES or k in NATIONALITIES for k in (key, bare, bare + ".")) or (
        bare.endswith("s") and bare[:-1] in NATIONALITIES
    )


def looks_like_person_name(text: str) -> bool:
    """Shape check: capitalised words (particles allowed inside), no lexicon words alone."""
    words = text.split()
    if not words or len(words) > 6:
        return False
    if len(words) == 1 and (name_key(text) in NOT_NAMES or is_place(text) or text.isupper()):
        return False
    if all(name_key(w) in PLACES or name_key(w) in NATIONALITIES for w in words):
        return False
    if words[-1].lower() in GEO_WORDS or all(is_title_word(w) or is_place(w) for w in words):
        return False
    if any(len(w) > 2 and w.isupper() and w.isalpha() for w in words):
        return False
    if any(w.lower() in NON_NAME_WORDS for w in words) or (len(words) > 1 and len(words[-1]) == 1):
        return False
    if any("-" in w and any(is_place(p) for p in w.split("-")) for w in words):
        return False  # "Real Madrid-Barcelona", "Dallas-Fort Worth"
    last = words[-1].lower().rstrip(".")
    surname_like = last in SURNAME_ORG_WORDS and words[0].lower() in GIVEN_NAMES
    if last in ORG_WORDS and not surname_like:
        return False
    if len(words) > 1 and words[0].lower() in COMPASS_WORDS | COMMON_STARTERS | NAME_PREFIXES:
        return False
    for i, word in enumerate(words):
        if word.lower() in NAME_PARTICLES and i < len(words) - 1:
            continue
        if not is_capitalised(word.lstrip("(")):
            return False
        if not _LETTER.search(word):
            return False
    return True


def looks_like_given_name(text: str) -> bool:
    """Two to four words starting with a common given name ("Troy Vincent")."""
    words = text.split()
    return 2 <= len(words) <= 4 and words[0].lower() in GIVEN_NAMES and looks_like_person_name(text)


_DEMONYM_SUFFIXES = ("man", "woman", "lander", "landers")


def is_title_word(word: str) -> bool:
    """Words that stand before a name without being part of it: titles, nationalities,
    portfolios, hyphenated titles ("Lieutenant-General") and demonyms ("Englishman")."""
    w = word.lower().strip(".")
    if w in TITLE_WORDS or w + "." in TITLE_WORDS or w in NATIONALITIES or w in PORTFOLIO_WORDS:
        return True
    if "-" in w and any(part in TITLE_WORDS for part in w.split("-")):
        return True
    for suffix in _DEMONYM_SUFFIXES:
        stem = w[: -len(suffix)]
        if (
            w.endswith(suffix)
            and len(stem) > 3
            and (stem in NATIONALITIES or stem + "ish" in NATIONALITIES)
        ):
            return True
    return w.endswith("lander") and len(w) > 8


def strip_titles(tokens: Sequence[Token]) -> Sequence[Token]:
    """Drop role words before a name ("French President Emmanuel Macron" -> "Emmanuel Macron")."""
    last = -1
    for i, token in enumerate(tokens[:-1]):
        word = token.text.lower()
        # After a given name a title word is part of the name: "Robert Earl Keen", "John Major".
        named = i > 0 and tokens[i - 1].text.lower() in GIVEN_NAMES and i - 1 != last
        if (
            (is_title_word(word) and not named)
            or (i == last + 1 and word in ("of", "the"))
            or (i == last + 1 and i == 0 and word in COMMON_STARTERS)
        ):
            last = i
    rest = tokens[last + 1 :]
    while rest and rest[0].text.lower() in ("of", "the"):
        rest = rest[1:]
    return rest


def after_office(sentence: str, tokens: Sequence[Token]) -> Sequence[Token]:
    """ "(Director of) Public Prosecutions Alison Saunders" -> "Alison Saunders": after "of" or
    an office's "for" ("Minister for Europe Karl Osmund"), the capitalised words before a given
    name end an office's title, not begin a name."""
    before = sentence[: tokens[0].start].rstrip().lower().split() if tokens else []
    office = before[-1:] == ["of"] or (
        before[-1:] == ["for"] and len(before) > 1 and is_title_word(before[-2])
    )
    if len(tokens) < 3 or not office:
        return tokens
    for k in range(1, len(tokens) - 1):
        if tokens[k].text.lower() in GIVEN_NAMES:
            earlier = [t.text.lower() for t in tokens[:k]]
            return tokens if any(w in GIVEN_NAMES for w in earlier) else tokens[k:]
    return tokens


def strip_articles(tokens: Sequence[Token]) -> Sequence[Token]:
    """Drop leading articles ("the White House" -> "White House")."""
    while tokens and tokens[0].text.lower() in ("the", "a", "an"):
        tokens = tokens[1:]
    return tokens


_TITLE_AFTER = re.compile(r"^\s+([a-z][\w-]*)\s+(?:[a-z][\w-]*\s+)?[A-Z]")


def affiliation(sentence: str, end: int) -> bool:
    """True when a lower-case title and another name follow: "Tottenham striker Harry Kane"
    makes "Tottenham" an affiliation, not a person."""
    match = _TITLE_AFTER.match(sentence[end : end + 80])
    return match is not None and is_title_word(match.group(1))


def place_qualifier(sentence: str, end: int) -> bool:
    """True when a lower-case place word follows: "the Northgate district", "the Ohio river"."""
    match = _WORD_AFTER.match(sentence[end : end + 30])
    return match is not None and match.group(1) in PLACE_QUALIFIERS


_WORD_AFTER = re.compile(r"^\s+([a-z]+)\b")
_SPEECH_AFTER = re.compile(
    r"^,?\s+(?:said|says|told|tells|added|adds|explained|wrote|writes|tweeted|insisted|"
    r"admitted|argued|warned|replied|recalled|who)\b"
)
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|wrote|according to)\s+$")


def person_context(sentence: str, start: int, end: int) -> bool:
    """Strong evidence that a lone word is a person: a title before it ("striker Costa",
    "Mr Costa") or speech next to it ("Costa said", "said Costa")."""
    return titled_context(sentence, start) or speech_context(sentence, start, end)


# Portfolio words that are no title of their own ("House" of "House Speaker").
PORTFOLIO_ONLY = PORTFOLIO_WORDS - TITLE_WORDS


def titled_context(sentence: str, start: int) -> bool:
    """A title right before the name: "striker Costa", "Mr Costa" (a portfolio alone is none:
    "the White House Kitchen Garden")."""
    before = sentence[max(0, start - 40) : start].split()
    if not before or before[-1][-1:] in ",;:":
        return False
    return is_title_word(before[-1]) and before[-1].lower().strip(".") not in PORTFOLIO_ONLY


def speech_context(sentence: str, start: int, end: int) -> bool:
    """Speech next to the name: "Costa said", "said Costa" (organisations speak too)."""
    after = sentence[end : end + 40]
    return bool(
        _SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(sentence[max(0, start - 40) : start])
    )


_WORD = re.compile(r"\w+")


def name_words(text: str) -> list[str]:
    """The case-folded words of a name."""
    return _WORD.findall(text.casefold())


def names_match(names: Iterable[str], query: str) -> bool:
    """Every word of ``query`` is a word of one of the names (an actor's name or alias)."""
    wanted = set(name_words(query))
    return bool(wanted) and any(wanted <= set(name_words(name)) for name in names)


def one_names_the_other(a: str, b: str) -> bool:
    """ "Lagarde" and "Christine Lagarde" name one actor; "Jane Smith" and "John Smith" do not."""
    mine, theirs = set(name_words(a)), set(name_words(b))
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)
