"""Huge inputs: the digest comes back, read from the capped lead of the text only."""

from __future__ import annotations

import random

from summarise import MAX_TEXT_CHARS, summarise
from summarise.sentences.extractive import LEAD_WINDOW

_PEOPLE = ("Maria Lopez", "John Okafor", "Chen Wei", "Anna Berg", "Lina Park")
_BODIES = ("the city council", "Northwind Bank", "the ministry", "Harbor Transit")
_ACTS = ("approved", "rejected", "delayed", "funded", "reviewed")
_THINGS = ("a new bridge", "the budget", "a rail line", "school repairs", "the port expansion")


def _sentence(rng: random.Random, number: int) -> str:
    person, body = rng.choice(_PEOPLE), rng.choice(_BODIES)
    act, thing = rng.choice(_ACTS), rng.choice(_THINGS)
    forms = (
        f"{person} said {body} {act} {thing} in week {number}.",
        f"On day {number}, {body} {act} {thing} after a vote of {rng.randrange(90)} members.",
        f'"We {act} {thing}," said {person}, who spoke on day {number}.',
    )
    return rng.choice(forms)


def _huge_text(size: int) -> str:
    """Paragraphs of four numbered sentences until ``size`` characters; a late paragraph names
    someone who appears nowhere else and repeats itself, so it would rank if it were read."""
    rng = random.Random(7)
    paragraphs: list[str] = []
    number = used = 0
    while used < size:
        paragraph = " ".join(_sentence(rng, number + k) for k in range(4))
        number += 4
        if used > size // 2 and "Ottoline" not in paragraphs[-1]:
            paragraph = "Ottoline Quist said the budget was approved. " * 3 + paragraph
        paragraphs.append(paragraph)
        used += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def test_a_two_megabyte_article_is_digested_from_its_lead() -> None:
    text = _huge_text(2_000_000)
    digest = summarise(text)
    assert len(digest.sentences) == 3
    head = text[:MAX_TEXT_CHARS]
    assert all(sentence in head for sentence in digest.sentences)
    lead = " ".join(text.split("\n\n")[: LEAD_WINDOW // 4])
    assert all(sentence in lead for sentence in digest.sentences)
    names = {actor.name for actor in digest.actors}
    assert names & set(_PEOPLE)
    assert "Ottoline Quist" not in names


def test_text_without_full_stops_is_digested() -> None:
    rng = random.Random(3)
    words = ("alpha", "Beta", "council", "said", "Maria", "Lopez", "the", "port")
    text = " ".join(rng.choice(words) for _ in range(400_000))
    digest = summarise(text)
    assert digest.sentences
    assert len(" ".join(digest.sentences)) <= MAX_TEXT_CHARS
