"""Attributions without a parser: cue words, the speaker beside them, the quote or clause they
report.

The same cue table as the parse path (summarise.positions.cues) finds the predicate. The speaker is
the name, pronoun or description just before it (auxiliaries, adverbs and an apposition may stand
between: "Ushakov, Russia's adviser, has not confirmed"), or just after it when a quote or a
comma comes first ("...," said Foreign Minister X). The content is the quote beside the cue,
else the clause after it, else, for "X is wrong, he said", the clause before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.lexicon import words
from summarise.positions.clauses import (
    CLAUSE_END,
    colon_quote,
    inner_quote,
    lead_length,
    opens_adverbial,
    parenthetical,
    quote_above,
    quote_below,
    quote_lead,
)
from summarise.positions.cues import (
    CONTENT_ONLY,
    NEEDS_OBJECT,
    NOUN_CUES,
    PASSIVE_LEADS,
    QUOTE_ONLY,
    SAID_OF,
    TO_LISTENER,
    cue_lemma,
    find_cues,
    holds_cue,
    is_speech,
)
from summarise.positions.found import Found, Segment
from summarise.positions.quotes import Quote, closes_statement, near, quoted
from summarise.positions.rule_speakers import (
    AUXILIARIES,
    MAX_GAP_WORDS,
    NAME,
    can_speak,
    participle_subject,
    resolve_phrase,
    speaker_after,
    speaker_before,
)
from summarise.positions.speakers import SpeakerResolver

__all__ = ["according", "report_content", "rule_attributions"]

_LISTENER = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:that\s+|(?=[\"']))|^\s*\w+\s+")
# "and", "but" (then, also, later) right before a second cue of the same speaker.
_AND_THEN = re.compile(r"\s(?:and|but)\s+(?:(?:then|also|later)\s+)?$")
_AND_THEN_CUE = re.compile(
    r"[\s,]+(?:and|but)\s+(?:(?:then|also|later)\s+)?([a-z]+)\b|,\s+([a-z]+ing)\b"
)
_TOPIC_PREPOSITIONS = words("on about at in to for with after before during over")
_JOINED = re.compile(r"\s*(?:and|but|or|then)\s")
_HEARD_BY = re.compile(
    r"\s*to\s+(?:(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|reporters|journalists)(?=[\s,.])"
)
# A stance also ends where a "while" clause begins ("backed the plan while Y opposed it").
_STANCE_END = re.compile(CLAUSE_END.pattern + r"|,\s|\s+(?=(?:while|whereas|whilst)\s)")
_PASSIVE_GAP = re.compile(
    r"\s+(?:(?:has|have|had)\s+been|was|were|is|are|be|being)\s+(?:\w+ly\s+)?"
)
# At most three words after the cue before a stop or comma, not a clause of its own ("said
# on Tuesday," but not "said she was relieved.").
_PARENTHESIS_END = re.compile(
    r"(?!\s+(?:he|she|it|they|we|i|you|that|the|a|an|this|there)\b)(?:\s+\w+){0,3}\s*[,.!?]",
    re.IGNORECASE,
)


_OWNED = re.compile(
    r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*|\b[Hh]is|\b[Hh]er)(?:['’]s)?\s+(?:\w+\s+)?("
    + "|".join(sorted(NOUN_CUES))
    + r")s?\s+that\s+"
)


def rule_attributions(
    sentences: Sequence[str], quotes: Sequence[Quote], resolver: SpeakerResolver
) -> list[Found]:
    found: list[Found] = []
    for index, sentence in enumerate(sentences):
        here = near(quotes, index)
        for owned in _OWNED.finditer(sentence):
            item = _owned(index, owned, sentences, here, resolver)
            if item is not None:
                found.append(item)
        for passive in _PASSIVE.finditer(sentence):
            item = _passive(index, passive, sentence, resolver)
            if item is not None:
                found.append(item)
        owned_cues = {f.cue for f in found if f.sent == index}
        for match in find_cues(sentence):
            if quoted(here, index, match.start()) or not _usable(match, sentence):
                continue
            if match.span() in owned_cues:  # "Quint's claim that ...": a noun, read once
                continue
            before = next((f for f in reversed(found) if f.sent == index), None)
            item = _read(index, match, sentences, here, resolver, before)
            if item is not None:
                found.append(item)
                resolver.spoke(item.actor, index)
    return found


def _usable(match: re.Match[str], sentence: str) -> bool:
    """A cue in lower case ("Points" and "State" in names are not cues) with what it needs
    after it: "called for", "ruled out", "plans to"."""
    word = match.group(0)
    if word[0].isupper() and word.lower() != "according to":
        return False
    lemma = cue_lemma(word)
    if word == lemma and sentence[: match.start()].endswith(", "):
        return False  # "Ann Lee, state supervisor": a bare verb form after a comma is a noun
    if _MODIFIED.search(sentence, 0, match.start()):
        return False  # "the alleged victims", "Sarah's estimated costs": an adjective or noun
    following = sentence[match.end() : match.end() + 12].lstrip().lower()
    if lemma in NEEDS_OBJECT and _PREPOSITION.match(following):
        return False  # "the woman accused of blackmail": passive, not her claim
    if lemma in _NEEDS:
        return following.startswith(_NEEDS[lemma])
    return True


# A determiner or a possessive right before a cue word makes it a modifier or a noun.
_MODIFIED = re.compile(r"(?:\b(?i:the|a|an|his|her|their|its|our|my|your)|\w['’]s)\s+$")
_PREPOSITION = re.compile(r"(?:of|as|for|by|to|over|with|after)\b")
_NEEDS = {
    "call": ("for ", "on ", "it ", "him ", "her ", "them ", "the "),
    "rule": ("out",),
    "point": ("out", "to "),
    "plan": ("to ",),
    "find": ("that ",),
    "show": ("that ",),
}


def _read(
    sent: int,
    match: re.Match[str],
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
    before: Found | None = None,
) -> Found | None:
    """The attribution of one cue; `before` is the last one found in the sentence, whose
    speaker goes on in "X said A and added: B"."""
    sentence = sentences[sent]
    cue = match.span()
    word = match.group(0).lower()
    if word == "according to":
        return _according(sent, cue, sentences, resolver, quotes)
    lemma = cue_lemma(word)
    if lemma is None:
        return None
    continued = participle_subject(sent, sentence, cue, resolver)
    goes_on = before is not None and _AND_THEN.search(sentence, before.cue[1], cue[0])
    if continued is None and goes_on and before is not None:
        continued = before.speaker  # "said the plan was flawed and added: '...'"
    speaker = continued or speaker_before(sentence, cue[0]) or speaker_after(sentence, cue)
    if speaker is None:
        return None
    if lemma in TO_LISTENER and _PASSIVE_GAP.fullmatch(sentence, speaker[1], cue[0]):
        # "X was asked", "X was reported missing": X is heard or spoken of, never the speaker.
        after = _clause_after(sentence, cue[1], lemma) if lemma in SAID_OF else None
        if after is None:
            return None
        return Found(sent, cue, lemma, ((sent, speaker[0], after[1]),))
    actor = resolve_phrase(sent, speaker, sentence, resolver, lemma)
    member = resolver.member(sent, *speaker) if actor is not None else None
    if member is not None:  # "Sara Okonjo of the Institute said": she speaks
        actor, speaker = member
    phrase = sentence[speaker[0] : speaker[1]]
    if actor is None and not can_speak(phrase, lemma):
        return None
    # "X said, adding later, '...'": what the participle adds comes after it.
    around = (cue[0], cue[0]) if continued else speaker
    content, quote = _content(sent, cue, around, lemma, sentences, quotes, bool(continued))
    if not content or (lemma in QUOTE_ONLY and quote is None):
        return None
    verb_start = None if lemma in CONTENT_ONLY else _verb_start(sentence, cue[0])
    return Found(sent, cue, lemma, content, speaker, actor, quote, None, verb_start)


def _owned(
    sent: int,
    match: re.Match[str],
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
) -> Found | None:
    """ "Trump's assertion that ...": the owner's claim, up to the clause break."""
    sentence = sentences[sent]
    speaker = match.span(1)
    actor = resolve_phrase(sent, speaker, sentence, resolver)
    after = _clause_after(sentence, match.end(), "assert")
    if actor is None or after is None:
        return None
    content, quote = inner_quote(sentences, sent, [after], quotes)
    return Found(sent, match.span(2), match.group(2).lower(), content, speaker, actor, quote)


