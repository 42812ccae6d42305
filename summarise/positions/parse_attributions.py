"""Attributions read from spaCy's dependency parse.

A cue is a verb whose lemma reports speech or a stance (summarise.positions.cues), "according to",
or an owned cue noun ("Trump's assertion that ..."). Its subject (climbing through "was quoted
as saying" and "went on to say") is the speaker; its clausal complement, its object for
stances ("opposes the plan"), or the quotation next to it is the content. Only sentences that
hold a cue word are parsed: the rest cannot hold an attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy

from summarise.actors.lexicon import words
from summarise.positions.clauses import inner_quote, lead_length, trimmed
from summarise.positions.cues import (
    CONTENT_ONLY,
    HOLDS_PASSIVE,
    NEEDS_OBJECT,
    NOUN_CUES,
    PASSIVE_LEADS,
    QUOTE_ONLY,
    SAID_OF,
    TO_LISTENER,
    cue_forms,
    cue_lemma,
    is_speech,
)
from summarise.positions.found import Found, Inner, Segment
from summarise.positions.parse_contents import (
    AS_QUOTE,
    NEEDS_PARTICLE,
    content_of,
    edges,
    object_of,
    quoted_name,
)
from summarise.positions.parse_speakers import (
    PRONOUNS,
    appos_name,
    can_speak,
    is_proper,
    resolve_subject,
    speaker_span,
    subject_of,
)
from summarise.positions.quotes import Quote, near, quoted
from summarise.positions.speakers import SpeakerResolver

__all__ = ["parse_attributions", "parse_inner"]

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
# Cues that attribute only with a clause: "the study found that ...", "polls show ...".
_CLAUSE_ONLY = frozenset(["find", "show", "plan"])


def parse_attributions(
    nlp: Any,
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
    parsed: dict[int, Any] | None = None,
) -> list[Found]:
    """Raw attributions of the sentences that can hold one, in reading order; each parse is
    kept in `parsed` by sentence index, for :func:`parse_inner` to read again."""
    chosen = [
        i for i in range(len(sentences)) if sentences[i] and _may_attribute(i, sentences[i], quotes)
    ]
    found: list[Found] = []
    wanted = _cue_hashes(nlp)
    for index, doc in zip(chosen, _parse(nlp, [sentences[i] for i in chosen]), strict=True):
        if parsed is not None:
            parsed[index] = doc
        here = near(quotes, index)
        cues = {int(at) for at in numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), wanted))}
        for at in sorted(cues | _as_verbs(doc, index, here)):
            token = doc[at]
            if quoted(here, index, token.idx):
                continue
            item = _read(token, index, sentences, here, resolver)
            if item is not None:
                found.append(item)
                resolver.spoke(item.actor, index)
    return found


def parse_inner(
    nlp: Any,
    sentences: Sequence[str],
    pieces: Sequence[Segment],
    parsed: dict[int, Any] | None = None,
) -> list[list[Inner]]:
    """For each quoted passage (sentence, start, end), its cues whose subject is a third person
    ("he", "she", a name, "the manager") and whose content is a clause of theirs; sentences in
    `parsed` are not parsed again."""
    docs = dict(parsed or {})
    chosen = sorted(
        {s for s, a, b in pieces if s not in docs and _holds_cue_word(sentences[s][a:b])}
    )
    docs.update(zip(chosen, _parse(nlp, [sentences[i] for i in chosen]), strict=True))
    wanted = _cue_hashes(nlp)
    out: list[list[Inner]] = []
    for sent, start, end in pieces:
        doc = docs.get(sent)
        found: list[Inner] = []
        if doc is not None:
            at = numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), wanted))
            for token in (doc[int(i)] for i in at):
                inside = start <= token.idx < end
                if inside and not any(f.content[0] <= token.idx < f.content[1] for f in found):
                    item = _inner(token, sent, start, end)
                    if item is not None:
                        found.append(item)
        out.append(found)
    return out


def _holds_cue_word(text: str) -> bool:
    return any(w.lower() in _SIEVE_WORDS for w in _WORD.findall(text))


# What makes a cue a supposition, not a report: "if he says", "unless she argued".
_SUPPOSING = words("if unless whether")
# Cues of questions, whose content claims nothing.
_ASKING = words("ask question wonder")


def _inner(token: Any, sent: int, start: int, end: int) -> Inner | None:
    """A cue of a quoted passage that reports a third person's clause: "he himself has argued
    that ...", "the manager said to us that ..."; not "I said", "they say", "he never said",
    "he would say", "if she said", "as he said"."""
    lemma = cue_lemma(token.lower_)
    if lemma is None or lemma in _ASKING or token.dep_ in ("amod", "aux"):
        return None
    children = list(token.children)
    if token.tag_ not in ("VBD", "VBZ", "VBN", "VBG"):
        return None  # "Mr Hale, tell us what ...": an imperative
    if token.tag_ == "VBG" and not any(c.dep_ == "aux" for c in children):
        return None  # "a video of him saying ...": no statement of his
    if any(
        c.dep_ in ("nsubjpass", "auxpass", "neg")
        or (c.dep_ == "aux" and c.tag_ == "MD")
        or (c.dep_ == "mark" and c.lower_ in (*_SUPPOSING, "as"))
        for c in children
    ):
        return None
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    clause = next((c for c in token.rights if c.dep_ in ("ccomp", "xcomp")), None)
    if subject is None or clause is None or subject.i > token.i:
        return None
    word = subject.lower_
    if word in ("he", "she"):
        kind, span = "pronoun", (subject.idx, subject.idx + len(subject.text))
    elif is_proper(subject) or _capitalised(subject):
        kind, span = "name", speaker_span(subject)
    elif subject.tag_ in ("NN", "NNS") and _definite_only(subject):
        kind, span = "description", speaker_span(subject)
    else:
        return None
    if span[0] < start:
        return None
    opening = clause.left_edge
    if opening.tag_ in ("WP", "WRB", "WDT") or any(
        c.dep_ == "mark" and c.lower_ in _SUPPOSING for c in clause.children
    ):
        return None  # "he asked if ...", "he told us what ...": no claim
    text = token.doc.text
    first, last = edges(clause, after=token.i)
    first += lead_length(text[first:last])
    if last > end or len(text[first:last].split()) < 3:
        return None
    cue = (token.idx, token.idx + len(token.text))
    verb = None if lemma in CONTENT_ONLY else _verb_start(token)
    return Inner(sent, cue, lemma, span, kind, subject.text, (first, last), verb)


def _capitalised(token: Any) -> bool:
    """A capitalised word the tagger took for a common noun ("Olsen has claimed")."""
    return (
        token.text[:1].isupper()
        and token.lower_ not in PRONOUNS
        and not any(c.dep_ == "det" for c in token.children)
    )


def _definite_only(token: Any) -> bool:
    """ "the manager", not "his manager" or "a manager"."""
    return not any(c.dep_ == "poss" for c in token.children) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )


def _as_verbs(doc: Any, sent: int, quotes: Sequence[Quote]) -> set[int]:
    """The verbs before `as "..."` ("pounding Trump as a "con artist""): each may call its
    object what the quotation says."""
    found: set[int] = set()
    text = doc.text
    for match in AS_QUOTE.finditer(text):
        before = text[: match.start()].split()[-1:]
        if quoted(quotes, sent, match.start()) or (before and before[0].lower() in _NOT_NAMING):
            continue
        at = next((t.i for t in doc if t.idx == match.start()), None)
        if at is None:
            continue
        for token in reversed(doc[max(0, at - 8) : at]):
            if token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass"):
                found.add(token.i)
                break
    return found


# "such as", "as well as", "known as", "the same as": no naming.
_NOT_NAMING = words("such well known same so just")


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
    here = near(quotes, index)
    previous = ""
    for match in _WORD.finditer(sentence):
        word = match.group(0).lower()
        cue = word in _SIEVE_WORDS and (word not in _NOUN_LIKE or _verb_place(previous, match))
        if cue and not quoted(here, index, match.start()):
            return True
        previous = match.group(0)
    owned = [*_NOUN_SIEVE.finditer(sentence), *AS_QUOTE.finditer(sentence)]
    return any(not quoted(here, index, match.start()) for match in owned)


def _verb_place(previous: str, match: re.Match[str]) -> bool:
    """A cue spelled like a common noun ("claims", "report", "state") stands where a verb
    does: after a name or pronoun, or before "that"."""
    after = match.string[match.end() : match.end() + 6].lstrip().lower()
    word = previous.lower()
    return (
        previous[:1].isupper()
        or word in PRONOUNS
        or word in _BEFORE_VERB
        or after.startswith("that")
    )


# Words a verb follows ("did not support", "would back", "strongly oppose").
_BEFORE_VERB = words(
    """not never did does do will would could should can may might must to also still
    strongly openly publicly always repeatedly"""
)


def _parse(nlp: Any, texts: list[str]) -> Iterator[Any]:
    """Tokens, tags and dependencies (entities come from the separate NER pass)."""
    docs: Iterator[Any] = iter([nlp.make_doc(t) for t in texts])
    for name in ("tok2vec", "tagger", "parser"):
        if name in nlp.component_names:
            docs = nlp.get_pipe(name).pipe(docs)
    return docs


def _read(
    token: Any,
    sent: int,
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
) -> Found | None:
    word = token.lower_
    if word == "according" and any(c.lower_ == "to" for c in token.children):
        return _according(token, sent, sentences, quotes, resolver)
    if token.tag_.startswith("NN") and (word in NOUN_CUES or word[:-1] in NOUN_CUES):
        return _noun_cue(token, sent, sentences, quotes, resolver)
    if not token.tag_.startswith("VB"):
        return None
    lemma = cue_lemma(word)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    if agent is not None and (lemma is not None or word in PASSIVE_LEADS):
        return _passive(token, agent, sent, sentences, resolver)
    if lemma is None:
        # "pounding Trump as a "con artist"": a verb that calls its object something quoted.
        if quoted_name(token, word, sent, sentences, quotes) is None:
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
            return None  # "was hailed as": the subject is the one spoken of
        lemma = word
    particles = NEEDS_PARTICLE.get(lemma)
    if (
        particles
        and not any(
            c.lower_ in particles or c.dep_ in ("oprd", "xcomp", "ccomp") for c in token.children
        )
        and quoted_name(token, lemma, sent, sentences, quotes) is None
    ):
        return None  # "called" a name, "ruled" on a case: no stance
    if lemma in _CLAUSE_ONLY and not _finding(token, lemma):
        return None  # "found a body", "was found alive": no finding
    if lemma in TO_LISTENER and token.tag_ == "VBN" and token.dep_ in ("advcl", "acl"):
        return None  # "Asked about the crowds, X said": X was asked
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    if lemma in TO_LISTENER and passive:
        if lemma in SAID_OF:
            return _unnamed(token, sent, lemma)
        return None  # "X was asked to pay", "X was told": the subject heard it
    if passive and lemma not in HOLDS_PASSIVE:
        return None  # "he was ruled unfit", "the plan was rejected": acted on, not speaking
    if token.dep_ == "amod":
        return None  # "the alleged victims", "her estimated costs": an adjective
    if lemma in NEEDS_OBJECT and token.tag_ == "VBN" and not _has_object(token):
        return None  # "the woman falsely accused of blackmail": a passive, not her claim
    subject = subject_of(token)
    if (
        subject is not None
        and subject.i > token.i
        and quoted(quotes, sent, subject.idx)
        and not quoted(quotes, sent, token.idx)
    ):
        # `X said, adding later, "NATO is ..."`: a parse that hangs the cue on the quotation
        # finds no speaker inside it; the cue goes on with the person the sentence names.
        first = resolver.first_mention(sent, token.idx)
        if first is None or not first.person:
            return None
        content, quote = content_of(token, lemma, sent, sentences, quotes)
        if not content:
            return None
        cue = (token.idx, token.idx + len(token.text))
        return Found(sent, cue, lemma, content, (first.start, first.end), first.actor, quote)
    content, quote = content_of(token, lemma, sent, sentences, quotes)
    if not content or (lemma in QUOTE_ONLY and quote is None):
        return None
    cue = (token.idx, token.idx + len(token.text))
    asking = _named_right_before(token, sent, resolver) if quote is not None else None
    if asking is not None and (subject is None or subject.i < asking.i):
        # "footage of Hillary Clinton asking, "..."": the person the participle follows.
        mention = resolver.mention_at(sent, asking.idx, asking.idx + len(asking.text))
        if mention is not None:
            return Found(
                sent, cue, lemma, content, (mention.start, mention.end), mention.actor, quote
            )
    if subject is None:
        # "... disease Pete Saunders, chief executive of the trust, added: '...'": a parse
        # that lost the subject; a person named right before a speech cue speaks.
        named = resolver.named_before_cue(sent, 0, token.idx) if is_speech(lemma) else None
        if named is None:
            return None
        span = (named.start, named.end)
        return Found(sent, cue, lemma, content, span, named.actor, quote)
    speaker = speaker_span(subject)
    # "The author of the book, Ana Ruiz, wrote": the name the description leads to speaks.
    actor = None
    if is_proper(subject) or subject.lower_ in PRONOUNS:
        actor = resolve_subject(subject, speaker, sent, sentences, resolver, lemma)
    if subject.lower_ not in PRONOUNS and (actor is None or not resolver.is_person(actor)):
        named = resolver.named_before_cue(sent, subject.left_edge.idx, token.idx)
        if named is not None:
            actor, speaker = named.actor, (named.start, named.end)
        elif not is_proper(subject):
            actor = resolve_subject(subject, speaker, sent, sentences, resolver, lemma)
    if actor is None and not can_speak(subject, lemma):
        return None  # "troops deployed to defend ...", "the weeks will reveal": no one speaks
    if actor is None and cue_lemma(word) is None:
        return None  # "pounding X as a "..."" by someone the article does not name
    # A stance, or an object as content ("noted the clot's existence"), reads with its verb.
    object_content = quote is None and object_of(token)
    verb_start = _verb_start(token) if lemma not in CONTENT_ONLY or object_content else None
    return Found(sent, cue, lemma, content, speaker, actor, quote, None, verb_start)


def _named_right_before(token: Any, sent: int, resolver: SpeakerResolver) -> Any | None:
    """The last word of a person's name right before a participle cue ("Clinton asking")."""
    if token.tag_ != "VBG" or token.i == 0:
        return None
    before = token.nbor(-1)
    mention = resolver.mention_at(sent, before.idx, before.idx + len(before.text))
    if mention is None or not mention.person or mention.end != before.idx + len(before.text):
        return None
    return before


