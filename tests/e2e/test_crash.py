"""kill -9 during `digestbot collect --once`, then run again: every article stored exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from bot.store.database import Database, create_db_engine, open_database
from bot.store.tables import articles
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

REPO = Path(__file__).resolve().parents[2]
SOURCES = 16
ITEMS = 8
TEXT = (
    "Harbour workers in Eastport began a two-day strike on Thursday over pay.\n"
    "Union leader Pavel Novak said the port authority had ignored three offers.\n"
    '"We will stay out until they talk to us," Novak said outside the main gate.\n'
    "Port director Ines Moreau said talks would resume next week."
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        for s in range(SOURCES):
            items = [
                FeedItem(
                    f"Eastport strike day {s}-{n}",
                    f"https://news.example/s{s}/{n}",
                    f"{TEXT}\nReport {s}-{n}.",
                    guid=f"s{s}-{n}",
                )
                for n in range(ITEMS)
            ]
            # Slow answers spread the commits over seconds, so kills land between them.
            feeds.route(f"/s{s}.xml", rss_feed(f"Source {s}", items), etag=f'"s{s}"', delay=0.3)
        yield feeds


def stored_count(db: Database) -> int:
    try:
        with db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
    except DBAPIError:
        return 0  # the first run has not created the tables yet


def start_collect(config: Path, cwd: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "collect", "--once", "--config", str(config)],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its worker processes die with it, as under a service manager
    )


def test_kill_9_at_random_moments_loses_and_duplicates_nothing(
    db_url: str, server: FeedServer, tmp_path: Path
) -> None:
    config = tmp_path / "digestbot.yaml"
    lines = [f"storage:\n  url: {db_url}\n", "fetch:\n  allow_private_networks: true\n"]
    lines.append("sources:\n")
    for s in range(SOURCES):
        lines.append(f"  - {{name: s{s}, url: '{server.url(f'/s{s}.xml')}', full_text: never}}\n")
    config.write_text("".join(lines), encoding="utf-8")
    total = SOURCES * ITEMS
    rng = random.Random(os.environ.get("CRASH_SEED", "digestbot"))

    watcher = Database(create_db_engine(db_url))
    kills_mid_run = 0
    with (tmp_path / "collect.log").open("wb") as log:
        # First a kill during start-up (migrations, source sync), wherever it lands.
        process = start_collect(config, tmp_path, log)
        time.sleep(rng.uniform(0.2, 1.5))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for _ in range(8):
            before = stored_count(watcher)
            if kills_mid_run >= 3 or before == total:
                break
            process = start_collect(config, tmp_path, log)
            deadline = time.monotonic() + 90
            # Wait until this run has committed something, then kill it soon after.
            while process.poll() is None and stored_count(watcher) == before:
                assert time.monotonic() < deadline, "collect never stored anything"
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.3))
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                kills_mid_run += stored_count(watcher) < total
            process.wait()
        watcher.close()
        assert kills_mid_run >= 1, "no kill landed while articles were still being stored"

        final = start_collect(config, tmp_path, log)
        final.wait(timeout=120)
    assert final.returncode == 0, (tmp_path / "collect.log").read_text()

    db = open_database(db_url)
    try:
        assert_each_article_stored_once(db, total)
    finally:
        db.close()


def assert_each_article_stored_once(db: Database, total: int) -> None:
    with db.read() as conn:
        rows = conn.execute(
            select(articles.c.guid, func.count())
            .group_by(articles.c.guid)
            .order_by(articles.c.guid)
        ).all()
        pending = conn.execute(
            select(func.count()).select_from(articles).where(articles.c.digest_pending.is_(True))
        ).scalar_one()
    expected = sorted(f"s{s}-{n}" for s in range(SOURCES) for n in range(ITEMS))
    assert [row[0] for row in rows] == expected
    assert {row[1] for row in rows} == {1}
    assert len(rows) == total
    assert pending == 0  # digests were committed with their articles
