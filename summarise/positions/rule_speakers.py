"""The speaker of a cue without a parser: the name, pronoun or description just before it
(auxiliaries, adverbs and an apposition may stand between), or just after it when a quote or
a comma comes first, resolved through :class:`summarise.positions.speakers.SpeakerResolver`."""

from __future__ import annotations

import re

from summarise.actors.lexicon import words
from summarise.actors.names import is_title_word
from summarise.positions.clauses import opening_clause_end
from summarise.positions.cues import CORE_SPEECH, GOES_ON, SOURCE_NOUNS, is_speech
from summarise.positions.speakers import SpeakerResolver

__all__ = [
    "AUXILIARIES",
    "MAX_GAP_WORDS",
    "NAME",
    "PRONOUN",
    "can_speak",
    "participle_subject",
    "resolve_phrase",
    "speaker_after",
    "speaker_before",
]

AUXILIARIES = words(
    "has have had is was were are will would could should may might must can also not never "
    "then later again already still now just once did does do been be n't reportedly"
)


_LAST_APPOSITION = re.compile(r",[^,\"]{1,90},(?=[^,\"]*$)")


NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:(?:of|the|for|and|de|van|von|al)\s+)*[A-Z][\w.'’-]*)*")


_DESCRIPTION = re.compile(
    r"\b(?i:the|a|an|one|two|three|several|some|many)\s+(?:[\w'’-]+\s+){0,3}([a-z0-9][\w-]*)$"
)


_SOURCE_PHRASE = re.compile(r"(?:\b[A-Za-z][a-z]+\s+)?\b[a-z]+$")


PRONOUN = re.compile(r"\b(he|she|they|we|i|it)$", re.I)


_OBJECT_OF = re.compile(r"\b(?:at|in|on|into|from|for|to|by|with|about|over|under)\s+(?:the\s+)?$")


_PARTICIPLE_LEAD = re.compile(r",\s+(?:\w+ly\s+)?$")


_WHO = re.compile(r",?\s+who$")


_OPENER = re.compile(r"(?:And|But|So|Yet|Or|Nor|Then|Now|Meanwhile|However|Also)\s+(?=[A-Z])")


MAX_GAP_WORDS = 6


_LAST_WORD = re.compile(r"(\S+)\s*$")


def participle_subject(
    sent: int, sentence: str, cue: tuple[int, int], resolver: SpeakerResolver
) -> tuple[int, int] | None:
    """ "X reinforced the stance, unequivocally stating that ...": the clause's subject, the
    first one named in the sentence, speaks; not one named in a clause that opens the
    sentence ("While Y was away, X commented, saying"), and after "while Y ..." Y does."""
    if not sentence[cue[0] : cue[1]].endswith("ing"):
        return None
    if not _PARTICIPLE_LEAD.search(sentence, 0, cue[0]):
        return None
    contrast = [m.end() for m in _CONTRAST.finditer(sentence, 0, cue[0])]
    start = contrast[-1] if contrast else opening_clause_end(sentence)
    here = [m for m in resolver.mentions if m.sent == sent and start <= m.start < cue[0]]
    first = next((m for m in here if m.person), here[0] if here else None)
    return (first.start, first.end) if first is not None else None


_CONTRAST = re.compile(r"\b(?:while|whereas|whilst)\s+")


def speaker_before(sentence: str, cue_start: int) -> tuple[int, int] | None:
    """The name, pronoun or description that ends just before the cue, perhaps followed by
    auxiliaries and an apposition ("Ushakov, Russia's adviser, has not confirmed")."""
    head = sentence[:cue_start]
    # Without the apposition nearest the cue ("Ann Lee, the supervisor, said").
    last = _LAST_APPOSITION.search(head)
    blank = head[: last.start()] + " " * len(last.group(0)) + head[last.end() :] if last else head
    texts = (head, blank)
    for described in (False, True):
        for text in texts:
            found = _subject_at_end(text, described)
            if found is not None:
                return found
    return None


def _subject_at_end(text: str, described: bool) -> tuple[int, int] | None:
    """A pronoun or name ending `text` (after auxiliaries), or with `described` a noun phrase:
    "the minister", "the 45-year-old", "local officials"."""
    end = len(text.rstrip())
    for _ in range(MAX_GAP_WORDS):
        last = _LAST_WORD.search(text, 0, end)
        word = last.group(1).strip(",").lower() if last else ""
        if not word or not (word in AUXILIARIES or (word.endswith("ly") and len(word) > 3)):
            break
        end = len(text[: last.start()].rstrip())  # type: ignore[union-attr]
    left = text[:end]
    relative = _WHO.search(left) is not None  # "X, a spokesman, who said": X speaks
    left = _WHO.sub("", left).rstrip(" ,")
    if not left or left.endswith(('"', "'")):
        return None
    if described:
        phrase = _DESCRIPTION.search(left) or _SOURCE_PHRASE.search(left)
        if phrase is None or not _source_head(phrase.group(0)):
            return None
        return phrase.span()
    pronoun = PRONOUN.search(left)
    if pronoun:
        return pronoun.span(1)
    names = [m for m in NAME.finditer(left) if m.end() == len(left)]
    if not names or (not relative and _OBJECT_OF.search(left, 0, names[0].start())):
        return None  # "the talks at the White House have clarified": no one speaks
    start, end = names[0].span()
    opener = _OPENER.match(left, start, end)  # "But Home Secretary Ann Lee": not "But"
    return (opener.end(), end) if opener else (start, end)


def _source_head(phrase: str) -> bool:
    head = phrase.split()[-1].lower()
    return (
        phrase.split()[0].lower() in ("the", "this", "that")
        or head in SOURCE_NOUNS
        or (head.endswith("s") and head[:-1] in SOURCE_NOUNS)
    )


_TITLED_NAME = re.compile(r"((?:\s+(?:[a-z][\w-]*|&))+)\s+(" + NAME.pattern + ")")


def speaker_after(sentence: str, cue: tuple[int, int]) -> tuple[int, int] | None:
    """`"...," said Foreign Minister X` and `, says X`: only after a quote or a comma."""
    lead = sentence[: cue[0]].rstrip()
    if lead and lead[-1] not in ",\"'":
        return None
    name = NAME.match(sentence, cue[1] + 1) if sentence[cue[1] : cue[1] + 1] == " " else None
    if name is not None:
        # "said Academy president and CEO Neil Portman": the name after the titles speaks.
        titled = _TITLED_NAME.match(sentence, name.end())
        if titled and all(w in ("and", "&") or is_title_word(w) for w in titled[1].split()):
            name = titled
        start, end = name.span(name.lastindex or 0)
        return start, end - 1 if sentence[end - 1] == "." and not sentence[end:].strip() else end
    rest = sentence[cue[1] :]
    described = re.match(r"\s+((?:the|a|an)\s+(?:[\w-]+\s+){0,3}?[\w-]+)(?=[,.]|\s+of\b)", rest)
    if described:
        return cue[1] + described.start(1), cue[1] + described.end(1)
    return None


def resolve_phrase(
    sent: int,
    speaker: tuple[int, int],
    sentence: str,
    resolver: SpeakerResolver,
    lemma: str = "",
) -> int | None:
    named = resolver.named(sent, *speaker)
    if named is not None:
        return named
    phrase = sentence[speaker[0] : speaker[1]]
    if PRONOUN.fullmatch(phrase):
        return resolver.pronoun(sent, speaker[0], phrase, goes_on=lemma in GOES_ON)
    first = phrase.split()[0].lower()
    if first in ("the", "this", "that", "his", "her", "their"):
        head = phrase.split()[-1]
        return resolver.description(sent, speaker[0], phrase, head, strict=first != "the")
    return resolver.by_name(phrase) if phrase[:1].isupper() else None


def can_speak(phrase: str, lemma: str) -> bool:
    if PRONOUN.fullmatch(phrase) or (phrase[:1].isupper() and " " not in phrase.strip()):
        return True
    if lemma in CORE_SPEECH:
        return True
    head = phrase.split()[-1].lower()
    return is_speech(lemma) and (head in SOURCE_NOUNS or head.rstrip("s") in SOURCE_NOUNS)
