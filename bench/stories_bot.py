"""Stories inside the bot: filing articles as they are stored, the rebuild after a restart, and
planning a digest of stories, with 10,000 articles stored in a SQLite file.

Part of ``python -m bench stories``; ``python -m bench.stories_bot`` prints this part alone.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, timedelta
from pathlib import Path

from sqlalchemy import Connection, insert

from bot.collect.storyline import StoryLine
from bot.config.sources import SourceConfig
from bot.digest.plan import get_stories, plan_digest
from bot.ports import ChatRef
from bot.store.chats import Subscription, add_subscription, ensure_chat
from bot.store.database import Database, open_database, sync_sources
from bot.store.tables import articles
from summarise.clustering import StoryArticle

STORED = 10_000
MEASURED = 200
BATCH = 500
SUMMARY = ["First sentence of the digest.", "A second one.", "And a third."]


def _insert(conn: Connection, source_id: int, items: Sequence[StoryArticle]) -> list[int]:
    rows = [
        {
            "source_id": source_id,
            "guid": item.id,
            "url": f"https://news.example/{item.id}",
            "canonical_url": f"https://news.example/{item.id}",
            "title": item.title,
            "text": item.text,
            "content_hash": None,
            "published": item.published,
            "fetched_at": item.published,
            "summary": SUMMARY,
            "actors": [],
            "digest_algorithm": "default",
        }
        for item in items
    ]
    return [int(i) for i in conn.execute(insert(articles).returning(articles.c.id), rows).scalars()]


def _store(db: Database, line: StoryLine, source_id: int, items: Sequence[StoryArticle]) -> None:
    now = items[-1].published
    with line.storing(db, now) as conn:
        line.stored(conn, now, _insert(conn, source_id, items))


def _ms(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return (
        f"{statistics.mean(ms):.1f} | {statistics.median(ms):.1f} | "
        f"{ms[int(len(ms) * 0.99)]:.1f} | {ms[-1]:.1f}"
    )


def filing_lines(dev: Sequence[StoryArticle]) -> list[str]:
    """Markdown lines, with the dev headlines repeated (words made distinct per copy) to reach
    STORED + MEASURED articles, in arrival order."""
    stream = _stream(dev)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        db = open_database(url)
        with db.write() as conn:
            source_id = sync_sources(conn, [SourceConfig(name="wire", url="https://wire.example")])[
                "wire"
            ]
        line = StoryLine()
        started = time.perf_counter()
        for start in range(0, STORED, BATCH):
            _store(db, line, source_id, stream[start : start + BATCH])
        filing_s = time.perf_counter() - started
        db.close()

        db = open_database(url)  # a restarted process: its first transaction rebuilds
        line = StoryLine()
        first = stream[STORED]
        started = time.perf_counter()
        _store(db, line, source_id, [first])
        rebuild_s = time.perf_counter() - started
        held = line.articles_held()
        timings = []
        for item in stream[STORED + 1 : STORED + MEASURED]:
            started = time.perf_counter()
            _store(db, line, source_id, [item])
            timings.append(time.perf_counter() - started)

        now = stream[STORED + MEASURED - 1].published + timedelta(minutes=1)
        with db.write() as conn:
            chat = ensure_chat(conn, ChatRef("console", "1"), now - timedelta(hours=2), sentences=3)
            add_subscription(conn, chat.id, Subscription("all", ""), now)
        plans = []
        for _ in range(6):
            with db.read() as conn:
                started = time.perf_counter()
                plan = plan_digest(conn, chat, now)
                plans.append(time.perf_counter() - started)
        assert plan is not None
        with db.read() as conn:
            stories = get_stories(conn, [*plan.shown, *plan.counted])
        db.close()
    members = sum(len(story.members) for story in stories)
    plans = plans[1:]  # the first run also loads the stemmer and stop words
    considered = len(plan.shown) + len(plan.counted)
    return [
        f"Filing inside the bot (`bot.collect.storyline`: filing lock, catch-up from the database, "
        f"assignment, membership and ledger rows), SQLite file, {STORED:,} articles stored:",
        "",
        "| step | mean ms | median ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- |",
        f"| one new article per transaction, {MEASURED - 1} measured | {_ms(timings)} |",
        f"| first transaction after a restart (rebuild from {held - 1:,} articles of the last "
        f"{StoryLine().span.total_seconds() / 3600:.0f} h) | {_ms([rebuild_s])} |",
        f"| planning one chat's digest: {considered:,} candidate stories of {members:,} "
        f"articles, 5 runs | {_ms(plans)} |",
        "",
        f"Storing the {STORED:,} articles in transactions of {BATCH} took {filing_s:.1f} s "
        f"({filing_s / STORED * 1000:.2f} ms per article, insert included).",
    ]


def _stream(dev: Sequence[StoryArticle]) -> list[StoryArticle]:
    from bench.stories import _disguised

    ordered = sorted(dev, key=lambda a: a.published)
    copies = (STORED + MEASURED) // len(ordered) + 1
    stream = [_disguised(a, k) for k in range(copies) for a in ordered]
    stream.sort(key=lambda a: a.published)
    return [
        StoryArticle(a.id, a.title, a.text, a.published.astimezone(UTC))
        for a in stream[: STORED + MEASURED]
    ]


if __name__ == "__main__":
    from bench import eval_dir
    from bot.cli.stories_cmd import read_articles

    print("\n".join(filing_lines(read_articles(eval_dir() / "stories_dev.jsonl")[1])))
