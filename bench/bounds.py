"""Digesting huge texts: time to digest 50 KB, 1 MB and 10 MB of generated news sentences."""

from __future__ import annotations

import random
import time

from summarise import MAX_TEXT_CHARS, summarise

SIZES = (50_000, 1_000_000, 10_000_000)
_PEOPLE = ("Maria Lopez", "John Okafor", "Chen Wei", "Anna Berg", "Lina Park")
_BODIES = ("the city council", "Northwind Bank", "the ministry", "Harbor Transit")
_ACTS = ("approved", "rejected", "delayed", "funded", "reviewed")
_THINGS = ("a new bridge", "the budget", "a rail line", "school repairs", "the port expansion")


def _text(size: int) -> str:
    """Paragraphs of varied numbered sentences, some quoted, up to ``size`` characters."""
    rng = random.Random(size)
    parts: list[str] = []
    used = number = 0
    while used < size:
        person, body = rng.choice(_PEOPLE), rng.choice(_BODIES)
        act, thing = rng.choice(_ACTS), rng.choice(_THINGS)
        sentence = rng.choice(
            (
                f"{person} said {body} {act} {thing} in week {number}.",
                f"On day {number}, {body} {act} {thing} after {rng.randrange(90)} votes.",
                f'"We {act} {thing}," said {person}, who spoke on day {number}.',
            )
        )
        number += 1
        parts.append(sentence + ("\n\n" if number % 4 == 0 else " "))
        used += len(parts[-1])
    return "".join(parts)


def run() -> str:
    summarise("A warm-up sentence loads the pipeline. It is not timed.")
    rows = []
    for size in SIZES:
        text = _text(size)
        start = time.perf_counter()
        digest = summarise(text)
        seconds = time.perf_counter() - start
        rows.append(
            f"| {size / 1000:,.0f} KB | {seconds:.2f} | {len(digest.sentences)} "
            f"| {len(digest.actors)} |"
        )
    return "\n".join(
        [
            "## Bounds: digesting huge texts",
            "",
            f"One article of generated news sentences, default algorithm with actors. Only the "
            f"first {MAX_TEXT_CHARS:,} characters are read, the first 200 sentences ranked and "
            "the first 20,000 characters searched for actors, so time stops growing with size.",
            "",
            "| text | seconds | sentences | actors |",
            "|---|---|---|---|",
            *rows,
        ]
    )
