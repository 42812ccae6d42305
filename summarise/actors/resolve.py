"""Grouping mentions into entities: canonical names, aliases, a label voted over the article."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarise.actors.given_names import FEMALE, GIVEN_NAMES, MALE
from summarise.actors.lexicon import COMMON_STARTERS, ORG_WORDS
from summarise.actors.names import Kind, Mention, is_place, name_key


@dataclass(slots=True)
class Entity:
    """A person or organisation with every mention attributed to it."""

    name: str
    kind: Kind
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    @property
    def first(self) -> tuple[int, int]:
        return min((m.sent, m.start) for m in self.mentions)


def resolve(mentions: Sequence[Mention], sentences: Sequence[str]) -> list[Entity]:
    """People and organisations of one article, each with its mentions and aliases."""
    kinds = _vote_kinds(mentions)
    surnames = {
        name_key(m.text).split()[-1]
        for m in mentions
        if m.sure and " " in m.text and kinds.get(name_key(m.text)) == "person"
    }
    for key in surnames:
        kinds[key] = (
            "person"  # "Choudhury" after "Bikram Choudhury" is him, whatever the model said
        )
    # "Mr Sekhon" makes "Navinder Sekhon" a person, whatever the model said of the full name.
    titled = {
        name_key(m.text)
        for m in mentions
        if m.kind == "person"
        and m.sent < len(sentences)
        and _honorific_sex(sentences[m.sent][: m.start])
    }
    for m in mentions:
        key = name_key(m.text)
        words = key.split()
        if (
            kinds.get(key) == "org"
            and 2 <= len(words) <= 3
            and words[-1] in titled
            and not ORG_WORDS.intersection(words)
            and not any(_common_word(w) for w in words[:-1])  # not "Married Adeli"
        ):
            kinds[key] = "person"
    # "Norrline said" after "Norrline Software" is the company speaking, not a person.
    for key in _org_short_forms(mentions, kinds):
        if kinds.get(key) == "person" and key not in surnames:
            kinds[key] = "org"
    people = _people([m for m in mentions if kinds.get(name_key(m.text)) == "person"], sentences)
    orgs = _orgs([m for m in mentions if kinds.get(name_key(m.text)) == "org" and m.sure])
    entities = people + orgs
    _count_alias_mentions(entities, sentences)
    return entities


def _common_word(word: str) -> bool:
    """An everyday English word, which a capital at the start of a sentence does not make a
    given name: a sentence opener or a word in -ly, -ing or -ed ("Married Adeli, 32,"), unless
    it is a given name ("Ahmed")."""
    if word in GIVEN_NAMES:
        return False
    return word in COMMON_STARTERS or word.endswith(("ly", "ing", "ed"))


def _vote_kinds(mentions: Sequence[Mention]) -> dict[str, Kind]:
    """One label per name across the article: evidence decides, else sure mentions vote."""
    votes: dict[str, Counter[Kind]] = {}
    strong: dict[str, Counter[Kind]] = {}
    for m in mentions:
        key = name_key(m.text)
        votes.setdefault(key, Counter())[m.kind] += 2 if m.sure else 1
        if m.strong:
            strong.setdefault(key, Counter())[m.kind] += 1
    votes.update(strong)  # layout and context evidence outweighs the model's guesses
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _people(mentions: Sequence[Mention], sentences: Sequence[str]) -> list[Entity]:
    full: dict[str, Entity] = {}
    for m in mentions:
        if m.sure and " " in m.text:
            key = name_key(m.text)
            full.setdefault(key, Entity(m.text, "person")).mentions.append(m)
    _merge_contained(full)
    _split_glued(full)
    by_token: dict[str, list[Entity]] = {}
    for entity in full.values():
        words = name_key(entity.name).split()
        for word in {words[-1], words[0]}:
            by_token.setdefault(word, []).append(entity)
    singles: dict[str, Entity] = {}
    for m in mentions:
        if m.sure and " " in m.text:
            continue
        key = name_key(m.text)
        owners = _owners(key, by_token, full)
        if len(owners) > 1 and m.sent < len(sentences):
            # "Mrs Saunders" is Alison Saunders, not Pete Saunders.
            sex = _honorific_sex(sentences[m.sent][: m.start])
            if sex:
                same = [e for e in owners if _given_sex(e.name) == sex]
                owners = same or [e for e in owners if not _given_sex(e.name)] or owners
        if owners:
            owner = owners[0] if len(owners) == 1 else _main_owner(owners)
            owner.mentions.append(m)
            owner.aliases.add(m.text)
        elif m.sure and " " not in m.text:
            singles.setdefault(key, Entity(m.text, "person")).mentions.append(m)
    # A lone word with no full name needs evidence (a title, speech, a table) to be a person.
    confirmed = [e for e in singles.values() if any(m.strong for m in e.mentions)]
    return list(full.values()) + confirmed


_HONORIFIC = re.compile(r"\b(Mrs|Ms|Miss|Mr|Sir|Lady|Dame)\.?\s+$")


def _honorific_sex(before: str) -> str:
    """ "f" after "Mrs ", "Ms ", "Miss ", "m" after "Mr ", "" otherwise."""
    match = _HONORIFIC.search(before)
    if match is None:
        return ""
    return "m" if match.group(1) in ("Mr", "Sir") else "f"


def _given_sex(name: str) -> str:
    """The sex a given name almost always means ("f" for Alison), "" when it says none."""
    first = name.split()[0].lower()
    return "f" if first in FEMALE else "m" if first in MALE else ""


def _owners(key: str, by_token: dict[str, list[Entity]], full: dict[str, Entity]) -> list[Entity]:
    if key in full:
        return [full[key]]
    words = key.split()
    if len(words) == 1:
        surnames = [e for e in by_token.get(key, []) if name_key(e.name).split()[-1] == key]
        return surnames or by_token.get(key, [])
    return [e for e in full.values() if name_key(e.name).endswith(" " + key)]


def _main_owner(owners: list[Entity]) -> Entity:
    """A shared surname refers to the person the writer does not keep naming in full: the
    one written in full the fewest times ("Frank Jordan ... Frank Jordan ... Jordan said" is
    the other Jordan), the first introduced on a tie."""
    return min(owners, key=lambda e: (sum(" " in m.text for m in e.mentions), e.first))


def _merge_contained(full: dict[str, Entity]) -> None:
    """Shorter forms merge into longer ones ("von der Leyen", "Donald Trump" in
    "Donald J. Trump"), unless the longer one only ever opens a sentence ("Unpopular Bubba
    Watson"): then the capitalised opener was no part of the name."""
    for key in sorted(full, key=len):
        words = key.split()
        for other in sorted(full, key=len, reverse=True):
            if other == key or len(other) <= len(key) or other not in full or key not in full:
                continue
            if other.endswith(" " + key) or _same_with_initial(words, other.split()):
                source, target = key, other
                if other.endswith(" " + key) and all(m.start == 0 for m in full[other].mentions):
                    source, target = other, key
                _absorb(full[target], full[source])
                del full[source]
                break


def _split_glued(full: dict[str, Entity]) -> None:
    """Captions glued to text make "Valencia Enrique" or "Matthew Stevens O'Sullivan": when a
    name is a place or known person followed by a known person, its mentions go to them."""
    for key in list(full):
        words = key.split()
        for k in range(1, len(words)):
            left, right = " ".join(words[:k]), " ".join(words[k:])
            known_right = _known(full, right, key)
            known_left = full.get(left) if k > 1 else None
            # A given name that is also a place or a creed ("Christian", "Sofia") opens a name.
            place = is_place(left) and left not in GIVEN_NAMES
            if known_right is not None and (known_left is not None or place):
                target = known_left or known_right
                target.mentions.extend(full[key].mentions)
                del full[key]
                break


def _known(full: dict[str, Entity], key: str, exclude: str) -> Entity | None:
    """The one other person named `key` in full or by surname, if there is exactly one."""
    if key in full and key != exclude:
        return full[key]
    matches = [e for k, e in full.items() if k != exclude and k.split()[-1] == key]
    return matches[0] if len(matches) == 1 else None


def _absorb(target: Entity, source: Entity) -> None:
    target.mentions.extend(source.mentions)
    target.aliases.add(source.name)
    target.aliases.update(source.aliases)


def _same_with_initial(short: list[str], long: list[str]) -> bool:
    return (
        len(short) >= 2 and short[0] == long[0] and short[-1] == long[-1] and len(long) > len(short)
    )


def _org_short_forms(mentions: Sequence[Mention], kinds: dict[str, Kind]) -> set[str]:
    """First words of multi-word organisation names ("norrline" of "Norrline Software")."""
    return {
        key.split()[0]
        for m in mentions
        if m.sure and " " in (key := name_key(m.text)) and kinds.get(key) == "org"
    }


def _orgs(mentions: Sequence[Mention]) -> list[Entity]:
    found: dict[str, Entity] = {}
    for m in mentions:
        found.setdefault(name_key(m.text), Entity(m.text, "org")).mentions.append(m)
    # The start of one longer name is that organisation ("Norrline" of "Norrline Software",
    # "Harrow Point" of "Harrow Point Capital").
    for key in sorted(found, key=len):
        if is_place(key):
            continue
        longer = [e for k, e in found.items() if k.startswith(key + " ")]
        if len(longer) == 1:
            _absorb(longer[0], found.pop(key))
    # A lone capitalised word seen only opening sentences ("Home", "Conference") is no name.
    return [
        e
        for e in found.values()
        if " " in e.name or e.name.isupper() or any(m.start > 0 for m in e.mentions)
    ]


def _count_alias_mentions(entities: list[Entity], sentences: Sequence[str]) -> None:
    """Add occurrences the finders missed (caps headlines, possessives) as mentions."""
    owner: dict[str, Entity | None] = {}
    for entity in entities:
        forms = {entity.name, *entity.aliases}
        if entity.kind == "person":
            forms.add(entity.name.split()[-1])
        for form in forms:
            key = name_key(form)
            owner[key] = entity if owner.get(key, entity) is entity else None
    if not owner:
        return
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(owner, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    spans: dict[int, list[tuple[int, int]]] = {}
    for e in entities:
        for m in e.mentions:
            spans.setdefault(m.sent, []).append((m.start, m.end))
    for index, sentence in enumerate(sentences):
        covered = spans.get(index, [])
        for match in pattern.finditer(sentence):
            found = owner.get(name_key(match.group(1)))
            if found is None or any(s < match.end() and match.start() < e for s, e in covered):
                continue
            if not _name_cased(match.group(1)):
                continue
            found.mentions.append(
                Mention(index, match.start(), match.end(), match.group(1), found.kind)
            )
            covered.append((match.start(), match.end()))


def _name_cased(text: str) -> bool:
    """A lower-case "little" is not the player Little; all-caps lines count as cased."""
    return text[:1].isupper() or text.isupper()