def _passive(
    token: Any, agent: Any, sent: int, sentences: Sequence[str], resolver: SpeakerResolver
) -> Found | None:
    """ "The report was backed by auditor Lena Holm", "a commission led by Marco Rubio": the
    agent holds the stance; the position reads from what was backed or led."""
    source = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    source = appos_name(source)
    speaker = speaker_span(source)
    actor = resolve_subject(source, speaker, sent, sentences, resolver)
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


def _unnamed(token: Any, sent: int, lemma: str) -> Found | None:
    """ "X is said to be furious", "X was reported missing": a claim about X by a source the
    sentence does not name; the content is the clause from its subject on."""
    theme = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if theme is None:
        return None
    end = token.right_edge.idx + len(token.right_edge.text)
    cue = (token.idx, token.idx + len(token.text))
    return Found(sent, cue, lemma, ((sent, theme.left_edge.idx, end),))


REFLEXIVES = words("myself yourself himself herself itself ourselves yourselves themselves")


def _has_object(token: Any) -> bool:
    return any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp") for c in token.children)


def _finding(token: Any, lemma: str) -> bool:
    """ "found that ...", "found that action unconstitutional", "polls show X leading"; not
    "found herself accused"."""
    deps = {c.dep_ for c in token.children}
    if deps & {"nsubjpass", "auxpass"}:
        return False
    if token.i + 1 < len(token.doc) and token.nbor(1).lower_ in REFLEXIVES:
        return False
    return bool(deps & {"ccomp", "xcomp"}) or (
        "dobj" in deps and ("oprd" in deps or lemma == "show")
    )


