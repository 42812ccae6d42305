"""Scale-out on the real PostgreSQL: one ``digestbot run`` keeps the schedule, three
``digestbot worker`` processes share collection and delivery through the job queue.

300 feeds on a loopback server and 1,000 queued messages to the fake Bot API: every feed is
fetched once in the round, every message arrives once and in order within its chat; a worker
killed with -9 loses nothing (its jobs are run again by the others).
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from bot.app.queue import JobQueue
from bot.store.database import Database, open_database
from tests.support.fake_server import served
from tests.support.fake_telegram import TOKEN, FakeTelegram
from tests.support.feedserver import FeedServer
from tests.support.worker_scenario import (
    busy_workers,
    log_records,
    open_jobs,
    queue_messages,
    registered_workers,
    sending,
    serve_feeds,
    start,
    stored_articles,
    uncollected,
    unsent,
    wait_for,
    write_config,
)

SOURCES = 300
ITEMS = 2
CHATS = 250
PAGES = 4  # 1,000 messages
WORKERS = 3
STALLED_AFTER_S = "6"


fake = served(lambda: FakeTelegram(answer_delay_s=0.01))


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture
def database(pg_url: str) -> Iterator[Database]:
    db = open_database(pg_url)
    yield db
    db.close()


class Processes:
    """Subprocesses with a log file each; whatever is still running is killed at the end."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.running: dict[str, asyncio.subprocess.Process] = {}
        self.logs: dict[str, BinaryIO] = {}

    async def start(self, name: str, command: str, config: Path, *extra: str) -> None:
        log = (self.directory / f"{name}.log").open("w+b")
        self.logs[name] = log
        self.running[name] = await start(command, config, log, *extra)

    async def kill(self, name: str) -> None:
        self.running[name].send_signal(signal.SIGKILL)
        await self.running[name].wait()

    async def terminate(self, name: str) -> int:
        self.running[name].send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.running[name].wait(), 60)

    async def stop_cleanly(self, *names: str) -> None:
        """SIGTERM each one; each must exit 0 (else the failure shows its log)."""
        for name in names:
            assert await self.terminate(name) == 0, self.output(name)

    def output(self, name: str) -> str:
        log = self.logs[name]
        log.flush()
        log.seek(0)
        return log.read().decode(errors="replace")[-4000:]

    def everything(self) -> str:
        return "\n".join(f"--- {name}\n{self.output(name)}" for name in self.logs)

    async def close(self) -> None:
        for process in self.running.values():
            if process.returncode is None:
                process.kill()
                await process.wait()
        for log in self.logs.values():
            log.close()


@pytest.fixture
async def processes(tmp_path: Path) -> AsyncIterator[Processes]:
    group = Processes(tmp_path)
    yield group
    await group.close()


@pytest.fixture
def config(
    tmp_path: Path, pg_url: str, feeds: FeedServer, fake: FakeTelegram, database: Database
) -> tuple[Path, list[str]]:
    paths = serve_feeds(feeds, SOURCES, ITEMS)
    path = write_config(
        tmp_path / "digestbot.yaml",
        pg_url,
        feeds=feeds,
        paths=paths,
        telegram_url=fake.base_url,
        token=TOKEN,
    )
    return path, paths


async def start_workers_then_run(processes: Processes, config: Path, database: Database) -> None:
    for number in range(WORKERS):
        await processes.start(
            f"worker{number}", "worker", config, "--stalled-after", STALLED_AFTER_S
        )
    # All three take jobs from the start, so the work is shared rather than raced for.
    await wait_for(lambda: registered_workers(database) == WORKERS, 90, "three workers")
    await processes.start("run", "run", config)


async def all_done(database: Database, timeout_s: float, processes: Processes) -> None:
    try:
        await wait_for(
            lambda: (
                unsent(database) == 0 and uncollected(database) == 0 and open_jobs(database) == 0
            ),
            timeout_s,
            "every source collected and every message sent",
        )
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n{processes.everything()}") from None


def delivered(fake: FakeTelegram) -> Counter[str]:
    return Counter(message.text for message in fake.sent)


def expected_messages() -> set[str]:
    return {f"chat {5000 + chat} page {page}" for chat in range(CHATS) for page in range(PAGES)}


async def test_three_workers_fetch_each_source_once_and_send_each_message_once(
    config: tuple[Path, list[str]],
    database: Database,
    feeds: FeedServer,
    fake: FakeTelegram,
    processes: Processes,
) -> None:
    path, feed_paths = config
    assert queue_messages(database, CHATS, PAGES) == 1000
    await start_workers_then_run(processes, path, database)

    await all_done(database, 240, processes)

    assert [feeds.hits(feed) for feed in feed_paths] == [1] * SOURCES
    assert stored_articles(database) == SOURCES * ITEMS
    received = delivered(fake)
    assert set(received) == expected_messages()
    assert max(received.values()) == 1
    for chat in range(CHATS):  # a chat's pages arrive in order
        texts = [m.text for m in fake.sent if m.chat_id == 5000 + chat]
        assert texts == [f"chat {5000 + chat} page {page}" for page in range(PAGES)]
    # Every worker took part in collecting.
    for number in range(WORKERS):
        collected = [r for r in log_records(processes.logs[f"worker{number}"]) if r.get("source")]
        assert collected, processes.output(f"worker{number}")
    await processes.stop_cleanly("run", *(f"worker{n}" for n in range(WORKERS)))


