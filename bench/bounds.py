"""Bounded work: time to digest 50 KB, 1 MB and 10 MB of generated news sentences, and to collect
and summarise one feed of 10,000 items (served on loopback) through the summariser pool."""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from pathlib import Path

from bot.collect.pipeline import collect_once
from bot.collect.summarising import Summariser, summarise_pending
from bot.config.settings import DigestSettings, Settings, StorageSettings
from bot.config.sources import FetchSettings, SourceConfig
from bot.store.database import open_database
from summarise import MAX_TEXT_CHARS, summarise
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

SIZES = (50_000, 1_000_000, 10_000_000)
FEED_ITEMS = 10_000
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


def _feed_items() -> list[FeedItem]:
    return [
        FeedItem(
            f"Council vote {n}",
            f"https://news.example/votes/{n}",
            f"Maria Lopez said the council approved plan {n} on Monday. The vote was "
            f"{n % 50} to 3. Work on the {_THINGS[n % len(_THINGS)]} starts in week {n % 52}.",
        )
        for n in range(FEED_ITEMS)
    ]


def _collect_big_feed() -> tuple[int, float, int, float]:
    """Stored articles and seconds, then digests and seconds, for one 10,000-item feed."""
    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server:
        server.route("/votes.xml", rss_feed("Votes", _feed_items()))
        settings = Settings(
            storage=StorageSettings(url=f"sqlite:///{Path(tmp) / 'bench.db'}"),
            fetch=FetchSettings(allow_private_networks=True),
            digest=DigestSettings(nlp_model="none"),
            sources=[SourceConfig(name="votes", url=server.url("/votes.xml"))],
        )
        db = open_database(settings.storage.url)
        try:
            start = time.perf_counter()
            reports = asyncio.run(collect_once(settings, db, defer_digests=True))
            stored, stored_s = sum(r.new for r in reports), time.perf_counter() - start

            async def digest_all() -> int:
                summariser = Summariser(settings.digest)
                try:
                    return await summarise_pending(db, summariser)
                finally:
                    summariser.close()

            start = time.perf_counter()
            digests = asyncio.run(digest_all())
            return stored, stored_s, digests, time.perf_counter() - start
        finally:
            db.close()


def run() -> str:
    stored, stored_s, digests, digests_s = _collect_big_feed()
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
            "",
            f"One RSS feed of {FEED_ITEMS:,} short items on a loopback server, collected into a "
            "SQLite file with `collect_once`, then every article summarised through the "
            "summariser's process pool (rules only, `nlp_model: none`), which renews its workers "
            "between batches:",
            "",
            "| items stored | seconds | digests | seconds |",
            "|---|---|---|---|",
            f"| {stored:,} | {stored_s:.1f} | {digests:,} | {digests_s:.1f} |",
        ]
    )
