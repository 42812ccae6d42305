"""Feeds shaped as publishers really serve them, fetched from a loopback server: every encoding,
JSON Feed, bodies cut off, an error page after the items, Atom inside an XHTML page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot.collect.fetch import fetch_source
from bot.collect.pipeline import collect_once
from bot.config.settings import Settings, StorageSettings
from bot.config.sources import FetchSettings, SourceConfig
from bot.models import FetchResult, SourceState
from bot.store.database import Database
from bot.store.sources import list_sources
from tests.support.feed_shapes import ENCODINGS, RSS_TYPE, SHAPES, Shape, shape_named
from tests.support.feedserver import FeedServer

LOOPBACK = FetchSettings(allow_private_networks=True, timeout_s=5)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


async def fetch(url: str, state: SourceState | None = None) -> FetchResult:
    source = SourceConfig(name="test", url=url, full_text="never")
    async with httpx.AsyncClient() as client:
        return await fetch_source(
            client, source, state or SourceState(), LOOPBACK, base_dir=Path.cwd()
        )


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.name)
async def test_each_feed_gives_its_titles_exactly_and_names_what_is_broken(
    server: FeedServer, shape: Shape
) -> None:
    shape.serve(server)
    url = server.url(shape.path)

    result = await fetch(url)

    expected = {"ok": "new", "malformed": "new", "failed": "failed"}[shape.outcome]
    assert result.status == expected, result.error
    assert tuple(entry.title for entry in result.entries) == shape.titles
    assert result.error == (f"{url}: {shape.problem}" if shape.problem else None)


async def test_a_feed_fetch_says_it_reads_json_feed(server: FeedServer) -> None:
    # Servers that offer a feed as RSS or JSON choose by the Accept header.
    shape_named("notes.json").serve(server)

    await fetch(server.url("/notes.json"))

    accepted = server.requests[-1].headers["accept"]
    assert "application/feed+json" in accepted and "application/rss+xml" in accepted


async def test_json_feed_items_carry_link_id_text_date_and_authors(server: FeedServer) -> None:
    shape_named("notes.json").serve(server)
    shape_named("log.json").serve(server)

    notes = (await fetch(server.url("/notes.json"))).entries
    log = (await fetch(server.url("/log.json"))).entries

    html, text, summary_only, id_only = notes
    assert (html.url, html.guid, html.author) == (
        "https://notes.example/1",
        "note-1",
        "Mira Sol, Tomas Berg",
    )
    assert html.text == "The quay reopened on Monday.\nBoats are back."
    assert html.published == datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
    # A numeric id becomes text; an item naming no author has the feed's (JSON Feed 1.1).
    assert (text.guid, text.author) == ("2", "Harbour desk")
    assert text.text == "High tide at 06:12.\nLow tide at 12:30."
    assert text.published == datetime(2025, 6, 3, 8, 0, tzinfo=UTC)
    assert summary_only.url == "https://elsewhere.example/ferry-report"
    assert summary_only.text == "A report on the ferries, published elsewhere."
    assert (id_only.url, id_only.guid) == ("https://notes.example/4", "https://notes.example/4")
    # JSON Feed 1.0: one "author" object.
    assert [entry.author for entry in log] == ["Town clerk", "Town clerk"]
    assert log[0].text == "From Saturday the market is held on the square."


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        ('{"hello": "world"}', "application/json", "the document is JSON but not a JSON Feed"),
        (
            '{"version": "https://jsonfeed.org/version/1.1", "items": [',
            "application/feed+json",
            "the feed is not valid JSON (line 1, column 59: Expecting value)",
        ),
        ("[" * 100_000, "application/json", "the feed is not usable JSON (nested too deeply)"),
        (
            '{"version": "https://jsonfeed.org/version/1.1", "title": "x"}',
            "application/feed+json",
            'the JSON Feed has no "items" list',
        ),
    ],
)
async def test_json_that_is_no_usable_feed_fails_with_a_reason(
    server: FeedServer, body: str, content_type: str, error: str
) -> None:
    server.route("/feed.json", body, content_type=content_type)
    result = await fetch(server.url("/feed.json"))
    assert result.status == "failed"
    assert error in str(result.error)


@pytest.mark.parametrize("encoding", ENCODINGS)
async def test_a_feed_cut_inside_a_character_keeps_its_whole_items_exactly(
    server: FeedServer, encoding: str
) -> None:
    shape = shape_named(f"{encoding.replace('_', '-')}-declared.xml")
    second = shape.titles[1].encode(encoding)
    server.route("/cut.xml", shape.body[: shape.body.index(second) + 1], content_type=RSS_TYPE)

    result = await fetch(server.url("/cut.xml"))

    assert [entry.title for entry in result.entries] == [shape.titles[0]]
    assert str(result.error).endswith("; 1 item recovered")


@pytest.mark.parametrize("encoding", ENCODINGS)
async def test_entity_declarations_are_refused_in_every_encoding(
    server: FeedServer, encoding: str
) -> None:
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    named = "utf-16" if encoding.startswith("utf-16") else encoding
    body = f'<?xml version="1.0" encoding="{named}"?>\n<!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>'
    body += f"<rss><channel><item><title>{ENCODINGS[encoding][0]} &lol9;</title></item>"
    body += "</channel></rss>"
    bom = "\ufeff" if encoding.startswith("utf-16") else ""
    server.route("/lol.xml", (bom + body).encode(encoding), content_type="application/rss+xml")

    result = await fetch(server.url("/lol.xml"))

    assert result.status == "failed"
    assert "declares XML entities" in str(result.error)


async def test_an_unknown_entity_is_named_and_the_items_past_it_kept(server: FeedServer) -> None:
    items = "".join(
        f"<item><title>Story {n}&nbsp;here</title><link>https://amp.example/{n}</link></item>"
        for n in range(3)
    )
    server.route("/amp.xml", f"<rss><channel><title>Amp</title>{items}</channel></rss>")
    url = server.url("/amp.xml")

    result = await fetch(url)

    assert [entry.title for entry in result.entries] == [f"Story {n} here" for n in range(3)]
    assert result.error == (
        f"{url}: the feed is not well-formed XML (line 1, column 53: undefined entity); "
        "3 items read past it"
    )


async def test_a_broken_body_is_not_cached(server: FeedServer) -> None:
    shape = shape_named("cut-mid-item.xml")
    server.route(
        shape.path, shape.body, etag='"cut"', last_modified="Mon, 02 Jun 2025 08:00:00 GMT"
    )

    result = await fetch(server.url(shape.path))

    assert result.status == "new" and len(result.entries) == 2
    assert (result.etag, result.last_modified) == (None, None)  # next time it is read whole


def _settings(db: Database, server: FeedServer, tmp: Path) -> Settings:
    return Settings(
        storage=StorageSettings(url=str(db.engine.url.render_as_string(hide_password=False))),
        fetch=LOOPBACK,
        sources=[SourceConfig(name="cut", url=server.url("/cut.xml"), full_text="never")],
        base_dir=tmp,
    )


async def test_a_malformed_feed_keeps_its_whole_items_and_says_so_until_it_is_mended(
    db: Database, server: FeedServer, tmp_path: Path
) -> None:
    broken = shape_named("cut-mid-item.xml")
    server.route("/cut.xml", broken.body, content_type=broken.content_type)
    settings = _settings(db, server, tmp_path)
    url = server.url("/cut.xml")

    first = await collect_once(settings, db, defer_digests=True)
    again = await collect_once(settings, db, defer_digests=True)

    assert (first[0].status, first[0].new, first[0].malformed) == ("fetched", 2, True)
    assert (again[0].new, again[0].unchanged) == (0, 2)  # stored once, however often fetched
    with db.read() as conn:
        (row,) = list_sources(conn)
    assert row.state.failures == 0 and row.last_success is not None
    assert row.state.last_error == f"{url}: {broken.problem}"

    mended = broken.body.decode().rsplit("<item>", 1)[0] + "</channel></rss>"
    server.route("/cut.xml", mended, content_type=broken.content_type)
    (fixed,) = await collect_once(settings, db, defer_digests=True)
    assert (fixed.status, fixed.error, fixed.malformed) == ("fetched", None, False)
    with db.read() as conn:
        assert list_sources(conn)[0].state.last_error is None
