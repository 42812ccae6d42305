"""Attribution: who says, wants or refuses what, found sentence by sentence.

The finder (the dependency parse when spaCy is installed, rules otherwise) proposes raw
attributions: a cue, the speaker mention and the content. This module settles them the way a
reader does: quotes next to a cue are its content, even when they run over several sentences;
a quote with no cue of its own continues the last speaker ("..." he said. "..."); an
attribution inside another one's content is part of that content, except that "according to
X, Y indicated Z" is Y's position as reported by X; and a quotation that tells what a third
person argued ("... when he himself has argued that ...") gives that person the position, as
reported by the one quoted (summarise.positions.reported).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from summarise.positions.cues import cue_lemma, is_speech
from summarise.positions.found import Found
from summarise.positions.quotes import Quote, joined
from summarise.positions.reported import reported
from summarise.positions.speakers import SpeakerResolver

__all__ = ["attribute"]


def attribute(
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
    nlp: Any | None,
    language: str = "en",
) -> list[Found]:
    """Every attribution of an article in reading order, speakers resolved; in a language other
    than English (ISO 639-1 `language`) by that language's cues."""
    parsed: dict[int, Any] = {}  # the parses by sentence, read again for cues in quotations
    if language != "en":
        from summarise.actors.languages import profile
        from summarise.positions.rule_language import language_attributions

        raw = language_attributions(sentences, quotes, resolver, profile(language))
    elif nlp is not None:
        from summarise.positions.parse_attributions import parse_attributions
        from summarise.positions.rule_attributions import rule_attributions

        raw = parse_attributions(nlp, sentences, quotes, resolver, parsed)
        resolver.last_speaker = None  # the rules read the article again from its start
        raw += _unread(raw, rule_attributions(sentences, quotes, resolver), resolver)
    else:
        from summarise.positions.rule_attributions import rule_attributions

        raw = rule_attributions(sentences, quotes, resolver)
    for signed in _signed(sentences, quotes, resolver):
        same = [f for f in raw if (f.sent, f.cue) == (signed.sent, signed.cue)]
        if same and (signed.actor is None or any(f.actor is not None for f in same)):
            continue
        # A layout that names a person beats a finder's speaker that is no one ("the incident").
        raw = [f for f in raw if f not in same] + [signed]
    raw += _joined_by(raw, sentences, resolver)
    raw += _coordinated(raw, sentences, resolver)
    kept = _settle(raw, quotes, sentences)
    if language != "en":
        return kept
    # What a quotation reports of someone else: their position, reported by the one quoted.
    kept += reported(kept, sentences, quotes, resolver, nlp, parsed)
    kept.sort(key=lambda f: (f.content[0][0], f.content[0][1]) if f.content else (f.sent, 0))
    return kept


_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)")
_GOVERNED = re.compile(r"\b(?:of|for|to|by|with|from|at|against|about|like)\s+$", re.IGNORECASE)


def _coordinated(
    raw: Sequence[Found], sentences: Sequence[str], resolver: SpeakerResolver
) -> list[Found]:
    """ "Peter Hale and Anna Berg said ...": every person of a run of names joined by "and"
    or commas takes the position, each under their own name."""
    added: list[Found] = []
    for found in raw:
        if found.speaker is None or found.actor is None:
            continue
        sentence = sentences[found.sent]
        people = [m for m in resolver.mentions if m.sent == found.sent and m.person]
        run = [m for m in people if found.speaker[0] <= m.start and m.end <= found.speaker[1]]
        if not run or run[-1].actor != found.actor:
            continue  # the speaker is a description ("the lawyer for X and Y"), not names
        for m in reversed([m for m in people if m.end <= run[0].start]):
            if not _AND.fullmatch(sentence, m.end, run[0].start):
                break
            run.insert(0, m)
        if _GOVERNED.search(sentence, 0, run[0].start):
            continue  # "the lawyer for Peter Hale and Anna Berg said": the lawyer speaks
        for m in people:
            if m.start >= run[-1].end and _AND.fullmatch(sentence, run[-1].end, m.start):
                run.append(m)
        joints = [sentence[a.end : b.start] for a, b in pairwise(run)]
        owned = any(sentence.startswith(("'s", "’s"), m.end) for m in run)
        if not any("and" in j or "&" in j for j in joints) or owned:
            continue  # "Peter Hale, Anna Berg's lawyer, said": one speaker
        for m in run:
            if m.actor is not None and m.actor != found.actor:
                speaker = (m.start, m.end)
                added.append(replace(found, speaker=speaker, actor=m.actor))
    return added


_JOINED_BY = re.compile(r"\bjoined\s+by\s+(.{1,120}?)\s+in\s+$")


