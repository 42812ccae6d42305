"""Name mentions from spaCy: one call over the whole article, mapped back to sentences."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from summarise.lexicon import ORG_WORDS
from summarise.names import Kind, Mention

_LABELS: dict[str, Kind] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "NORP": "place",
    "FAC": "place",
}


def ner_mentions(nlp: Any, sentences: Sequence[str], skip: Sequence[bool]) -> list[Mention]:
    """Entities of one spaCy call over the article; skipped sentences are fed lower-cased
    (all-caps headlines mislead the tagger) so that offsets stay aligned."""
    parts = [s.lower() if sk else s for s, sk in zip(sentences, skip, strict=True)]
    offsets: list[int] = []
    pos = 0
    for part in parts:
        offsets.append(pos)
        pos += len(part) + 1
    doc = nlp("\n".join(parts))
    mentions: list[Mention] = []
    for ent in doc.ents:
        kind = _LABELS.get(ent.label_)
        if ent.label_ == "FAC" and ent.text.split()[-1].lower() in ORG_WORDS:
            kind = "org"
        if kind is None:
            continue
        sent = bisect.bisect_right(offsets, ent.start_char) - 1
        if skip[sent]:
            continue
        base = offsets[sent]
        end = min(ent.end_char - base, len(sentences[sent]))
        mentions.append(Mention(sent, ent.start_char - base, end, ent.text, kind, label=ent.label_))
    return mentions
