"""Telegram delivery: 2,000 chats, one digest each, through a fake Bot API that enforces 30 msg/s.

The fake answers 429 (retry_after 1) to anything beyond a token bucket of 30 messages per second.
Delivery goes through the real outbox, DeliveryWorker and python-telegram-bot with its
AIORateLimiter, as in ``digestbot run``. ``python -m bench telegram [--chats N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bot.adapters.telegram.port import build_application
from bot.commands import Services
from bot.config.channels import TelegramChannel
from bot.config.settings import Settings
from bot.config.sources import SourceConfig
from bot.delivery.outbox import queue_digest
from bot.delivery.sender import DeliveryWorker
from bot.ports import ChatRef
from bot.store.chats import Subscription, add_subscription, ensure_chat
from bot.store.database import Database, open_database
from bot.store.sources import sync_sources
from bot.store.tables import articles
from tests.support.fake_telegram import TOKEN, FakeTelegram

LIMIT_PER_S = 30.0
CHATS = 2000
GOAL = 0.95


def _prepare(db: Database, chats: int) -> None:
    now = datetime.now(UTC)
    with db.write() as conn:
        source_id = sync_sources(conn, [SourceConfig(name="wire", url="https://wire.example/")])[
            "wire"
        ]
        conn.execute(
            articles.insert().values(
                source_id=source_id,
                guid="g1",
                url="https://wire.example/1",
                canonical_url="https://wire.example/1",
                title="Central bank holds rates",
                text="Body. " * 100,
                fetched_at=now,
                summary=["The bank held rates.", "It may cut in autumn."],
                actors=[{"name": "Elena Marsh", "type": "person", "role": "Governor"}],
            )
        )
        ids = []
        for n in range(chats):
            chat = ensure_chat(conn, ChatRef("telegram", str(10_000 + n)), now, sentences=3)
            add_subscription(conn, chat.id, Subscription("all", ""), now)
            ids.append(chat.id)
    for chat_id in ids:
        queue_digest(db, chat_id, now)


async def _deliver(db: Database, chats: int) -> dict[str, float]:
    async with FakeTelegram(max_per_second=LIMIT_PER_S) as fake, httpx.AsyncClient() as client:
        channel = TelegramChannel(token=TOKEN, base_url=fake.base_url)
        port = build_application(channel, Services(db=db, settings=Settings(), client=client))
        await port.app.initialize()
        try:
            started = time.monotonic()
            await DeliveryWorker(db, {"telegram": port}).run_until_idle()
            elapsed = time.monotonic() - started
        finally:
            await port.app.shutdown()
        received = Counter(message.chat_id for message in fake.sent)
        stamps = sorted(fake.accepted_at)
        span = stamps[-1] - stamps[0] if len(stamps) > 1 else float("nan")
    return {
        "sent": len(fake.sent),
        "elapsed": elapsed,
        "span": span,
        "rate": (len(stamps) - 1) / span if span else float("nan"),
        "too_many": fake.too_many_requests,
        "lost": chats - len(received),
        "duplicated": sum(times - 1 for times in received.values()),
    }


def measure(chats: int = CHATS) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-telegram-") as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            _prepare(db, chats)
            return asyncio.run(_deliver(db, chats))
        finally:
            db.close()


def run(chats: int = CHATS) -> str:
    figures = measure(chats)
    ratio = figures["rate"] / LIMIT_PER_S
    verdict = "meets" if ratio >= GOAL else "misses"
    return "\n".join(
        [
            "## Telegram delivery",
            "",
            f"{chats:,} subscribed chats, one queued digest each, delivered by the outbox worker "
            "through python-telegram-bot (AIORateLimiter 30/s overall as at most 3 per 0.1 s, "
            "20/min per group, 3 retries) to a fake Bot API that answers 429 (retry_after 1) "
            f"beyond a token bucket of {LIMIT_PER_S:.0f} messages/s. SQLite file, 8 sends in "
            "flight.",
            "",
            "| messages | first to last accepted | rate | ratio of 30 msg/s | 429 answers "
            "| lost | duplicated |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {figures['sent']:,.0f} | {figures['span']:.1f} s | {figures['rate']:.2f} msg/s "
            f"| **{ratio:.3f}** | {figures['too_many']:.0f} | {figures['lost']:.0f} "
            f"| {figures['duplicated']:.0f} |",
            "",
            f"Goal: ratio >= {GOAL} with nothing lost or duplicated; this run {verdict} it "
            f"(worker wall time {figures['elapsed']:.1f} s). The rate is accepted messages over "
            "the time from the first to the last; the bucket's initial burst of 30 is included, "
            "and each 429 pauses every request for retry_after + 0.1 s (PTB).",
        ]
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=CHATS)
    print(run(parser.parse_args().chats))
