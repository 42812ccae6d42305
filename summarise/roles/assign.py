"""Roles of people: the fullest one an article gives, with "his", "its" resolved."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
from summarise.roles.phrases import (
    DESCRIBED,
    TITLE,
    in_quote,
    is_weak,
    lede_role,
    mention_role,
    noun_phrase,
)
from summarise.roles.words import CALENDAR, CLAUSE_WORDS, is_role_noun
from summarise.tokens import capitalised_runs, tokenize

__all__ = ["add_role_references", "described_roles", "entity_role", "mention_role"]

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


# "the Manchester United defender", "the peer": a definite description up to its verb.
_THE = re.compile(r"(?:^|(?<=\s))[Tt]he\s+")
_SEGMENT = re.compile(r"[,.;:()\"“”‘’']")
_OPENS_CLAUSE = re.compile(
    r"(?:^|(?:\bthat|\bbut|\band|[,;:])\s+)(?:(?:[Bb]ut|[Nn]ow|[Aa]nd)\s+)*$"
)
_SUBJECT_VERB = re.compile(
    r"\s*(?:,[^,]{1,60},\s*)?(?:has|had|have|was|is|would|will|could|[a-z]+ed|[a-z]+s)\b"
)


def described_roles(
    people: dict[int, Entity], roles: dict[int, str | None], sentences: Sequence[str]
) -> None:
    """Roles from a definite description that points back to the one person the sentence
    before names: "... Janner would escape prosecution. ... the peer was well enough" gives
    a person without a role, or with a bare form of address, "peer"; "... blackmailing star
    Tom Reed ... Ann Lee had a fling with the Harwick United defender" (where the subject is
    someone else) gives "Harwick United defender" in place of a one-word role."""
    named: dict[int, set[int]] = {}
    for i, entity in people.items():
        for m in entity.mentions:
            named.setdefault(m.sent, set()).add(i)
    taken = {i: set((roles.get(i) or "").lower().split()) for i in people}
    found: dict[int, str] = {}
    for index in range(1, len(sentences)):
        before = named.get(index - 1, set())
        if len(before) != 1:
            continue
        (who,) = before
        if who in named.get(index, set()):
            continue
        sentence = sentences[index]
        for match in _THE.finditer(sentence):
            role, after = _description_role(sentence[match.end() :])
            if role is None or after[:1].isupper() or in_quote(sentence, match.start()):
                continue  # "the club's defender Tom Reed": a title; "'The manager told us'"
            head = role.split()[-1]
            if head[:1].isupper() or any(head.lower() in w for i, w in taken.items() if i != who):
                break  # "the Duchess": someone of that title; or someone else's role
            owner = _subject(people[who], index - 1, sentences[index - 1])
            # A subject of its own sentence: the person just named, if they were its subject;
            # an object after someone else's name: the other person, if it names a team.
            subject = _OPENS_CLAUSE.search(sentence, 0, match.start()) is not None
            own = subject and owner and not named.get(index)
            other = _specific(role) and _named_subject(
                people.values(), index, sentence, match.start()
            )
            if own or other:
                found.setdefault(who, role)
            break
    for who, role in found.items():
        current = roles.get(who)
        specific = _specific(role)
        plain = current is not None and " " not in current and current.islower()
        if current is None or is_weak(current) or (specific and plain):
            roles[who] = role


def _specific(role: str) -> bool:
    """ "Harwick United defender": a role that names where the person plays or works."""
    return any(w[:1].isupper() and not is_role_noun(w) for w in role.split())


def _description_role(text: str) -> tuple[str | None, str]:
    """The role a description after "the" gives ("£6million former Harwick skipper at a party"
    -> "former Harwick skipper"), not "man" or "week", and the word after it."""
    found = _SEGMENT.split(text, maxsplit=1)[0].split()[:6]
    while found and not found[0][:1].isalpha():
        found = found[1:]  # a fee or a figure: "the £6million ..."
    for k, word in enumerate(found, 1):
        if word.lower() in CLAUSE_WORDS:
            break
        after = found[k] if k < len(found) else ""
        if is_role_noun(word) and not is_role_noun(after):
            role = noun_phrase(found[:k], open_=False)
            return (role, after) if role == " ".join(found[:k]) else (None, after)
    return None, ""


def _subject(entity: Entity, sent: int, sentence: str) -> bool:
    """Whether a mention of `entity` in sentence `sent` is followed by its verb ("Lee would")."""
    return any(m.sent == sent and _SUBJECT_VERB.match(sentence, m.end) for m in entity.mentions)


def _named_subject(people: Iterable[Entity], sent: int, sentence: str, end: int) -> bool:
    """Whether sentence `sent` opens on a person's name before `end` ("Ann Lee, 34, had")."""
    return any(
        m.sent == sent and m.end <= end and _OPENS.fullmatch(sentence[: m.start]) is not None
        for entity in people
        for m in entity.mentions
    )
