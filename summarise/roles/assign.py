"""Roles of people: the fullest one an article gives, with "his", "its" resolved."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.given_names import GIVEN_NAMES
from summarise.actors.lexicon import COMMON_STARTERS, REFERRING_TITLES, words
from summarise.actors.names import (
    Mention,
    is_place,
    is_title_word,
    looks_like_given_name,
    looks_like_person_name,
    strip_titles,
)
from summarise.actors.resolve import Entity
from summarise.roles.phrases import DESCRIBED, TITLE, lede_role, mention_role
from summarise.roles.words import CALENDAR
from summarise.tokens import capitalised_runs, tokenize

__all__ = ["add_role_references", "entity_role", "mention_role"]

_DETERMINERS = words("the a an his her its their this that these those")
_AFFILIATION = re.compile(r",? of (the )?")
_POSSESSIVE_GAP = ("'s ", "’s ")
_OWNER = re.compile(r"(?<![\w.'’-])((?:The\s)?(?:(?!The\s)[A-Z][\w&-]*\s){0,3}[A-Z][\w&-]+)['’]s $")
_OPENS = re.compile(r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?")


def entity_role(
    entity: Entity, sentences: Sequence[str], orgs: Sequence[Entity] = ()
) -> str | None:
    """The surest role an article gives a person, the first of those unless a later one says
    more ("President" then "Ukrainian President"): a title or apposition beats a clause or a
    statement ("who heads X", "is a lawyer"), which beats a bare form of address ("Gen.").
    "Its president" names the organisation, "his daughter" the person just named; without any
    role, the organisation the person is "of" ("Ann Lee of the Tax Institute")."""
    named: dict[int, list[tuple[Entity, Mention]]] = {}
    for org in orgs:
        for om in org.mentions:
            named.setdefault(om.sent, []).append((org, om))
    mentions = sorted(entity.mentions, key=lambda m: (m.sent, m.start))
    role = _lede(mentions[0], sentences) if mentions else None
    sure = DESCRIBED if role else -1
    for m in mentions:
        found = mention_role(m, sentences[m.sent])
        text, how = found if found is not None else (None, DESCRIBED)
        if text is not None and text.split()[0].lower() in _DETERMINERS:
            text = _without_determiner(text, m, entity, sentences, named)
        if text is None:
            text, how = _affiliation(m, sentences[m.sent], named.get(m.sent, [])), DESCRIBED
        elif " " not in text:  # "Trooper Ann Lee of the State Patrol"
            where = _of_org(m, sentences[m.sent], named.get(m.sent, []))
            text, how = (f"{text} of {where}", TITLE) if where else (text, how)
        if text is None:
            continue
        if role is None or how > sure or (how == sure and _more(text, role)):
            role, sure = text, how
    return role


def _lede(first: Mention, sentences: Sequence[str]) -> str | None:
    """ "A teacher has been banned ... Ann Lee asked pupils ...": a story that opens on a
    role and names the person at the start of the next sentence, naming no one before."""
    if not first.sent or not _OPENS.fullmatch(sentences[first.sent][: first.start]):
        return None
    before = sentences[first.sent - 1]
    tokens = tokenize(before)
    for i, j in capitalised_runs(tokens):
        if looks_like_given_name(before[tokens[i].start : tokens[j - 1].end]):
            return None
    return lede_role(before)


def _more(found: str, role: str) -> bool:
    """ "Ukrainian President" says more than "President", "spokesman for X" than "spokesman"."""
    f, r = found.lower(), role.lower()
    return len(f) > len(r) and (f.endswith(" " + r) or f.startswith(r + " "))


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
    role: str,
    m: Mention,
    entity: Entity,
    sentences: Sequence[str],
    named: dict[int, list[tuple[Entity, Mention]]],
) -> str | None:
    """ "Its president" -> "president of the Harwick Chamber of Commerce" when one organisation
    was just named, "his daughter" -> "Tom Lee's daughter" when one other person was named
    before in the sentence; otherwise the role without its determiner ("team manager")."""
    determiner, _, rest = role.partition(" ")
    if not rest:
        return None
    owner = _recent_org(m, named) if determiner.lower() in ("its", "their") else None
    if owner is not None:
        org, at = owner
        written = sentences[at.sent][: at.start].lower()
        return f"{rest} of {'the ' if written.endswith('the ') else ''}{org.name}"
    person = None
    if determiner.lower() in ("his", "her"):
        person = _named_before(m, entity, sentences[m.sent], named.get(m.sent, []))
    return f"{person}'s {rest}" if person else rest


def _named_before(
    m: Mention, entity: Entity, sentence: str, orgs: Sequence[tuple[Entity, Mention]]
) -> str | None:
    """The one other person named before `m` in its sentence: a given name and surname
    ("Frank Jordan spoke with his son, ...") or a possessive name ("King's ... his daughter")."""
    tokens = tokenize(sentence[: m.start])
    taken = [(o.start, o.end) for o in entity.mentions if o.sent == m.sent]
    taken += [(o.start, o.end) for _, o in orgs]
    found: dict[str, str] = {}
    for i, j in capitalised_runs(tokens):
        name = strip_titles(tokens[i:j])
        if not name:
            continue
        start, end = name[0].start, name[-1].end
        text = sentence[start:end]
        if any(s < end and start < e for s, e in taken) or is_place(text):
            continue
        possessive = len(name) == 1 and name[-1].gap.startswith(("'s", "’s"))
        if looks_like_given_name(text) or (possessive and looks_like_person_name(text)):
            found.setdefault(text.split()[-1], text)
    return next(iter(found.values())) if len(found) == 1 else None


def _recent_org(
    m: Mention, named: dict[int, list[tuple[Entity, Mention]]]
) -> tuple[Entity, Mention] | None:
    """The organisation named last before `m` in its sentence, else the only one named in the
    sentence before."""
    here = [(o, om) for o, om in named.get(m.sent, []) if om.end <= m.start]
    if here:
        return max(here, key=lambda pair: pair[1].start)
    before = named.get(m.sent - 1, [])
    if len({id(o) for o, _ in before}) == 1:
        return before[0]
    return None


def _of_org(m: Mention, sentence: str, orgs: Sequence[tuple[Entity, Mention]]) -> str | None:
    """The organisation right after "of" after the name, as written ("the State Patrol")."""
    for _, om in orgs:
        of = _AFFILIATION.fullmatch(sentence[m.end : om.start]) if om.start >= m.end else None
        if of is not None and not sentence[m.end : om.start].startswith(","):
            return sentence[om.start - len(of.group(1) or "") : om.end]
    return None


def _affiliation(m: Mention, sentence: str, orgs: Sequence[tuple[Entity, Mention]]) -> str | None:
    """ "Ann Lee, of the Tax Institute," / "Ann Lee of the Tax Institute" / "the Tax
    Institute's Ann Lee" / "Sportsmail's Ann Lee": the organisation as written."""
    for _, om in orgs:
        if om.start >= m.end and _AFFILIATION.fullmatch(sentence[m.end : om.start]):
            return sentence[om.start : om.end]
        if om.end <= m.start and sentence[om.end : m.start] in _POSSESSIVE_GAP:
            return sentence[om.start : om.end]
    owner = _OWNER.search(sentence, max(0, m.start - 40), m.start) if " " in m.text else None
    if owner is None or m.start - owner.end() != 0:
        return None
    name = owner.group(1).removeprefix("The ")
    first = name.split()[0].lower()
    plain = first in COMMON_STARTERS | GIVEN_NAMES | CALENDAR or is_title_word(first)
    return None if plain or is_place(name) else name
