"""Attributions read from spaCy's dependency parse.

A cue is a verb whose lemma reports speech or a stance (summarise.cues), "according to", or
an owned cue noun ("Trump's assertion that ..."). Its subject (climbing through "was quoted
as saying" and "went on to say") is the speaker; its clausal complement, its object for
stances ("opposes the plan"), or the quotation next to it is the content. Only sentences that
hold a cue word are parsed: the rest cannot hold an attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy

from summarise.attribution import Found, Segment
from summarise.clauses import lead_length, parenthetical, quote_below, quote_lead, trimmed
from summarise.cues import (
    CONTENT_ONLY,
    CORE_SPEECH,
    GOES_ON,
    NOUN_CUES,
    PASSIVE_LEADS,
    QUOTE_ONLY,
    SOURCE_NOUNS,
    cue_forms,
    cue_lemma,
    is_speech,
)
from summarise.lexicon import words
from summarise.quotes import Quote
from summarise.speakers import SpeakerResolver

__all__ = ["parse_attributions"]

_WORD = re.compile(r"[A-Za-z]+")
# Cue forms that are far more often nouns or adverbs in news ("the state", "came back").
_NOUN_LIKE = words(
    """back state states point points report reports claim claims call calls plan plans show
    shows find hope hopes fear fears support demand demands offer offers request requests
    attack attacks doubt doubts dispute disputes rule rules signal signals promise promises
    vow vows pledge pledges comment comments answer answers estimate estimates concern favour
    favor view views question label labels brand dub note notes cite expect post"""
)
_SIEVE_WORDS = frozenset([*cue_forms(), "according", *PASSIVE_LEADS])
_NOUN_SIEVE = re.compile(
    r"(?:'s|\b(?:his|her|their|its))\s+(?:\w+\s+)?(?:" + "|".join(sorted(NOUN_CUES)) + r")s?\b",
    re.IGNORECASE,
)
# Every word _read can act on: cue forms, "according", owned cue nouns, passive leads.
_CUE_WORDS = frozenset(
    [*cue_forms(), "according", *PASSIVE_LEADS, *NOUN_CUES, *(w + "s" for w in NOUN_CUES)]
)
_SUBJECTS = ("nsubj", "nsubjpass")
_CLIMB = ("xcomp", "conj", "advcl", "pcomp", "prep", "acomp")
_PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "you"])
_RELATIVES = frozenset(["who", "that", "which"])
_QUANTIFIERS = words("many some others most several few both all everyone nobody")
_NEEDS_PARTICLE = {"call": ("for", "on"), "rule": ("out",), "point": ("out", "to")}
# Cues that attribute only with a clause: "the study found that ...", "polls show ...".
_CLAUSE_ONLY = frozenset(["find", "show", "plan"])
_NAME_PARTS = ("compound", "flat", "det", "amod", "poss", "nmod", "nummod", "case", "punct")
_MAX_QUOTE_GAP = 8  # words between a quote and the cue that follows it


def parse_attributions(
    nlp: Any,
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
    candidates: Sequence[int] | None = None,
) -> list[Found]:
    """Raw attributions of the sentences that can hold one, in reading order."""
    chosen = [
        i
        for i in (candidates if candidates is not None else range(len(sentences)))
        if sentences[i] and _may_attribute(i, sentences[i], quotes)
    ]
    found: list[Found] = []
    wanted = _cue_hashes(nlp)
    for index, doc in zip(chosen, _parse(nlp, [sentences[i] for i in chosen]), strict=True):
        here = [q for q in quotes if q.start_sent <= index + 1 and index <= q.end_sent]
        for at in numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), wanted)):
            token = doc[int(at)]
            if _inside(here, index, token.idx):
                continue
            item = _read(token, index, sentences, here, resolver)
            if item is not None:
                found.append(item)
                resolver.spoke(item.actor, index)
    return found


def _cue_hashes(nlp: Any) -> Any:
    """The cue words as the pipeline's string hashes (tokens are matched on their LOWER)."""
    key = id(nlp.vocab)
    if key not in _HASHES:
        _HASHES[key] = numpy.array(sorted(nlp.vocab.strings.add(w) for w in _CUE_WORDS))
    return _HASHES[key]


_HASHES: dict[int, Any] = {}


