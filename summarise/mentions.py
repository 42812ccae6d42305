"""Name mentions in an article's sentences: spaCy entities refined by rules, or rules alone."""

from __future__ import annotations

from collections.abc import Sequence

from summarise import nlp as nlp_loader
from summarise.lexicon import (
    NAME_PARTICLES,
    NATIONALITIES,
    NOT_NAMES,
    ORG_WORDS,
    PORTFOLIO_WORDS,
    TITLE_WORDS,
    words,
)
from summarise.names import (
    Kind,
    Mention,
    clean_name,
    is_caps_line,
    is_heading_like,
    is_place,
    looks_like_person_name,
)
from summarise.ner import ner_mentions
from summarise.tables import table_mentions
from summarise.tokens import Token, capitalised_runs, tokenize


def find_mentions(sentences: Sequence[str]) -> list[Mention]:
    """All person/org/place mentions, with sure=False for rule-based guesses to be confirmed."""
    skip = [is_caps_line(s) for s in sentences]
    headings = [is_heading_like(s) for s in sentences]
    nlp = nlp_loader.pipeline()
    found = table_mentions(sentences, skip)
    if nlp is not None:
        for mention in ner_mentions(nlp, sentences, skip):
            mention.sure = not headings[mention.sent]
            found.extend(refine(sentences[mention.sent], mention))
    for index, sentence in enumerate(sentences):
        if skip[index]:
            continue
        found.extend(rule_mentions(index, sentence, guess_only=nlp is not None))
    return _drop_overlaps(found)


def refine(sentence: str, mention: Mention) -> list[Mention]:
    """Widen a person to its whole capitalised run ("Ursula von" -> "Ursula von der Leyen"),
    split it at numbers, dashes and lower-case words, strip leading titles."""
    all_tokens = tokenize(sentence)
    start, end = mention.start, mention.end
    if mention.kind == "person":
        for i, j in capitalised_runs(all_tokens):
            if all_tokens[i].start < end and start < all_tokens[j - 1].end:
                start, end = min(start, all_tokens[i].start), max(end, all_tokens[j - 1].end)
    tokens = [t for t in all_tokens if start <= t.start < end]
    out: list[Mention] = []
    for group in _groups(tokens):
        group = strip_titles(group) if mention.kind == "person" else _strip_articles(group)
        if not group:
            continue
        text = clean_name(sentence[group[0].start : group[-1].end])
        if not text:
            continue
        kind: Kind = mention.kind
        if is_place(text):
            kind = "place"
        elif kind == "person" and not looks_like_person_name(text):
            kind = "org"
        elif kind == "org" and not _org_like(text):
            continue
        out.append(Mention(mention.sent, group[0].start, group[-1].end, text, kind, mention.sure))
    return out