def _joined_by(
    raw: Sequence[Found], sentences: Sequence[str], resolver: SpeakerResolver
) -> list[Found]:
    """ "X has been joined by Y and Z in criticising the club": Y and Z take the position too,
    each under their own name."""
    added: list[Found] = []
    for found in raw:
        sentence = sentences[found.sent]
        match = _JOINED_BY.search(sentence, 0, found.cue[0])
        if match is None:
            continue
        start, end = match.span(1)
        for mention in resolver.mentions:
            inside = mention.sent == found.sent and start <= mention.start < mention.end <= end
            if inside and mention.person and mention.actor != found.actor:
                speaker = (mention.start, mention.end)
                added.append(replace(found, speaker=speaker, actor=mention.actor))
    return added


def _unread(parsed: list[Found], ruled: list[Found], resolver: SpeakerResolver) -> list[Found]:
    """What the rules find where the parse found nothing: a person's cue that no parsed
    attribution holds as its cue or inside its content (a parse that read "Mr Rose, 57,
    branded the plan as '...'" as a noun phrase)."""
    return [
        f
        for f in ruled
        if f.actor is not None
        and resolver.is_person(f.actor)
        and not any(
            g.sent == f.sent and (g.cue == f.cue or g.covers(f.sent, f.cue[0])) for g in parsed
        )
        and not any(f.covers(g.sent, g.cue[0]) for g in parsed)
    ]


_SIGNATURE = re.compile(r"\s*[―—–]\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
_PARTICIPLE_COLON = re.compile(r"\b([a-z]+ing):\s*")
_HEADLINE = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}):\s+(?=\S)")


def _signed(
    sentences: Sequence[str], quotes: Sequence[Quote], resolver: SpeakerResolver
) -> list[Found]:
    """Attributions by layout: a quote signed with a dash (`"..." ― Jane Roe`) and a
    headline or paragraph that opens with a name and a colon (`Pence: "..."`)."""
    found: list[Found] = []
    for quote in quotes:
        sentence = sentences[quote.end_sent]
        match = _SIGNATURE.match(sentence, quote.end)
        if match is None:
            continue
        name = match.span(1)
        actor = resolver.named(quote.end_sent, *name)
        dash = (match.start(), match.start(1))
        found.append(
            Found(
                quote.end_sent, dash, "sign", tuple(quote.segments(sentences)), name, actor, quote
            )
        )
    for quote in quotes:
        # "X made light of it writing: '...'": a speech verb's -ing form and a colon before a
        # quote tell what the sentence's person says, however the parse reads the verb.
        sentence = sentences[quote.start_sent]
        match = _PARTICIPLE_COLON.search(sentence, 0, quote.start)
        if match is None or match.end() != quote.start:
            continue
        lemma = cue_lemma(match.group(1))
        if lemma is None:
            continue
        first = resolver.first_mention(quote.start_sent, match.start())
        if first is None or not first.person:
            continue
        content = tuple(quote.segments(sentences))
        speaker = (first.start, first.end)
        found.append(
            Found(quote.start_sent, match.span(1), lemma, content, speaker, first.actor, quote)
        )
    for index, sentence in enumerate(sentences):
        match = _HEADLINE.match(sentence)
        if match is None:
            continue
        actor = resolver.named(index, *match.span(1))
        if actor is None:
            continue
        colon = (match.end(1), match.end(1) + 1)
        content = ((index, match.end(), len(sentence)),)
        opening = next(
            (q for q in quotes if q.start_sent == index and q.start == match.end()), None
        )
        found.append(Found(index, colon, "headline", content, match.span(1), actor, opening))
    return found


def _settle(raw: list[Found], quotes: Sequence[Quote], sentences: Sequence[str]) -> list[Found]:
    raw.sort(key=lambda f: (f.sent, f.cue[0]))
    kept: list[Found] = []
    for found in raw:
        outer = next(
            (k for k in raw if k is not found and k.covers(found.sent, found.cue[0])), None
        )
        if outer is None:
            kept.append(found)
        elif (
            (outer.lemma == "according" or outer.quote is not None)
            and found.actor is not None
            and found.actor != outer.actor
        ):
            # "according to X, Y indicated ..." and a quote telling what Y argued: Y's
            # position, reported by X. A claim inside an indirect report stays the reporter's.
            kept.append(replace(found, reported_by=outer.actor))
        elif found.quote is not None and found.actor is not None and found.actor != outer.actor:
            # A statement quoted in full inside another's clause is its speaker's own.
            kept.append(found)
    # An "according to" whose content holds someone else's cue is that one's reporter only;
    # so is a report that is all another's statement ("The prosecutor said Adeli replied: ...").
    reporters = {
        id(k)
        for k in kept
        for f in kept
        if f.reported_by is not None
        and k.covers(f.sent, f.cue[0])
        and (k.lemma == "according" or _opens_with(k, f))
    }
    kept = [k for k in kept if id(k) not in reporters]
    kept = _one_cue_per_quote(kept)
    grown = _continued_quotes(kept, quotes, sentences)
    kept = [grown.get(id(k), k) for k in kept]
    kept.sort(key=lambda f: (f.content[0][0], f.content[0][1]) if f.content else (f.sent, 0))
    return kept