async def test_a_worker_killed_with_9_mid_run_loses_nothing(
    config: tuple[Path, list[str]],
    database: Database,
    feeds: FeedServer,
    fake: FakeTelegram,
    processes: Processes,
) -> None:
    path, feed_paths = config
    fake.answer_delay_s = 0.05  # messages stay in flight long enough to be cut off
    queue_messages(database, CHATS, PAGES)
    await start_workers_then_run(processes, path, database)
    await fake.wait_until(lambda: len(fake.sent) >= 150, timeout_s=120)
    # Kill while every worker holds running jobs, so the victim surely dies mid-job (a worker
    # caught between jobs would leave nothing to take over, and prove nothing).
    await wait_for(lambda: busy_workers(database, 2) == WORKERS, 120, "every worker busy")

    await processes.kill("worker0")
    # The only repeats possible: messages accepted but not yet marked sent when it died.
    in_flight = await asyncio.to_thread(sending, database)

    await all_done(database, 240, processes)

    received = delivered(fake)
    assert set(received) == expected_messages()  # nothing lost
    repeats = sum(times - 1 for times in received.values())
    assert repeats <= in_flight
    assert [feeds.hits(feed) >= 1 for feed in feed_paths] == [True] * SOURCES
    assert stored_articles(database) == SOURCES * ITEMS  # a refetch stores nothing twice
    requeued = [
        record
        for name in ("worker1", "worker2")
        for record in log_records(processes.logs[name])
        # queued again, or closed because the same job already waits: taken over either way
        if "of a silent worker" in str(record["message"])
    ]
    assert requeued, processes.everything()  # the dead worker's jobs were taken over
    await processes.stop_cleanly("run", "worker1", "worker2")


async def test_sigterm_lets_a_worker_finish_its_messages(
    config: tuple[Path, list[str]],
    pg_url: str,
    database: Database,
    feeds: FeedServer,
    fake: FakeTelegram,
    processes: Processes,
) -> None:
    path, feed_paths = config
    path = write_config(
        path.with_name("few.yaml"),
        pg_url,
        feeds=feeds,
        paths=feed_paths[:3],
        telegram_url=fake.base_url,
        token=TOKEN,
    )
    fake.answer_delay_s = 0.2
    queue_messages(database, 40, 2)
    await processes.start("worker0", "worker", path, "--stalled-after", STALLED_AFTER_S)
    await wait_for(lambda: registered_workers(database) == 1, 90, "the worker")
    await processes.start("run", "run", path)
    await fake.wait_until(lambda: len(fake.sent) >= 10, timeout_s=120)

    await processes.stop_cleanly("worker0")
    # Nothing it took is left half-done: every message Telegram accepted is marked sent.
    assert await asyncio.to_thread(sending, database) == 0
    sent_before = len(fake.sent)
    assert unsent(database) > 0  # the rest waits in the queue for a worker

    await processes.start("worker1", "worker", path, "--stalled-after", STALLED_AFTER_S)
    await wait_for(lambda: unsent(database) == 0, 120, "the second worker")
    received = Counter(message.text for message in fake.sent)
    assert len(received) == 80 and max(received.values()) == 1
    assert len(fake.sent) > sent_before


def test_worker_without_the_postgres_queue_says_what_to_set(tmp_path: Path) -> None:
    config = tmp_path / "digestbot.yaml"
    config.write_text(f"storage:\n  url: sqlite:///{tmp_path / 'bot.db'}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "worker", "--config", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: digestbot worker needs workers.queue: postgres and storage.url on PostgreSQL; "
        "with workers.queue: none, `digestbot run` does all the work itself"
    ]


def test_the_postgres_queue_on_sqlite_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "digestbot.yaml"
    config.write_text(
        "storage:\n  url: sqlite:///bot.db\nworkers:\n  queue: postgres\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check-config", "--config", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {config}:4 workers.queue: postgres needs storage.url on PostgreSQL; "
        "with SQLite keep workers.queue: none (one process does everything)\n"
    )


async def test_processes_starting_together_create_the_queue_once(
    pg_url: str, database: Database
) -> None:
    queues = [JobQueue(pg_url) for _ in range(3)]
    try:
        await asyncio.gather(*(queue.open() for queue in queues))
        assert await queues[0].waiting() == {"todo": 0, "doing": 0}
    finally:
        for queue in queues:
            await queue.close()