def _strip_articles(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[0].text.lower() in ("the", "a", "an"):
        tokens = tokens[1:]
    return tokens


def _org_like(text: str) -> bool:
    key = text.lower()
    return key not in PORTFOLIO_WORDS and key not in TITLE_WORDS and key not in NOT_NAMES


def strip_titles(tokens: list[Token]) -> list[Token]:
    """Drop role words before a name ("French President Emmanuel Macron" -> "Emmanuel Macron")."""
    last = -1
    for i, token in enumerate(tokens[:-1]):
        word = token.text.lower()
        if (
            word in TITLE_WORDS
            or word in NATIONALITIES
            or word in PORTFOLIO_WORDS
            or (i == last + 1 and word in ("of", "the"))
        ):
            last = i
    rest = tokens[last + 1 :]
    while rest and rest[0].text.lower() in NAME_PARTICLES | {"of", "the"}:
        rest = rest[1:]
    return rest


def rule_mentions(index: int, sentence: str, *, guess_only: bool) -> list[Mention]:
    """Capitalised sequences classified by lexicons and context. With spaCy these are only
    unconfirmed guesses (sure=False) that count when the name is confirmed elsewhere."""
    tokens = tokenize(sentence)
    heading = is_heading_like(sentence)
    out: list[Mention] = []
    for i, j in capitalised_runs(tokens):
        run = _strip_articles(tokens[i:j])
        if run and _org_head(run):
            text = clean_name(sentence[run[0].start : run[-1].end])
            if not guess_only and text and _org_like(text):
                out.append(Mention(index, run[0].start, run[-1].end, text, "org", not heading))
            continue
        titled = i > 0 and tokens[i - 1].text.lower() in TITLE_WORDS
        stripped = strip_titles(run)
        if len(stripped) < len(run):
            titled = True
            org = _org_in_title(run[: len(run) - len(stripped)])
            if org and not guess_only:
                text = clean_name(sentence[org[0].start : org[-1].end])
                out.append(Mention(index, org[0].start, org[-1].end, text, "org", not heading))
        if not stripped:
            continue
        if i == 0 and not titled and len(stripped) == len(run):
            stripped = _drop_sentence_initial(stripped)
            if not stripped:
                continue
        text = clean_name(sentence[stripped[0].start : stripped[-1].end])
        if not text:
            continue
        kind = _rule_kind(text, stripped)
        strong = kind != "person" or titled or len(stripped) > 1
        sure = not guess_only and not heading and strong
        if guess_only and kind != "person":
            continue
        start, end = stripped[0].start, stripped[-1].end
        out.append(Mention(index, start, end, text, kind, sure))
    return out


def _org_head(run: list[Token]) -> bool:
    """An organisation word ends the run ("European Commission", "White House")."""
    return run[-1].text.lower().rstrip(".") in ORG_WORDS


def _org_in_title(title: list[Token]) -> list[Token]:
    """The organisation inside a title ("White House" in "White House Press Secretary")."""
    heads = [k for k, t in enumerate(title) if t.text.lower() in ORG_WORDS]
    if not heads or heads[-1] == 0:
        return []
    org = title[: heads[-1] + 1]
    while org and org[0].text.lower() in NATIONALITIES | TITLE_WORDS and len(org) > 2:
        org = org[1:]
    return org


def _rule_kind(text: str, tokens: list[Token]) -> Kind:
    if is_place(text):
        return "place"
    words = [t.text.lower().rstrip(".") for t in tokens]
    if any(w in ORG_WORDS for w in words):
        return "org"
    if len(tokens) == 1 and text.isupper() and 2 <= len(text.replace(".", "")) <= 6:
        return "org"
    # Anything else that is not shaped like a person is left out ("place" is never reported).
    return "person" if looks_like_person_name(text) else "place"


def _drop_sentence_initial(tokens: list[Token]) -> list[Token]:
    """The first word of a sentence is capitalised anyway: keep it only if it looks like a name."""
    first = tokens[0].text
    if first.lower() in _COMMON_STARTERS or first.endswith(("ly", "ing", "ed")):
        return tokens[1:]
    return tokens


_COMMON_STARTERS = words(
    "the a an but and or so yet if when while after before as at in on by for from with "
    "this that these those there here his her their its our my your we they he she it i "
    "despite although though since during under over about into according adding "
    "meanwhile however also crucially instead then now today yesterday tomorrow last next "
    "one two three four five many some several most all both each every no not other "
    "another such what who how why where which"
)


def _groups(tokens: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = [[]]
    for token in tokens:
        word = token.text
        letters = any(c.isalpha() for c in word)
        breaker = not letters or (word[0].islower() and word.lower() not in NAME_PARTICLES)
        if breaker:
            groups.append([])
            continue
        groups[-1].append(token)
        if token.gap.strip("-'’s"):
            groups.append([])
    return [g for g in groups if g]


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep sure mentions over guesses and earlier-found over later where spans overlap."""
    ranked = sorted(enumerate(mentions), key=lambda p: (not p[1].sure, p[0]))
    taken: dict[int, list[tuple[int, int]]] = {}
    kept: list[tuple[int, Mention]] = []
    for order, m in ranked:
        spans = taken.setdefault(m.sent, [])
        if any(m.start < e and s < m.end for s, e in spans):
            continue
        spans.append((m.start, m.end))
        kept.append((order, m))
    kept.sort(key=lambda p: (p[1].sent, p[1].start))
    return [m for _, m in kept]
