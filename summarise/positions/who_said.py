"""Who said what in one article: attributions found, speakers resolved, offsets mapped."""

from __future__ import annotations

from collections.abc import Sequence

from summarise import nlp
from summarise.actors.resolve import Entity
from summarise.models import Position
from summarise.offsets import TextMap
from summarise.positions.attribution import attribute
from summarise.positions.clauses import stance_text
from summarise.positions.found import Found
from summarise.positions.quotes import find_quotes
from summarise.positions.speakers import MentionAt, SpeakerResolver

__all__ = ["find_attributions", "to_position"]


def find_attributions(
    sentences: Sequence[str],
    entities: Sequence[Entity],
    roles: dict[int, str],
    opens: Sequence[bool] = (),
    language: str = "en",
) -> list[Found]:
    """Attributions of the article's sentences (empty strings are skipped), in reading order;
    `language` (ISO 639-1) chooses the cues."""
    quotes = find_quotes(sentences, opens)
    mentions = [
        MentionAt(i, m.sent, m.start, m.end, e.kind == "person")
        for i, e in enumerate(entities)
        for m in e.mentions
    ]
    names = {i: [e.name, *e.aliases] for i, e in enumerate(entities)}
    resolver = SpeakerResolver(sentences, mentions, roles, quotes, names=names)
    pipeline = nlp.pipeline()
    parser = pipeline if pipeline is not None and nlp.can_parse(pipeline) else None
    return attribute(sentences, quotes, resolver, parser, language)


def to_position(
    found: Found, sentences: Sequence[str], entities: Sequence[Entity], where: TextMap | None
) -> Position:
    """The attribution as the digest reports it, offsets into the original text if known."""
    quote = found.quote.text(sentences) if found.quote is not None else None
    sent = sentences[found.sent]
    speaker = sent[found.speaker[0] : found.speaker[1]] if found.speaker else None
    span = speaker_span = cue_span = None
    if where is not None and found.content:
        first, last = found.content[0], found.content[-1]
        start = where.span(*first)
        end = where.span(*last)
        if start is not None and end is not None and end[1] > start[0]:
            span = (start[0], end[1])
        if found.speaker is not None:
            speaker_span = where.span(found.sent, *found.speaker)
        cue_span = where.span(found.sent, *found.cue)
    return Position(
        text=stance_text(found, sentences),
        quote=quote or None,
        speaker=speaker,
        actor=entities[found.actor].name if found.actor is not None else None,
        cue=sent[found.cue[0] : found.cue[1]],
        span=span,
        speaker_span=speaker_span,
        cue_span=cue_span,
        reported_by=entities[found.reported_by].name if found.reported_by is not None else None,
    )
