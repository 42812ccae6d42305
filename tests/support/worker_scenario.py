"""Scale-out scenario shared by tests/e2e/test_workers.py and bench/workers.py.

Feeds on a loopback :class:`FeedServer`, chats with queued messages in the outbox, the fake Bot
API, and ``digestbot run`` / ``digestbot worker`` subprocesses on one PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, insert, select, text

from bot.delivery.outbox import page_payload
from bot.ports import ChatRef, Reply
from bot.render.pages import render_page
from bot.store.chats import ensure_chat
from bot.store.database import Database
from bot.store.tables import articles, outbox, sources
from tests.support.fakes import spawn_digestbot
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

REPO = Path(__file__).resolve().parents[2]
FIRST_CHAT = 5000


def serve_feeds(server: FeedServer, count: int, items: int) -> list[str]:
    """``count`` feeds of ``items`` distinct stories each; returns their paths."""
    paths = []
    for feed in range(count):
        stories = [
            FeedItem(
                title=f"Council {feed} votes on plan {item}",
                link=f"https://news.example/{feed}/{item}",
                text=(
                    f"The council of district {feed} approved plan {item} on Monday. "
                    f"Mayor Ann Lee said plan {item} would fund {feed + item + 3} new schools. "
                    f"Opposition leader Tom Berg called vote {feed}-{item} rushed."
                ),
            )
            for item in range(items)
        ]
        path = f"/feeds/{feed}.xml"
        server.route(path, rss_feed(f"Feed {feed}", stories), etag=f'"{feed}"')
        paths.append(path)
    return paths


def write_config(
    path: Path,
    db_url: str,
    *,
    feeds: FeedServer,
    paths: list[str],
    telegram_url: str,
    token: str,
    concurrency: int = 10,
) -> Path:
    """A config with the queue on PostgreSQL, one source per feed and Telegram on the fake."""
    lines = [
        f"storage:\n  url: '{db_url}'",
        f"workers:\n  queue: postgres\n  concurrency: {concurrency}",
        "server:\n  port: 0",
        "fetch:\n  allow_private_networks: true\n  per_host: 50\n  concurrency: 50",
        f"channels:\n  telegram:\n    token: '{token}'\n    base_url: '{telegram_url}'",
        "sources:",
    ]
    for number, feed in enumerate(paths):
        lines.append(f"  - name: feed-{number}\n    url: '{feeds.url(feed)}'\n    every: 1h")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def queue_messages(
    db: Database, chat_count: int, pages: int, *, first_chat: int = FIRST_CHAT
) -> int:
    """``chat_count`` private chats (addresses from ``first_chat`` on) with ``pages`` queued
    messages each, as a digest leaves them.

    Each message's text is ``chat <address> page <n>``. Returns the number of messages.
    """
    now = datetime.now(UTC)
    rows = []
    with db.write() as conn:
        for number in range(chat_count):
            address = str(first_chat + number)
            chat = ensure_chat(conn, ChatRef("telegram", address), now, sentences=3)
            for page in range(pages):
                reply = Reply(heading=f"chat {address} page {page}")
                rows.append(
                    {
                        "chat_id": chat.id,
                        "page": page,
                        "payload": page_payload(render_page("telegram", reply)),
                        "story_ids": [],
                        "status": "queued",
                        "attempts": 0,
                        "next_attempt_at": now,
                        "created_at": now,
                    }
                )
        conn.execute(insert(outbox), rows)
    return len(rows)


def unsent(db: Database) -> int:
    with db.read() as conn:
        query = select(func.count()).select_from(outbox).where(outbox.c.status != "sent")
        return int(conn.execute(query).scalar_one())


def sending(db: Database) -> int:
    with db.read() as conn:
        query = select(func.count()).select_from(outbox).where(outbox.c.status == "sending")
        return int(conn.execute(query).scalar_one())


def uncollected(db: Database) -> int:
    """Enabled sources without a successful fetch yet."""
    with db.read() as conn:
        query = (
            select(func.count())
            .select_from(sources)
            .where(sources.c.enabled.is_(True), sources.c.last_success.is_(None))
        )
        return int(conn.execute(query).scalar_one())


def stored_articles(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


def open_jobs(db: Database) -> int:
    """Queue jobs waiting or running (0 before the queue's tables exist)."""
    with db.read() as conn:
        if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is None:
            return 0
        query = text("SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')")
        return int(conn.execute(query).scalar_one())


def busy_workers(db: Database, at_least: int) -> int:
    """Workers holding at least ``at_least`` running jobs each."""
    with db.read() as conn:
        query = text(
            "SELECT count(*) FROM (SELECT worker_id FROM procrastinate_jobs"
            " WHERE status = 'doing' AND worker_id IS NOT NULL"
            " GROUP BY worker_id HAVING count(*) >= :n) AS busy"
        )
        return int(conn.execute(query, {"n": at_least}).scalar_one())


def registered_workers(db: Database) -> int:
    with db.read() as conn:
        if conn.execute(text("SELECT to_regclass('procrastinate_workers')")).scalar() is None:
            return 0
        query = text("SELECT count(*) FROM procrastinate_workers")
        return int(conn.execute(query).scalar_one())


async def start(
    command: str, config: Path, log: BinaryIO, *extra: str
) -> asyncio.subprocess.Process:
    """``digestbot <command> --config CONFIG`` in a subprocess, stderr (JSON logs) to ``log``."""
    return await spawn_digestbot(
        command,
        config,
        *extra,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "PTB_TIMEDELTA": "1"},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=log,
    )


async def wait_for(check: object, timeout_s: float, what: str, interval_s: float = 0.2) -> None:
    """Poll ``check()`` (run in a thread) until it is true; AssertionError naming ``what``."""
    assert callable(check)
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not await asyncio.to_thread(check):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f}s waiting for {what}")
        await asyncio.sleep(interval_s)


def log_records(log: BinaryIO) -> list[dict[str, object]]:
    """The JSON log lines written so far (other lines, such as tracebacks, are skipped)."""
    log.flush()
    log.seek(0)
    records = []
    for line in log.read().decode(errors="replace").splitlines():
        if line.startswith("{"):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return records
