"""Roles from titles before a name and from appositions around it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.lexicon import (
    COMMON_STARTERS,
    HONORIFICS,
    NATIONALITIES,
    NOT_NAMES,
    PORTFOLIO_WORDS,
    REFERRING_TITLES,
    STANCE_CUES,
    TITLE_WORDS,
    words,
)
from summarise.names import Mention, is_place
from summarise.resolve import Entity
from summarise.tokens import Token, is_capitalised, tokenize

_ARTICLES = ("the ", "a ", "an ")
_POSSESSIVE_END = re.compile(r"['’]s$")
_DETERMINERS = words("its his her their our my your this that these those")
_CLAUSE_WORDS = words("who which that whose whom where when said says told and or but")
_MAX_WORDS = 8
_NOT_IN_ROLES = words(
    "the a an his her their its our my your this that these those who which when where by "
    "with from to at in on as is was were are be been has have had said says told and or but"
)
_WINDOW = 120  # characters around a name that a role can span


def entity_role(
    entity: Entity, sentences: Sequence[str], orgs: Sequence[Entity] = ()
) -> str | None:
    """The first role an article gives a person, widened when a later one says more
    ("President" then "Ukrainian President"); "its president" names the organisation."""
    role: str | None = None
    for m in sorted(entity.mentions, key=lambda m: (m.sent, m.start)):
        found = mention_role(m, sentences[m.sent])
        if found is not None and found.split()[0].lower() in _DETERMINERS:
            found = _without_determiner(found, m, sentences, orgs)
        if found is None:
            continue
        if role is None or (found.lower().endswith(role.lower()) and len(found) > len(role)):
            role = found
    return role


def mention_role(m: Mention, sentence: str) -> str | None:
    """Title before the name, else an apposition after it, else one before it."""
    return (
        _title_before(sentence, m.start)
        or _apposition_after(sentence, m.end)
        or (_apposition_before(sentence, m.start))
    )


def add_role_references(
    people: Sequence[tuple[Entity, str]], sentences: Sequence[str], first_body: int
) -> None:
    """Count "the mayor" (or "the mayor's") as a mention of the one person whose role is mayor,
    after the article has named them; a title that several people hold is left alone."""
    holders: dict[str, list[Entity]] = {}
    for entity, role in people:
        office = _office(role)
        if office is not None:
            holders.setdefault(office, []).append(entity)
    for office, entities in holders.items():
        if len(entities) != 1:
            continue
        (entity,) = entities
        pattern = re.compile(rf"\b[Tt]he ({office})\b(?![ -]+[A-Z])", re.IGNORECASE)
        for index in range(max(first_body, entity.first[0] + 1), len(sentences)):
            taken = [(m.start, m.end) for m in entity.mentions if m.sent == index]
            for match in pattern.finditer(sentences[index]):
                start, end = match.span(1)
                if not any(s < end and start < e for s, e in taken):
                    entity.mentions.append(Mention(index, start, end, match.group(1), "person"))


def _office(role: str) -> str | None:
    """The office a role names ("Finance Director" -> "director", "president of X" ->
    "president"), when stories refer back to its holder by it."""
    words = re.split(r"\s+(?:of|at|for|with|in)\s+", role, maxsplit=1)[0].lower().split()
    office = words[-1] if words else ""
    return office if office in REFERRING_TITLES else None


def _without_determiner(
    role: str, m: Mention, sentences: Sequence[str], orgs: Sequence[Entity]
) -> str | None:
    """ "Its president" -> "president of the Harwick Chamber of Commerce" when one organisation
    was just named; otherwise the role without its determiner ("His team manager")."""
    determiner, _, rest = role.partition(" ")
    if not rest:
        return None
    owner = _recent_org(m, orgs) if determiner.lower() in ("its", "their") else None
    if owner is not None:
        org, named = owner
        written = sentences[named.sent][: named.start].lower()
        return f"{rest} of {'the ' if written.endswith('the ') else ''}{org.name}"
    return rest


def _recent_org(m: Mention, orgs: Sequence[Entity]) -> tuple[Entity, Mention] | None:
    """The organisation named last before `m` in its sentence, else the only one named in the
    sentence before."""
    here = [(o, om) for o in orgs for om in o.mentions if om.sent == m.sent and om.end <= m.start]
    if here:
        return max(here, key=lambda pair: pair[1].start)
    before = [(o, om) for o in orgs for om in o.mentions if om.sent == m.sent - 1]
    if len({id(o) for o, _ in before}) == 1:
        return before[0]
    return None


def _is_role_word(word: str) -> bool:
    w = word.lower()
    return w in TITLE_WORDS and w not in HONORIFICS


def _title_before(sentence: str, start: int) -> str | None:
    base = max(0, start - _WINDOW)
    tokens = tokenize(sentence[base:start])
    if not tokens or tokens[-1].gap.strip():
        return None
    if not _is_role_word(tokens[-1].text) and tokens[-1].text.lower() not in PORTFOLIO_WORDS:
        return None
    taken: list[Token] = []
    k = len(tokens) - 1
    while k >= 0 and len(taken) < _MAX_WORDS:
        token = tokens[k]
        if taken and token.gap.strip() and token.gap.strip() not in ("'s", "’s"):
            break
        if _role_part(token):
            taken.append(token)
            k -= 1
            continue
        # Up to two plain words when an acronym, place or nationality stands before them:
        # "CNN legal analyst", "premier league star" stays out unless anchored.
        count = 0
        while count < 2 and k - count >= 0 and _loose(tokens[k - count]):
            count += 1
        anchor = k - count
        if not count or anchor < 0 or not _anchor(tokens[anchor : k + 1]):
            break
        if any(t.gap.strip() for t in tokens[anchor : k + 1]):
            break
        taken.extend(reversed(tokens[anchor : k + 1]))
        k = anchor - 1
    while taken and (taken[-1].text.lower() in ("of", "and", "for") or _starter(taken[-1])):
        taken.pop()
    if not any(_is_role_word(t.text) for t in taken):
        return None
    return sentence[base + taken[-1].start : base + taken[0].end]


def _role_part(token: Token) -> bool:
    word = token.text.lower()
    if word in _NOT_IN_ROLES:
        return False
    return (
        is_capitalised(token.text)
        or _is_role_word(word)
        or word in NATIONALITIES
        or word in PORTFOLIO_WORDS
        or word in ("of", "and", "for")
    )


def _loose(token: Token) -> bool:
    word = token.text
    return word.isalpha() and word.islower() and word not in _NOT_IN_ROLES


def _anchor(run: Sequence[Token]) -> bool:
    """What may stand before loose words in a role: "CNN legal analyst", "Dutch-born star",
    or before one plain noun an organisation's name ("Team Solvenna sports director")."""
    word, loose = run[0].text, [t.text for t in run[1:]]
    if (len(word) > 1 and word.isupper()) or is_place(word) or word.lower() in NATIONALITIES:
        return True
    plain_noun = len(loose) == 1 and loose[0] not in COMMON_STARTERS
    return (
        plain_noun
        and not loose[0].endswith(("ing", "ed", "ly"))
        and is_capitalised(word)
        and word.lower() not in COMMON_STARTERS | NOT_NAMES
    )