def _opens_with(outer: Found, inner: Found) -> bool:
    """Whether `outer`'s content starts with `inner`'s speaker and holds its quote: the
    report is nothing but the other's statement."""
    if inner.speaker is None or inner.quote is None or not outer.content:
        return False
    sent, start, _ = outer.content[0]
    return sent == inner.sent and inner.speaker[0] <= start + 1 and start < inner.speaker[1]


def _one_cue_per_quote(found: list[Found]) -> list[Found]:
    """A quotation is one statement: of the cues side by side that claim the same quote, one
    keeps it (`"...," Trump said, adding later` is Trump's once): a named speaker's, the
    nearest. A cue inside another's content (a report of what someone said) keeps its own."""

    def beaten(f: Found) -> bool:
        return any(
            g is not f
            and g.quote == f.quote
            and _rank(g) < _rank(f)
            and not (g.covers(f.sent, f.cue[0]) or f.covers(g.sent, g.cue[0]))
            for g in found
        )

    return [f for f in found if f.quote is None or not beaten(f)]


def _rank(found: Found) -> tuple[bool, bool, int]:
    """A named speaker first, a cue of speech before a stance, then the cue nearest to the
    quote."""
    return found.actor is None, not is_speech(found.lemma), _distance(found)


def _distance(found: Found) -> int:
    """Characters between a cue and its quote, within the cue's sentence."""
    quote = found.quote
    if quote is None:
        return 0
    if quote.end_sent == found.sent and quote.end <= found.cue[0]:
        return found.cue[0] - quote.end
    if quote.start_sent == found.sent and quote.start >= found.cue[1]:
        return quote.start - found.cue[1]
    return 1000


def _continued_quotes(
    found: list[Found], quotes: Sequence[Quote], sentences: Sequence[str]
) -> dict[int, Found]:
    """A quote no cue claims, right after an attribution ("..." he said. "..."), is the same
    speaker going on."""
    claimed = {f.quote: f for f in found if f.quote is not None}
    grown: dict[int, Found] = {}  # id of the attribution found -> it with its quotes joined
    roots: dict[int, int] = {}
    by_sentence = sorted(found, key=lambda f: (f.sent, f.cue[0]))
    previous: Quote | None = None
    for quote in quotes:
        if quote in claimed or any(f.covers(quote.start_sent, quote.start) for f in found):
            previous = quote
            continue
        owner = claimed.get(previous) if previous is not None else None
        if owner is None or not _follows(previous, quote, sentences):  # type: ignore[arg-type]
            before = [
                f
                for f in by_sentence
                if (f.sent, f.cue[0]) < (quote.start_sent, quote.start)
                and quote.start_sent - f.sent <= 1
                and (f.quote is not None or is_speech(f.lemma))
            ]
            owner = before[-1] if before and _goes_on(before[-1], quote, sentences) else None
        previous = quote
        if owner is None:
            continue
        # One attribution for the whole quotation: `"A," he said. "B."` is one statement.
        merged = replace(
            owner,
            content=owner.content + tuple(quote.segments(sentences)),
            quote=joined(owner.quote, quote),
            verb_start=None,
        )
        origin = roots.get(id(owner), id(owner))
        grown[origin] = merged
        roots[id(merged)] = origin
        for q in (owner.quote, quote):
            if q is not None:
                claimed[q] = merged
    return grown


def _follows(previous: Quote, quote: Quote, sentences: Sequence[str]) -> bool:
    """The quote opens right where the previous one ended (a quotation running on over
    sentences or paragraphs, each opening with its own mark)."""
    if quote.start_sent == previous.end_sent:
        return not sentences[quote.start_sent][previous.end : quote.start].strip()
    return quote.start_sent == previous.end_sent + 1 and not (
        sentences[quote.start_sent][: quote.start].strip()
        or sentences[previous.end_sent][previous.end :].strip()
    )


def _goes_on(found: Found, quote: Quote, sentences: Sequence[str]) -> bool:
    """The quote opens the next sentence, or follows the cue and its speaker after a comma
    (`"...," he said, "..."`)."""
    if quote.start_sent != found.sent:
        return not sentences[quote.start_sent][: quote.start].strip()
    after = max(found.cue[1], found.speaker[1] if found.speaker else 0)
    between = sentences[found.sent][after : quote.start].strip(" ,")
    # `"...," he said, "..."` and `"...," he said, but "..."`
    return after <= quote.start and (not between or between in ("but", "and", "adding"))
