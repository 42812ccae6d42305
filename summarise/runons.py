"""Image captions that pages glue, without a full stop, onto the sentence that follows them."""

from __future__ import annotations

import re

__all__ = ["is_fragment", "split_run_on", "strip_caption_label"]

# A pronoun, determiner or subordinating word written capitalised after an unpunctuated
# lower-case word starts a new sentence: "... higher than a colleague The cost of divorce ...",
# "... the Silicon Valley shantytown While tech companies ...", "... her face An 86-year-old".
_BOUNDARY = re.compile(
    r"(?<=[a-z0-9%)'])\s+(?=(?:The|A|An|He|She|It|They|We|His|Her|Its|Their|This|These|Those"
    r"|But|However|While|When|After|Although|Though|Despite|Meanwhile)\s+[a-z0-9]"
    # or a caption's label: "... 'our generation's suffragette' Charity work: The Duchess ..."
    r"|(?P<label>[A-Z][a-z]+(?:\s+[a-z]+){0,2}):\s+[A-Z])"
)
# "Wanted: Police in Maryland ..." - a caption's label.
_LABEL = re.compile(r"^([A-Z][a-z]+(?:\s+[a-z]+){0,2}):\s+(?=[A-Z][a-z])")
_SPEECH = re.compile(r"\b(?:said|says|added|told|explained|wrote|insisted|warned|asked|stated)\b")
_MIN_PART_WORDS = 5
_MIN_RUN_ON_WORDS = 18
_SENTENCE_END = (".", "!", "?", "…", '."', ".'", '!"', "!'", '?"', "?'", ".)", '")')


def split_run_on(sentence: str) -> list[str]:
    """Split captions glued to a sentence; each part keeps its own text unchanged."""
    if len(sentence.split()) < _MIN_RUN_ON_WORDS:
        return [sentence]
    parts: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(sentence):
        if match.group("label") and _SPEECH.search(match.group("label")):
            continue  # "... Mr Smith said: The ..." is speech, not a caption
        head = sentence[start : match.start()]
        tail = sentence[match.end() :]
        if len(head.split()) >= _MIN_PART_WORDS and len(tail.split()) >= _MIN_PART_WORDS:
            parts.append(head.strip())
            start = match.end()
    parts.append(sentence[start:].strip())
    return [part for part in parts if part]


def strip_caption_label(sentence: str) -> str:
    """'Wanted: Police in Maryland ...' -> 'Police in Maryland ...'; speech is left alone."""
    match = _LABEL.match(sentence)
    if match is None or _SPEECH.search(match.group(1)):
        return sentence
    return sentence[match.end() :]


def is_fragment(sentence: str) -> bool:
    """True for text that does not end like a sentence, such as a caption or a heading."""
    return not sentence.rstrip().endswith(_SENTENCE_END)
