"""Slack delivery: 200 channels, each one digest split over several messages, through the outbox.

The fake Slack Web API (tests/support/fake_slack.py, on 127.0.0.1) answers HTTP 429 with
Retry-After to a second message in the same channel within a second, and to the first message of
every tenth channel regardless. The real outbox (SQLite file), DeliveryWorker and SlackPort
deliver; the fake counts what arrived: every (channel, story) must arrive exactly once.

    python -m bench slack
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select

from bot.adapters.slack.port import SlackPort
from bot.commands import Services
from bot.config.channels import SlackChannel
from bot.config.settings import Settings
from bot.config.sources import SourceConfig
from bot.delivery.outbox import queue_digest
from bot.delivery.sender import DeliveryWorker
from bot.ports import ChatRef
from bot.store.chats import Subscription, add_subscription, ensure_chat, update_chat
from bot.store.database import Database, open_database
from bot.store.sources import sync_sources
from bot.store.tables import articles, outbox
from tests.support.fake_slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack

CHANNELS = 200
STORIES = 24
FORCED_429_EVERY = 10
CONCURRENCY = (8, 32)
NOW = datetime.now(UTC)
SENTENCE = (
    "Officials in Northbridge said on Monday that the transport plan would be reviewed by the "
    "regional assembly before the summer recess, and that costs were still being checked."
)
_WHO = re.compile(r"^/who #(\d+)$")


@dataclass
class Outcome:
    concurrency: int
    messages: int
    seconds: float
    cpu_seconds: float
    most_messages: int
    rate_limited: int
    lost: int
    duplicated: int


def _store(db: Database) -> list[int]:
    with db.write() as conn:
        source_id = sync_sources(conn, [SourceConfig(name="wire", url="https://wire.example/")])[
            "wire"
        ]
        ids = []
        for n in range(STORIES):
            row = conn.execute(
                articles.insert()
                .returning(articles.c.id)
                .values(
                    source_id=source_id,
                    guid=f"g{n}",
                    url=f"https://news.example/{n}",
                    canonical_url=f"https://news.example/{n}",
                    title=f"Story {n}: transport plan reviewed",
                    text=SENTENCE * 20,
                    content_hash=f"{n:064d}",
                    fetched_at=NOW - timedelta(minutes=n + 1),
                    summary=[SENTENCE] * 3,
                    actors=[{"name": "Anna Keller", "type": "person", "role": "Minister"}],
                    digest_algorithm="default",
                )
            )
            ids.append(int(row.scalar_one()))
    return ids


def _subscribe_all(db: Database) -> list[int]:
    chat_ids = []
    with db.write() as conn:
        for n in range(CHANNELS):
            ref = ChatRef("slack", f"C{n:05d}", "group", f"channel-{n}")
            chat = ensure_chat(conn, ref, NOW - timedelta(hours=1), sentences=3)
            add_subscription(conn, chat.id, Subscription("all", ""), NOW)
            update_chat(conn, chat.id, max_stories=STORIES)
            chat_ids.append(chat.id)
    return chat_ids


def _unsettled(db: Database) -> int:
    with db.read() as conn:
        query = select(func.count()).where(outbox.c.status.in_(("queued", "sending")))
        return int(conn.execute(query).scalar_one())


def _delivered(fake: FakeSlack) -> Counter[tuple[str, int]]:
    seen: Counter[tuple[str, int]] = Counter()
    for post in fake.posts:
        for block in post.blocks:
            for element in block.get("elements", []) if block["type"] == "actions" else []:
                match = _WHO.match(str(element.get("value", "")))
                if match:
                    seen[(post.channel, int(match.group(1)))] += 1
    return seen


async def _measure(concurrency: int, folder: Path) -> Outcome:
    url = f"sqlite:///{folder / f'slack-{concurrency}.db'}"
    db = open_database(url)
    story_ids = _store(db)
    chat_ids = _subscribe_all(db)
    for chat_id in chat_ids:
        queue_digest(db, chat_id, NOW)
    async with FakeSlack(channel_interval_s=1.0) as fake, httpx.AsyncClient() as client:
        for n in range(0, CHANNELS, FORCED_429_EVERY):
            fake.rate_limit(f"C{n:05d}", times=1, retry_after_s=1)
        settings = Settings.model_validate({"storage": {"url": url}})
        channel = SlackChannel(
            bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, base_url=fake.base_url
        )
        port = SlackPort(channel, Services(db, settings, client), host="127.0.0.1", port=0)
        await port.start()
        worker = DeliveryWorker(db, {"slack": port}, concurrency=concurrency, poll_s=0.05)
        started, cpu_started = time.perf_counter(), time.process_time()
        running = asyncio.create_task(worker.run())
        # Rows put back by a flood limit come due later: wait until every row is settled.
        while await asyncio.to_thread(_unsettled, db):
            await asyncio.sleep(0.05)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        await worker.stop()
        await running
        await port.stop()
        seen = _delivered(fake)
        per_channel = Counter(post.channel for post in fake.posts)
        expected = {(f"C{n:05d}", story) for n in range(CHANNELS) for story in story_ids}
        outcome = Outcome(
            concurrency=concurrency,
            messages=len(fake.posts),
            seconds=seconds,
            cpu_seconds=cpu_seconds,
            most_messages=max(per_channel.values()),
            rate_limited=fake.rate_limited_posts,
            lost=len(expected - set(seen)),
            duplicated=sum(count - 1 for count in seen.values() if count > 1),
        )
    db.close()
    return outcome


def _row(outcome: Outcome) -> str:
    floor = outcome.most_messages - 1
    return (
        f"| {outcome.concurrency} | {outcome.messages} | {outcome.seconds:.2f} | "
        f"{outcome.cpu_seconds:.2f} | "
        f"{outcome.messages / outcome.seconds:.1f} | {floor} s | {outcome.rate_limited} | "
        f"{outcome.lost} | {outcome.duplicated} |"
    )


def run() -> str:
    with tempfile.TemporaryDirectory() as folder:
        outcomes = [asyncio.run(_measure(c, Path(folder))) for c in CONCURRENCY]
    lines = [
        "## Slack delivery",
        "",
        f"{CHANNELS} channels, each subscribed to one digest of {STORIES} stories that renders "
        f"as {outcomes[0].most_messages} Block Kit messages; the fake Slack Web API allows one "
        "message per second per channel (HTTP 429 with Retry-After beyond it) and answers 429 "
        f"to the first message of every {FORCED_429_EVERY}th channel. Delivered by the real "
        "outbox, DeliveryWorker and SlackPort (per-channel pacing, slack_sdk's 429 retry "
        "handler) over loopback HTTP; the fake runs in the same process.",
        "",
        "| worker concurrency | messages | seconds | CPU s | messages/s | per-channel floor | "
        "429 answers | lost | duplicated |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *(_row(outcome) for outcome in outcomes),
        "",
        "The per-channel floor is the least time one channel's messages can take at one per "
        "second; 429 answers are the forced ones (the pacing itself causes none). Lost and "
        "duplicated count (channel, story) pairs against the expected "
        f"{CHANNELS * STORIES:,}. Above the floor: a channel whose turn is not due hands its "
        "message back to the outbox (first retry after 2 s) instead of holding a worker slot; "
        "a forced 429 waits out Retry-After (1 s plus jitter) inside the send; and CPU (the "
        "bot, SQLite and the fake share one process; CPU s is its processor time while "
        "delivering).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
