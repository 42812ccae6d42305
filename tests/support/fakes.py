"""Test helpers for the chat core: stored sources and articles, services, a recording port."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import IO, Any

import httpx
from sqlalchemy import insert

from bot.commands import Request, Services
from bot.config.settings import Settings
from bot.config.sources import SourceConfig
from bot.ports import ChatRef, Page, SentMessage
from bot.store.database import Database
from bot.store.sources import sync_sources
from bot.store.tables import articles

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

LAGARDE = {
    "name": "Christine Lagarde",
    "type": "person",
    "role": "ECB President",
    "mentions": 3,
    "positions": [
        {"text": "Lagarde said inflation was easing", "quote": "We are not done yet"},
    ],
    "aliases": ["Lagarde"],
}
ECB = {"name": "European Central Bank", "type": "org", "role": None, "mentions": 2}
MAYOR = {
    "name": "Ana Ruiz",
    "type": "person",
    "role": "Mayor",
    "mentions": 2,
    "positions": [{"text": "Ruiz rejected the cuts to libraries", "quote": None}],
    "aliases": ["Ruiz"],
}
# A position someone else reported ("according to Trump, Putin indicated ..."), stored as the
# collector stores an attribution, with characters chat markup must show as written.
REPORTED_STANCE = "indicated an openness to <security> guarantees & *talks* _soon_"
PUTIN = {
    "name": "Vladimir Putin",
    "type": "person",
    "role": "Russian President",
    "mentions": 2,
    "positions": [
        {
            "text": REPORTED_STANCE,
            "quote": None,
            "speaker": "Putin",
            "actor": "Vladimir Putin",
            "cue": "indicated",
            "span": [41, 104],
            "speaker_span": [29, 34],
            "cue_span": [35, 44],
            "reported_by": "Donald Trump",
        }
    ],
    "aliases": ["Putin"],
}
TRUMP = {"name": "Donald Trump", "type": "person", "role": "President", "mentions": 1}


def settings_for(url: str, *sources: SourceConfig, **overrides: Any) -> Settings:
    data: dict[str, Any] = {"storage": {"url": url}, "fetch": {"allow_private_networks": True}}
    data.update(overrides)
    return Settings.model_validate(data).model_copy(update={"sources": list(sources)})


SOURCES = (
    SourceConfig(name="wire", url="https://wire.example/feed.xml", tags=["economy"]),
    SourceConfig(name="city", url="https://city.example/feed.xml", tags=["local"]),
)


def store_sources(db: Database, sources: Sequence[SourceConfig] = SOURCES) -> dict[str, int]:
    with db.write() as conn:
        return sync_sources(conn, sources)


_guids = count(1)


def store_article(
    db: Database,
    source_id: int,
    title: str,
    *,
    summary: Sequence[str] = ("First sentence.", "Second sentence.", "Third sentence."),
    actors: Sequence[dict[str, Any]] = (),
    text: str = "Body text. " * 50,
    fetched_at: datetime = NOW - timedelta(hours=1),
    published: datetime | None = None,
) -> int:
    n = next(_guids)
    with db.write() as conn:
        return int(
            conn.execute(
                insert(articles)
                .returning(articles.c.id)
                .values(
                    source_id=source_id,
                    guid=f"guid-{n}",
                    url=f"https://news.example/{n}",
                    canonical_url=f"https://news.example/{n}",
                    title=title,
                    text=text,
                    content_hash=f"{n:064d}",
                    published=published,
                    fetched_at=fetched_at,
                    summary=list(summary),
                    actors=list(actors),
                    digest_algorithm="default",
                )
            ).scalar_one()
        )


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def services_for(
    db: Database, settings: Settings, client: httpx.AsyncClient, clock: Clock | None = None
) -> Services:
    return Services(db=db, settings=settings, client=client, clock=clock or Clock())


@asynccontextmanager
async def serving(db: Database, db_url: str, clock: Clock | None = None) -> AsyncIterator[Services]:
    """Services on ``db`` with default settings and a real HTTP client, closed afterwards."""
    async with httpx.AsyncClient() as client:
        yield services_for(db, settings_for(db_url), client, clock)


def store_two_stories(
    db: Database, wire_title: str, wire_summary: Sequence[str] | None = None
) -> None:
    """The wire's ECB story (two hours old) and the city's council story, both with actors."""
    ids = store_sources(db)
    extra: dict[str, Any] = {} if wire_summary is None else {"summary": wire_summary}
    store_article(
        db,
        ids["wire"],
        wire_title,
        actors=[LAGARDE, ECB],
        fetched_at=NOW - timedelta(hours=2),
        **extra,
    )
    store_article(db, ids["city"], "Council passes budget", actors=[MAYOR])


def store_reported_story(db: Database) -> int:
    """The wire's newest story: Trump reporting Putin's position (half an hour old)."""
    ids = store_sources(db)
    return store_article(
        db,
        ids["wire"],
        "Talks on guarantees",
        actors=[PUTIN, TRUMP],
        fetched_at=NOW - timedelta(minutes=30),
    )


PRIVATE = ChatRef("console", "42", "private", "Reader")
GROUP = ChatRef("console", "-100500", "supergroup", "Newsroom")


def request(text: str, chat: ChatRef = PRIVATE, *, admin: bool = True, **kw: Any) -> Request:
    async def is_admin() -> bool:
        return admin

    return Request(chat=chat, text=text, is_admin=is_admin, **kw)


@dataclass
class RecordingPort:
    """A ChatPort that keeps the pages it was asked to send (or raises what it is told to)."""

    platform: str = "console"
    sent: list[tuple[ChatRef, Page]] = field(default_factory=list)
    fail_with: dict[str, Exception] = field(default_factory=dict)
    _ids: count[int] = field(default_factory=lambda: count(1))

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send_page(self, chat: ChatRef, page: Page) -> SentMessage:
        if chat.address in self.fail_with:
            raise self.fail_with[chat.address]
        self.sent.append((chat, page))
        return SentMessage(str(next(self._ids)), page.story_ids)


async def spawn_digestbot(
    command: str,
    config: Path,
    *extra: str,
    cwd: Path,
    env: Mapping[str, str],
    stdout: int | IO[Any],
    stderr: int | IO[Any],
) -> asyncio.subprocess.Process:
    """``digestbot <command> --config CONFIG [extra...]`` in a subprocess of this Python."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        command,
        "--config",
        str(config),
        *extra,
        cwd=cwd,
        env=env,
        stdout=stdout,
        stderr=stderr,
    )
