"""Who a speaker mention means: a named actor, "he" or "she", or a description ("the minister").

Pronouns go to the last person the reader met whose gender fits: gender comes from honorifics
and gendered role words ("Mrs", "spokeswoman") and from the pronouns the article itself uses
right after naming someone. A description goes to the person whose role holds its head noun;
"the 45-year-old" to the last person named. What no rule settles stays unresolved: an unnamed
source is an attribution without an actor, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarise.actors.given_names import FEMALE, MALE
from summarise.actors.lexicon import words
from summarise.positions.cues import DOCUMENT_NOUNS
from summarise.positions.quotes import Quote, quoted

__all__ = ["Gender", "MentionAt", "SpeakerResolver"]

Gender = str  # "m", "f" or "" (unknown)

_MALE = words(
    """he him his himself mr mr. sir lord king prince father son brother husband boyfriend
    uncle nephew grandfather spokesman chairman congressman businessman policeman man boy
    gentleman dad"""
)
_FEMALE = words(
    """she her hers herself mrs mrs. ms ms. miss dame lady queen princess mother daughter sister
    wife girlfriend aunt niece grandmother spokeswoman chairwoman congresswoman businesswoman
    policewoman woman girl actress mum mom"""
)
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_PRONOUN_WORD = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)
_AGE = re.compile(r"\d+-year-old|year-old", re.IGNORECASE)
_PERSON_NOUNS = words(
    """man woman boy girl father mother son daughter husband wife brother sister victim
    suspect teenager youngster resident witness officer star player veteran pensioner"""
)
_KIN = words(
    """father mother son daughter husband wife brother sister grandfather grandmother
    grandson granddaughter parent dad mum mom uncle aunt nephew niece"""
)
_AFFILIATION = re.compile(r",?\s+(?:of|at|from|with)\s+(?:the\s+)?")
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*[a-z]")
_PERSON_ENDINGS = ("man", "woman", "er", "or", "ist", "ian")
_REACH = 3  # sentences back that a pronoun may reach
# Between a name and its cue: commas and auxiliaries ("Ana Ruiz, has also said").
_BEFORE_CUE = re.compile(
    r"(?:,[^,;:\"'()]{1,90},)?[\s,]*(?:(?:has|have|had|was|is|also|then|later|once)\s+)*"
)
_NAMING = words("named identified known called")
_CAPTION = re.compile(r"\s*\((?:pictured|left|right|centre|center|above|below|inset|file|stock)\b")
_LINKS = words("of for to by with from at in on about against and or than like as 's")


@dataclass(frozen=True, slots=True)
class MentionAt:
    """A mention of actor `actor` in sentence `sent` at [start, end)."""

    actor: int
    sent: int
    start: int
    end: int
    person: bool


@dataclass(slots=True)
class SpeakerResolver:
    """Resolves speaker mentions in reading order; remembers who spoke last."""

    sentences: Sequence[str]
    mentions: Sequence[MentionAt]
    roles: dict[int, str]
    quotes: Sequence[Quote] = ()
    names: dict[int, list[str]] = field(default_factory=dict)  # every name of each actor
    genders: dict[int, Gender] = field(default_factory=dict)
    last_speaker: tuple[int, int] | None = None  # (actor, sentence)
    every_mention: Sequence[MentionAt] = ()  # those inside quotations too, in reading order

    def __post_init__(self) -> None:
        self.every_mention = sorted(self.mentions, key=lambda m: (m.sent, m.start))
        self.mentions = [m for m in self.every_mention if not quoted(self.quotes, m.sent, m.start)]
        self.genders = _genders(self.sentences, self.mentions, self.roles)

    def named(self, sent: int, start: int, end: int) -> int | None:
        """The actor mentioned at [start, end) of sentence `sent`, if one is."""
        best = self.mention_at(sent, start, end)
        return best.actor if best is not None else None

    def document_author(self, sent: int, start: int, end: int) -> MentionAt | None:
        """The person a statement or report at [start, end) comes from: "a statement released
        Monday from the family's attorney, James Maron"; None when the words are no document
        or name no person."""
        words = self.sentences[sent][start:end].split()
        if len(words) < 2 or words[1].lower().strip(",") not in DOCUMENT_NOUNS:
            return None
        if words[0].lower() not in ("a", "an", "the", "his", "her", "their", "its"):
            return None
        here = [m for m in self.mentions if m.sent == sent and start <= m.start and m.end <= end]
        return next((m for m in reversed(here) if m.person), None)

    def first_mention(self, sent: int, before: int) -> MentionAt | None:
        """The first mention of sentence `sent` before offset `before`, a person's if any
        ("White House Press Secretary Karoline Leavitt": her, not the White House)."""
        here = [m for m in self.mentions if m.sent == sent and m.start < before]
        return next((m for m in here if m.person), here[0] if here else None)

    def mention_at(self, sent: int, start: int, end: int) -> MentionAt | None:
        """The mention overlapping [start, end) of sentence `sent`: the one holding the span's
        last word (the head of "Maricopa County Sheriff Joe Arpaio"), a person's first."""
        here = [m for m in self.mentions if m.sent == sent and m.start < end and start < m.end]
        if not here:
            return None
        return max(here, key=lambda m: (m.start < end <= m.end, m.person, m.end))

    def is_person(self, actor: int) -> bool:
        """Whether the article names `actor` as a person."""
        return any(m.actor == actor and m.person for m in self.mentions)

    def named_before_cue(self, sent: int, start: int, cue: int) -> MentionAt | None:
        """The person named last in a description right before its cue: "The author of the
        book, Ana Ruiz, wrote", "Prize winner and novelist Ana Ruiz has said", "Ana Ruiz, head
        of the trust, added"; not a name after a preposition ("the lawyer for Ana Ruiz said":
        the lawyer speaks)."""
        sentence = self.sentences[sent]
        here = [
            m
            for m in self.mentions
            if m.sent == sent and m.person and start <= m.start and m.end <= cue
        ]
        for mention in reversed(here):
            if not _BEFORE_CUE.fullmatch(sentence, mention.end, cue):
                continue
            before = [w.lower().strip(",") for w in sentence[start : mention.start].split()]
            # "One resident, named only as Jassem, told": "as" after naming joins the name.
            named_as = before[-1:] == ["as"] and bool(_NAMING.intersection(before[-3:-1]))
            # "his son and daughter, Donavan and Donna Freberg, confirmed": two people speak.
            paired = before[-1:] == ["and"] and any(
                m.end < mention.start
                and not sentence[m.end : mention.start].strip(" ,and")
                and sentence[start : m.start].split()[-1:] not in ([w] for w in _LINKS)
                for m in here
            )
            if not (before and before[-1] in _LINKS) or named_as or paired:
                return mention
        return None

    def member(self, sent: int, start: int, end: int) -> tuple[int, tuple[int, int]] | None:
        """The person named just before the organisation mentioned at [start, end), joined to
        it by "of", "at" or "from" ("Sara Okonjo of the Institute"): actor and span."""
        found = self.mention_at(sent, start, end)
        if found is None or found.person:
            return None
        org = [found]
        sentence = self.sentences[sent]
        for m in self.mentions:
            joined = m.end <= org[0].start and _AFFILIATION.fullmatch(
                sentence[m.end : org[0].start]
            )
            if m.sent == sent and m.person and joined:
                return m.actor, (m.start, m.end)
        return None

    def pronoun(self, sent: int, offset: int, word: str, goes_on: bool = False) -> int | None:
        """The person "he" or "she" at (sent, offset) most likely means; `goes_on` for "he
        added" or "she continued", which carry on the last speaker."""
        gender = _PRONOUNS.get(word.lower())
        if gender is None:
            return None
        speaker = self.last_speaker
        recent = speaker is not None and sent - speaker[1] <= _REACH
        if goes_on and speaker is not None and recent and self._fits(speaker[0], gender):
            return speaker[0]
        before = self._before(sent, offset)
        here = [m for m in before if m.sent == sent and m.person and self._fits(m.actor, gender)]
        if here:
            return here[-1].actor  # "Smith ... when he said"
        for index in range(sent - 1, max(-1, sent - 1 - _REACH), -1):
            if speaker is not None and speaker[1] == index and self._fits(speaker[0], gender):
                return speaker[0]
            # The first person a sentence names is most often its subject, the topic that a
            # pronoun in the next sentence carries on; not one a photo shows ("X (pictured)").
            people = [m for m in before if m.sent == index and m.person and not self._pictured(m)]
            fitting = [m for m in people if self._fits(m.actor, gender)]
            if fitting:
                return fitting[0].actor
        # Far from any name: "she" still means the one woman the article has named.
        known = {
            m.actor
            for m in before
            if m.person and self.genders.get(m.actor) == gender and not self._pictured(m)
        }
        return known.pop() if len(known) == 1 else None

    def other_person(
        self, sent: int, offset: int, word: str, besides: int, since: int
    ) -> int | None:
        """ "he" or "she" inside a quotation of `besides` (who would say "I"): the last person
        other than them known to be of that gender, named in the quotation or at most a few
        sentences before it opens in sentence `since`."""
        gender = _PRONOUNS.get(word.lower())
        if gender is None:
            return None
        # The quotation may name the one it speaks of ("Mr Hale is wrong. He said that ...").
        every = self.every_mention
        for m in reversed([m for m in every if (m.sent, m.end) <= (sent, offset)]):
            if since - m.sent > _REACH:
                return None
            if m.person and m.actor != besides and self.genders.get(m.actor) == gender:
                return m.actor
        return None

    def by_name(self, phrase: str) -> int | None:
        """The one actor a name the mention finder missed belongs to, by its last word
        ("Yankovic" for "Weird Al Yankovic")."""
        words = _NAME_WORD.findall(phrase)
        if not words:
            return None
        last = words[-1].lower()
        found = {
            actor
            for actor, names in self.names.items()
            if any(name.lower().split()[-1:] == [last] for name in names if name)
        }
        if len(found) > 1:
            # "King said", with B.B. and Claudette King named: the one already called "King".
            found = {a for a in found if any(n.lower() == last for n in self.names[a])}
        return found.pop() if len(found) == 1 else None

    def description(
        self, sent: int, offset: int, phrase: str, head: str, strict: bool = False
    ) -> int | None:
        """ "the minister" -> the person whose role says minister; "the 45-year-old" -> the
        last person named; with `strict` ("his son") only a role holder."""
        head_word = head.lower()
        gender = "f" if head_word in _FEMALE else "m" if head_word in _MALE else ""
        if not strict and (_AGE.search(phrase) or head_word in _PERSON_NOUNS):
            # "The father of ... admitted ... Abase Hussen, 47, said": named just after.
            earlier = self._recent(sent, offset, gender, head=head_word)
            return earlier if earlier is not None else self._next(sent, gender)
        if not strict and gender and not head_word.endswith("man"):
            # "the first lady", "the prince": the last person the article shows of that sex.
            return self._recent(sent, offset, gender, known=True)
        before = self._before(sent, offset)
        # A description points back: only role holders the reader has met count.
        holders = {
            m.actor
            for m in before
            if head_word in self.roles.get(m.actor, "").lower().replace("'s", " ").split()
        }
        if len(holders) > 1:
            return None  # "the president" when two presidents met: no one in particular
        if not holders:
            # "the relieved fisherman": a word for a person, the last person named.
            # Two people named since the sentence before: no telling which one it means.
            agent = head_word.endswith(_PERSON_ENDINGS) and len(head_word) > 4
            near = {m.actor for m in before if m.person and m.sent >= sent - 1}
            return near.pop() if agent and not strict and len(near) == 1 else None
        return holders.pop()

    def spoke(self, actor: int | None, sent: int) -> None:
        """Note that `actor` spoke in sentence `sent` (people only: "he" after them means them)."""
        if actor is not None and self.is_person(actor):
            self.last_speaker = (actor, sent)

    def _recent(
        self,
        sent: int,
        offset: int,
        gender: Gender,
        since: int = -1,
        known: bool = False,
        head: str = "",
    ) -> int | None:
        """The last person named within reach whose gender fits (is `gender`, with `known`)
        and, for a kinship `head` ("the father"), who is not known as other kin ("X's son")."""
        for m in reversed(self._before(sent, offset)):
            if m.sent < since or sent - m.sent > _REACH:
                return None
            fits = self.genders.get(m.actor) == gender if known else self._fits(m.actor, gender)
            if m.person and fits and not self._other_kin(m.actor, head):
                return m.actor
        return None

    def _next(self, sent: int, gender: Gender) -> int | None:
        for m in self.mentions:
            if m.sent > sent + 1:
                return None
            if m.sent >= sent and m.person and self._fits(m.actor, gender):
                return m.actor
        return None

    def _before(self, sent: int, offset: int) -> list[MentionAt]:
        return [m for m in self.mentions if (m.sent, m.end) <= (sent, offset)]

    def _other_kin(self, actor: int, head: str) -> bool:
        """ "the father" is not the one the article calls someone's son."""
        if head not in _KIN:
            return False
        role = set(self.roles.get(actor, "").lower().replace("'s", " ").split())
        return bool(role & (_KIN - {head}))

    def _pictured(self, mention: MentionAt) -> bool:
        """Whether a photo's caption names the person here ("Lena Ortiz (pictured with him)")."""
        return bool(_CAPTION.match(self.sentences[mention.sent], mention.end))

    def _fits(self, actor: int, gender: Gender) -> bool:
        known = self.genders.get(actor, "")
        return not gender or not known or known == gender


