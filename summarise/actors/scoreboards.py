"""Names in results tables and scoreboards, where casing and grammar give no help.

General layouts of sports and results pages: `Name (Country) 15-12`, cricket cards
(`Name c Fielder b Bowler 24`), line-ups (`19 - Name, 2 - Name`), scorers (`Name 84`,
`(Name 30th pen)`), golf cards (`132 Name 65 67`) and score lines (`Team 2 Team 1`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.names import Kind, Mention, clean_name, is_place, looks_like_person_name
from summarise.tokens import Token, capitalised_runs, tokenize

_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th)?$")
_SCORE = re.compile(r"^\d{1,2}$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_RESULT = re.compile(r"^\d+(?:[-/.]\d+)+$")
_TIME = re.compile(r"^\d{1,2}:\d\d(?:[.:]\d+)?$")
_CRICKET = frozenset({"c", "b", "st", "lbw", "run", "not", "retired", "hit", "handled"})
_SCORER_TAIL = frozenset({"own", "pen", "penalty", "og", "minute", "minutes"})


def table_mentions(sentences: Sequence[str], skip: Sequence[bool]) -> list[Mention]:
    """Sure mentions found by table layouts; teams in score lines come back as orgs."""
    found: list[Mention] = []
    for index, sentence in enumerate(sentences):
        if skip[index] or (not any(ch.isdigit() for ch in sentence) and "(" not in sentence):
            continue
        tokens = tokenize(sentence)
        runs = capitalised_runs(tokens)
        kinds = [_layout_kind(tokens, i, j) for i, j in runs]
        if "org" in kinds:
            depth = _paren_depths(tokens)
            kinds = [
                k if depth[i] else _team_line_kind(tokens, j, k)
                for (i, j), k in zip(runs, kinds, strict=True)
            ]
        for (i, j), kind in zip(runs, kinds, strict=True):
            if kind is None:
                continue
            text = clean_name(sentence[tokens[i].start : tokens[j - 1].end])
            if not text or is_place(text):
                continue
            if kind == "person" and not looks_like_person_name(text):
                continue
            found.append(Mention(index, tokens[i].start, tokens[j - 1].end, text, kind, True, True))
    return found


def _layout_kind(tokens: Sequence[Token], i: int, j: int) -> Kind | None:
    before = tokens[i - 1] if i > 0 else None
    after = tokens[j] if j < len(tokens) else None
    last = tokens[j - 1]
    if after is not None and "(" in last.gap and ")" in after.gap:
        if _NUMBER.match(after.text):
            return "org"  # league position: Bologna (4) v Piacenza (13)
        if is_place(after.text):
            team = j + 1 < len(tokens) and (_standings(tokens, j + 1) or _team_score(tokens, j + 1))
            return "org" if team else "person"
    if before is not None and before.text in ("c", "b", "st") and not before.gap.strip():
        return "person"
    if after is not None and not last.gap.strip() and after.text in _CRICKET:
        return "person" if _cricket_line(tokens, j) else None
    if (
        i >= 2
        and before is not None
        and before.text == "-"
        and _NUMBER.match(tokens[i - 2].text)
        and not tokens[i - 2].gap.strip()
    ):
        return "person"
    if after is None or last.gap.strip(" -"):
        return None
    return _number_kind(tokens, j)


def _paren_depths(tokens: Sequence[Token]) -> list[int]:
    """How many parentheses are open before each token (scorers sit inside them)."""
    depths, depth = [], 0
    for token in tokens:
        depths.append(depth)
        depth = max(0, depth + token.gap.count("(") - token.gap.count(")"))
    return depths


def _team_score(tokens: Sequence[Token], k: int) -> bool:
    """`Team (Country) 75 Team (Country) 82`: one score, then the other side or a bracket."""
    if not tokens[k].text.isdigit():
        return False
    if "(" in tokens[k].gap:
        return True
    return k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper()


def _standings(tokens: Sequence[Token], k: int) -> bool:
    """Three or more small numbers in a row: played, won, lost, points."""
    values = [t.text for t in tokens[k : k + 4]]
    return len(values) >= 3 and all(v.isdigit() and int(v) <= 50 for v in values[:3])


def _team_line_kind(tokens: Sequence[Token], j: int, kind: Kind | None) -> Kind | None:
    """On a score line every name followed by a bare score is a team."""
    if kind != "person" or j >= len(tokens):
        return kind
    nxt = tokens[j]
    if _SCORE.match(nxt.text) and not _ORDINAL.match(nxt.text) and int(nxt.text) < 10:
        return "org"
    return kind


def _cricket_line(tokens: Sequence[Token], j: int) -> bool:
    words = {t.text for t in tokens[j:]}
    return bool(words & {"b", "c", "st", "lbw"}) or "out" in words


def _number_kind(tokens: Sequence[Token], j: int) -> Kind | None:
    """What a number after a name says: a score makes a team, a minute or a card makes a player."""
    first = tokens[j]
    if _RESULT.match(first.text) and "-" in first.text and first.text.count("-") == 3:
        return "person"  # bowling figures 10-0-42-5
    if _TIME.match(first.text):
        return "person"  # race times: Name 1:23.45
    if not _NUMBER.match(first.text):
        return None
    follow = tokens[j + 1] if j + 1 < len(tokens) else None
    gap = first.gap.strip()
    if _SCORE.match(first.text) and follow is not None and not gap:
        if follow.text[:1].isupper() and not _NUMBER.match(follow.text):
            return "org"  # Team 2 Team 1
        if _NUMBER.match(follow.text) and not _golf_scores(tokens, j):
            return "org"  # standings: Team 1 1 0 0 2 0 3
    if "(" in gap and _SCORE.match(first.text) and not _ORDINAL.match(first.text):
        return "org"  # Team 2 (Scorer 30th)
    if _golf_scores(tokens, j):
        return "person"
    if _ORDINAL.match(first.text) or int(first.text.rstrip("stndrh")) > 90:
        return "person" if _ORDINAL.match(first.text) else None
    if (gap and gap[0] in ",;.)") or follow is None or follow.text in _SCORER_TAIL:
        return "person"
    return None


def _golf_scores(tokens: Sequence[Token], j: int) -> bool:
    scores = 0
    for token in tokens[j : j + 4]:
        if not token.text.isdigit():
            break
        value = int(token.text)
        if 55 <= value <= 90:
            scores += 1
        elif value > 100 and scores:
            break
        else:
            return False
        if token.gap.strip():
            break
    return scores >= 2
