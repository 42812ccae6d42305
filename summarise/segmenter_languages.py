"""Sentence splitting for languages other than English: pysbd's rules where it has them, else a
language-neutral rule (a full stop, question or exclamation mark before a capital).

pysbd splits after a title before a name ("el Sr. García", "le Dr. Martin") in several
languages; the titles below are taught to it as words that precede a name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["PYSBD_LANGUAGES", "neutral_sentences", "other_sentences"]

# ISO 639-1 codes pysbd has rules for.
PYSBD_LANGUAGES = frozenset(
    "am ar bg da de el en es fa fr hi hy it ja kk mr my nl pl ru sk ur zh".split()  # noqa: SIM905
)
# Titles written before a name, per language (lower case, without the full stop).
_TITLES = {
    "de": "dr prof hr fr frl dipl ing st",
    "es": "sr sra srta sres d dña dr dra lic ing prof gral",
    "fr": "m mm mme mmes mlle dr pr me mgr st ste",
    "it": "sig sigg sig.ra dott dr prof avv ing on",
    "nl": "dr dhr mevr mw mr prof ir ing drs st",
    "da": "dr hr fr prof",
    "pl": "dr prof inż mgr ks",
    "ru": "г гг",
}
# A sentence end: the mark, closing quotes or brackets, space, then what can open a sentence.
_NEUTRAL_END = re.compile(r"[.!?…][\"')\]»”]*(\s+)[\"'(«“¿¡]*(\w)")
# Full-width marks end a sentence without a following space (Chinese, Japanese).
_WIDE_END = re.compile(r"(?<=[。！？])(?=\S)")
# "J. Smith", "Dr. Müller", "am 1. Mai": an initial, a short title or an ordinal before a full
# stop ends no sentence.
_INITIAL = re.compile(r"(?:^|\s)(?:[^\W\d_][^\W\d_A-Z]?|\d{1,2})\.$")


def other_sentences(paragraph: str, language: str) -> list[str]:
    """Sentences of one paragraph in ``language``: pysbd's for the languages it knows."""
    if language in PYSBD_LANGUAGES:
        sentences: list[str] = _segmenter(language).processor(paragraph).process()
        return sentences
    return neutral_sentences(paragraph)


def neutral_sentences(paragraph: str) -> list[str]:
    """Sentences by punctuation alone: no abbreviation list, so no language's rules."""
    pieces: list[str] = []
    start = 0
    for part in _WIDE_END.split(paragraph):
        for match in _NEUTRAL_END.finditer(part):
            head = part[start : match.start(1)]
            if match.group(2).islower() or _INITIAL.search(head) or not head.strip():
                continue
            pieces.append(head)
            start = match.end(1)
        pieces.append(part[start:])
        start = 0
    return [piece.strip() for piece in pieces if piece.strip()]


@lru_cache(maxsize=16)
def _segmenter(language: str) -> Any:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    segmenter = pysbd.Segmenter(language=language, clean=False)
    titles = _TITLES.get(language, "").split()
    if titles:
        base = LANGUAGE_CODES[language]

        known = base.Abbreviation
        abbreviation = type(
            "Abbreviation",
            (known,),
            {
                "ABBREVIATIONS": [*known.ABBREVIATIONS, *titles],
                "PREPOSITIVE_ABBREVIATIONS": [*known.PREPOSITIVE_ABBREVIATIONS, *titles],
            },
        )
        segmenter.language_module = type(base.__name__, (base,), {"Abbreviation": abbreviation})
    return segmenter
