"""Name mentions from spaCy: one call over the whole article, mapped back to sentences."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from summarise.actors.given_names import FEMALE, GIVEN_NAMES, MALE
from summarise.actors.lexicon import ORG_WORDS
from summarise.actors.names import Kind, Mention

_LABELS: dict[str, Kind] = {
    "PERSON": "person",
    "PER": "person",  # the label of spaCy's pipelines for other languages
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "NORP": "place",
    "FAC": "place",
}


def ner_mentions(nlp: Any, sentences: Sequence[str], skip: Sequence[bool]) -> list[Mention]:
    """Entities of one spaCy call over the sentences that can hold a name; all-caps lines
    (they mislead the model) and lines with no capital after the first word are left out."""
    chosen = [i for i, s in enumerate(sentences) if not skip[i] and _may_name(s)]
    offsets: list[int] = []
    pos = 0
    for index in chosen:
        offsets.append(pos)
        pos += len(sentences[index]) + 1
    joined = "\n".join(sentences[i] for i in chosen)
    doc = nlp(joined)
    mentions: list[Mention] = []
    previous: Any = None
    for ent in doc.ents:
        kind = _LABELS.get(ent.label_)
        if ent.label_ == "FAC" and ent.text.split()[-1].lower() in ORG_WORDS:
            kind = "org"
        if kind == "person" and _named_after(previous, ent, joined):
            kind = None
        previous = ent
        if kind is None:
            continue
        slot = bisect.bisect_right(offsets, ent.start_char) - 1
        sent, base = chosen[slot], offsets[slot]
        end = min(ent.end_char - base, len(sentences[sent]))
        mentions.append(Mention(sent, ent.start_char - base, end, ent.text, kind, label=ent.label_))
    return mentions


def _named_after(previous: Any, ent: Any, text: str) -> bool:
    """ "The White House Kitchen Garden": a "person" run straight on from an organisation or
    place is the rest of a longer name, unless it opens with a given name ("Arsenal Arsene
    Wenger" of a glued caption)."""
    if previous is None or previous.label_ not in ("ORG", "FAC", "GPE", "LOC"):
        return False
    if text[previous.end_char : ent.start_char] != " ":
        return False
    first = ent.text.split()[0].lower()
    return first not in GIVEN_NAMES and first not in FEMALE and first not in MALE


def _may_name(sentence: str) -> bool:
    """A capitalised word after the first: sentences without one rarely introduce a name
    (and names already known are still counted there)."""
    return any(word[:1].isupper() for word in _WORDS.findall(sentence)[1:])


_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
