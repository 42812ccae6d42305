"""The content of a cue in spaCy's parse: the quotation beside it, its clausal complement, its
object for stances, or the clause a parenthetical cue interrupts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from summarise.actors.lexicon import words
from summarise.positions.clauses import (
    MAX_QUOTE_GAP,
    colon_quote,
    inner_quote,
    lead_length,
    parenthetical,
    quote_above,
    quote_below,
    quote_lead,
    trimmed,
)
from summarise.positions.cues import CONTENT_ONLY, cue_lemma, holds_cue, is_speech
from summarise.positions.found import Segment
from summarise.positions.parse_speakers import (
    PRONOUNS,
    is_proper,
    joined_speech_cue,
    subject_of,
)
from summarise.positions.quotes import Quote, closes_statement, joined

__all__ = ["AS_QUOTE", "NEEDS_PARTICLE", "content_of", "edges", "object_of", "quoted_name"]

NEEDS_PARTICLE = {"call": ("for", "on"), "rule": ("out",), "point": ("out", "to")}


def content_of(
    token: Any, lemma: str, sent: int, sentences: Sequence[str], quotes: Sequence[Quote]
) -> tuple[tuple[Segment, ...], Quote | None]:
    sentence = sentences[sent]
    cue_start, cue_end = token.idx, token.idx + len(token.text)
    introduced = colon_quote(sentence, cue_end, quotes, sent)
    if introduced is not None:
        return tuple(introduced.segments(sentences)), introduced
    for quote in quotes:  # `"...," he said`, not `"Weird Al" Yankovic called`
        if quote.end_sent == sent and quote.end <= cue_start and closes_statement(quote, sentences):
            gap = sentence[quote.end : cue_start]
            if len(gap.split()) > MAX_QUOTE_GAP or '"' in gap or _another_cue(gap):
                continue
            then = _split_rest(quote, quotes, sentence, cue_end)
            if then is not None:  # `'A,' said X in a statement, 'B.'`: one statement
                whole = joined(quote, then)
                return tuple(whole.segments(sentences)), whole
            if not _has_clause(token):
                return _with_lead(quote, sent, sentences), quote
    below = quote_below(sentence, cue_end, quotes, sent)
    if below is not None:
        return tuple(below.segments(sentences)), below
    subject = subject_of(token)
    if subject is not None and not _has_clause(token):
        above = quote_above(sentences, sent, min(subject.left_edge.idx, cue_start), quotes)
        if above is not None:
            return tuple(above.segments(sentences)), above
    named = _naming(token, sent, quotes) or quoted_name(token, lemma, sent, sentences, quotes)
    if named is not None:
        return named
    if sent > 0 and is_speech(lemma) and _so_says(token):
        # "The Duchess is a suffragette. Or so says actress X": the sentence before.
        before = sentences[sent - 1].rstrip(" .")
        return ((sent - 1, lead_length(before), len(before)),), None
    child = _clause(token, lemma)
    span = edges(child, after=token.i) if child is not None else None
    for quote in quotes:  # `said: "..."`, unless the quote is only part of the clause
        if quote.start_sent == sent and quote.start >= cue_end:
            if not quote_lead(sentence[cue_end : quote.start]):
                continue
            if span is None or quote.end_sent > sent or span[1] <= quote.end + 2:
                return tuple(quote.segments(sentences)), quote
    if token.dep_ == "parataxis" and token.head.i > token.i:
        return _around(token, sent, sentences)
    if child is None or span is None:
        return _before_with_quote(token, lemma, sent, sentences, quotes)
    start, end = span
    if lemma not in CONTENT_ONLY and child.dep_ != "ccomp":
        end = max(end, _tail(token, child))  # "blamed police for failing to stop her"
    elif child.dep_ == "ccomp":
        end = max(end, _reported_conj(token, child))
    second = _second_cue(child)
    if second is not None:
        end = min(end, second)
    if token.dep_ == "parataxis" or (start < cue_start and end > cue_start):
        # "To see it, Roberts said, one should visit": the clause the cue interrupts.
        return _before_with_quote(token, lemma, sent, sentences, quotes)
    start += lead_length(sentence[start:end])
    dangling = _DANGLING.search(sentence, start, end)
    if dangling is not None:  # "should be released but [said ...]": the conjunction is not
        end = dangling.start()
    if end - start < 3:
        return (), None
    for quote in quotes:
        if quote.start_sent == sent and quote.start >= end:
            if not sentence[end : quote.start].strip():
                # "blamed for focusing on "...": a quotation the parse set apart ends it.
                end = quote.start + 1
            break
    return inner_quote(sentences, sent, [(start, end)], quotes)


# Verbs that name someone or something: "calls them "lone wolves"".
_NAMING = words("call brand label dub describe hail term nickname")
# `as "..."` after a verb and its object: "pounding Trump as a "con artist"".
AS_QUOTE = re.compile(r"\bas,?\s+(?:(?:a|an|the)\s+)?[\"']")
_AS_GAP = re.compile(r"(?:\s+[^\s\"]+){1,6}?\s+as,?\s+(?:(?:a|an|the)\s+)?")
_NAME_GAP = re.compile(r"(?:\s+[^\s\"]+){1,5}?\s+")
_AND = re.compile(r"\s*,?\s*(?:and|or)\s+(?:(?:a|an|the)\s+)?")


def quoted_name(
    token: Any, lemma: str, sent: int, sentences: Sequence[str], quotes: Sequence[Quote]
) -> tuple[tuple[Segment, ...], Quote] | None:
    """ "pounding Trump as a "con artist"", "calls them "lone wolves"", "branded the North an
    "outlaw nation"": what the verb calls someone or something in quotation marks, read with
    what it is said of."""
    sentence = sentences[sent]
    cue_end = token.idx + len(token.text)
    quote = next((q for q in quotes if q.start_sent == sent and q.start >= cue_end), None)
    if quote is None:
        return None
    gap = sentence[cue_end : quote.start]
    if " such " in gap.lower() or not gap.strip():
        return None  # "created such capers as "...""
    if not _AS_GAP.fullmatch(gap) and not (lemma in _NAMING and _NAME_GAP.fullmatch(gap)):
        return None
    between = [t for t in token.doc[token.i + 1 :] if t.idx < quote.start]
    if any(t.tag_.startswith(("VB", "MD", "WDT", "WP")) or t.text in (";", ":") for t in between):
        return None  # another clause in between: "called the man who "...""
    start = cue_end + len(gap) - len(gap.lstrip())
    if quote.end_sent > sent:
        return ((sent, start, len(sentence)), *quote.segments(sentences)[1:]), quote
    end = quote.end
    for then in quotes:  # `"losers" and "sad"`
        if then.start_sent == sent and then.start >= end and then.end_sent == sent:
            if _AND.fullmatch(sentence, end, then.start):
                end = then.end
            else:
                break
    return ((sent, start, end),), quote


_DANGLING = re.compile(r"[\s,]+(?:and|but|or)$")


def _another_cue(gap: str) -> bool:
    """`'...' and said that Adeli felt`: a cue or a "that" between a quote and the cue
    means the quote belongs to another statement."""
    marks = ".,;:!?\"'"
    return holds_cue(gap, marks) or any(w.strip(marks) == "that" for w in gap.lower().split())


def _with_lead(quote: Quote, sent: int, sentences: Sequence[str]) -> tuple[Segment, ...]:
    """`His illness was caused by diabetes, but he "is much better," his daughter said`: a
    quote that only ends the reported clause comes with the clause's start."""
    segments = tuple(quote.segments(sentences))
    if quote.start_sent != sent:
        return segments
    sentence = sentences[sent]
    lead = sentence[: quote.start]
    if len(lead.split()) < 3 or lead.rstrip().endswith((":", ",")) or '"' in lead:
        return segments
    start = lead_length(sentence)
    return ((sent, start, segments[0][2]), *segments[1:])


