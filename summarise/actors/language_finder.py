"""Rule-based person mentions in languages other than English.

English capitalises names only; German capitalises every noun, and Spanish, Dutch and French
capitalise the names of things as much as those of people. So a capitalised word is read in
its language: a function word ("Die", "El", "Het"), a title ("Bundeskanzler", "presidente"),
a word seen after an article in the same text ("die Sitzung", "la Junta"), or a word that is
common in the language (wordfreq) is no name, unless a given name comes first ("Hans Richter",
"Peter Busch"). A name is a given name and the capitalised words after it (particles allowed
inside: "Agustín Díaz de Mera", "Karel De Gucht"), or two or more rare capitalised words; a lone
word counts where a title or a speech verb stands beside it ("Trainer Weber", "zei Goossens").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.language_context import (
    PARTICLE_AFTER_GIVEN,
    TextWords,
    rare,
    speech_beside,
    titled,
)
from summarise.actors.languages import Language
from summarise.actors.lexicon import ORG_WORDS
from summarise.actors.names import Mention, clean_name, is_heading_like, is_place
from summarise.tokens import Token, is_capitalised, tokenize

__all__ = ["language_mentions"]

OPENER_ZIPF = 2.0
_ADJECTIVE_ENDINGS = ("e", "en", "es", "em", "er")
_MAX_NAME_WORDS = 5
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,2}$")
# A player's goals or minute in a match report: "Anthes (3/1)", "Weber (69.)", "(je 2)",
# "Ilic (20. / 39.)", "Karl (52. / FE)".
_SCORED = re.compile(r"\s*,?\s*\((?:je\s+)?\d{1,2}(?:/\d{1,2}|\.)?(?:\s*/\s*[\w.]{1,3})?\)")
# A substitute in a line-up, after the minute he came on: "Skarica (71. Simm)".
_SUBSTITUTE = re.compile(r"\(\d{1,3}\.\s*$")
# A line of results: a rank, the name, the club, the score ("1. Fehn (TSV Bonames) 15,95",
# "2. Prokopp FTG 14,00").
_RANK = re.compile(r"^\s*\d{1,3}\.\s+$")
_RESULT = re.compile(r"\s+(?:\([^()]{2,40}\)|[A-ZÄÖÜ]{2,6})\s+\d+(?:[.,:]\d+)?\b")
_ACRONYM = re.compile(r"^[A-ZÄÖÜÁÉÍÓÚÑ]{2,6}$")


def language_mentions(
    sentences: Sequence[str], skip: Sequence[bool], lang: Language, *, guess_only: bool = False
) -> list[Mention]:
    """Person (and acronym organisation) mentions of every sentence not skipped. With
    `guess_only` (a model found the names) only full names opening with a given name count,
    as guesses to be confirmed."""
    seen = TextWords(_nouns(sentences, skip, lang), _genitives(sentences, skip, lang))
    out: list[Mention] = []
    for index, sentence in enumerate(sentences):
        if not skip[index]:
            out.extend(_sentence(index, sentence, lang, seen, guess_only=guess_only))
    return out


def _genitives(sentences: Sequence[str], skip: Sequence[bool], lang: Language) -> set[str]:
    """German capitalised words that are another capitalised word of the text plus "s": a
    genitive ("Bagdads Pressebeauftragte", "Husseins Erzfeind") ends a name."""
    if lang.code != "de":
        return set()
    words = {
        t.text
        for i, s in enumerate(sentences)
        if not skip[i]
        for t in tokenize(s)
        if t.text[:1].isupper()
    }
    return {w for w in words if w.endswith("s") and w[:-1] in words}


def _nouns(sentences: Sequence[str], skip: Sequence[bool], lang: Language) -> set[str]:
    """Capitalised words the text puts after an article ("die Sitzung", "la Junta"): nouns and
    names of things. A capital article opening a sentence counts unless it is also a name
    particle ("De Gucht")."""
    found: set[str] = set()
    for index, sentence in enumerate(sentences):
        if skip[index]:
            continue
        tokens = tokenize(sentence)
        for k in range(1, len(tokens)):
            before, word = tokens[k - 1], tokens[k]
            if before.gap.strip() or not is_capitalised(word.text):
                continue
            article = before.text
            opening = k - 1 == 0 and article[:1].isupper()
            lower = article[:1].islower()
            if not (lower or (opening and article.lower() not in lang.particles)):
                continue
            # "von der Leyen", "van de Steene" (Spanish "de la" is mostly "of the").
            inside = lang.code in PARTICLE_AFTER_GIVEN and k > 1
            inside = inside and tokens[k - 2].text in lang.particles
            if lang.is_article(article) and not inside:
                found.add(word.text.lower())
    return found


def _sentence(
    index: int, sentence: str, lang: Language, seen: TextWords, *, guess_only: bool
) -> list[Mention]:
    tokens = tokenize(sentence)
    heading = is_heading_like(sentence)
    out: list[Mention] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        word = token.text
        if not is_capitalised(word):
            k += 1
            continue
        if _ACRONYM.match(word) and not guess_only:
            if _initials(sentence, token):
                out.append(Mention(index, token.start, token.end, word, "person", True, True))
            else:
                sure = not heading and not (k == 0 and len(tokens) < 3)
                out.append(Mention(index, token.start, token.end, word, "org", sure))
            k += 1
            continue
        if k == 0 and _adjective_opener(tokens, lang):
            k += 1
            continue
        end, given = _name_end(tokens, k, lang, seen)
        if end == k:
            k += 1
            continue
        start = _given_start(tokens, k, end, lang) if not given else k
        given = given or start > k
        name = tokens[start:end]
        text = clean_name(sentence[name[0].start : name[-1].end])
        k = end
        if not text or is_place(text) or text.split()[-1].lower() in ORG_WORDS:
            continue
        strong = titled(tokens, start, lang) or speech_beside(tokens, start, end, lang)
        strong = strong or bool(_SCORED.match(sentence, name[-1].end))
        substitute = _SUBSTITUTE.search(sentence, 0, name[0].start) is not None
        strong = strong or (substitute and sentence.startswith(")", name[-1].end))
        ranked = _RANK.match(sentence[: name[0].start]) is not None
        strong = strong or (ranked and _RESULT.match(sentence, name[-1].end) is not None)
        many = len(text.split()) > 1
        if guess_only and not (given and many):
            continue
        # A line that is only a full name is a byline, not a heading.
        byline = given and many and len(name) == len(tokens)
        sure = (byline or not heading) and not guess_only
        strong = ((strong and not heading) or byline) and not guess_only  # the model decides
        out.append(Mention(index, name[0].start, name[-1].end, text, "person", sure, strong))
    return out


def _initials(sentence: str, token: Token) -> bool:
    """A writer's initials signing a piece or a note: a line that is only "JS" or "(JS)", or
    "(..., JS)" closing an editor's note."""
    if len(token.text) > 3:
        return False
    if sentence.strip(" ()") == token.text:
        return True
    return sentence[: token.start].rstrip().endswith(",") and sentence[token.end :].startswith(")")


