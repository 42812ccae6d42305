"""Which language a text is written in (ISO 639-1 codes), detected offline by py3langid.

A declared language (a feed's ``<language>``) is a hint: it is taken when the detector finds it
plausible for the text, and otherwise the detector's own answer wins.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE",
    "DETECT_CHARS",
    "check_language",
    "detect_language",
    "language_code",
]

DEFAULT_LANGUAGE = "en"
# The detector reads this much of an article's lower-case words, or of its text when it has
# few: a paragraph is plenty (bench/RESULTS.md, "Languages"), a quarter of a millisecond.
DETECT_CHARS = 300
# A table of names with few lower-case words is read further, as raw text.
TABLE_CHARS = 1000
# A declared language is taken when the detector gives it at least this probability: on a
# table of names or a short snippet close languages (de and lb, es and gl) run neck and neck.
HINT_PROBABILITY = 0.1

# Every ISO 639-1 code.
_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"""
ISO_639_1 = frozenset(_CODES.split())


def language_code(declared: str | None) -> str | None:
    """The ISO 639-1 code in a declared language ("en-US", "de_DE", "FR"), or None."""
    if not declared:
        return None
    code = declared.strip().replace("_", "-").split("-")[0].lower()
    return code if code in ISO_639_1 else None


def check_language(code: str) -> str:
    """``code`` as a lower-case ISO 639-1 code; ValueError naming the problem otherwise."""
    cleaned = code.strip().lower() if isinstance(code, str) else ""
    if cleaned not in ISO_639_1:
        raise ValueError(
            f"unknown language {code!r}: use a two-letter ISO 639-1 code such as en, de, es, fr"
        )
    return cleaned


# Lower-case words a sample needs before the detector reads only them, and how far into the
# text they are looked for.
MIN_WORDS = 8
SCAN_CHARS = 3000


def detect_language(text: str, hint: str | None = None) -> str:
    """The language of ``text`` as an ISO 639-1 code, from :data:`DETECT_CHARS` of its
    lower-case words (of its first :data:`TABLE_CHARS` when it has few).

    ``hint`` (a declared language, any form :func:`language_code` reads) is taken when the
    detector finds it plausible. A text without letters is in the hint's language, or English.
    """
    declared = language_code(hint)
    head = text[:SCAN_CHARS]
    if not any(character.isalpha() for character in head):
        return declared or DEFAULT_LANGUAGE
    # Names, places, numbers and capitals say little of a language (a results table of names
    # reads as any language): the lower-case words decide when there are enough of them.
    words = [w for w in head.split() if w[:1].isalpha() and w[:1].islower()]
    read = " ".join(words)[:DETECT_CHARS] if len(words) >= MIN_WORDS else text[:TABLE_CHARS]
    ranked: list[tuple[str, float]] = _identifier().rank(read)
    if declared is not None and dict(ranked).get(declared, 0.0) >= HINT_PROBABILITY:
        return declared
    for code, _ in ranked:
        found = language_code(code)
        if found is not None:
            return found
    return declared or DEFAULT_LANGUAGE


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
