"""Positions: the clauses in which an actor speaks or takes a stance, with any direct quote."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarise.lexicon import STANCE_CUES, words
from summarise.models import Position
from summarise.names import Mention, is_title_word

MAX_CHARS = 200
_CUE = re.compile(
    r"\b(" + "|".join(re.escape(c) for c in sorted(STANCE_CUES, key=len, reverse=True)) + r")\b"
)
_ACCORDING = re.compile(r"\baccording to\s+$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(he|she)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PRONOUN_REACH = 2  # sentences back that "he said" may point to
_CONTINUES = re.compile(r"^(?:He|She) (?:also )?(?:added|adds|continued|went on)\b")
_QUOTE = re.compile(r"“([^”]{2,})”|\"([^\"]{2,})\"")
_CLAUSE_BREAK = re.compile(
    r";\s+|\s?—\s?|\s–\s|,\s+(?=(?:but|while|whereas|although|though|despite|whose|which|who|"
    r"as|after|before|with|where|when|and\s+(?:the|a|an|this|that)\b)\b)|"
    r"\s+(?=(?:despite|although|whereas|even though)\b)"
)
_MAX_GAP_WORDS = 6
_PHRASE_BOUNDARY = re.compile(r",\s+|—\s*|:\s+|\bthat\s+")
_APPOSITION = re.compile(r",[^,]{1,80},")
_AUXILIARIES = words(
    "has have had is was were are will would could should may might must can also not never "
    "then later again already still now just once did does do been be n't"
)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention attributed to actor number `actor`; `person` tells pronouns what they can mean."""

    actor: int
    mention: Mention
    person: bool


def find_positions(
    sentences: Sequence[str], mentions: Sequence[ActorMention]
) -> dict[int, list[Position]]:
    """Positions per actor index, in article order, without repeats."""
    by_sentence: dict[int, list[ActorMention]] = {}
    for am in sorted(mentions, key=lambda a: (a.mention.sent, a.mention.start)):
        by_sentence.setdefault(am.mention.sent, []).append(am)
    result: dict[int, list[Position]] = {}
    last_person: ActorMention | None = None  # the person "he" or "she" most likely means
    last_speaker: ActorMention | None = None
    for index, sentence in enumerate(sentences):
        if last_person is not None and index - last_person.mention.sent > _PRONOUN_REACH:
            last_person = None
        here = by_sentence.get(index, [])
        speakers: list[ActorMention] = []
        previous = (0, 0)
        for start, end in _clauses(sentence):
            inside = [a for a in here if start <= a.mention.start < end]
            owner = _relative_owner(sentence, previous, start, here)
            owner_start, previous = previous[0], (start, end)
            for actor in _speakers(sentence, start, end, inside, here, last_person, owner):
                own = [a for a in inside if a.actor == actor]
                anchor = min((a.mention.start for a in own), default=start)
                if owner is not None and actor == owner.actor and not own:
                    # "Mayor X, who proposed the plan, said ...": the clause reads from X.
                    own, anchor = [owner], owner.mention.start
                    position = _position(sentence, owner_start, end, anchor)
                else:
                    position = _position(sentence, start, end, anchor)
                if position is not None and position not in result.setdefault(actor, []):
                    result[actor].append(position)
                speakers.extend(a for a in own[:1] if a.person)
        people = [a for a in here if a.person]
        # "X said ... He added": a pronoun after a speaker means the speaker.
        if speakers:
            last_person = last_speaker = speakers[-1]
        elif people:
            last_person = people[-1]
        if last_speaker is not None and index - last_speaker.mention.sent >= _PRONOUN_REACH:
            last_speaker = None
        upcoming = sentences[index + 1] if index + 1 < len(sentences) else ""
        if last_speaker is not None and _CONTINUES.match(upcoming):
            last_person = last_speaker
    return result


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    quoted = _quoted_spans(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if any(s <= match.start() < e for s, e in quoted):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(sentence)))
    return [(s, e) for s, e in spans if e > s]


@lru_cache(maxsize=64)
def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    # Cached: every clause and cue of a sentence asks.
    return [(m.start(), m.end()) for m in _QUOTE.finditer(sentence)]


def _relative_owner(
    sentence: str, previous: tuple[int, int], start: int, here: list[ActorMention]
) -> ActorMention | None:
    """The person a "who" clause is about: the one ending the clause before it, perhaps
    followed by an apposition ("Henrik Olsen, a spokesman for the riders, who said")."""
    if not sentence.startswith("who ", start) or previous[1] <= previous[0]:
        return None
    people = [a for a in here if a.person and previous[0] <= a.mention.start < previous[1]]
    if not people:
        return None
    gap = sentence[people[-1].mention.end : previous[1]]
    return people[-1] if not gap.strip(" ,") or _APPOSITION_TAIL.fullmatch(gap) else None


_APPOSITION_TAIL = re.compile(r",\s+(?:a|an|the)\s+[^,;\"]{1,80}")