# ", Ann Lee," after "according to a statement from the club's lawyer": who that is.
_NAMED_AFTER = re.compile(r",\s+(" + NAME.pattern + r")(?=,|\.?\s*$)")
_PASSIVE = re.compile(
    r"\b(" + "|".join(sorted(PASSIVE_LEADS)) + r"|rejected|praised|condemned|disputed)\s+by\s+"
)
_CLAUSE_START = re.compile(r"(?:^|[;:]\s|,\s(?:and|but)\s|,\s)(?=[^,;:]*$)")
_NOUN_START = re.compile(r"\b(?:a|an|the)\s+(?:\S+\s+){0,4}$", re.IGNORECASE)


def _passive(
    sent: int, match: re.Match[str], sentence: str, resolver: SpeakerResolver
) -> Found | None:
    """ "The report was backed by auditor Lena Holm", "a commission led by X": the agent's."""
    name = NAME.search(sentence, match.end(), match.end() + 60)
    if name is None:
        return None
    actor = resolver.named(sent, *name.span())
    if actor is None:
        return None
    name_end = name.start() + len(name.group(0).rstrip("."))
    before = sentence[: match.start()]
    if re.search(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?$", before):
        clause = _CLAUSE_START.search(before)  # none when a colon has no space ("10:30")
        start = clause.end() if clause else 0
    else:
        noun = _NOUN_START.search(before)
        start = noun.start() if noun else match.start()
    lead = lead_length(sentence[start:])
    content = ((sent, start + lead, name_end),)
    speaker = (name.start(), name_end)
    return Found(sent, match.span(1), match.group(1).lower(), content, speaker, actor)


def _content(
    sent: int,
    cue: tuple[int, int],
    speaker: tuple[int, int],
    lemma: str,
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    continued: bool = False,
) -> tuple[tuple[Segment, ...], Quote | None]:
    """What the cue reports; with `continued` (a participle going on from another cue) only
    what follows it."""
    sentence = sentences[sent]
    first = min(cue[0], speaker[0])
    last = max(cue[1], speaker[1])
    introduced = colon_quote(sentence, last, quotes, sent)
    if introduced is not None:
        return tuple(introduced.segments(sentences)), introduced
    for quote in quotes:
        if (
            quote.end_sent == sent
            and quote.end <= first
            and not continued
            and closes_statement(quote, sentences)
        ):
            gap = sentence[quote.end : first]
            if (
                len(gap.split()) <= MAX_GAP_WORDS
                and not any(c in gap for c in '.;"?!')
                and not holds_cue(gap)
            ):
                return tuple(quote.segments(sentences)), quote
        if quote.start_sent == sent and quote.start >= last:
            gap = sentence[last : quote.start]
            if quote_lead(gap):
                return tuple(quote.segments(sentences)), quote
    # "The editor of the Courier, Dr. Omar Field, agrees": what comes before him describes him
    # (no verb in it; "The water is low, Ann Lee, the supervisor, said" reports a clause).
    described = sentence[speaker[1] : cue[0]].lstrip().startswith(",") and not any(
        w.lower().strip(",") in AUXILIARIES for w in sentence[: speaker[0]].split()
    )
    if (
        is_speech(lemma)
        and cue[0] > speaker[0]
        and not described
        and _PARENTHESIS_END.match(sentence, cue[1])
    ):
        around = parenthetical(sentence, speaker[0], cue[1])
        if around:  # "The pier, Ines Varga said, is safe": the clause it interrupts
            return tuple((sent, a, b) for a, b in around), None
    below = quote_below(sentence, last, quotes, sent)
    if below is not None:
        return tuple(below.segments(sentences)), below
    # `"Why?" X asked.` and `"...!" X said, looking on`: the cue ends its clause.
    if not sentence[last:].lstrip(" .").strip() or sentence[last:].lstrip().startswith(","):
        above = quote_above(sentences, sent, first, quotes)
        if above is not None:
            return tuple(above.segments(sentences)), above
    lead = sentence[:first].rstrip()
    if is_speech(lemma) and speaker[0] > cue[0] and lead.endswith(",") and len(lead.split()) >= 4:
        # "The snowpack is low, said Ann Lee, state supervisor": what comes after the speaker
        # is who she is, the statement is before the cue.
        start = lead_length(lead)
        return ((sent, start, len(lead) - 1),), None
    after = _clause_after(sentence, last, lemma)
    if after is not None:
        inner = next(
            (q for q in quotes if q.start_sent == sent and after[0] <= q.start < after[1]), None
        )
        return ((sent, *after),), inner
    lead = sentence[:first].rstrip()
    clause = lead.endswith(",") and len(lead.split()) >= 4 and not opens_adverbial(lead, 0)
    if is_speech(lemma) and clause and not described:
        start = lead_length(lead)
        return ((sent, start, len(lead) - 1),), None
    return (), None


def _clause_after(sentence: str, start: int, lemma: str) -> tuple[int, int] | None:
    """The clause after the cue, up to a clause break: "said (that) ...", "told reporters ..."."""
    rest = sentence[start:]
    if _JOINED.match(rest):
        return None  # "she declined and they parted": the cue has no complement
    if lemma == "tell":
        listener = _LISTENER.match(rest)
        if listener:
            rest = rest[listener.end() :]
    elif is_speech(lemma):
        heard = _HEARD_BY.match(rest)  # "confirmed to the Gazette that ...": who heard it
        if heard:
            rest = rest[heard.end() :]
    offset = len(sentence) - len(rest)
    lead = lead_length(rest)
    # A stance ends at its first comma ("proposed the plan in March, called it ...").
    stop = (CLAUSE_END if is_speech(lemma) else _STANCE_END).search(rest, lead)
    end = stop.start() if stop else len(rest.rstrip(" .!?"))
    for joined in _AND_THEN_CUE.finditer(rest, lead, end):
        second = cue_lemma(joined.group(1) or joined.group(2))
        if second is not None and is_speech(second):
            # "said it was flawed and added: ...", ", saying: ...": a second cue
            end = joined.start()
            break
    said = rest[lead:end].split()
    if len(said) < 2:
        return None
    if lemma in CONTENT_ONLY and len(said) <= 5 and said[0].lower() in _TOPIC_PREPOSITIONS:
        return None  # "commented on the plan": what it was about, not what was said
    return offset + lead, offset + end


def _verb_start(sentence: str, cue_start: int) -> int:
    """Where "has not confirmed" starts: auxiliaries and "not" before the cue."""
    start = cue_start
    for word in reversed(sentence[:cue_start].split()[-3:]):
        if word.lower().strip(",") not in AUXILIARIES:
            break
        start = sentence.rfind(word, 0, start)
    return start


def _according(
    sent: int,
    cue: tuple[int, int],
    sentences: Sequence[str],
    resolver: SpeakerResolver,
    quotes: Sequence[Quote] = (),
) -> Found | None:
    """ "According to X, ...", "..., according to X": the rest of the sentence is X's."""
    sentence = sentences[sent]
    after = sentence[cue[1] :]
    comma = after.find(",")
    source_end = cue[1] + (comma if comma >= 0 else len(after.rstrip(" .")))
    source = (cue[1] + len(after) - len(after.lstrip()), source_end)
    if source[1] <= source[0]:
        return None
    name = NAME.match(sentence, source[0])
    speaker = name.span() if name else source
    named = _NAMED_AFTER.match(sentence, source_end)
    author = resolver.document_author(sent, source[0], named.end(1) if named else source_end)
    if author is not None:  # "according to a statement from the club's lawyer, Ann Lee, ..."
        speaker = (author.start, author.end)
        if named and author.end == named.end(1):
            source_end = named.end(1)
    pieces = [(0, cue[0])]
    tail = sentence[source_end + 1 :]
    if not (cue[0] > 0 and len(tail.split()) <= 8 and tail.rstrip().endswith(".")):
        pieces.append((source_end + 1, len(sentence)))  # else the source's apposition
    kept = []
    for a, b in pieces:
        text = sentence[a:b]
        lead = lead_length(text)
        b = a + len(text.rstrip(" ,.;"))
        if b - (a + lead) > 2 and len(sentence[a + lead : b].split()) >= 3:
            kept.append((a + lead, b))
    if not kept:
        return None
    actor = author.actor if author is not None else resolver.named(sent, *speaker)
    segments, quote = inner_quote(sentences, sent, kept, quotes)
    return Found(sent, cue, "according", segments, speaker, actor, quote)


# The readers the rules of other languages share (summarise.positions.rule_language).
according = _according
report_content = _content