def _genders(
    sentences: Sequence[str], mentions: Sequence[MentionAt], roles: dict[int, str]
) -> dict[int, Gender]:
    """Each person's gender from the words before their names, their role, and the pronouns
    of sentences where they are the only person named."""
    votes: dict[int, list[int]] = {}
    for m in mentions:
        if not m.person:
            continue
        tally = votes.setdefault(m.actor, [0, 0])
        before = sentences[m.sent][max(0, m.start - 12) : m.start].lower().split()
        if before and before[-1] in _MALE:
            tally[0] += 3
        elif before and before[-1] in _FEMALE:
            tally[1] += 3
        given = (sentences[m.sent][m.start : m.end].split() or [""])[0].lower()
        if given in MALE:
            tally[0] += 3
        elif given in FEMALE:
            tally[1] += 3
    for actor, role in roles.items():
        role_words = set(role.lower().split())
        if actor in votes and role_words & _MALE:
            votes[actor][0] += 3
        if actor in votes and role_words & _FEMALE:
            votes[actor][1] += 3
    by_sentence: dict[int, set[int]] = {}
    for m in mentions:
        if m.person:
            by_sentence.setdefault(m.sent, set()).add(m.actor)
    for index, people in by_sentence.items():
        if len(people) != 1:
            continue
        (actor,) = people
        text = sentences[index]
        follow = sentences[index + 1] if index + 1 < len(sentences) else ""
        if not by_sentence.get(index + 1):
            text = f"{text} {follow}"
        for match in _PRONOUN_WORD.finditer(text):
            votes[actor][0 if _PRONOUNS[match.group(1).lower()] == "m" else 1] += 1
    return {actor: ("m" if m > f else "f" if f > m else "") for actor, (m, f) in votes.items()}
