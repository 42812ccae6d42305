"""kill -9 during delivery, then restart: nothing is lost; only in-flight messages can repeat.

``digestbot run`` runs in a subprocess against the fake Bot API in this process. The one
window left (see bot/delivery/sender.py) is a message Telegram accepted whose success we had not yet
committed: such a message is sent again after the restart. These tests pin that down.
"""

from __future__ import annotations

import asyncio
import random
import signal
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import pytest
from sqlalchemy import func, select

from bot.delivery.outbox import queue_digest
from bot.ports import ChatRef
from bot.store.chats import Subscription, add_subscription, ensure_chat
from bot.store.database import Database
from bot.store.tables import chats, outbox
from tests.support.fake_server import served
from tests.support.fake_telegram import TOKEN, FakeTelegram
from tests.support.fakes import store_article, store_sources
from tests.support.worker_scenario import start

CHATS = 150
CONCURRENCY = 8  # DeliveryWorker's default: the most messages in flight at once


fake = served(lambda: FakeTelegram(answer_delay_s=0.02))


@pytest.fixture
def config(tmp_path: Path, db_url: str, fake: FakeTelegram) -> Path:
    path = tmp_path / "digestbot.yaml"
    path.write_text(
        f"storage:\n  url: '{db_url}'\n"
        f"channels:\n  telegram:\n    token: '{TOKEN}'\n    base_url: '{fake.base_url}'\n",
        encoding="utf-8",
    )
    return path


def queue_digests(db: Database, count: int) -> None:
    """``count`` chats, each with one queued digest of the same story."""
    now = datetime.now(UTC)
    ids = store_sources(db)
    store_article(db, ids["wire"], "ECB holds rates", fetched_at=now)
    with db.write() as conn:
        chat_ids = []
        for n in range(count):
            chat = ensure_chat(conn, ChatRef("telegram", str(1000 + n)), now, sentences=3)
            add_subscription(conn, chat.id, Subscription("all", ""), now)
            chat_ids.append(chat.id)
    for chat_id in chat_ids:
        assert queue_digest(db, chat_id, now) is not None


@pytest.fixture
def log(tmp_path: Path) -> Iterator[BinaryIO]:
    with (tmp_path / "bot.log").open("w+b") as handle:
        yield handle


def output(log: BinaryIO) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode(errors="replace")


async def start_bot(config: Path, log: BinaryIO) -> asyncio.subprocess.Process:
    return await start("run", config, log)


async def kill(process: asyncio.subprocess.Process) -> None:
    process.send_signal(signal.SIGKILL)
    await process.wait()


def committed(db: Database) -> set[int]:
    """Chats whose digest is marked sent in the database."""
    query = (
        select(chats.c.address)
        .join(outbox, outbox.c.chat_id == chats.c.id)
        .where(outbox.c.status == "sent")
    )
    with db.read() as conn:
        return {int(address) for address in conn.execute(query).scalars()}


def unsent(db: Database) -> int:
    with db.read() as conn:
        query = select(func.count()).select_from(outbox).where(outbox.c.status != "sent")
        return int(conn.execute(query).scalar_one())


async def finish(config: Path, log: BinaryIO, fake: FakeTelegram, db: Database) -> None:
    """Run once more until every row is sent, then stop with SIGTERM (a clean exit)."""
    process = await start_bot(config, log)
    deadline = time.monotonic() + 60
    while unsent(db) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), 30) == 0, output(log)
    assert unsent(db) == 0, output(log)


async def test_kill_9_at_random_moments_loses_nothing(
    fake: FakeTelegram, config: Path, db: Database, log: BinaryIO
) -> None:
    queue_digests(db, CHATS)
    suspects: set[int] = set()
    rng = random.Random(5)
    for _ in range(3):
        process = await start_bot(config, log)
        started = len(fake.sent)
        await fake.wait_until(lambda at=started: len(fake.sent) >= at + 10, timeout_s=30)
        await asyncio.sleep(rng.uniform(0.0, 0.5))
        await kill(process)
        # The window: messages Telegram accepted whose "sent" mark was not yet committed.
        window = {message.chat_id for message in fake.sent} - committed(db)
        assert len(window) <= CONCURRENCY
        suspects |= window
    await finish(config, log, fake, db)

    received = Counter(message.chat_id for message in fake.sent)
    assert set(received) == {1000 + n for n in range(CHATS)}  # nothing lost
    repeated = {chat_id for chat_id, times in received.items() if times > 1}
    assert repeated == suspects
    assert max(received.values()) <= 2


async def test_the_remaining_window_is_exactly_the_unanswered_messages(
    fake: FakeTelegram, config: Path, db: Database, log: BinaryIO
) -> None:
    queue_digests(db, 40)
    fake.hold_after = 12  # Telegram accepts the 13th message and later ones, but never answers
    process = await start_bot(config, log)
    await fake.wait_until(lambda: len(fake.held) >= 1, timeout_s=30)
    await asyncio.sleep(0.3)  # let every free worker slot get stuck too
    await kill(process)
    held = {message.chat_id for message in fake.held}
    assert held == {message.chat_id for message in fake.sent} - committed(db)
    fake.hold_after = None
    fake.release()
    await finish(config, log, fake, db)

    received = Counter(message.chat_id for message in fake.sent)
    assert set(received) == {1000 + n for n in range(40)}
    assert {chat_id for chat_id, times in received.items() if times > 1} == held
    assert 1 <= len(held) <= CONCURRENCY
    assert max(received.values()) == 2


async def test_sigterm_finishes_the_messages_in_flight(
    fake: FakeTelegram, config: Path, db: Database, log: BinaryIO
) -> None:
    queue_digests(db, 40)
    fake.answer_delay_s = 0.3  # every message is in flight for a while
    process = await start_bot(config, log)
    await fake.wait_until(lambda: len(fake.sent) >= 10, timeout_s=30)
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), 30) == 0, output(log)
    # A clean stop opens no window: everything Telegram accepted is recorded as sent.
    assert {message.chat_id for message in fake.sent} == committed(db)
    fake.answer_delay_s = 0.0
    await finish(config, log, fake, db)
    received = Counter(message.chat_id for message in fake.sent)
    assert len(received) == 40 and max(received.values()) == 1
