"""Roles of people in languages other than English: the title before a name ("Bundeskanzler
Helmut Kohl", "el presidente José María Aznar", "CDU-Fraktionschef Lange") or an apposition
after it that opens with one ("Iñigo García Aranda, responsable de comunicación de Savia,")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.languages import Language
from summarise.actors.resolve import Entity

__all__ = ["language_role"]

_WORD_BEFORE = re.compile(r"([\w.-]+)\s+$")
_APPOSITION = re.compile(r",\s+([^,.;:\"()]{3,80}?)\s*(?:,|\.|$)")
_MAX_ROLE_WORDS = 8
_LEAD = re.compile(r"(?:^|[,;:]\s)([^,;:\"()]{3,60}),\s+$")


def language_role(entity: Entity, sentences: Sequence[str], lang: Language) -> str | None:
    """The first role the article gives the person: a title right before a mention, else an
    apposition after one that starts with a title word."""
    mentions = sorted(entity.mentions, key=lambda m: (m.sent, m.start))
    for m in mentions:
        before = _WORD_BEFORE.search(sentences[m.sent][: m.start])
        if before and lang.is_title(before.group(1)) and not lang.is_function_word(before.group(1)):
            return _with_nationality(sentences[m.sent], before.start(1), before.group(1), lang)
    for m in mentions:
        lead = _LEAD.search(sentences[m.sent][: m.start])
        if lead is not None:  # "El presidente del Gobierno, José María Aznar, ..."
            words = lead.group(1).split()
            start = 1 if lang.is_function_word(words[0]) else 0
            if len(words) > start and lang.is_title(words[start]):
                return " ".join(words[start:])
    for m in mentions:
        after = _APPOSITION.match(sentences[m.sent], m.end)
        if after is None:
            continue
        words = after.group(1).split()
        first = next((w for w in words if not lang.is_function_word(w)), "")
        if first and lang.is_title(first) and len(words) <= _MAX_ROLE_WORDS:
            return after.group(1)
    return None


def _with_nationality(sentence: str, start: int, title: str, lang: Language) -> str:
    """A lower-case qualifier before the title belongs to it ("el presidente" stays
    "presidente"; "der hessische Ministerpräsident" -> "hessische Ministerpräsident")."""
    before = _WORD_BEFORE.search(sentence[:start])
    if before and before.group(1)[:1].islower() and not lang.is_function_word(before.group(1)):
        word = before.group(1)
        if word.endswith(("e", "er", "en", "o", "a", "se")) and lang.zipf(word) > 0:
            return f"{word} {title}"
    return title
