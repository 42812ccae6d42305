"""The role one mention of a person gives: a title before the name, an apposition after it
(", a spokesman for the Armed Forces,", ", 45, a teacher from Leeds,"), one before it, a clause
("who heads ...") or a statement ("is the chief executive of ...")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.actors.lexicon import COMMON_STARTERS, ORG_WORDS, words
from summarise.actors.names import Mention, is_place
from summarise.roles.titles import apposition_before, role_found_in, title_before, title_inside
from summarise.roles.words import (
    ADDRESS_TITLES,
    AMBIGUOUS_TITLES,
    ARTICLES,
    CALENDAR,
    CLAUSE_WORDS,
    COURT_ROLES,
    HONORIFIC_TAIL,
    JOINERS,
    NOT_ROLE_HEADS,
    OWNERS,
    POSSESSIVE,
    QUALIFIERS,
    ROLE_VERBS,
    STANCE,
    TITLE_VERBS,
    is_role_noun,
)
from summarise.tokens import is_capitalised

TITLE, DESCRIBED, ADDRESS = 2, 1, 0  # how much a role found at one mention says
_LONG = 220  # characters after a name that an apposition can span
_MAX_PHRASE = 16
_PREPOSITIONS = words("of for at in from with on to by under since during until till")
_CONJUNCTIONS = words("and or but nor")
_APPOINTED = words("appointed named elected made")  # "who was appointed chairman in 2010"
_WORKS = words("works worked serves served")
_LIVES = words("lives lived works worked")  # "who lives at the mission", "who works for X"
_PLACED = words("at in for on")
_PLACED_END = _PREPOSITIONS - words("of")
_SAID = words("said says told tells added adds explained stated declared")
_AUX = words("will would has had have is was could can may might must should")
_AFTER_HEAD = _PREPOSITIONS | words("as before after ago later earlier")
_OPENING = re.compile(r",\s|\s[–—-]\s")  # ", a teacher," / " – a teacher – "
_PAREN = re.compile(r"\s*\([^()]{0,40}\)")
_AGE = re.compile(r"(?:aged\s+)?\d{1,3},\s+")
_AGE_WORD = re.compile(r"^\d[\d-]*-(?:year|month|week)s?-old$")
_END = re.compile(r"[,;:()“”\"‘]|\s[–—-]|[–—]\s|\.\s*$")
_COPULA = re.compile(
    r"\s+(?:is|was|has been|had been|became|becomes|remains)\s+"
    r"(?:now\s+|also\s+|currently\s+|once\s+|formerly\s+)?"
)


def mention_role(m: Mention, sentence: str) -> tuple[str, int] | None:
    """The role one mention gives and how sure it is (TITLE, DESCRIBED, ADDRESS): a title
    before the name unless an apposition after it says more (a "now ..." one always does),
    else an apposition after or before the name, a clause ("who heads X"), an affiliation
    ("of the X Alliance"), a statement ("is the chief executive of X"), a form of address."""
    title = title_before(sentence, m.start) or title_inside(m.text)
    after = apposition_after(sentence, m.end)
    sure = TITLE if after is None or after[1] in ("np", "now", "court") else DESCRIBED
    if after is not None and (after[1] == "now" or (title and _yields(title, *after))):
        return after[0], sure
    if title is not None and not is_weak(title):
        return title, TITLE
    if after is not None and sure == TITLE:
        return after[0], TITLE
    before = (
        apposition_before(sentence, m.start, m.end)
        or fronted_role(sentence[: m.start])
        or role_found_in(sentence, m.start, m.end)
    )
    if before is not None:
        return before, TITLE
    if after is not None:
        return after[0], DESCRIBED
    statement = None if in_quote(sentence, m.start) else statement_after(sentence, m.end)
    statement = statement or maker_of(sentence[: m.start])
    if statement is not None:
        return statement, DESCRIBED
    return (title, ADDRESS) if title else None


def is_weak(role: str) -> bool:
    """A form of address only ("Lord", "Gen.", "Officer"): any later role says more."""
    return role.lower() in ADDRESS_TITLES or role.lower().rstrip(".") in ADDRESS_TITLES


def apposition_after(sentence: str, end: int) -> tuple[str, str] | None:
    """The role in `, a teacher from Leeds,` / `, 45, the former prime minister,` /
    `, now chairman of X,` / `, who heads X,` / `, prosecuting,` after a name, with its kind
    ("np", "now", "clause", "court")."""
    rest = sentence[end : end + _LONG]
    paren = _PAREN.match(rest)
    if paren is not None:
        rest = rest[paren.end() :]
    opening = _OPENING.match(rest)
    if opening is None:
        return None
    body = rest[opening.end() :]
    age = _AGE.match(body)
    if age is not None:
        body = body[age.end() :]
    found = _END.split(body, maxsplit=1)[0].split()
    if not found:
        return None
    first = found[0].lower()
    if first == "who":
        clause = _clause(found[1:])
        return (clause, "clause") if clause else None
    if first == "of":
        org = _organisation(found[1:])
        return (org, "of") if org else None
    if first in COURT_ROLES:
        court = _court(found)
        return (court, "court") if court else None
    kind = "np"
    if first in ("now", "currently", "also", "once", "formerly"):
        kind = "now" if first in ("now", "currently") else kind
        found = found[1:]
    phrase = noun_phrase(found, open_=bool(found) and found[0].lower() in ARTICLES | OWNERS)
    return (phrase, kind) if phrase else None


_OPEN_QUOTE = re.compile(r"(?:^|(?<=[\s(:]))[\"“‘'](?=\w)")
_CLOSE_QUOTE = re.compile(r"(?<=[\w.,!?])[\"”’'](?=[\s,.;:!?)]|$)")


def in_quote(sentence: str, start: int) -> bool:
    """Whether `start` falls inside a quotation opened in the sentence ("said: 'Ann Lee is a
    proven leader ...'": what the speaker thinks of her, not her role)."""
    opened = sum(1 for q in _OPEN_QUOTE.finditer(sentence) if q.start() < start)
    closed = sum(1 for q in _CLOSE_QUOTE.finditer(sentence) if q.start() < start)
    return opened > closed


def statement_after(sentence: str, end: int) -> str | None:
    """ "X is the chief executive of Y", "X was a teacher"."""
    copula = _COPULA.match(sentence, end)
    if copula is None:
        return None
    body = sentence[copula.end() : copula.end() + _LONG]
    return noun_phrase(_END.split(body, maxsplit=1)[0].split(), open_=False)


_MAKERS = {
    "created": "creator",
    "founded": "founder",
    "co-founded": "co-founder",
    "set up": "founder",
    "established": "founder",
    "designed": "designer",
    "invented": "inventor",
}
_MADE_BY = re.compile(
    r"(?:^|(?<=\s))(?:(?P<the>[Tt]he)\s+)?(?P<thing>(?:[A-Z][\w'’&.-]*\s+){0,4}[A-Z][\w'’&-]*),?"
    r"\s+(?:which\s+|that\s+)?(?:was|were|is|are|has been|had been)\s+"
    r"(?:first\s+|originally\s+|jointly\s+)?"
    rf"(?P<verb>{'|'.join(_MAKERS)})\s+by\s+$"
)


def maker_of(head: str) -> str | None:
    """ "a website called Rentbook was created by Ann Lee" -> "creator of Rentbook", "The
    Harwick Trust was founded by Ann Lee" -> "founder of the Harwick Trust"."""
    made = _MADE_BY.search(head, max(0, len(head) - _LONG))
    if made is None or made.group("thing").split()[0].lower() in COMMON_STARTERS:
        return None
    the = "the " if made.group("the") else ""
    return f"{_MAKERS[made.group('verb')]} of {the}{made.group('thing')}"


def fronted_role(head: str) -> str | None:
    """A sentence that opens on the role before the name: "The godfather of irreverent
    commercials, Ann Lee lampooned ..." / "The author of the report, Dr. Ann Lee, said"."""
    if len(head) > _LONG:
        return None
    honorifics = HONORIFIC_TAIL.search(head)
    if honorifics is not None:
        head = head[: honorifics.start()]
    found = head[:-2].split() if head.endswith(", ") else []
    if len(found) < 3 or found[0] not in ("A", "An", "The"):
        return None
    phrase = noun_phrase(found, open_=False)
    return phrase if phrase and len(phrase.split()) == len(found) - 1 else None


def lede_role(sentence: str) -> str | None:
    """The subject that opens a story before the person is named: "A teacher has been banned
    ..." / "The controller of BBC Radio 3 has said ..." / "... it emerged a candidate will be
    questioned ..." / "... she over-ruled an expert in abuse cases ..." (then "Ann Lee ...").
    Not a speaker ("A spokesman said ...")."""
    for n, part in enumerate(_END.split(sentence)[:6]):
        found = part.split()
        starts = [0] if not n and found[:1] in (["A"], ["An"], ["The"]) else []
        starts += [i for i, w in enumerate(found) if w in ("a", "an")]
        for i in starts:
            verb = next((w.lower() for w in found[i + 2 :] if _verb_like(w) or w in _AUX), None)
            # "... she over-ruled an expert in abuse cases by ...": the object of a verb.
            verb_before = found[i - 1].replace("-", "") if i else ""  # "over-ruled"
            done = verb_before.lower() not in _SAID and _verb_like(verb_before)
            if not done and (verb is None or verb in _SAID or (i and verb not in _AUX)):
                continue
            phrase = noun_phrase(found[i:], open_=False)
            if phrase is not None:
                return phrase
    return None


def noun_phrase(found: Sequence[str], *, open_: bool) -> str | None:
    """The noun phrase that opens `found`, up to a clause or a verb: "teacher from Leeds",
    "obstetrician and gynecologist". Open phrases (after an article) take any noun; others
    need a role noun. Ages, dates, places and plain people ("a man") are no roles."""
    if not found or found[0].lower() in JOINERS | _CONJUNCTIONS:
        return None
    kept: list[str] = []
    whole = True  # the phrase runs to the end of its segment or to a clause word
    for i, word in enumerate(found):
        bare = word.lower().strip(".'’")
        modifier = i + 1 < len(found) and is_role_noun(found[i + 1])  # "a training sergeant"
        if bare in CLAUSE_WORDS or (_verb_like(word) and not modifier) or len(kept) > _MAX_PHRASE:
            if not i and bare in CLAUSE_WORDS:
                return None
            whole = bare in CLAUSE_WORDS
            break
        if (bare in _PREPOSITIONS and i + 1 < len(found) and _dated(found[i + 1])) or (
            i and bare in CALENDAR
        ):
            whole = False
            break  # "a teacher since 1990", "the father yesterday admitted"
        kept.append(word)
    if whole and len(kept) > 1 and len(kept) == len(found) and kept[-1].lower() in TITLE_VERBS:
        kept.pop()  # "the poll of people found": a clause ends on its verb
        whole = False
    if len(kept) > _MAX_PHRASE:
        return None
    if [w.lower() for w in kept[:2]] == ["one", "of"]:
        return _one_of(kept)
    owner = kept[0] if kept and kept[0].lower() in OWNERS else None
    article = bool(kept) and (owner is not None or kept[0].lower() in ARTICLES)
    if article:
        kept = kept[1:]
    while kept and (_AGE_WORD.match(kept[0]) or kept[0].lower() in CALENDAR):
        kept = kept[1:]
    while kept and kept[-1].lower() in _PREPOSITIONS | JOINERS | ARTICLES | OWNERS:
        kept.pop()
    if not kept:
        return None
    cut = next((i for i, w in enumerate(kept) if w.lower() in _AFTER_HEAD), len(kept))
    if cut == 0:
        return None
    head = POSSESSIVE.sub("", kept[cut - 1].lower())
    if not article and cut == 1 and head in AMBIGUOUS_TITLES:
        return None  # "was back at Augusta": a player's position only before a name
    if (
        head in NOT_ROLE_HEADS
        or (head in QUALIFIERS and not is_role_noun(head))
        or is_place(kept[cut - 1])
        or not head.replace("-", "").isalpha()
    ):
        return None
    if not open_ and not is_role_noun(kept[cut - 1]):
        return None  # "acts as a hunter": without an article the head itself is a role
    if not any(is_role_noun(w) for w in kept[:cut]) and (
        is_capitalised(kept[cut - 1]) or not whole
    ):
        return None  # "Nigel, the poll of 4,000 people found": a plain noun needs a clean phrase
    return " ".join(([owner] if owner else []) + kept)


def _one_of(kept: Sequence[str]) -> str | None:
    """ "one of the group's founders", "one of Britain's top surgeons": a plural role."""
    rest = [w for w in kept[2:] if w.lower() not in ARTICLES]
    cut = next((i for i, w in enumerate(rest) if w.lower() in _AFTER_HEAD), len(rest))
    head = rest[cut - 1].lower() if cut else ""
    plural = head.endswith("s") and is_role_noun(head[:-1])
    return " ".join(kept) if plural or is_role_noun(head.removesuffix("men") + "man") else None


def _yields(title: str, after: str, kind: str) -> bool:
    """A bare form of address yields to any apposition; a plain lower-case title ("respected
    analyst") to an apposition that names where the person works."""
    if is_weak(title):
        return True
    last = title.split()[-1]
    return kind == "np" and last.islower() and not _informative(title) and _informative(after)


def _informative(role: str) -> bool:
    return any(
        (is_capitalised(w) and not is_role_noun(w)) or POSSESSIVE.search(w) for w in role.split()
    )


def _clause(found: Sequence[str]) -> str | None:
    """ "who heads the Y" -> "heads the Y"; "who is in charge of Y" -> "in charge of Y";
    "who lives at the mission" -> "lives at the mission"; "who is a teacher", "who works as
    a teacher", "who was appointed teacher" -> "teacher"."""
    if not found:
        return None
    verb = found[0].lower()
    if verb in ("is", "was", "became", "becomes"):
        if [w.lower() for w in found[1:4]] == ["in", "charge", "of"]:
            return _object(found[1:], 3)
        named = len(found) > 2 and found[1].lower() in _APPOINTED
        return noun_phrase(found[2:] if named else found[1:], open_=False)
    if verb in _WORKS and len(found) > 2 and found[1].lower() == "as":
        return noun_phrase(found[2:], open_=True)  # "who works as a nurse"
    if verb in _LIVES and len(found) > 2 and found[1].lower() in _PLACED:
        # "who lives at the mission", "who works for the Department of Health", up to a
        # second place or time ("who lived in Rome for years").
        cut = next((i for i, w in enumerate(found[2:], 2) if w.lower() in _PLACED_END), None)
        return _object(found[:cut], 2)
    return _object(found, 1) if verb in ROLE_VERBS else None


def _organisation(found: Sequence[str]) -> str | None:
    """ "the TaxPayers' Alliance": capitalised words ending in an organisation word."""
    name = found[1:] if found and found[0].lower() == "the" else found
    if not name or not all(is_capitalised(w) or w.lower() in JOINERS for w in name):
        return None
    return " ".join(name) if POSSESSIVE.sub("", name[-1].lower()) in ORG_WORDS else None


_COUNSEL = {
    "prosecuting": "prosecutor",
    "defending": "defence lawyer",
    "mitigating": "defence lawyer",
}


def _court(found: Sequence[str]) -> str | None:
    """ "X, prosecuting," / "X, defending," / "X, acting on behalf of Y," / "representing Y"."""
    if len(found) == 1:
        # "X, prosecuting,": counsel for the prosecution, a prosecutor to a reader.
        word = found[0].lower()
        return _COUNSEL.get(word, found[0]) if word != "acting" else None
    if found[0].lower() == "acting" and found[1].lower() not in ("for", "on"):
        return None
    return _object(found, 1) if found[0].lower() in ("acting", "representing") else None


def _object(found: Sequence[str], skip: int) -> str | None:
    """The words of a clause up to the next clause word or verb (at most ten)."""
    kept = list(found[:skip])
    for i, word in enumerate(found[skip:], skip):
        if word.lower() in CLAUSE_WORDS or _verb_like(word) or len(kept) >= 10:
            break
        if word in _CONJUNCTIONS and i + 1 < len(found) and found[i + 1].islower():
            break  # "owns a stud and retains a trainer"
        kept.append(word)
    while kept and kept[-1].lower() in _PREPOSITIONS | JOINERS | ARTICLES:
        kept.pop()
    return " ".join(kept) if len(kept) > skip else None


def _dated(word: str) -> bool:
    w = word.lower().strip(".,")
    return w[:1].isdigit() or w in CALENDAR or w in ("last", "this", "next")


def _verb_like(word: str) -> bool:
    """ "confirmed to The Hollywood Reporter" is a clause, not a role."""
    w = word.lower().strip(".,'’")
    if is_role_noun(w) or w in QUALIFIERS or not w.isalpha() or word[0].isupper():
        return False
    return w in STANCE or w.endswith(("ed", "ing")) or w in ("is", "was", "has", "had")
