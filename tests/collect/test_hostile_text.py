"""Hostile feed text: control characters are dropped before storing, and a source whose items
cannot be stored fails (with backoff) while the other sources carry on, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

import bot.collect.pipeline as pipeline
from bot.collect.pipeline import collect_once
from bot.config.settings import Settings, StorageSettings
from bot.config.sources import FetchSettings, SourceConfig
from bot.models import SourceState
from bot.store.database import Database
from bot.store.sources import list_sources
from bot.store.tables import articles
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

BODY = (
    "The harbour authority of Eastwick opened a new ferry terminal on Monday morning.\n"
    "Director Paula Nunes said crossings to the islands would double in the summer.\n"
    "Fishermen asked for a second quay and the authority promised a study by spring."
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        yield feeds


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


def settings_for(db: Database, server: FeedServer, paths: dict[str, str], tmp: Path) -> Settings:
    return Settings(
        storage=StorageSettings(url=str(db.engine.url.render_as_string(hide_password=False))),
        fetch=FetchSettings(allow_private_networks=True, timeout_s=5),
        sources=[
            SourceConfig(name=name, url=server.url(path), full_text="never")
            for name, path in paths.items()
        ],
        base_dir=tmp,
    )


def json_feed(items: list[dict[str, Any]]) -> str:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour", "items": items}
    return json.dumps(feed)


def stored(db: Database) -> dict[str, Any]:
    with db.read() as conn:
        rows = conn.execute(select(articles).order_by(articles.c.id)).all()
    return {row.url: row for row in rows}


def states(db: Database) -> dict[str, SourceState]:
    with db.read() as conn:
        return {row.name: row.state for row in list_sources(conn)}


async def test_control_characters_are_dropped_and_the_feed_is_stored(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    hostile = {
        "id": "ferry-1",
        "url": "https://harbour.example/ferry\x00-1",
        "title": "Ferry\x00 terminal\x1b opens\nin Eastwick",
        "content_text": "The harbour\x00 authority opened\x07 a terminal.\r\n\tIt cost\x0c " + BODY,
        "authors": [{"name": "Paula\x00 Nunes"}],
    }
    server.route("/harbour.json", json_feed([hostile]), content_type="application/feed+json")
    server.route(
        "/wire.xml", rss_feed("Wire", [FeedItem("Quay study due", "https://w.example/1", BODY)])
    )
    settings = settings_for(db, server, {"harbour": "/harbour.json", "wire": "/wire.xml"}, tmp_path)

    reports = {r.name: r for r in await collect_once(settings, db, executor=executor)}

    assert {name: (r.status, r.new, r.error) for name, r in reports.items()} == {
        "harbour": ("fetched", 1, None),
        "wire": ("fetched", 1, None),
    }
    row = stored(db)["https://harbour.example/ferry-1"]
    assert row.title == "Ferry terminal opens in Eastwick"
    assert row.text.startswith("The harbour authority opened a terminal.\nIt cost\n")
    assert "\x00" not in row.text and "\x07" not in row.text
    assert "https://w.example/1" in stored(db)


async def test_a_source_that_cannot_be_stored_fails_with_backoff_and_others_carry_on(
    db: Database,
    server: FeedServer,
    executor: ThreadPoolExecutor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server.route("/bad.xml", rss_feed("Bad", [FeedItem("Storm", "https://b.example/1", BODY)]))
    server.route("/good.xml", rss_feed("Good", [FeedItem("Calm", "https://g.example/1", BODY)]))
    settings = settings_for(db, server, {"bad": "/bad.xml", "good": "/good.xml"}, tmp_path)
    real_apply = pipeline.apply_plans

    def apply_plans(conn: Connection, source_id: int, plans: Any, *args: Any) -> Any:
        if any(plan.item.entry.url.startswith("https://b.example/") for plan in plans):
            raise OperationalError("INSERT", {}, Exception("the disk is full"))
        return real_apply(conn, source_id, plans, *args)

    monkeypatch.setattr(pipeline, "apply_plans", apply_plans)

    reports = {r.name: r for r in await collect_once(settings, db, executor=executor)}

    assert (reports["good"].status, reports["good"].new) == ("fetched", 1)
    assert (reports["bad"].status, reports["bad"].error) == (
        "failed",
        "database error: the disk is full",
    )
    assert reports["bad"].next_fetch_after is not None
    bad = states(db)["bad"]
    assert (bad.failures, bad.last_error) == (1, "database error: the disk is full")
    assert bad.next_fetch_after == reports["bad"].next_fetch_after
    assert list(stored(db)) == ["https://g.example/1"]


async def test_a_nul_byte_in_an_rss_title_does_not_sink_the_feed(
    db: Database, server: FeedServer, executor: ThreadPoolExecutor, tmp_path: Path
) -> None:
    items = [FeedItem("Ferry\x00 terminal opens", "https://harbour.example/2", BODY)]
    server.route("/harbour.xml", rss_feed("Harbour", items))
    settings = settings_for(db, server, {"harbour": "/harbour.xml"}, tmp_path)

    [report] = await collect_once(settings, db, executor=executor)

    assert (report.status, report.new) == ("fetched", 1), report.error
    assert stored(db)["https://harbour.example/2"].title == "Ferry terminal opens"
