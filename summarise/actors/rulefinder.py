"""Rule-based mentions: capitalised sequences classified by lexicons and context."""

from __future__ import annotations

from collections.abc import Sequence

from summarise.actors.given_names import GIVEN_NAMES
from summarise.actors.lexicon import (
    COMMON_STARTERS,
    GEO_PREFIXES,
    GEO_WORDS,
    NATIONALITIES,
    NOT_NAMES,
    ORG_PREFIXES,
    ORG_WORDS,
    PORTFOLIO_WORDS,
    POST_NOMINALS,
    SURNAME_PLACES,
    TITLE_WORDS,
    is_personal_honorific,
    words,
)
from summarise.actors.names import (
    PORTFOLIO_ONLY,
    Kind,
    Mention,
    affiliation,
    after_office,
    clean_name,
    is_heading_like,
    is_place,
    is_title_word,
    looks_like_given_name,
    looks_like_person_name,
    person_context,
    place_qualifier,
    strip_articles,
    strip_titles,
)
from summarise.tokens import Token, capitalised_runs, tokenize


def rule_mentions(index: int, sentence: str, *, guess_only: bool) -> list[Mention]:
    """Capitalised sequences as mentions. With spaCy these are only unconfirmed person guesses
    (sure=False) that count when the name is confirmed elsewhere in the article."""
    tokens = tokenize(sentence)
    heading = is_heading_like(sentence)
    out: list[Mention] = []
    for i, j in _org_of_runs(tokens, capitalised_runs(tokens)):
        run = strip_articles(tokens[i:j])
        if run and _org_head(run):
            text = clean_name(sentence[run[0].start : run[-1].end])
            if not guess_only and text and org_like(text):
                out.append(Mention(index, run[0].start, run[-1].end, text, "org", not heading))
            continue
        titled = i > 0 and is_title_word(tokens[i - 1].text) and not tokens[i - 1].gap.strip()
        if len(run) > 2 and run[-1].text in POST_NOMINALS:
            run = run[:-1]  # "Miriam Osei QC": letters after the name
        run = after_office(sentence, run)
        stripped = strip_titles(run)
        if len(stripped) < len(run):
            prefix = run[: len(run) - len(stripped)]
            titled = titled or any(
                is_title_word(t.text) and t.text.lower() not in PORTFOLIO_ONLY for t in prefix
            )  # "White House Kitchen Garden": a portfolio is no title of a person
            org = _org_in_title(prefix)
            if org and not guess_only:
                text = clean_name(sentence[org[0].start : org[-1].end])
                out.append(Mention(index, org[0].start, org[-1].end, text, "org", not heading))
            if (
                org
                and all(t.text.lower() in PORTFOLIO_ONLY for t in prefix)
                and stripped
                and stripped[0].text.lower() not in GIVEN_NAMES
            ):
                continue  # "White House Kitchen Garden": the rest of the organisation's name
        while len(stripped) > 1 and stripped[0].text.lower() in _CALENDAR:
            stripped = stripped[1:]  # "on Wednesday Adeli was jailed": a day, then the name
        if i == 0 and not titled and stripped:
            stripped = _drop_sentence_initial(stripped)
        if not stripped:
            continue
        text = clean_name(sentence[stripped[0].start : stripped[-1].end])
        if not text:
            continue
        kind = _rule_kind(text, stripped)
        if place_qualifier(sentence, stripped[-1].end):
            kind = "place"
        if kind == "person" and affiliation(sentence, stripped[-1].end):
            kind = "org"
        prefix = run[: len(run) - len(stripped)]
        if prefix and is_personal_honorific(prefix[-1].text):
            kind, titled = "person", True  # "Ms Lane": whatever "lane" means on its own
        if guess_only and kind != "person":
            continue
        start, end = stripped[0].start, stripped[-1].end
        strong = kind == "person" and (titled or person_context(sentence, start, end))
        if guess_only:
            # Beside spaCy only clear cases count: a titled full name or a common given name.
            strong = strong and len(stripped) > 1
            sure = not heading and (strong or looks_like_given_name(text))
        else:
            sure = not heading and (kind != "person" or strong or len(stripped) > 1)
        out.append(Mention(index, start, end, text, kind, sure, strong))
    return out


