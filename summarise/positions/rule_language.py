"""Who said what in a language other than English, without a parser: the language's speech
verbs and source phrases ("sagte", "dijo", "zei", "a déclaré"; "laut", "según", "volgens",
"selon", "zufolge"), the name or pronoun beside them ("Weber sagte", "„...“, sagte Weber",
"sagte er"), and the quote or clause they report. Quotation marks of every language are folded
to straight ones first (:func:`summarise.positions.quotes.fold_quotes`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from summarise.actors.language_words import SOURCE_BEFORE
from summarise.actors.languages import Language
from summarise.positions.cues import CONTENT_ONLY
from summarise.positions.found import Found
from summarise.positions.quotes import Quote, near, quoted
from summarise.positions.rule_attributions import according, report_content
from summarise.positions.rule_speakers import NAME, resolve_phrase, speaker_after, speaker_before
from summarise.positions.speakers import SpeakerResolver

__all__ = ["language_attributions"]


@lru_cache(maxsize=16)
def _pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    forms = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")


def language_attributions(
    sentences: Sequence[str], quotes: Sequence[Quote], resolver: SpeakerResolver, lang: Language
) -> list[Found]:
    """Attributions by the language's cues, in reading order (lower-case cues only: "Laut"
    opening a sentence counts, a capitalised verb inside one is a noun)."""
    if not lang.speech:
        return []
    pattern = _pattern(tuple(sorted(lang.speech)))
    found: list[Found] = []
    for index, sentence in enumerate(sentences):
        here = near(quotes, index)
        for match in pattern.finditer(sentence.lower()):
            cue = match.span()
            written = sentence[cue[0] : cue[1]]
            if quoted(here, index, cue[0]) or (written[:1].isupper() and cue[0] > 0):
                continue
            item = _read(index, cue, sentences, here, resolver, lang)
            if item is not None:
                found.append(item)
                resolver.spoke(item.actor, index)
    return found


def _read(
    sent: int,
    cue: tuple[int, int],
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
    lang: Language,
) -> Found | None:
    sentence = sentences[sent]
    word = sentence[cue[0] : cue[1]].lower()
    lemma = lang.speech[word]
    if word in SOURCE_BEFORE:
        return _source_before(sent, cue, sentence, resolver)
    if lemma == "according":
        return according(sent, cue, sentences, resolver) or _source_after(
            sent, cue, sentence, resolver
        )
    pronoun = _pronoun(sentence, cue, lang)
    speaker = speaker_after(sentence, cue) or speaker_before(sentence, cue[0])
    if pronoun is not None and (speaker is None or _closer(pronoun, speaker, cue)):
        speaker = pronoun[0]
        actor = resolver.pronoun(sent, speaker[0], pronoun[1])
    elif speaker is not None:
        actor = resolve_phrase(sent, speaker, sentence, resolver, lemma)
    else:
        return None
    content, quote = report_content(sent, cue, speaker, lemma, sentences, quotes)
    if not content:
        return None
    # A stance on an object reads with its verb ("kritisierte den Haushalt"); a clause after
    # a comma reads alone ("betonte, sie werde ...").
    first = content[0]
    direct = first[0] == sent and first[1] >= cue[1] and not sentence[cue[1] : first[1]].strip()
    verb_start = cue[0] if lemma not in CONTENT_ONLY and direct else None
    return Found(sent, cue, lemma, content, speaker, actor, quote, None, verb_start)


def _closer(
    pronoun: tuple[tuple[int, int], str], speaker: tuple[int, int], cue: tuple[int, int]
) -> bool:
    """The pronoun stands right beside the cue, nearer than the name found."""
    span = pronoun[0]
    return abs(span[0] - cue[1]) <= 1 or abs(cue[0] - span[1]) <= 1 or speaker[0] > cue[1] + 40


def _pronoun(
    sentence: str, cue: tuple[int, int], lang: Language
) -> tuple[tuple[int, int], str] | None:
    """A third-person pronoun just after the cue ("sagte er") or just before it ("sie
    betonte"), with the English pronoun it stands for."""
    after = re.match(r"\s+(\w+)", sentence[cue[1] :])
    if after and after.group(1).lower() in lang.pronouns:
        start = cue[1] + after.start(1)
        return (start, cue[1] + after.end(1)), lang.pronouns[after.group(1).lower()]
    before = re.search(r"(\w+)\s+$", sentence[: cue[0]])
    if before and before.group(1).lower() in lang.pronouns:
        return before.span(1), lang.pronouns[before.group(1).lower()]
    return None


def _source_after(
    sent: int, cue: tuple[int, int], sentence: str, resolver: SpeakerResolver
) -> Found | None:
    """ "Laut Weber fehlen ...", "Volgens Goossens is ...": the name after the cue holds the
    rest of the sentence (no comma sets it off)."""
    name = NAME.match(sentence, cue[1] + 1)
    return _holds_the_rest(sent, cue, sentence, name.span(), resolver) if name else None


def _source_before(
    sent: int, cue: tuple[int, int], sentence: str, resolver: SpeakerResolver
) -> Found | None:
    """ "Weber zufolge ist ...": the name before the cue holds the rest of the sentence."""
    names = [m for m in NAME.finditer(sentence, 0, cue[0]) if m.end() >= cue[0] - 1]
    return _holds_the_rest(sent, cue, sentence, names[-1].span(), resolver) if names else None


def _holds_the_rest(
    sent: int,
    cue: tuple[int, int],
    sentence: str,
    speaker: tuple[int, int],
    resolver: SpeakerResolver,
) -> Found | None:
    """The sentence after the cue and the name, the source's position (three words at least)."""
    rest = sentence[max(speaker[1], cue[1]) :].strip(" ,")
    start = len(sentence) - len(rest)
    end = start + len(rest.rstrip(" ."))
    if len(sentence[start:end].split()) < 3:
        return None
    actor = resolver.named(sent, *speaker)
    return Found(sent, cue, "according", ((sent, start, end),), speaker, actor)
