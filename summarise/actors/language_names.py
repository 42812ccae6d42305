"""Names in other languages beyond what one sentence shows: later mentions by the end of a
full name or in its German genitive, and a model's entities without the titles before them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.language_context import speech_beside, titled
from summarise.actors.languages import Language
from summarise.actors.names import Mention, clean_name, is_place
from summarise.tokens import is_capitalised, tokenize

__all__ = ["genitive_mentions", "surname_mentions", "trim_mention"]


def surname_mentions(sentences: Sequence[str], found: Sequence[Mention]) -> list[Mention]:
    """Later mentions by the end of a full name ("García Aranda" and "Aranda" after "Iñigo
    García Aranda"), wherever the finder did not already mark them: the text has told who
    they are."""
    forms: set[str] = set()
    for m in found:
        words = m.text.split()
        if m.kind == "person" and m.sure and len(words) > 1:
            forms.update(
                " ".join(words[i:]) for i in range(1, len(words)) if words[i][:1].isupper()
            )
    if not forms:
        return []
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w-])"
    )
    taken: dict[int, list[Mention]] = {}
    for m in found:
        taken.setdefault(m.sent, []).append(m)
    out: list[Mention] = []
    for index, sentence in enumerate(sentences):
        for match in pattern.finditer(sentence):
            start, end = match.span()
            over = [m for m in taken.get(index, []) if m.start < end and start < m.end]
            # Over a shorter person mention ("Aranda" of "García Aranda") the longer form wins.
            inside = bool(over) and all(
                m.kind == "person"
                and start <= m.start
                and m.end <= end
                and m.end - m.start < end - start
                for m in over
            )
            if not over or inside:
                out.append(Mention(index, start, end, match.group(1), "person", True, inside))
    return out


def genitive_mentions(
    sentences: Sequence[str], found: Sequence[Mention], lang: Language
) -> list[Mention]:
    """German genitives of a person the text names ("Gernhardts Ballade", "die Tochter
    Ossietzkys" after "Robert Gernhardt" or "Trainer Ossietzky"): the name plus "s"."""
    if lang.code != "de":
        return []
    forms = {
        m.text.split()[-1] + "s"
        for m in found
        if m.kind == "person" and (m.strong or (m.sure and " " in m.text))
    }
    forms = {f for f in forms if f[:1].isupper() and not f[:-1].endswith(_SIBILANTS)}
    if not forms:
        return []
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms)) + r")(?![\w-])"
    )
    return [
        Mention(index, match.start(), match.end(), match.group(1), "person", True, True)
        for index, sentence in enumerate(sentences)
        for match in pattern.finditer(sentence)
    ]


# Names ending in these take an apostrophe, not "s", in the genitive ("Strauß'", "Marx'").
_SIBILANTS = ("s", "ß", "x", "z")


def trim_mention(sentence: str, mention: Mention, lang: Language) -> Mention | None:
    """A model's entity without the titles and function words before it ("Premier ministre
    Lionel Jospin" -> "Lionel Jospin"); None when nothing name-like is left (a person that is
    only a title, an organisation that opens in lower case)."""
    tokens = [t for t in tokenize(sentence) if mention.start <= t.start and t.end <= mention.end]
    while tokens and (
        not is_capitalised(tokens[0].text)
        or lang.is_title(tokens[0].text)
        or lang.is_function_word(tokens[0].text)
    ):
        if mention.kind != "person" and not is_capitalised(tokens[0].text):
            return None
        tokens = tokens[1:]
    if not tokens:
        return None
    text = clean_name(sentence[tokens[0].start : tokens[-1].end])
    if not text or (mention.kind == "person" and is_place(text)):
        return None
    mention.start, mention.end, mention.text = tokens[0].start, tokens[-1].end, text
    if mention.kind == "person":
        words = tokenize(sentence)
        first = next(i for i, t in enumerate(words) if t.start == tokens[0].start)
        last = first + len(tokens)
        mention.strong = titled(words, first, lang) or speech_beside(words, first, last, lang)
    return mention
