"""The speaker of a cue in spaCy's parse: its subject (climbing through "was quoted as
saying" and "X, who ..., said"), the span a reader would call the speaker, and the actor it
means, through :class:`summarise.positions.speakers.SpeakerResolver`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summarise.actors.lexicon import words
from summarise.actors.names import is_title_word
from summarise.positions.cues import CORE_SPEECH, GOES_ON, SOURCE_NOUNS, cue_lemma, is_speech
from summarise.positions.speakers import SpeakerResolver

__all__ = [
    "PRONOUNS",
    "appos_name",
    "can_speak",
    "is_proper",
    "joined_speech_cue",
    "resolve_subject",
    "speaker_span",
    "subject_of",
]

_SUBJECTS = ("nsubj", "nsubjpass")


_CLIMB = ("xcomp", "conj", "advcl", "pcomp", "prep", "acomp")


PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "you"])


_RELATIVES = frozenset(["who", "that", "which"])


_QUANTIFIERS = words("many some others most several few both all everyone nobody")


_NAME_PARTS = ("compound", "flat", "det", "amod", "poss", "nmod", "nummod", "case", "punct")


def can_speak(subject: Any, lemma: str) -> bool:
    """Whether an unresolved subject can still speak: a pronoun, a named entity, a noun for
    people, bodies or documents ("officials said", "the campaign called the charges false"),
    or for speech any word for people ("the analyst", "many of whom")."""
    if subject.lower_ in PRONOUNS or is_proper(subject) or lemma in CORE_SPEECH:
        return True
    word = subject.lower_
    if word in SOURCE_NOUNS or word.rstrip("s") in SOURCE_NOUNS:
        return True
    return is_speech(lemma) and (word in _QUANTIFIERS or _agent_noun(word))


def _agent_noun(word: str) -> bool:
    """ "analyst", "officer", "historian", "resident", "nominee": nouns for people by their
    suffix."""
    return len(word) > 5 and word.endswith(_AGENT_ENDINGS)


_AGENT_ENDINGS = tuple(sorted(words("ist ists ian ians ent ents ant ants er ers or ors ee ees")))


def subject_of(token: Any) -> Any | None:
    """The cue's subject; "X was quoted as saying" and "X went on to say" climb to X; the
    subject of "who said" is the person the clause is about."""
    if (
        token.i > 0
        and token.nbor(-1).text in (",", "'", '"')
        and not any(c.dep_ in _SUBJECTS for c in token.children)
    ):
        # "'...,' continued the mayor": the parser may take the speaker for an object.
        after = next((c for c in token.rights if c.dep_ in ("dobj", "attr", "npadvmod")), None)
        # Right after the cue: "continued the 75-year-old author" (the head comes late).
        if after is not None and after.tag_.startswith("NN") and after.left_edge.i <= token.i + 2:
            return appos_name(after)
    current = token
    contrast = _contrast_before(token)
    if contrast is not None:
        return appos_name(contrast)
    if _second_statement(token):
        # "Vance said the vote was a setback and added: '...'": Vance adds it, not the vote.
        return subject_of(token.head.head)
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
                return appos_name(child)
        if (
            current.head.i == current.i
            or not (current.dep_ in _CLIMB or _joined(current))
            or _contrasted(current)
        ):
            return None
        current = current.head
    return None


_CONTRAST = words("while whereas whilst")


def _contrasted(verb: Any) -> bool:
    """ "X has not spoken, while his friend Y - who ... - declined": a parse that joins
    "declined" to "spoken" but hangs a "while" clause with a subject of its own before it;
    the subject of "spoken" is not the subject of "declined"."""
    if verb.dep_ != "conj":
        return False
    return any(
        child.dep_ == "advcl"
        and child.i < verb.i
        and any(c.dep_ == "mark" and c.lower_ in _CONTRAST for c in child.children)
        and any(c.dep_ in _SUBJECTS for c in child.children)
        for child in verb.lefts
    )


def _contrast_before(participle: Any) -> Any | None:
    """ "X commented while Y believes ..., saying: '...'": a participle that the parse hung on
    the first verb follows the "while" clause right before it; that clause's subject speaks."""
    if participle.tag_ != "VBG" or participle.dep_ != "advcl":
        return None
    clauses = [
        child
        for child in participle.head.children
        if child.dep_ == "advcl"
        and participle.head.i < child.i < participle.i
        and any(c.dep_ == "mark" and c.lower_ in _CONTRAST for c in child.children)
    ]
    if not clauses:
        return None
    return next((c for c in clauses[-1].children if c.dep_ in _SUBJECTS), None)


def joined_speech_cue(verb: Any) -> bool:
    """A speech cue the parse joined to another verb, with no subject of its own: "and added"
    in "said the vote was a setback and added: ..."."""
    lemma = cue_lemma(verb.lower_)
    return (
        verb.dep_ == "conj"
        and verb.tag_.startswith("VB")
        and lemma is not None
        and is_speech(lemma)
        and not any(c.dep_ in _SUBJECTS for c in verb.children)
    )


def _second_statement(verb: Any) -> bool:
    """A speech cue with no subject of its own that the parse joined to the clause another
    cue reports ("said the vote was a setback and added: ...")."""
    head = verb.head
    return (
        joined_speech_cue(verb)
        and head.dep_ == "ccomp"
        and head.head.i != head.i
        and cue_lemma(head.head.lower_) is not None
    )


def _joined(verb: Any) -> bool:
    """ "said A but said B": a verb after "but" or "and" that the parse hung on the first as
    its complement shares its subject."""
    return (
        verb.dep_ == "ccomp"
        and verb.i > verb.head.i
        and verb.i > 0
        and verb.nbor(-1).dep_ == "cc"
        and verb.nbor(-1).lower_ in ("and", "but")
    )


def _relative_object_speaker(verb: Any, relative: Any) -> Any | None:
    """A noun or name between the relative pronoun and the verb is the verb's real subject."""
    for child in verb.lefts:
        between = child.i > relative.i and child.dep_ in ("nsubj", "dep", "npadvmod")
        if between and child.tag_.startswith(("NN", "PRP")) and child.lower_ not in _RELATIVES:
            return child
    return None


def appos_name(token: Any) -> Any:
    """ "a spokesman, John Smith, said": the name in apposition speaks."""
    if not is_proper(token):
        for child in token.children:
            if child.dep_ == "appos" and is_proper(child):
                return child
        if is_title_word(token.lower_):
            # "said Academy president and CEO Neil Portman": the name after the titles.
            for child in token.children:
                if child.dep_ == "conj" and is_proper(child):
                    return child
    return token


def is_proper(token: Any) -> bool:
    return token.tag_ in ("NNP", "NNPS")


def speaker_span(subject: Any) -> tuple[int, int]:
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


def resolve_subject(
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
    if word in PRONOUNS:
        return resolver.pronoun(sent, subject.idx, word, goes_on=lemma in GOES_ON)
    phrase = sentences[sent][span[0] : span[1]]
    if subject.tag_.startswith(("NN", "JJ")) and not is_proper(subject):
        owned = any(c.dep_ == "poss" for c in subject.children)  # "his son", "Trump's aide"
        if not owned and not _definite(subject):
            return None  # "a spokesman": someone unnamed
        return resolver.description(sent, subject.idx, phrase, subject.text, strict=owned)
    named = resolver.named(sent, *span)
    return named if named is not None else resolver.by_name(phrase)


def _definite(token: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
