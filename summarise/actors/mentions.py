"""Name mentions in an article's sentences: spaCy entities refined by rules, or rules alone."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from summarise import nlp as nlp_loader
from summarise.actors.given_names import GIVEN_NAMES
from summarise.actors.language_finder import language_mentions
from summarise.actors.language_names import (
    genitive_mentions,
    surname_mentions,
    trim_mention,
)
from summarise.actors.languages import ENGLISH, normalise_code, profile
from summarise.actors.layout import byline_mentions, is_dateline, list_mentions
from summarise.actors.lexicon import (
    HONORIFICS,
    ORG_WORDS,
    POST_NOMINALS,
    TITLE_WORDS,
    is_personal_honorific,
)
from summarise.actors.names import (
    Mention,
    affiliation,
    after_office,
    clean_name,
    is_caps_line,
    is_heading_like,
    looks_like_given_name,
    looks_like_person_name,
    person_context,
    place_qualifier,
    strip_articles,
    strip_titles,
    titled_context,
)
from summarise.actors.ner import ner_mentions
from summarise.actors.rulefinder import relabel, rule_mentions
from summarise.actors.scoreboards import table_mentions
from summarise.tokens import NAME_PARTICLES, Token, tokenize


def find_mentions(sentences: Sequence[str], language: str = ENGLISH) -> list[Mention]:
    """All person/org/place mentions; sure=False marks guesses to be confirmed elsewhere.

    ``language`` (ISO 639-1) chooses the rules and the spaCy pipeline configured for it."""
    skip = [is_caps_line(s) or is_dateline(s) for s in sentences]
    headings = [is_heading_like(s) for s in sentences]
    code = normalise_code(language)
    nlp = nlp_loader.pipeline(code)
    if code != ENGLISH:
        return _other_language(sentences, skip, headings, code, nlp)
    found = table_mentions(sentences, skip)
    if nlp is not None:
        for mention in ner_mentions(nlp, sentences, skip):
            mention.sure = not headings[mention.sent]
            found.extend(refine(sentences[mention.sent], mention))
    for index, sentence in enumerate(sentences):
        if not skip[index]:
            found.extend(rule_mentions(index, sentence, guess_only=nlp is not None))
    found.extend(byline_mentions(sentences, found))
    found.extend(list_mentions(sentences, found))
    return _shared_surnames(sentences, _drop_overlaps(found))


# A lone capitalised word before "and", after a lower-case word, a mark or the start.
_BEFORE_AND = re.compile(r"(?:^|[,;:(\"'“‘—–]\s*|\b[a-z][\w'’-]*\s+)([A-Z][a-z]+)\s+(?:and|&)\s+$")


def _shared_surnames(sentences: Sequence[str], mentions: list[Mention]) -> list[Mention]:
    """ "his son and daughter, Donavan and Donna Freberg": a given name before "and" and a
    person's full name shares that person's surname ("Donavan Freberg")."""
    at = {(m.sent, m.start, m.end): m for m in mentions}
    added: list[Mention] = []
    for pair in mentions:
        parts = pair.text.split()
        given = pair.label == "PERSON" or parts[0].lower() in GIVEN_NAMES
        if pair.kind != "person" or len(parts) < 2 or not given:
            continue
        before = _BEFORE_AND.search(sentences[pair.sent], 0, pair.start)
        if before is None:
            continue
        start, end = before.span(1)
        known = at.get((pair.sent, start, end))
        name = f"{before.group(1)} {' '.join(parts[1:])}"
        if known is not None and known.kind == "person":
            known.text, known.sure = name, known.sure or pair.sure
        elif known is None and before.group(1).lower() in GIVEN_NAMES:
            added.append(Mention(pair.sent, start, end, name, "person", sure=pair.sure))
    return _drop_overlaps(mentions + added) if added else mentions


def _other_language(
    sentences: Sequence[str],
    skip: Sequence[bool],
    headings: Sequence[bool],
    code: str,
    nlp: object | None,
) -> list[Mention]:
    """Mentions in a language other than English: its pipeline's entities (when one is
    configured) with the language's rules as guesses, or the rules alone."""
    found: list[Mention] = []
    lang = profile(code)
    if nlp is not None:
        for mention in ner_mentions(nlp, sentences, skip):
            mention.sure = not headings[mention.sent]
            kept = trim_mention(sentences[mention.sent], mention, lang)
            if kept is not None:
                found.append(kept)
    found.extend(language_mentions(sentences, skip, lang, guess_only=nlp is not None))
    # A list is one of people when most of its items are surely people; in a line-up (its
    # positions apart by semicolons) lone surnames count too.
    sure = [m for m in found if m.strong or " " in m.text or ";" in sentences[m.sent]]
    found.extend(list_mentions(sentences, sure))
    found = _drop_overlaps(found)
    found = _drop_overlaps(surname_mentions(sentences, found) + found)
    return _drop_overlaps(genitive_mentions(sentences, found, lang) + found)