def _may_attribute(index: int, sentence: str, quotes: Sequence[Quote]) -> bool:
    """A cue word outside quotation marks: only then can the sentence hold an attribution
    (the parse is the costly step, so the rest is not parsed)."""
    here = [q for q in quotes if q.start_sent <= index <= q.end_sent]
    previous = ""
    for match in _WORD.finditer(sentence):
        word = match.group(0).lower()
        cue = word in _SIEVE_WORDS and (word not in _NOUN_LIKE or _verb_place(previous, match))
        if cue and not any(q.holds(index, match.start()) for q in here):
            return True
        previous = match.group(0)
    for match in _NOUN_SIEVE.finditer(sentence):
        if not any(q.holds(index, match.start()) for q in here):
            return True
    return False


def _verb_place(previous: str, match: re.Match[str]) -> bool:
    """A cue spelled like a common noun ("claims", "report", "state") stands where a verb
    does: after a name or pronoun, or before "that"."""
    after = match.string[match.end() : match.end() + 6].lstrip().lower()
    return previous[:1].isupper() or previous.lower() in _PRONOUNS or after.startswith("that")


def _parse(nlp: Any, texts: list[str]) -> Iterator[Any]:
    """Tokens, tags and dependencies (entities come from the separate NER pass)."""
    docs: Iterator[Any] = iter([nlp.make_doc(t) for t in texts])
    for name in ("tok2vec", "tagger", "parser"):
        if name in nlp.component_names:
            docs = nlp.get_pipe(name).pipe(docs)
    return docs


def _inside(quotes: Sequence[Quote], sent: int, offset: int) -> bool:
    return any(q.holds(sent, offset) for q in quotes)


def _read(
    token: Any,
    sent: int,
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
) -> Found | None:
    word = token.lower_
    if word == "according" and any(c.lower_ == "to" for c in token.children):
        return _according(token, sent, sentences, resolver)
    if token.tag_.startswith("NN") and (word in NOUN_CUES or word[:-1] in NOUN_CUES):
        return _noun_cue(token, sent, sentences, resolver)
    if not token.tag_.startswith("VB"):
        return None
    lemma = cue_lemma(word)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    if agent is not None and (lemma is not None or word in PASSIVE_LEADS):
        return _passive(token, agent, sent, sentences, resolver)
    if lemma is None:
        return None
    particles = _NEEDS_PARTICLE.get(lemma)
    if particles and not any(
        c.lower_ in particles or c.dep_ in ("oprd", "xcomp", "ccomp") for c in token.children
    ):
        return None  # "called" a name, "ruled" on a case: no stance
    if lemma in _CLAUSE_ONLY and not _finding(token, lemma):
        return None  # "found a body", "was found alive": no finding
    if lemma in _TO_LISTENER and any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return None  # "X was asked to pay", "X was told": the subject heard it
    subject = _subject(token)
    content, quote = _content(token, lemma, sent, sentences, quotes)
    if subject is None or not content or (lemma in QUOTE_ONLY and quote is None):
        return None
    speaker = _speaker_span(subject)
    actor = _resolve(subject, speaker, sent, sentences, resolver, lemma)
    if actor is None and not _source(subject, lemma):
        return None  # "troops deployed to defend ...", "the weeks will reveal": no one speaks
    # A stance, or an object as content ("noted the clot's existence"), reads with its verb.
    object_content = quote is None and _object_of(token)
    verb_start = _verb_start(token) if lemma not in CONTENT_ONLY or object_content else None
    cue = (token.idx, token.idx + len(token.text))
    return Found(sent, cue, lemma, content, speaker, actor, quote, None, verb_start)


def _passive(
    token: Any, agent: Any, sent: int, sentences: Sequence[str], resolver: SpeakerResolver
) -> Found | None:
    """ "The report was backed by auditor Lena Holm", "a commission led by Marco Rubio": the
    agent holds the stance; the position reads from what was backed or led."""
    source = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    source = _appos_name(source)
    speaker = _speaker_span(source)
    actor = _resolve(source, speaker, sent, sentences, resolver)
    if actor is None:
        return None
    theme = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    start_token = theme.left_edge if theme is not None else token
    if token.dep_ == "acl":  # "a commission led by ...": the noun phrase it belongs to
        start_token = token.head.left_edge
    start, end = start_token.idx, speaker[1]
    if end - start < 3:
        return None
    cue = (token.idx, token.idx + len(token.text))
    return Found(
        sent, cue, cue_lemma(token.lower_) or "lead", ((sent, start, end),), speaker, actor
    )


def _finding(token: Any, lemma: str) -> bool:
    """ "found that ...", "found that action unconstitutional", "polls show X leading"."""
    deps = {c.dep_ for c in token.children}
    if deps & {"nsubjpass", "auxpass"}:
        return False
    return bool(deps & {"ccomp", "xcomp"}) or (
        "dobj" in deps and ("oprd" in deps or lemma == "show")
    )


