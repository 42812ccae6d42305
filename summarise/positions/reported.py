"""Statements a quotation reports of someone else: in Ann Cole's "How can they say he is unfit
when he himself has argued that age should not be a barrier?", that age should not be a barrier
is the position of the man "he" means, as Ann Cole reports it.

Only a cue whose subject is a third person ("he", "she", a name, "the manager") and whose
content is a clause counts, and only when its subject means a person other than the one quoted
(who would say "I"). The quoted one's own "I", "we" and "you", "they", anyone unnamed, and
what is negated, hedged ("he would say that") or supposed ("if he said that") stay part of the
quotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from summarise.actors.lexicon import words
from summarise.actors.names import is_title_word
from summarise.positions.clauses import CLAUSE_END, lead_length
from summarise.positions.cues import CONTENT_ONLY, cue_lemma, find_cues
from summarise.positions.found import Found, Inner, Segment
from summarise.positions.quotes import Quote
from summarise.positions.speakers import SpeakerResolver

__all__ = ["reported", "rule_inner"]


def reported(
    kept: Sequence[Found],
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
    nlp: Any | None,
    parsed: dict[int, Any] | None = None,
) -> list[Found]:
    """The attributions the quotations of `kept` report of other people, each `reported_by`
    the one quoted; `parsed` holds the sentences the parser has read already."""
    outers: list[Found] = []
    pieces: list[Segment] = []
    for outer in kept:
        if outer.quote is None or outer.actor is None or outer.reported_by is not None:
            continue
        if not resolver.is_person(outer.actor):
            continue
        for piece in outer.quote.segments(sentences):
            outers.append(outer)
            pieces.append(piece)
    if not pieces:
        return []
    if nlp is not None:
        from summarise.positions.parse_attributions import parse_inner

        read = parse_inner(nlp, sentences, pieces, parsed)
    else:
        read = [rule_inner(sentences, piece) for piece in pieces]
    cues = {(f.sent, f.cue) for f in kept}
    found: list[Found] = []
    seen: set[tuple[int, tuple[int, int], int]] = set()
    for outer, piece, inners in zip(outers, pieces, read, strict=True):
        assert outer.quote is not None and outer.actor is not None
        for inner in inners:
            if (inner.sent, inner.cue) in cues or _inner_quoted(quotes, outer.quote, inner):
                continue
            opening = (outer.quote.start_sent, outer.quote.start)
            actor = _actor(inner, sentences, resolver, outer.actor, opening)
            if actor is None or (inner.sent, inner.cue, actor) in seen:
                continue
            seen.add((inner.sent, inner.cue, actor))
            found.append(
                Found(
                    inner.sent,
                    inner.cue,
                    inner.lemma,
                    ((piece[0], *inner.content),),
                    inner.subject,
                    actor,
                    None,
                    outer.actor,
                    inner.verb_start,
                )
            )
    return found


def _inner_quoted(quotes: Sequence[Quote], outer: Quote, inner: Inner) -> bool:
    """The cue stands in a quotation within the quotation (`'I thought, 'He said that ...''`):
    words the quoted one repeats, not a report."""
    return any(
        q != outer
        and q not in outer.parts
        and q.holds(inner.sent, inner.cue[0])
        and (outer.start_sent, outer.start) < (q.start_sent, q.start)
        for q in quotes
    )


def _actor(
    inner: Inner,
    sentences: Sequence[str],
    resolver: SpeakerResolver,
    besides: int,
    opening: tuple[int, int],
) -> int | None:
    """The person the subject means, never the one quoted."""
    phrase = sentences[inner.sent][inner.subject[0] : inner.subject[1]]
    described = _described_before(inner, sentences, opening) if inner.kind == "pronoun" else None
    if described is not None:
        # "How can they say the mayor is neutral when he himself has argued": the mayor.
        sent, start, text = described
        head = text.split()[-1]
        actor = resolver.description(sent, start, text, head, strict=True)
    elif inner.kind == "pronoun":
        since = opening[0]
        actor = resolver.other_person(inner.sent, inner.subject[0], phrase, besides, since)
    elif inner.kind == "name":
        actor = resolver.by_name(phrase)
    else:
        # "the manager": only the person whose role it is, never a guess.
        actor = resolver.description(inner.sent, inner.subject[0], phrase, inner.head, strict=True)
    if actor is None or actor == besides or not resolver.is_person(actor):
        return None
    return actor


def _described_before(
    inner: Inner, sentences: Sequence[str], opening: tuple[int, int]
) -> tuple[int, int, str] | None:
    """The last "the <role>" of the quotation before its "he" or "she" ("the mayor", "the
    manager"): what the pronoun most likely carries on. Sentence, offset and words."""
    last = None
    for sent in range(opening[0], inner.sent + 1):
        start = opening[1] if sent == opening[0] else 0
        end = inner.subject[0] if sent == inner.sent else len(sentences[sent])
        for match in _ROLE_DESCRIPTION.finditer(sentences[sent], start, end):
            if is_title_word(match.group(1)):
                last = (sent, match.start(), match.group(0))
    return last


_ROLE_DESCRIPTION = re.compile(r"\b[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)\b")


# A third person right before the cue, with auxiliaries and adverbs between: "he himself has".
_SUBJECT = re.compile(
    r"(?:\b(?P<pronoun>[Hh]e|[Ss]he)"
    r"|\b(?P<description>[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}(?P<head>[a-z][\w-]*))"
    r"|(?<![\w’-])(?<!\w')(?P<name>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2}))"
    r"(?:\s+(?:himself|herself|has|had|have|also|once|previously|repeatedly|always|publicly))*"
    r"\s+$"
)
_WORD_START = re.compile(r"(?<![\w’-])(?<!\w')\w")  # not "t" of "don't"


def _subject(sentence: str, start: int, cue: int) -> re.Match[str] | None:
    """The subject nearest before the cue (of "the best thing he has", "he")."""
    starts = [m.start() for m in _WORD_START.finditer(sentence, start, cue)]
    for at in reversed(starts[-6:]):
        match = _SUBJECT.match(sentence, at, cue)
        if match is not None:
            return match
    return None


# What comes between the cue and its that-clause: a listener, an adverb.
_TO_THAT = re.compile(r"(?:\s+(?:to\s+)?(?:us|me|him|her|them|everyone)\b)?(?:\s+\w+)?\s+that\s+")
# The reported clause ends as a rule-read one does, or at a hyphen set apart or a stop.
_END = re.compile(CLAUSE_END.pattern + r"|\s-\s|[.?!]")
_SUPPOSED = re.compile(r"\b(?i:if|unless|whether|as)\s+$")
# Capitalised words that open a sentence and are no one's name.
_NOT_NAMES = words(
    """And But So Yet Or Then Now Also Even If When While Because This That It There They We I
    You What Why How"""
)


def rule_inner(sentences: Sequence[str], piece: Segment) -> list[Inner]:
    """Cues of a quoted passage whose subject is a third person and whose content is a
    that-clause ("he has argued that ..."), by the words around them."""
    sent, start, end = piece
    sentence = sentences[sent]
    found: list[Inner] = []
    for match in find_cues(sentence[:end]):
        if match.start() < start or (found and match.start() < found[-1].content[1]):
            continue
        word = match.group(0).lower()
        lemma = cue_lemma(word)
        if lemma is None or word == "according to":
            continue
        subject = _subject(sentence, start, match.start())
        link = _TO_THAT.match(sentence, match.end(), end)
        if subject is None or link is None:
            continue
        kind = next(k for k in ("pronoun", "description", "name") if subject.group(k))
        if _SUPPOSED.search(sentence, start, subject.start()):
            continue  # "if he argued that ...", "as she said"
        if kind == "name" and subject.group("name").split()[0] in _NOT_NAMES:
            continue
        stop = _END.search(sentence, link.end(), end)
        clause_end = stop.start() if stop else end
        text = sentence[link.end() : clause_end].rstrip(" ,'\"")
        lead = lead_length(text)
        if len(text[lead:].split()) < 3:
            continue
        content = (link.end() + lead, link.end() + len(text))
        head = subject.group("head") or subject.group(kind).split()[-1]
        verb = None if lemma in CONTENT_ONLY else match.start()
        found.append(
            Inner(sent, match.span(), lemma, subject.span(kind), kind, head, content, verb)
        )
    return found