def _starter(token: Token) -> bool:
    return token.start == 0 and token.text.lower() in ("the", "a", "an", "but", "and", "as")


def _apposition_after(sentence: str, end: int) -> str | None:
    rest = sentence[end : end + _WINDOW]
    if not rest.startswith(", "):
        return None
    phrase = re.split(r"[,;.:()“”\"]|\s[–—-]\s", rest[2:], maxsplit=1)[0].strip()
    return _role_phrase(phrase, need_last=False)


def _apposition_before(sentence: str, start: int) -> str | None:
    head = sentence[max(0, start - _WINDOW) : start]
    if not head.endswith(", "):
        return None
    phrase = re.split(r"[,;:()“”\"]|\s[–—-]\s", head[:-2])[-1].strip()
    return _role_phrase(phrase, need_last=True)


def _verb_like(word: str) -> bool:
    """ "confirmed to The Hollywood Reporter" is a clause, not a role."""
    w = word.lower().strip(".,'’")
    if _is_role_word(w) or not w.isalpha() or word[0].isupper():
        return False
    return w in STANCE_CUES or w.endswith(("ed", "ing")) or w in ("is", "was", "has", "had")


def _role_phrase(phrase: str, *, need_last: bool) -> str | None:
    words = phrase.split()
    if not words or len(words) > _MAX_WORDS or words[0].lower() in _CLAUSE_WORDS:
        return None
    if any(w.lower() in _CLAUSE_WORDS for w in words) or any(w[0].isdigit() for w in words):
        return None
    if any(_verb_like(w) for w in words):
        return None
    if need_last and not _is_role_word(words[-1].strip(".")):
        return None
    if not any(_is_role_word(_POSSESSIVE_END.sub("", w).strip(".'’")) for w in words):
        return None
    lowered = phrase.lower()
    for article in _ARTICLES:
        if lowered.startswith(article):
            phrase = phrase[len(article) :]
            break
    return phrase or None