def _source(subject: Any, lemma: str) -> bool:
    """Whether an unresolved subject can still speak: a pronoun, a named entity, a noun for
    people, bodies or documents ("officials said", "the campaign called the charges false"),
    or for speech any word for people ("the analyst", "many of whom")."""
    if subject.lower_ in _PRONOUNS or _proper(subject) or lemma in CORE_SPEECH:
        return True
    word = subject.lower_
    if word in SOURCE_NOUNS or word.rstrip("s") in SOURCE_NOUNS:
        return True
    return is_speech(lemma) and (word in _QUANTIFIERS or _agent_noun(word))


def _agent_noun(word: str) -> bool:
    """ "analyst", "officer", "historian", "resident": nouns for people by their suffix."""
    return len(word) > 5 and word.endswith(_AGENT_ENDINGS)


_AGENT_ENDINGS = tuple(sorted(words("ist ists ian ians ent ents ant ants er ers or ors")))


def _subject(token: Any) -> Any | None:
    """The cue's subject; "X was quoted as saying" and "X went on to say" climb to X; the
    subject of "who said" is the person the clause is about."""
    if (
        token.i > 0
        and token.nbor(-1).text in (",", "'", '"')
        and not any(c.dep_ in _SUBJECTS for c in token.children)
    ):
        # "'...,' continued the mayor": the parser may take the speaker for an object.
        after = next((c for c in token.rights if c.dep_ in ("dobj", "attr", "npadvmod")), None)
        if after is not None and after.i <= token.i + 4:
            return _appos_name(after)
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                if child.lower_ in _RELATIVES and current.dep_ == "relcl":
                    other = _relative_object_speaker(current, child)
                    if other is not None:
                        return other  # "Putin, who Trump believes may be ...": Trump
                    head = current.head
                    # "Peter Morgan, a lawyer for the club, who has said": Morgan speaks.
                    return head.head if head.dep_ == "appos" else head
                return _appos_name(child)
        if current.dep_ not in _CLIMB or current.head is current:
            return None
        current = current.head
    return None


def _relative_object_speaker(verb: Any, relative: Any) -> Any | None:
    """A noun or name between the relative pronoun and the verb is the verb's real subject."""
    for child in verb.lefts:
        between = child.i > relative.i and child.dep_ in ("nsubj", "dep", "npadvmod")
        if between and child.tag_.startswith(("NN", "PRP")) and child.lower_ not in _RELATIVES:
            return child
    return None


def _appos_name(token: Any) -> Any:
    """ "a spokesman, John Smith, said": the name in apposition speaks."""
    if not _proper(token):
        for child in token.children:
            if child.dep_ == "appos" and _proper(child):
                return child
    return token


def _proper(token: Any) -> bool:
    return token.tag_ in ("NNP", "NNPS")


def _speaker_span(subject: Any) -> tuple[int, int]:
    left = subject
    for child in subject.lefts:
        if child.dep_ in _NAME_PARTS and child.dep_ != "punct":
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = subject
    for child in subject.rights:
        if child.dep_ in ("flat", "compound") or (child.dep_ == "case" and child.i == right.i + 1):
            right = child
        else:
            break
    return left.idx, right.idx + len(right.text)


def _resolve(
    subject: Any,
    span: tuple[int, int],
    sent: int,
    sentences: Sequence[str],
    resolver: SpeakerResolver,
    lemma: str = "",
) -> int | None:
    named = resolver.named(sent, subject.idx, subject.idx + len(subject.text))
    if named is not None:
        return named
    word = subject.lower_
    if word in _PRONOUNS:
        return resolver.pronoun(sent, subject.idx, word, goes_on=lemma in GOES_ON)
    phrase = sentences[sent][span[0] : span[1]]
    if subject.tag_.startswith(("NN", "JJ")) and not _proper(subject):
        owned = any(c.dep_ == "poss" for c in subject.children)  # "his son", "Trump's aide"
        if not owned and not _definite(subject):
            return None  # "a spokesman": someone unnamed
        return resolver.description(sent, subject.idx, phrase, subject.text, strict=owned)
    named = resolver.named(sent, *span)
    return named if named is not None else resolver.by_name(phrase)


