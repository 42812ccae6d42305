"""Titles around a person's name: before it ("NASA chief scientist Ellen Stofan", "race
leader Tomas Ferreira") and as an apposition before it ("His daughter, Claudette King,")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.lexicon import (
    COMMON_STARTERS,
    HONORIFICS,
    NATIONALITIES,
    NOT_NAMES,
    PORTFOLIO_WORDS,
    words,
)
from summarise.actors.names import is_place, looks_like_given_name
from summarise.roles.words import (
    ARTICLES,
    CALENDAR,
    HONORIFIC_TAIL,
    JOINERS,
    LEFT_EDGES,
    OWNERS,
    QUALIFIERS,
    STANCE,
    TITLE_VERBS,
    is_role_noun,
)
from summarise.tokens import Token, is_capitalised, tokenize

_WINDOW = 120  # characters before a name that a title or apposition can span
_MAX_TITLE = 9
_MAX_LOOSE = 3  # plain lower-case words before a title's head ("loveable football commentator")
_NOT_IN_ROLES = words(
    "the a an his her their its our my your this that these those who which when where by "
    "with from to at in on as is was were are be been has have had said says told and or but"
)
_BEFORE_VERB = words("to will would could can may might shall should must did does do not never")
_OPENERS = words("like unlike as after before with without despite for from in on at by among")
_NOUNS_IN_LY = words("family elderly weekly daily monthly nightly assembly")  # not adverbs
_POSSESSIVE_GAPS = ("", "'s", "’s", "'", "’")
_SECOND = re.compile(r", (?:[A-Z][\w'’.-]*\s){1,3}and\s$")  # "..., Tom and " Ann Lee
_PAIR = re.compile(r"((?:[Hh]is|[Hh]er|[Tt]heir) )?(\S+) and (\S+)")  # "his son and daughter"
_AND_NAME = re.compile(r"\s+and\s+[A-Z]")
_NAMED_AS = re.compile(r",?\s+(?:named|identified|known)(?:\s+(?:only|locally))?\s+as\s+$")


def title_before(sentence: str, start: int) -> str | None:
    """ "NASA chief scientist Ellen Stofan", "race leader Tomas Ferreira", "his daughter Ann"."""
    base = max(0, start - _WINDOW)
    tokens = tokenize(sentence[base:start])
    end = len(tokens)
    while end and tokens[end - 1].text.lower() in HONORIFICS and not tokens[end - 1].gap:
        end -= 1
    if not end or tokens[end - 1].gap.strip():
        return None
    return _title(sentence, base, tokens, end - 1) or _office_of(sentence, base, tokens, end)


_OFFICE_LINKS = words("of for")
_OFFICE_INNER = words("the and")


_FOUND_IN = re.compile(r"\b(?:[Aa]n?|[Aa]nother)\s+$")


def role_found_in(sentence: str, start: int, end: int) -> str | None:
    """ "another Arsenal legend in Tony Adams", "found a new ally in Ann Lee": a role with
    an indefinite article, then "in" and the name (not "a teacher in Ann Lee's class")."""
    base = max(0, start - _WINDOW)
    tokens = tokenize(sentence[base:start])
    if len(tokens) < 3 or tokens[-1].text != "in" or tokens[-2].gap:
        return None
    if sentence[end : end + 2] in _POSSESSIVE_GAPS[1:3]:
        return None
    title = _title(sentence, base, tokens, len(tokens) - 2)
    if title is None or title.split()[0].lower() in _NOT_IN_ROLES:
        return None
    at = base + tokens[-2].end - len(title)
    return title if _FOUND_IN.search(sentence, 0, at) else None


def _office_of(sentence: str, base: int, tokens: Sequence[Token], end: int) -> str | None:
    """ "Director of Public Prosecutions Alison Saunders", "Minister for Europe Ann Lee": a
    title ending in what it is the title of, every word of which is capitalised."""
    k = end - 1
    while k > 0 and end - k <= 4 and not tokens[k].gap.strip():
        word = tokens[k].text
        if word.lower() in _OFFICE_LINKS:
            head = k - 1
            if tokens[head].gap.strip() or not is_capitalised(tokens[head].text):
                return None
            title = _title(sentence, base, tokens, head)
            if title is None:
                return None
            return title + sentence[base + tokens[head].end : base + tokens[end - 1].end]
        if not (is_capitalised(word) or word in _OFFICE_INNER):
            return None
        k -= 1
    return None


def title_inside(name: str) -> str | None:
    """A title the name itself starts with ("Pensioner Terry Cooper" -> "Pensioner"), when a
    given name and surname follow it."""
    words = name.split()
    k = 0
    while k < len(words) - 2 and (is_role_noun(words[k]) or words[k].lower() in QUALIFIERS):
        k += 1
    if not k or words[k - 1].lower() in QUALIFIERS or not is_role_noun(words[k - 1]):
        return None
    return " ".join(words[:k]) if looks_like_given_name(" ".join(words[k:])) else None


def apposition_before(sentence: str, start: int, end: int | None = None) -> str | None:
    """ "Russia's foreign affairs adviser, Yuri Ushakov,", "his daughter, Dr. Ann Lee,",
    "one resident, named only as Ann Lee,"; of "his son and daughter, Tom and Ann Lee," the
    first person is the son, the second the daughter."""
    base = max(0, start - _WINDOW)
    head = sentence[base:start]
    honorifics = HONORIFIC_TAIL.search(head)
    if honorifics is not None:
        head = head[: honorifics.start()]
    named = _NAMED_AS.search(head)
    second = _SECOND.search(head) if named is None else None
    if named is not None:
        head = head[: named.start()]
    elif second is not None:
        head = head[: second.start() + 2]
    elif not head.endswith(", "):
        return None
    tokens = tokenize(head)
    if not tokens or (named is None and tokens[-1].gap.strip() != ","):
        return None
    role = _title(sentence, base, tokens, len(tokens) - 1, opening=base == 0)
    pair = _PAIR.fullmatch(role) if role else None
    if pair is None or not (is_role_noun(pair.group(2)) and is_role_noun(pair.group(3))):
        return None if second is not None else role
    if second is not None:
        return (pair.group(1) or "") + pair.group(3)
    followed = end is not None and _AND_NAME.match(sentence, end) is not None
    return (pair.group(1) or "") + pair.group(2) if followed else role


def _title(
    sentence: str, base: int, tokens: Sequence[Token], h: int, *, opening: bool = False
) -> str | None:
    """The title whose head is tokens[h], walking left over qualifiers, names, possessives and
    up to three plain words that something closes off on the left ("the race leader",
    "26-year-old karate instructor"); a possessive determiner before it is kept ("his
    daughter") for the caller to resolve."""
    if not is_role_noun(tokens[h].text) and tokens[h].text.lower() not in PORTFOLIO_WORDS:
        return None
    taken = [h]
    k = h - 1
    capital = False  # a capitalised word taken left of the head
    while k >= 0 and len(taken) < _MAX_TITLE:
        if tokens[k].gap.strip() not in _POSSESSIVE_GAPS:
            break
        if tokens[k].text == tokens[k + 1].text:
            break  # "Sunderland Sunderland boss": a caption run into the text
        if k + 1 == h and tokens[k].text in ("of", "for") and is_capitalised(tokens[h].text):
            break  # "a friend of Bishop Ann Lee": the title belongs to the name
        both = k > 0 and is_role_noun(tokens[k - 1].text) and is_role_noun(tokens[k + 1].text)
        if _part(tokens, k) or (tokens[k].text == "and" and both):  # "president and CEO"
            if capital and _plain_role(tokens[k]) and tokens[k + 1].text != "and":
                break  # "with his wife Masters chairman Ann Lee": two titles run together
            capital = capital or is_capitalised(tokens[k].text)
            taken.append(k)
            k -= 1
            continue
        if not tokens[k + 1].text.islower() or tokens[k + 1].text in JOINERS:
            break  # "saw President Ann Lee", "the murder of soldier Ann Lee"
        run = 0
        while run < _MAX_LOOSE and k - run >= 0 and _loose(tokens[k - run]):
            if run and tokens[k - run].gap:
                break
            run += 1
        left = k - run
        if not run:
            break
        if left >= 0 and tokens[left].gap in _POSSESSIVE_GAPS and _anchor(tokens[left : k + 1]):
            taken.extend(range(k, left - 1, -1))
            k = left - 1
        elif left < 0 or _edge(tokens[left]):
            taken.extend(range(k, left, -1))
            k = left
        else:
            break
    while len(taken) > 1 and _trimmed(tokens[taken[-1]]):
        taken.pop()
    k = taken[-1] - 1
    if len(taken) == 1 and k >= 0 and tokens[k].text.lower() in _BEFORE_VERB:
        return None  # "to host Ann Lee": a verb, not a title
    if not any(is_role_noun(tokens[i].text) for i in taken):
        return None  # "for Labour": a portfolio alone is no title
    if h > taken[-1] and is_capitalised(tokens[h].text) and _plain_role(tokens[h - 1]):
        taken = taken[1:]  # "Police spokesman Major Ann Lee": the rank is how she is addressed
        h -= 1
    owner = k >= 0 and tokens[k].text.lower() in OWNERS and not tokens[k].gap
    j = k - 1 if k >= 0 and tokens[k].text.lower() in ARTICLES | OWNERS else k
    if opening and j == 0 and tokens[0].text.lower() in _OPENERS:
        return None  # "Like his father, Tom Field ...": an opening phrase, not an apposition
    first = tokens[k] if owner else tokens[taken[-1]]
    return sentence[base + first.start : base + tokens[h].end]


def _part(tokens: Sequence[Token], k: int) -> bool:
    token = tokens[k]
    word = token.text.lower()
    if word in _NOT_IN_ROLES:
        return False
    if word.isdigit():  # "Radio 5 Live", "Channel 4 presenter"
        return k > 0 and is_capitalised(tokens[k - 1].text) and is_capitalised(tokens[k + 1].text)
    return (
        is_capitalised(token.text)
        or is_role_noun(word)
        or word in QUALIFIERS
        or word in NATIONALITIES
        or word in PORTFOLIO_WORDS
        or word in JOINERS
        or word.startswith(("ex-", "then-"))
    )


def _plain_role(token: Token) -> bool:
    """A lower-case role noun that heads a title of its own ("wife", "defender")."""
    return token.text.islower() and token.text not in QUALIFIERS and is_role_noun(token.text)


def _loose(token: Token) -> bool:
    word = token.text
    return (
        word.replace("-", "").isalpha()
        and word.islower()
        and word not in _NOT_IN_ROLES
        and word not in COMMON_STARTERS
        and word not in STANCE
        and word not in TITLE_VERBS
        and (not word.endswith(("ed", "ing", "ly")) or word in _NOUNS_IN_LY)
    )


def _edge(token: Token) -> bool:
    """What closes a title on the left: punctuation, a possessive, an article, a pronoun, a
    preposition or an age ("26-year-old")."""
    return bool(token.gap.strip()) or token.text.lower() in LEFT_EDGES or token.text[0].isdigit()


def _anchor(run: Sequence[Token]) -> bool:
    """What may stand before plain words in a title: "CNN legal analyst", "Dutch-born star",
    or before one plain noun an organisation's name ("Team Solvenna sports director")."""
    word, loose = run[0].text, [t.text for t in run[1:]]
    if (len(word) > 1 and word.isupper()) or is_place(word) or word.lower() in NATIONALITIES:
        return True
    return (
        len(loose) == 1 and is_capitalised(word) and word.lower() not in COMMON_STARTERS | NOT_NAMES
    )


def _trimmed(token: Token) -> bool:
    """Words that open the span but not the title: "But", "Monday", a dangling "of"."""
    word = token.text.lower()
    if word in QUALIFIERS:
        return False
    return word in JOINERS or word in COMMON_STARTERS or word in CALENDAR