def refine(sentence: str, mention: Mention) -> list[Mention]:
    """Widen a name that ends in a particle ("Ursula von" -> "Ursula von der Leyen"),
    split it at numbers, dashes and lower-case words, strip leading titles."""
    all_tokens = tokenize(sentence)
    end = _widen(all_tokens, mention.end) if mention.kind == "person" else mention.end
    starts = _starts(sentence)
    lo, hi = bisect.bisect_left(starts, mention.start), bisect.bisect_left(starts, end)
    tokens = all_tokens[lo:hi]
    out: list[Mention] = []
    for group in _groups(tokens, org=mention.kind == "org"):
        if len(group) > 2 and group[-1].text in POST_NOMINALS:
            # "Eleanor Laws QC", "Keith Vaz MP": letters after a person's name, not part of it.
            group, mention.kind = group[:-1], "person"
        group = after_office(sentence, group)
        titled = strip_titles(group)
        if mention.kind != "person" and _titled_person(group, titled):
            mention.kind = "person"  # "Magistrate Ray Rinaudo" labelled ORG is still a person
        group = titled if mention.kind == "person" else strip_articles(group)
        if not group:
            continue
        text = clean_name(sentence[group[0].start : group[-1].end])
        if not text:
            continue
        start, stop = group[0].start, group[-1].end
        kind, decided = relabel(text, mention.kind)
        honorific = _honorific_before(sentence, start)
        if honorific:
            kind, decided = "person", True  # "Ms Lane", "Mr Bush": whatever the word means
        if kind is None:
            continue
        if place_qualifier(sentence, stop):
            kind, decided = "place", True
        if kind == "person" and affiliation(sentence, stop):
            kind = "org"
        # Organisations speak too: "Norrline said" does not overrule the model's ORG.
        named_org = mention.label in ("ORG", "FAC")
        context = (
            titled_context(sentence, start) if named_org else person_context(sentence, start, stop)
        )
        strong = (looks_like_person_name(text) and context) or honorific
        model_label = not decided and mention.label != "NORP" and looks_like_person_name(text)
        if model_label and (strong or looks_like_given_name(text)):
            kind = "person"  # the model's ORG/FAC for "striker Costa" or "Troy Vincent"
        out.append(
            Mention(mention.sent, start, stop, text, kind, mention.sure, strong, mention.label)
        )
    return out


@lru_cache(maxsize=256)
def _starts(sentence: str) -> list[int]:
    return [t.start for t in tokenize(sentence)]


def _titled_person(group: Sequence[Token], rest: Sequence[Token]) -> bool:
    """A real title (not a nationality or portfolio) before a person-shaped remainder."""
    prefix = group[: len(group) - len(rest)]
    if not rest or not any(t.text.lower().rstrip(".") in TITLE_WORDS for t in prefix):
        return False
    text = " ".join(t.text for t in rest)
    # Titles also head names of things ("General Election", "Marine Corps"): want a given name.
    given = rest[0].text.lower() in GIVEN_NAMES or any(t.text.lower() in HONORIFICS for t in prefix)
    return given and rest[-1].text.lower() not in ORG_WORDS and looks_like_person_name(text)


def _widen(tokens: Sequence[Token], end: int) -> int:
    """Extend through particles and the capitalised words after them."""
    k = next((i for i, t in enumerate(tokens) if t.end >= end), len(tokens))
    if k >= len(tokens) or tokens[k].gap.strip():
        return end
    j = k + 1
    seen_particle = tokens[k].text.lower() in NAME_PARTICLES
    while j < len(tokens) and tokens[j].text.lower() in NAME_PARTICLES:
        seen_particle = True
        if tokens[j].gap.strip():
            return end
        j += 1
    if seen_particle and j < len(tokens) and tokens[j].text[:1].isupper():
        return tokens[j].end
    return end


def _groups(tokens: Sequence[Token], *, org: bool) -> list[Sequence[Token]]:
    """Runs of name words; an organisation keeps its inner connectors ("Chamber of Commerce",
    "Rail Users' Group")."""
    groups: list[list[Token]] = [[]]
    for k, token in enumerate(tokens):
        word = token.text
        after = tokens[k + 1].text if k + 1 < len(tokens) else ""
        joins = org and bool(groups[-1]) and after[:1].isupper()
        if joins and word.lower() in _ORG_CONNECTORS and _org_word(groups[-1][-1]):
            groups[-1].append(token)
            continue
        letters = any(c.isalpha() for c in word)
        breaker = not letters or (word[0].islower() and word.lower() not in NAME_PARTICLES)
        if breaker:
            groups.append([])
            continue
        groups[-1].append(token)
        gap = token.gap.strip("-")
        if gap and not (joins and gap == "'" and any(_org_word(t) for t in tokens[k + 1 :])):
            groups.append([])
    return [g for g in groups if g]


def _org_word(token: Token) -> bool:
    return token.text.lower().rstrip(".") in ORG_WORDS


_ORG_CONNECTORS = frozenset({"of", "for", "and", "&", "de", "du", "des", "del"})


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Where spans overlap keep strong, then sure mentions, then the one found first."""
    ranked = sorted(enumerate(mentions), key=lambda p: (not p[1].strong, not p[1].sure, p[0]))
    taken: dict[int, list[tuple[int, int]]] = {}
    kept: list[Mention] = []
    for _, m in ranked:
        spans = taken.setdefault(m.sent, [])
        if any(m.start < e and s < m.end for s, e in spans):
            continue
        spans.append((m.start, m.end))
        kept.append(m)
    kept.sort(key=lambda m: (m.sent, m.start))
    return kept


def _honorific_before(sentence: str, start: int) -> bool:
    """ "Mr", "Mrs", "Ms", "Miss", "Dr" right before a name makes its bearer a person."""
    before = sentence[max(0, start - 8) : start].split()
    return bool(before) and is_personal_honorific(before[-1])