def _definite(token: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def _content(
    token: Any, lemma: str, sent: int, sentences: Sequence[str], quotes: Sequence[Quote]
) -> tuple[tuple[Segment, ...], Quote | None]:
    sentence = sentences[sent]
    cue_start, cue_end = token.idx, token.idx + len(token.text)
    for quote in quotes:  # `"...," he said`
        if quote.end_sent == sent and quote.end <= cue_start:
            gap = sentence[quote.end : cue_start]
            if len(gap.split()) > _MAX_QUOTE_GAP or '"' in gap:
                continue
            then = _split_rest(quote, quotes, sentence, cue_end)
            if then is not None:  # `'A,' said X in a statement, 'B.'`: one statement
                joined = Quote(
                    quote.start_sent,
                    quote.start,
                    then.end_sent,
                    then.end,
                    quote.mark,
                    then.closed,
                    (quote, then),
                )
                return tuple(joined.segments(sentences)), joined
            if not _has_clause(token):
                return tuple(quote.segments(sentences)), quote
    below = quote_below(sentence, cue_end, quotes, sent)
    if below is not None:
        return tuple(below.segments(sentences)), below
    child = _clause(token, lemma)
    span = _edges(child, after=token.i) if child is not None else None
    for quote in quotes:  # `said: "..."`, unless the quote is only part of the clause
        if quote.start_sent == sent and quote.start >= cue_end:
            if not quote_lead(sentence[cue_end : quote.start]):
                continue
            if span is None or quote.end_sent > sent or span[1] <= quote.end + 2:
                return tuple(quote.segments(sentences)), quote
    if token.dep_ == "parataxis" and token.head.i > token.i:
        return _around(token, sent, sentences)
    if child is None or span is None:
        return _before(token, lemma, sent, sentences), None
    start, end = span
    if lemma not in CONTENT_ONLY and child.dep_ != "ccomp":
        end = max(end, _tail(token, child))  # "blamed police for failing to stop her"
    if token.dep_ == "parataxis" or (start < cue_start and end > cue_start):
        # "To see it, Roberts said, one should visit": the clause the cue interrupts.
        return _before(token, lemma, sent, sentences), None
    start += lead_length(sentence[start:end])
    if end - start < 3:
        return (), None
    inner = next((q for q in quotes if q.start_sent == sent and start <= q.start < end), None)
    if inner is not None and inner.end_sent > sent:
        segments = [(sent, start, len(sentence)), *inner.segments(sentences)[1:]]
        return tuple(segments), inner
    return ((sent, start, end),), inner


def _before(token: Any, lemma: str, sent: int, sentences: Sequence[str]) -> tuple[Segment, ...]:
    """ "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": a speech cue with
    no complement after it, set off by a comma, reports the clause around it."""
    subject = _subject(token)
    if not is_speech(lemma) or subject is None:
        return ()
    if subject.i > token.i:  # "The snowpack is low, said X, the supervisor": before the cue
        pieces = parenthetical(sentences[sent], token.idx, len(sentences[sent]))
        return tuple((sent, a, b) for a, b in pieces)
    left_end = min(subject.left_edge.idx, token.idx)
    pieces = parenthetical(sentences[sent], left_end, token.idx + len(token.text))
    return tuple((sent, a, b) for a, b in pieces)


def _around(token: Any, sent: int, sentences: Sequence[str]) -> tuple[tuple[Segment, ...], None]:
    """ "whose constitution, Zelenskyy has stated, binds him": the clause the cue interrupts."""
    head = token.head
    start, end = _edges(head)
    cut_start = token.left_edge.idx
    cut_end = token.right_edge.idx + len(token.right_edge.text)
    sentence = sentences[sent]
    pieces = [(start, cut_start), (cut_end, end)]
    kept = tuple((sent, a, b) for a, b in trimmed(sentence, pieces))
    return (kept, None) if len(kept) == 2 else ((), None)


def _tail(token: Any, child: Any) -> int:
    """Where a stance's verb phrase ends: its complements after the content ("for failing to
    stop her"), not a concession or a clause of its own ("despite ...", ", while ...")."""
    end: int = _edges(child)[1]
    for other in token.rights:
        if other.i <= child.right_edge.i or (other.is_punct and other.text in "\"'"):
            continue
        if (
            other.dep_ not in _TAIL_DEPS
            or other.lower_ in _CONCESSIVE
            or other.nbor(-1).text == ","
        ):
            break
        end = _edges(other)[1]
    return end


_TAIL_DEPS = frozenset(["prep", "xcomp", "oprd", "dative", "prt", "advmod", "npadvmod"])
_CONCESSIVE = frozenset(["despite", "although", "though", "while", "whereas", "but"])


def _split_rest(first: Quote, quotes: Sequence[Quote], sentence: str, cue_end: int) -> Quote | None:
    """The quote that goes on after the cue and its speaker, set off by a comma."""
    for quote in quotes:
        if quote.start_sent == first.end_sent and quote.start > cue_end:
            lead = sentence[cue_end : quote.start]
            if lead.rstrip().endswith(",") and len(lead.split()) <= _MAX_QUOTE_GAP:
                return quote
            return None
    return None


def _has_clause(token: Any) -> bool:
    """A cue with a complement of its own after it ("said that ...") is not the tag of the
    quote before it."""
    return any(c.dep_ in ("ccomp", "xcomp") and c.i > token.i for c in token.children)


def _clause(token: Any, lemma: str) -> Any | None:
    kids = list(token.children)
    for dep in ("ccomp", "xcomp"):
        for child in kids:
            if child.dep_ == dep and child.i > token.i:
                return child
    if lemma in _NEEDS_PARTICLE:
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


# Speech cues whose object is the listener or the medium, never the content.
_NO_OBJECT = words("say tell add write reply respond answer tweet comment testify continue")


# Cues whose passive subject is the one spoken to or about ("was asked", "was described as").
_TO_LISTENER = words(
    "ask tell inform urge advise remind warn assure describe accuse criticise criticize praise "
    "blame dub label brand call condemn slam hail"
)


def _listener(child: Any) -> bool:
    """ "confirmed to The Hollywood Reporter": a name after "to" is who heard it."""
    if child.dep_ != "prep" or child.lower_ != "to":
        return False
    return any(c.dep_ == "pobj" and _proper(c) for c in child.children)


def _object_of(token: Any) -> bool:
    """The cue takes its content as a direct object ("noted the clot's existence")."""
    return not any(c.dep_ in ("ccomp", "xcomp") for c in token.children) and any(
        c.dep_ == "dobj" for c in token.children
    )


# "admitted to trading", "warned of a crisis", "insisted on a recount".
_CONTENT_PREPS = frozenset(["to", "of", "about", "on", "against", "over", "for"])


def _edges(token: Any, after: int = -1) -> tuple[int, int]:
    """[start, end) of the token's subtree (only its part after token `after`, so a relative
    pronoun the parser hung on the clause stays out), closing punctuation left off."""
    right = token.right_edge
    while right.i > token.i and right.is_punct:
        right = right.nbor(-1)
    left = token.left_edge
    if left.i <= after < token.i:
        left = token.doc[after + 1]
    return left.idx, right.idx + len(right.text)


def _verb_start(token: Any) -> int:
    start: int = token.idx
    for child in token.lefts:
        if child.dep_ in ("aux", "auxpass", "neg", "advmod") and child.i >= token.i - 3:
            start = min(start, child.idx)
    return start


def _according(
    token: Any, sent: int, sentences: Sequence[str], resolver: SpeakerResolver
) -> Found | None:
    to = next(c for c in token.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = token.head
    if source is None or head is token:
        return None
    skip_start = token.left_edge.idx
    skip_end = token.right_edge.idx + len(token.right_edge.text)
    start, end = _edges(head)
    sentence = sentences[sent]
    if skip_start <= start:
        start = skip_end
    pieces = [(start, min(end, skip_start))] if skip_start > start else []
    if skip_end < end:
        pieces.append((skip_end, end))
    pieces = trimmed(sentence, pieces)
    if not pieces:
        return None
    speaker = _speaker_span(source)
    actor = _resolve(source, speaker, sent, sentences, resolver)
    cue = (token.idx, to.idx + len(to.text))
    content = tuple((sent, a, b) for a, b in pieces)
    return Found(sent, cue, "according", content, speaker, actor, None)


def _noun_cue(
    token: Any, sent: int, sentences: Sequence[str], resolver: SpeakerResolver
) -> Found | None:
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    clause = next(
        (
            c
            for c in token.children
            if c.dep_ in ("acl", "ccomp")
            and c.i > token.i
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if owner is None or clause is None:
        return None
    start, end = _edges(clause)
    sentence = sentences[sent]
    start += lead_length(sentence[start:end])
    if end - start < 3:
        return None
    speaker = _speaker_span(owner)
    actor = _resolve(owner, speaker, sent, sentences, resolver)
    cue = (token.idx, token.idx + len(token.text))
    return Found(sent, cue, token.lower_, ((sent, start, end),), speaker, actor, None)