def _speakers(
    sentence: str,
    start: int,
    end: int,
    inside: list[ActorMention],
    here: list[ActorMention],
    last_person: ActorMention | None,
    owner: ActorMention | None = None,
) -> list[int]:
    found: list[int] = []
    clause = sentence[start:end]
    quoted = _quoted_spans(sentence)
    for cue in _CUE.finditer(clause):
        cue_start, cue_end = start + cue.start(), start + cue.end()
        if any(s <= cue_start < e for s, e in quoted):
            continue
        subjects = _subject(sentence, start, cue_start, cue_end, inside, here, last_person)
        found.extend(subjects or ([owner.actor] if owner is not None else []))
    for am in inside:
        if _ACCORDING.search(sentence[max(start, am.mention.start - 20) : am.mention.start]):
            found.append(am.actor)
    return list(dict.fromkeys(found))


def _subject(
    sentence: str,
    start: int,
    cue_start: int,
    cue_end: int,
    inside: list[ActorMention],
    here: list[ActorMention],
    last_person: ActorMention | None,
) -> list[int]:
    before = [a for a in inside if a.mention.end <= cue_start]
    if len(before) > 1 and _subject_gap(sentence[before[-2].mention.end : cue_start]):
        before = before[:-1]  # "Shu Rongli, an officer of the Bureau, said": the head speaks
    elif len(before) > 1 and _affiliated(sentence, before[-2], before[-1], cue_start):
        return [before[-2].actor]  # "Sara Okonjo of the Institute said": she speaks
    if before:
        closest = before[-1]
        gap = sentence[closest.mention.end : cue_start]
        if _subject_gap(gap):
            subjects = [closest.actor]
            for other in reversed(before[:-1]):
                joint = sentence[other.mention.end : closest.mention.start].strip(" ,")
                if joint in ("and", "") and other.actor not in subjects:
                    subjects.append(other.actor)
                break
            return subjects
    after = [a for a in inside if a.mention.start >= cue_end]
    if after:
        gap = sentence[cue_end : after[0].mention.start]
        by = re.match(r".{0,40}?\bby\s+", gap)
        passive = by is not None or sentence[cue_start:cue_end].endswith(" by")
        lead = sentence[start:cue_start].rstrip()
        # "said X" names the speaker only after a quote or a comma, not after "She said".
        inverted = not lead or lead[-1] in ",\"”'’"
        if (passive or inverted) and _title_gap(gap[by.end() :] if by else gap):
            return [after[0].actor]
    if _PRONOUN.search(sentence[start:cue_start]):
        earlier = [a for a in here if a.person and a.mention.end <= cue_start]
        if earlier:
            return [earlier[-1].actor]
        if last_person is not None:
            return [last_person.actor]
    return []


def _affiliated(sentence: str, person: ActorMention, org: ActorMention, cue_start: int) -> bool:
    """A person, then "of the" (or "at", "from") an organisation, then the verb."""
    link = sentence[person.mention.end : org.mention.start]
    return (
        person.person
        and not org.person
        and _AFFILIATION.fullmatch(link) is not None
        and _subject_gap(sentence[org.mention.end : cue_start])
    )


_AFFILIATION = re.compile(r",?\s+(?:of|at|from|with)\s+(?:the\s+)?")


def _window_start(sentence: str, start: int, end: int, anchor: int) -> int:
    """Start a long clause at the latest phrase boundary that still keeps the actor in."""
    if end - start <= MAX_CHARS:
        return start
    for boundary in _PHRASE_BOUNDARY.finditer(sentence, start, anchor + 1):
        if end - boundary.end() <= MAX_CHARS:
            return boundary.end()
    starts = [b.end() for b in _PHRASE_BOUNDARY.finditer(sentence, start, anchor + 1)]
    return max(starts, default=start)


def _subject_gap(gap: str) -> bool:
    """Between a subject and its verb only auxiliaries, adverbs and an apposition may stand:
    "Ushakov, has not confirmed", "Jillette, an avowed atheist, noted"."""
    if _QUOTE.search(gap):
        return False
    words = _APPOSITION.sub(" ", gap).replace(",", " ").split()
    if len(words) > _MAX_GAP_WORDS:
        return False
    return all(w.lower() in _AUXILIARIES or w.lower().endswith("ly") for w in words)


def _title_gap(gap: str) -> bool:
    """ "said Foreign Minister X" or "led by U.S. Secretary of State X": only a title between."""
    words = gap.split()
    return len(words) <= _MAX_GAP_WORDS and all(
        w[:1].isupper() or w in ("of", "the") or is_title_word(w) for w in words
    )


def _position(sentence: str, start: int, end: int, anchor: int) -> Position | None:
    """The clause, or the part of a long clause around the actor, at most MAX_CHARS long."""
    start = _window_start(sentence, start, end, anchor)
    text = sentence[start:end].strip(" ,;:–—-")
    text = re.sub(r"^(?:and|but|while|as)\s+", "", text)
    if len(text.split()) < 3:
        return None
    if len(text) > MAX_CHARS:
        cut = text.rfind(" ", 0, MAX_CHARS - 1)
        text = text[: cut if cut > 0 else MAX_CHARS - 1].rstrip(" ,;:") + "…"
    quotes = [q.group(1) or q.group(2) for q in _QUOTE.finditer(sentence[start:end])]
    quote = max(quotes, key=len).strip(" ,.") if quotes else None
    return Position(text=text, quote=quote or None)
