"""The scheduler: one job per source, first runs from the stored fetch times, graceful stops."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from bot.app.run import run_until_stopped
from bot.app.scheduler import JOB_DEFAULTS, build_scheduler, first_run_time
from bot.collect.pipeline import collect_once
from bot.collect.summarising import Summariser
from bot.config.settings import Settings
from bot.config.sources import FetchSettings, SourceConfig
from bot.models import SourceState
from bot.store.database import Database, open_database
from bot.store.tables import articles
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
TEXT = (
    "The regional rail operator announced a new timetable on Monday.\n"
    "Chief executive Maria Olsen said trains would run every ten minutes at peak hours."
)


def feed(count: int, name: str = "wire") -> bytes:
    items = [
        FeedItem(f"Timetable {n}", f"https://news.example/{name}/{n}", TEXT, guid=f"{name}-{n}")
        for n in range(count)
    ]
    return rss_feed(name, items)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        yield feeds


@pytest.fixture
def summariser() -> Iterator[Summariser]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield Summariser(Settings().digest, pool)


def settings_for(server: FeedServer, *sources: SourceConfig) -> Settings:
    return Settings(
        fetch=FetchSettings(allow_private_networks=True, timeout_s=5), sources=list(sources)
    )


def source(server: FeedServer, name: str, every: str = "15m", **options: object) -> SourceConfig:
    return SourceConfig.model_validate(
        {"name": name, "url": server.url(f"/{name}.xml"), "every": every, **options}
    )


def count_articles(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


async def eventually(condition: Callable[[], bool], what: str, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(0.05)


def test_first_run_follows_the_last_fetch_and_the_backoff() -> None:
    every = timedelta(minutes=15)
    assert first_run_time(SourceState(), every, NOW) == NOW
    fetched = SourceState(last_fetch=NOW - timedelta(minutes=5))
    assert first_run_time(fetched, every, NOW) == NOW + timedelta(minutes=10)
    overdue = SourceState(last_fetch=NOW - timedelta(hours=3))
    assert first_run_time(overdue, every, NOW) == NOW
    backing_off = SourceState(last_fetch=NOW, next_fetch_after=NOW + timedelta(hours=2))
    assert first_run_time(backing_off, every, NOW) == NOW + timedelta(hours=2)


async def test_one_job_per_enabled_source_with_fixed_ids(
    db: Database, server: FeedServer, summariser: Summariser
) -> None:
    settings = settings_for(
        server,
        source(server, "wire", "15m"),
        source(server, "city", "2h"),
        source(server, "old", "1h", enabled=False),
    )
    async with httpx.AsyncClient() as client:
        scheduler = build_scheduler(settings, db, client, summariser=summariser, now=NOW)
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {"collect:wire", "collect:city", "digests:pending"}
        wire, city = jobs["collect:wire"], jobs["collect:city"]
        assert wire.trigger.interval == timedelta(minutes=15)
        assert city.trigger.interval == timedelta(hours=2)
        assert 0 < wire.trigger.jitter <= 90 and city.trigger.jitter == 300
        for job in (wire, city):
            assert (job.coalesce, job.max_instances) == (True, 1)
            assert job.misfire_grace_time == JOB_DEFAULTS["misfire_grace_time"] >= 600
            assert job.next_run_time == NOW  # never fetched: due at once

        # Added again under the same id, a job replaces the old one instead of doubling it.
        scheduler.start(paused=True)
        try:
            scheduler.add_periodic(
                "collect:wire", summariser.digest, every=timedelta(minutes=5), first_run=NOW
            )
            assert sorted(job.id for job in scheduler.get_jobs()) == sorted(jobs)
        finally:
            await scheduler.stop()


async def test_a_restart_neither_refetches_at_once_nor_forgets(
    db: Database, server: FeedServer, summariser: Summariser
) -> None:
    settings = settings_for(server, source(server, "wire", "15m"), source(server, "city", "15m"))
    server.route("/wire.xml", feed(2))
    server.route("/city.xml", feed(1, "city"))
    await collect_once(settings, db, only="wire", force=True, executor=ThreadPoolExecutor(1))
    now = datetime.now(UTC)

    async with httpx.AsyncClient() as client:
        scheduler = build_scheduler(settings, db, client, summariser=summariser, now=now)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    wire_due = jobs["collect:wire"].next_run_time
    assert now + timedelta(minutes=14) < wire_due <= now + timedelta(minutes=15)
    assert jobs["collect:city"].next_run_time == now


async def test_due_jobs_collect_and_write_state_to_the_database(
    db: Database, server: FeedServer, summariser: Summariser
) -> None:
    settings = settings_for(server, source(server, "wire", "1m"))
    server.route("/wire.xml", feed(3), etag='"v1"')
    async with httpx.AsyncClient() as client:
        scheduler = build_scheduler(settings, db, client, summariser=summariser)
        scheduler.start()
        try:
            await eventually(lambda: count_articles(db) == 3, "3 articles stored")
        finally:
            await scheduler.stop()
    assert server.hits("/wire.xml") == 1
    assert not scheduler.running


async def test_stopping_lets_a_running_collection_finish(
    db: Database, server: FeedServer, summariser: Summariser
) -> None:
    settings = settings_for(server, source(server, "wire", "1m"))
    server.route("/wire.xml", feed(4), delay=1.0)
    stop = asyncio.Event()
    running = asyncio.create_task(run_until_stopped(settings, db, stop))
    await eventually(lambda: server.in_flight == 1, "the feed is being fetched")

    stop.set()
    await asyncio.wait_for(running, 30)

    assert count_articles(db) == 4


def test_digestbot_run_stops_cleanly_on_sigterm(
    db_url: str, server: FeedServer, tmp_path: Path
) -> None:
    server.route("/wire.xml", feed(2))
    config = tmp_path / "digestbot.yaml"
    config.write_text(
        f"storage:\n  url: {db_url}\n"
        "fetch:\n  allow_private_networks: true\n"
        f"sources:\n  - name: wire\n    url: {server.url('/wire.xml')}\n    every: 1m\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while server.hits("/wire.xml") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.hits("/wire.xml") == 1, "the scheduler never fetched the feed"
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "received SIGTERM" in err
    assert "digestbot stopped cleanly" in err
    assert "Traceback" not in err
    db = open_database(db_url)
    try:
        assert count_articles(db) == 2  # the collection running at SIGTERM was finished
    finally:
        db.close()