def _naming(
    token: Any, sent: int, quotes: Sequence[Quote]
) -> tuple[tuple[Segment, ...], Quote | None] | None:
    """ "calling them 'his children'", "branded the plan a disgrace": what is named and
    what it is called, read with the verb."""
    rights = [c for c in token.rights if c.dep_ in ("dobj", "oprd")]
    if not any(c.dep_ == "oprd" for c in rights):
        return None
    start = min(c.left_edge.idx for c in rights)
    end = max(edges(c)[1] for c in rights)
    inner = next((q for q in quotes if q.start_sent == sent and start <= q.start < end), None)
    if inner is not None and inner.end_sent == sent:
        end = max(end, inner.end)  # the closing mark with the words it closes
    return ((sent, start, end),), inner


def _so_says(token: Any) -> bool:
    """ "Or so says X", "so said X": the cue points back to what was just said."""
    return not _has_clause(token) and any(
        c.lower_ == "so" and c.i == token.i - 1 for c in token.children
    )


def _before_with_quote(
    token: Any, lemma: str, sent: int, sentences: Sequence[str], quotes: Sequence[Quote]
) -> tuple[tuple[Segment, ...], Quote | None]:
    """:func:`_before`, with the quotation that opens inside it (`"The only way is jail" for
    the bosses, she said`)."""
    segments = _before(token, lemma, sent, sentences)
    if not segments or any(s != sent for s, _, _ in segments):
        return segments, None
    return inner_quote(sentences, sent, [(a, b) for _, a, b in segments], quotes)