def _verb_start(token: Any) -> int:
    """Where the verb phrase starts: its auxiliaries, negation and adverbs ("has not yet
    said"), not a sentence adverb set off by a comma ("However, he insisted")."""
    start: int = token.idx
    subject = max((c.i for c in token.lefts if c.dep_ in ("nsubj", "nsubjpass")), default=-1)
    for child in token.lefts:
        near = child.i >= token.i - 3 and child.i > subject
        if child.dep_ in ("aux", "auxpass", "neg", "advmod") and near:
            start = min(start, child.idx)
    return start


def _according(
    token: Any,
    sent: int,
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
) -> Found | None:
    to = next(c for c in token.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = token.head
    sentence = sentences[sent]
    if source is None:
        return None
    if head.i == token.i:
        # "According to X, the move reeks of ...": a parse that found no clause for the cue
        # (it read the verb as a noun) leaves the rest of the sentence after the comma.
        comma = sentence.find(",", source.idx)
        if token.i > 0 or comma < 0:
            return None
        pieces = trimmed(sentence, [(comma + 1, len(sentence.rstrip(" .!?")))])
        if pieces and len(sentence[pieces[0][0] : pieces[0][1]].split()) < 3:
            return None
    else:
        pieces = _according_pieces(token, head, sentence)
    if not pieces:
        return None
    speaker = speaker_span(source)
    actor = resolve_subject(source, speaker, sent, sentences, resolver)
    end = source.right_edge.idx + len(source.right_edge.text)
    author = resolver.document_author(sent, source.left_edge.idx, end)
    if author is not None:  # "according to a statement from the attorney, James Maron"
        speaker, actor = (author.start, author.end), author.actor
    cue = (token.idx, to.idx + len(to.text))
    content, quote = inner_quote(sentences, sent, pieces, quotes)
    return Found(sent, cue, "according", content, speaker, actor, quote)


def _according_pieces(token: Any, head: Any, sentence: str) -> list[tuple[int, int]]:
    """The clause "according to X" hangs on, without the cue and its source."""
    skip_start = token.left_edge.idx
    skip_end = token.right_edge.idx + len(token.right_edge.text)
    start, end = edges(head)
    if skip_start <= start:
        start = skip_end
    pieces = [(start, min(end, skip_start))] if skip_start > start else []
    if skip_end < end:
        pieces.append((skip_end, end))
    return trimmed(sentence, pieces)


def _noun_cue(
    token: Any,
    sent: int,
    sentences: Sequence[str],
    quotes: Sequence[Quote],
    resolver: SpeakerResolver,
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
    start, end = edges(clause)
    sentence = sentences[sent]
    start += lead_length(sentence[start:end])
    if end - start < 3:
        return None
    speaker = speaker_span(owner)
    actor = resolve_subject(owner, speaker, sent, sentences, resolver)
    cue = (token.idx, token.idx + len(token.text))
    content, quote = inner_quote(sentences, sent, [(start, end)], quotes)
    return Found(sent, cue, token.lower_, content, speaker, actor, quote)