def _adjective_opener(tokens: Sequence[Token], lang: Language) -> bool:
    """German capitalises the adjective that opens a sentence before its noun ("Kriminelle
    Machenschaften", "Große Resonanz"): an inflected word the language knows, then a
    capitalised word, is no name."""
    if lang.code != "de" or len(tokens) < 2 or tokens[0].gap.strip():
        return False
    first = tokens[0].text
    return (
        tokens[1].text[:1].isupper()
        and first.lower().endswith(_ADJECTIVE_ENDINGS)
        and not lang.is_given_name(first)
        and lang.zipf(first) >= OPENER_ZIPF
    )


def _given_start(tokens: Sequence[Token], k: int, end: int, lang: Language) -> int:
    """A given name inside a run of rare words opens the name ("Kreisläufer Alexander
    Fritsch": the position before it is no part of it)."""
    for g in range(k + 1, end - 1):
        if lang.is_given_name(tokens[g].text):
            return g
    return k


def _name_end(tokens: Sequence[Token], k: int, lang: Language, seen: TextWords) -> tuple[int, bool]:
    """Where the name starting at token k ends (k when none starts there) and whether it opens
    with a given name. Leading titles and function words are skipped by the caller's loop."""
    first = tokens[k].text
    given = lang.is_given_name(first) and not lang.is_function_word(first)
    # Initials stand for given names ("I. González", "A.L. Casero", "Karl H. Erb").
    given = given or (_INITIAL.match(first) is not None and k + 1 < len(tokens))
    if not given and not rare(first, lang, seen):
        return k, False
    j = k + 1
    common_taken = False
    while (
        j < len(tokens)
        and j - k < _MAX_NAME_WORDS
        and not tokens[j - 1].gap.strip("-")
        and tokens[j - 1].text not in seen.genitives
    ):
        word = tokens[j].text
        low = word.lower()
        if low in lang.particles:
            # Dutch and German particles open the surname after given names ("Koen Van de
            # Steene"); after a surname "van" says where from ("Janssens van Antwerpen").
            so_far = [lang.is_given_name(t.text) for t in tokens[k:j]]
            surname = True not in so_far or not all(so_far[so_far.index(True) :])
            after = (
                0
                if surname and lang.code in PARTICLE_AFTER_GIVEN
                else _joins(tokens, j, lang, seen)
            )
            if after:
                j = after
                continue
            break
        if not is_capitalised(word) or lang.is_title(word) or _ACRONYM.match(word):
            break
        if lang.is_given_name(word) or rare(word, lang, seen) or _INITIAL.match(word):
            j += 1
            continue
        # After a given name one common word is still a surname ("Peter Busch").
        after_given = lang.is_given_name(tokens[j - 1].text)
        if after_given and not common_taken and not lang.is_function_word(word):
            common_taken = True
            j += 1
            continue
        break
    while j > k + 1 and tokens[j - 1].text.lower() in lang.particles:
        j -= 1
    return j, given


def _joins(tokens: Sequence[Token], j: int, lang: Language, seen: TextWords) -> int:
    """Particles from token j, then a surname: where that surname ends ("van de Steene",
    "Díaz de la Fuente", "von der Leyen"), or 0. A particle that is also an article ("der",
    "la") joins only after another particle, and lower-case ones never close a name."""
    k = j
    while k < len(tokens) and tokens[k].text.lower() in lang.particles:
        lead = k == j and tokens[j - 1].text.lower() not in lang.particles
        if tokens[k].gap.strip() or (lead and lang.is_article(tokens[k].text)):
            return 0
        k += 1
    if k >= len(tokens) or not is_capitalised(tokens[k].text):
        return 0
    word = tokens[k].text
    low = word.lower()
    # A surname after a particle may be a common word ("Díaz de Mera"), never a place or noun.
    noun = lang.is_function_word(word) or low in seen.nouns or is_place(word) or lang.is_title(word)
    return 0 if noun else k + 1
