"""The predicates of attribution: speech and stance verbs by lemma, with their inflections.

The parser gives each word its part of speech and its place in the sentence; which words
report speech or a stance is this table's job. Lemmas are listed once, their inflected forms
derived (regular rules, irregular forms listed), so "insist" covers insists, insisted and
insisting, and the rule-based path matches the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarise.actors.lexicon import words

__all__ = [
    "CONTENT_ONLY",
    "CORE_SPEECH",
    "DOCUMENT_NOUNS",
    "GOES_ON",
    "HOLDS_PASSIVE",
    "NEEDS_OBJECT",
    "NOUN_CUES",
    "OBJECT_STANCES",
    "PASSIVE_LEADS",
    "QUOTE_ONLY",
    "SAID_OF",
    "SOURCE_NOUNS",
    "TO_LISTENER",
    "cue_forms",
    "cue_lemma",
    "cue_pattern",
    "find_cues",
    "holds_cue",
    "is_speech",
]

# Verbs that report what someone says: the position is what they said.
_SPEECH = words(
    """say tell add warn insist deny claim argue explain state declare announce confirm admit
    acknowledge note suggest write ask reply respond answer complain predict promise vow pledge
    urge accuse describe report reveal recall stress emphasise emphasize maintain contend assert
    allege concede reiterate repeat signal propose plead caution estimate tweet
    comment testify boast lament protest threaten recommend advise assure remind inform indicate
    express mention observe remark joke quip shout scream whisper exclaim agree
    disagree concur acknowledge announce speculate predict conclude hint imply counter retort
    point underscore clarify disclose divulge tout brag convince persuade offer
    request find show cite continue encourage liken compare chant proclaim"""
)
# Speech cues whose subject always speaks, whatever it is ("the network said", "a slide says").
CORE_SPEECH = words(
    """say tell add write report claim argue insist warn state announce note explain reply
    respond testify tweet acknowledge admit deny"""
)
# Verbs of belief, wish and stance: the position reads with its verb ("wants a recount").
_STANCE = words(
    """believe think hope fear feel want wish refuse reject oppose support back welcome
    criticise criticize praise condemn demand favour favor endorse seek dismiss blame expect
    doubt vow intend decline applaud hail slam blast brand label dub
    dispute rule call insist doubt worry regret prefer accept plan attack"""
)
# Stances whose direct object is the position ("opposes the plan").
OBJECT_STANCES = words(
    """oppose support back welcome criticise criticize praise condemn demand favour favor endorse
    seek reject dismiss blame deny want refuse applaud hail slam blast defend dispute accept
    regret prefer propose urge cite attack"""
)
# Cues whose position is only their content (no verb needed to read it).
CONTENT_ONLY = words(
    """say tell add state declare announce explain note write reply respond answer tweet
    comment testify report according"""
)
# Nouns that carry an attribution when someone owns them ("Trump's assertion that ...").
NOUN_CUES = words(
    """statement assertion claim announcement warning remarks comments belief view insistence
    argument testimony promise pledge vow demand call suggestion admission denial position
    contention allegation accusation prediction hope fear concern"""
)

# What someone issues in writing or on air: "according to a statement from X" is X's.
DOCUMENT_NOUNS = words(
    "statement statements report letter email note memo post tweet interview message filing "
    "release remarks"
)
# Unnamed sources: people, bodies and documents that speak ("officials said", "a poll showed").
SOURCE_NOUNS = words(
    """official spokesman spokeswoman spokesperson police source aide adviser advisor minister
    ministry department agency report poll survey study statement lawyer attorney expert critic
    witness officer government company firm group people family authorities prosecutor
    prosecutors investigator researcher scientist doctor campaign committee council court judge
    jury leader leaders member members staff team club union party administration office board
    observer organiser organizer organisers organizers manager director chief executive boss
    coach player players fan fans neighbour neighbor friend friends colleague colleagues
    supporter supporters opponent opponents voter voters document documents letter memo
    filing filings paper newspaper website analysis data figures inquiry investigation
    review audit lawsuit complaint judge ruling verdict panel research author authors
    transcript average survey tally count"""
)

# Cues that attribute only a quotation: "'...,' continued the author" (not "prices continued").
QUOTE_ONLY = frozenset(("continue",))
# Cues that carry on the last speaker: "He added ...", "She continued ...".
GOES_ON = frozenset(("add", "continue"))
# Of TO_LISTENER, the ones whose passive still reports a claim, by someone unnamed.
SAID_OF = words("report say believe think understand rumour rumor allege")
# Cues whose passive subject is the one spoken to or about ("was asked", "was described as",
# "was reported missing", "is said to be", "is believed to have").
TO_LISTENER = words(
    "ask tell inform urge advise remind warn assure describe accuse criticise criticize praise "
    "blame dub label brand call condemn slam hail report say believe think expect understand "
    "know rumour rumor allege suspect consider estimate"
)
# Cues that cannot go without an object: "accused of", "praised for", "described as" straight
# after the verb is a passive ("the woman accused of blackmail"), someone else's position.
NEEDS_OBJECT = words(
    "accuse blame criticise criticize praise condemn dub label brand hail slam urge remind "
    "assure inform describe"
)
# Cues whose passive subject holds the position ("X was opposed to the plan", "was convinced
# that"); of any other cue the passive subject is the one acted on ("X was ruled unfit").
HOLDS_PASSIVE = words("oppose worry convince persuade")
# Verbs whose passive names who holds the position: "a commission led by X".
PASSIVE_LEADS = frozenset(
    [
        "led",
        "headed",
        "chaired",
        "run",
        "backed",
        "supported",
        "endorsed",
        "opposed",
        "criticised",
        "criticized",
    ]
)

_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "think": ("thinks", "thought", "thinking"),
    "feel": ("feels", "felt", "feeling"),
    "see": ("sees", "saw", "seeing", "seen"),
    "know": ("knows", "knew", "knowing", "known"),
    "understand": ("understands", "understood", "understanding"),
    "seek": ("seeks", "sought", "seeking"),
    "admit": ("admits", "admitted", "admitting"),
    "plan": ("plans", "planned", "planning"),
    "regret": ("regrets", "regretted", "regretting"),
    "prefer": ("prefers", "preferred", "preferring"),
    "quip": ("quips", "quipped", "quipping"),
    "signal": ("signals", "signalled", "signaled", "signalling", "signaling"),
    "compel": ("compels", "compelled", "compelling"),
    "concur": ("concurs", "concurred", "concurring"),
    "rule": ("rules", "ruled", "ruling"),
    "hint": ("hints", "hinted", "hinting"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed", "showing", "shown"),
    "dub": ("dubs", "dubbed", "dubbing"),
    "slam": ("slams", "slammed", "slamming"),
    "label": ("labels", "labelled", "labeled", "labelling", "labeling"),
}


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return (lemma, *_IRREGULAR[lemma])
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e"):
        past, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return lemma, third, past, ing


_LEMMA: dict[str, str] = {}
for _lemma in sorted(_SPEECH | _STANCE):
    for _form in _forms(_lemma):
        _LEMMA.setdefault(_form, _lemma)


def cue_lemma(word: str) -> str | None:
    """The cue lemma a word is a form of ("insisted" -> "insist"), or None."""
    return _LEMMA.get(word.lower())


def holds_cue(text: str, strip: str = ",") -> bool:
    """Whether a word of `text`, edge characters `strip` removed, is a cue form ("said,")."""
    return any(cue_lemma(word.strip(strip)) is not None for word in text.split())


def cue_forms() -> frozenset[str]:
    """Every inflected form of every cue lemma, lower-case."""
    return frozenset(_LEMMA)


def is_speech(lemma: str) -> bool:
    """Whether the cue reports speech ("insist") rather than a stance ("oppose")."""
    return lemma in _SPEECH


def cue_pattern() -> re.Pattern[str]:
    """Any inflected cue form or "according to" as a whole word (the rule-based finder's and
    the parser's first sieve)."""
    forms = sorted(_LEMMA, key=len, reverse=True)
    return re.compile(r"\b(?:according to|" + "|".join(forms) + r")\b", re.IGNORECASE)


_CUES = cue_pattern()
_WORDS = re.compile(r"\b[A-Za-z]+\b")


def find_cues(sentence: str) -> Iterator[re.Match[str]]:
    """The matches of `cue_pattern()` in `sentence`, found by looking each word up first (a
    pattern of a thousand alternatives is slow to run over every sentence)."""
    for word in _WORDS.finditer(sentence):
        key = word.group().lower()
        if key in _LEMMA or key == "according":
            match = _CUES.match(sentence, word.start())
            if match is not None:
                yield match