def _org_of_runs(tokens: Sequence[Token], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An organisation word, "of" or "for", then a name is one organisation: "Bank of
    England", "Institute for Economic Research", "Union of Train Drivers"."""
    merged: list[tuple[int, int]] = []
    for i, j in runs:
        if merged:
            start, end = merged[-1]
            link = tokens[end].text.lower() if end < len(tokens) else ""
            of_link = (
                i == end + 1
                and link in ("of", "for")
                and not tokens[end - 1].gap.strip()
                and not tokens[end].gap.strip()
                and _org_head(tokens[start:end])
            )
            # "Rail Users' Group": a plural possessive inside an organisation's name.
            plural = i == end and tokens[end - 1].gap == "'" and _org_head(tokens[i:j])
            if of_link or plural:
                merged[-1] = (start, j)
                continue
        merged.append((i, j))
    return merged


# Days and months that are no one's given name ("April", "May", "June" and "August" are).
_CALENDAR = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march july "
    "september october november december"
)


def org_like(text: str) -> bool:
    """Not a bare title or common word ("State" in "Secretary of State" is no organisation)."""
    key = text.lower().rstrip(".")
    return key not in PORTFOLIO_WORDS and key not in TITLE_WORDS and key not in NOT_NAMES


def _org_head(run: Sequence[Token]) -> bool:
    """An organisation word ends the run ("European Commission", "White House") or comes
    before its "of" ("Union of Train Drivers")."""
    heads = [k for k, t in enumerate(run) if t.text.lower().rstrip(".") in ORG_WORDS]
    return bool(heads) and (
        heads[-1] == len(run) - 1 or any(run[k + 1].text in ("of", "for") for k in heads)
    )


def _org_in_title(title: Sequence[Token]) -> Sequence[Token]:
    """The organisation inside a title ("White House" in "White House Press Secretary")."""
    heads = [k for k, t in enumerate(title) if t.text.lower() in ORG_WORDS]
    if not heads or heads[-1] == 0:
        return []
    org = title[: heads[-1] + 1]
    while org and org[0].text.lower() in NATIONALITIES | TITLE_WORDS and len(org) > 2:
        org = org[1:]
    return org


def _rule_kind(text: str, tokens: Sequence[Token]) -> Kind:
    if looks_like_person_name(text):
        kind, decided = relabel(text, "person")
        if decided:
            return kind or "place"
    elif is_place(text):
        return "place"
    words = [t.text.lower().rstrip(".") for t in tokens]
    if any(w in ORG_WORDS for w in words):
        return "org"
    if len(tokens) == 1 and text.isupper() and 2 <= len(text.replace(".", "")) <= 6:
        return "org"
    # Anything else that is not shaped like a person is left out ("place" is never reported).
    return "person" if looks_like_person_name(text) else "place"


def relabel(text: str, kind: Kind) -> tuple[Kind | None, bool]:
    """Correct the model's label by the lexicons: places, organisation and place words,
    teams named after their city ("Atletico Madrid"). Returns the kind (None drops a bare
    title word) and whether a lexicon decided it (then context may not overrule it)."""
    if is_place(text):
        return "place", True
    words = text.split()
    first, last = words[0].lower(), words[-1].lower().rstrip(".")
    if len(words) > 1 and (first in GEO_PREFIXES or first in ORG_PREFIXES):
        return ("place" if first in GEO_PREFIXES else "org"), True
    if last in ORG_WORDS and not (kind == "person" and looks_like_person_name(text)):
        return "org", True
    place_first = any(is_place(" ".join(words[:k])) for k in range(1, min(3, len(words))))
    if len(words) > 1 and place_first and last.endswith("s") and len(last) > 4:
        return "org", True  # Boston Red Sox, New York Knicks
    if last in GEO_WORDS:
        return "place", True
    given = words[0].lower() in GIVEN_NAMES
    if len(words) > 1 and is_place(words[-1]) and last not in SURNAME_PLACES and not given:
        return ("org" if kind == "org" else "place"), True
    if kind == "person" and not looks_like_person_name(text):
        return "org", True
    if kind == "org" and not org_like(text):
        return None, True
    return kind, False


def _drop_sentence_initial(tokens: Sequence[Token]) -> Sequence[Token]:
    """The first word of a sentence is capitalised anyway: keep it only if it looks like a name."""
    first = tokens[0].text
    if first.lower() in COMMON_STARTERS or first.endswith(("ly", "ing", "ed")):
        return tokens[1:]
    return tokens