def _before(token: Any, lemma: str, sent: int, sentences: Sequence[str]) -> tuple[Segment, ...]:
    """ "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": a speech cue with
    no complement after it, set off by a comma, reports the clause around it."""
    subject = subject_of(token)
    if not is_speech(lemma) or subject is None or token.dep_ in _EMBEDDED:
        return ()  # not "he had been protesting with them": a cue inside another clause
    if subject.i > token.i:  # "The snowpack is low, said X, the supervisor": before the cue
        pieces = parenthetical(sentences[sent], token.idx, len(sentences[sent]))
        return tuple((sent, a, b) for a, b in pieces)
    left_end = min(subject.left_edge.idx, token.idx)
    pieces = parenthetical(sentences[sent], left_end, token.idx + len(token.text))
    if not any(t.tag_.startswith(("VB", "MD")) and _within(t, pieces) for t in token.doc):
        # "The health editor of the Courier, Dr. Omar Field, agrees": no clause, no claim.
        return ()
    return tuple((sent, a, b) for a, b in pieces)


_EMBEDDED = frozenset(["ccomp", "xcomp", "relcl", "acl", "pcomp", "csubj"])


def _within(token: Any, pieces: Sequence[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in pieces)


def _around(token: Any, sent: int, sentences: Sequence[str]) -> tuple[tuple[Segment, ...], None]:
    """ "whose constitution, Zelenskyy has stated, binds him": the clause the cue interrupts."""
    head = token.head
    while head.dep_ in ("aux", "auxpass") and head.head is not head:
        head = head.head  # "The man, Clarke said, was only following": the verb it helps
    start, end = edges(head)
    cut_start = token.left_edge.idx
    cut_end = token.right_edge.idx + len(token.right_edge.text)
    sentence = sentences[sent]
    pieces = [(start, cut_start), (cut_end, end)]
    kept = tuple((sent, a, b) for a, b in trimmed(sentence, pieces))
    return (kept, None) if len(kept) == 2 else ((), None)


def _tail(token: Any, child: Any) -> int:
    """Where a stance's verb phrase ends: its complements after the content ("for failing to
    stop her"), not a concession or a clause of its own ("despite ...", ", while ...")."""
    end: int = edges(child)[1]
    for other in token.rights:
        if other.i <= child.right_edge.i or (other.is_punct and other.text in "\"'"):
            continue
        if (
            other.dep_ not in _TAIL_DEPS
            or other.lower_ in _CONCESSIVE
            or other.nbor(-1).text == ","
        ):
            break
        end = edges(other)[1]
    return end


_TAIL_DEPS = frozenset(["prep", "xcomp", "oprd", "dative", "prt", "advmod", "npadvmod"])


_CONCESSIVE = frozenset(["despite", "although", "though", "while", "whereas", "but"])


def _split_rest(first: Quote, quotes: Sequence[Quote], sentence: str, cue_end: int) -> Quote | None:
    """The quote that goes on after the cue and its speaker, set off by a comma."""
    for quote in quotes:
        if quote.start_sent == first.end_sent and quote.start > cue_end:
            lead = sentence[cue_end : quote.start]
            if holds_cue(lead):
                return None  # `"A," X said, adding later, "B"`: B is another statement
            if lead.rstrip().endswith(",") and len(lead.split()) <= MAX_QUOTE_GAP:
                return quote
            return None
    return None


def _has_clause(token: Any) -> bool:
    """A cue with a complement of its own after it ("said that ...") is not the tag of the
    quote before it; a clause the parse hung on it that opens with "after" or "because" is
    only when or why (`"...," X told Y, after he admitted ...`)."""
    return any(
        c.dep_ in ("ccomp", "xcomp") and c.i > token.i and c.left_edge.lower_ not in _ADVERBIAL
        for c in token.children
    )


_ADVERBIAL = words("after before because since when while although though until unless once")


def _clause(token: Any, lemma: str) -> Any | None:
    kids = list(token.children)
    for dep in ("ccomp", "xcomp"):
        for child in kids:
            if child.dep_ == dep and child.i > token.i:
                return child
    for child in kids:
        # "tells his supporters to go and vote": an infinitive the parse calls adverbial.
        if child.dep_ == "advcl" and child.i > token.i and child.left_edge.lower_ == "to":
            return child
    if lemma in _NO_OBJECT or is_speech(lemma):
        misread = _misread_clause(token)
        if misread is not None:
            return misread
    if lemma in NEEDS_PARTICLE:
        for child in kids:
            if child.lower_ == "for" and child.dep_ == "prep":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
    if lemma not in _NO_OBJECT:  # "noted the clot's existence", not "told reporters"
        for child in kids:
            content = child.dep_ == "dobj" or (
                child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS
            )
            if content and child.i > token.i and not _listener(child):
                return child
    for child in kids:
        if child.dep_ == "ccomp":
            return child
    return None


def _second_cue(clause: Any) -> int | None:
    """ "said he felt ashamed and said: '...'": a speech cue the parse joined to the reported
    clause, with no subject of its own, is the speaker's next statement; where the first one
    ends. A stance goes on with the first ("said that was wrong and dismissed the reports")."""
    for child in clause.rights:
        if not joined_speech_cue(child):
            continue
        before = child.doc[child.i - 1]
        if before.dep_ != "cc" or before.i <= clause.i:
            continue
        last = child.doc[before.i - 1]
        while last.i > clause.i and last.is_punct:
            last = last.nbor(-1)
        end: int = last.idx + len(last.text)
        return end
    return None


def _reported_conj(token: Any, child: Any) -> int:
    """ "told X that A, but their goal now is B": a clause joined to the cue with a subject
    of its own (not a name or a personal pronoun: someone else's turn) goes on with what was
    said; where the content ends."""
    end: int = edges(child)[1]
    for other in token.rights:
        if other.i <= child.i or other.dep_ != "conj" or not other.tag_.startswith("VB"):
            continue
        subject = next((c for c in other.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or is_proper(subject) or subject.lower_ in PRONOUNS:
            break
        if cue_lemma(other.lower_) is not None:
            break
        end = edges(other)[1]
    return end


def _misread_clause(token: Any) -> Any | None:
    """ "told the newspaper she avoided a crash", "said later in the day that he was home":
    what the parser hung on the listener or on a time as a relative clause, though it has a
    subject of its own (no relative pronoun) and a complement, is what was said."""
    for child in token.children:
        if child.i < token.i or child.dep_ not in ("dobj", "dative", "npadvmod", "prep"):
            continue
        for noun in (child, *(c for c in child.children if c.dep_ == "pobj")):
            for clause in noun.children:
                if clause.dep_ not in ("relcl", "acl") or clause.i < noun.i:
                    continue
                deps = {c.dep_: c for c in clause.children}
                subject = deps.get("nsubj")
                complete = deps.keys() & {"dobj", "ccomp", "xcomp", "attr", "acomp", "advmod"}
                # The clause of a noun that owns its own claim ("X's assertion that") is not
                # what the cue reports.
                that = (
                    deps.get("mark") is not None
                    and deps["mark"].lower_ == "that"
                    and not any(c.dep_ == "poss" for c in noun.children)
                )
                # "said in a statement that ...": the that-clause the parse gave the noun.
                reads = complete if clause.dep_ == "relcl" else that
                if subject is not None and subject.lower_ not in _RELATIVE and reads:
                    return clause
    return None


_RELATIVE = frozenset(["who", "whom", "whose", "which", "that", "where", "when"])


# Speech cues whose object is the listener or the medium, never the content.
_NO_OBJECT = words("say tell add write reply respond answer tweet comment testify continue")


def _listener(child: Any) -> bool:
    """ "confirmed to The Hollywood Reporter": a name after "to" is who heard it."""
    if child.dep_ != "prep" or child.lower_ != "to":
        return False
    return any(c.dep_ == "pobj" and is_proper(c) for c in child.children)


def object_of(token: Any) -> bool:
    """The cue takes its content as a direct object ("noted the clot's existence")."""
    return (
        not any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
        and any(c.dep_ == "dobj" for c in token.children)
        and _misread_clause(token) is None
    )


# "admitted to trading", "warned of a crisis", "insisted on a recount".
_CONTENT_PREPS = frozenset(["to", "of", "about", "on", "against", "over", "for"])


def edges(token: Any, after: int = -1) -> tuple[int, int]:
    """[start, end) of the token's subtree (only its part after token `after`, so a relative
    pronoun the parser hung on the clause stays out), closing punctuation left off."""
    right = token.right_edge
    while right.i > token.i and right.is_punct:
        right = right.nbor(-1)
    left = token.left_edge
    if left.i <= after < token.i:
        left = token.doc[after + 1]
    return left.idx, right.idx + len(right.text)
