"""fetch_source against a real loopback HTTP server: what a source yields, and every failure."""

from __future__ import annotations

import asyncio
import gzip
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from bot.collect.fetch import fetch_source
from bot.collect.net.http import make_client
from bot.config.sources import FetchSettings, SourceConfig
from bot.models import FetchResult, SourceState
from tests.support.feedserver import FeedItem, FeedServer, atom_feed, rss_feed

LONG_TEXT = "\n".join(
    f"Paragraph {n}: the council met on Tuesday and the mayor, Ana Ruiz, said the budget "
    "would rise by four percent next year." * 2
    for n in range(4)
)
ITEMS = [
    FeedItem(
        "Council passes budget",
        "https://news.example/a/1",
        LONG_TEXT,
        guid="tag:news.example,2025:1",
        author="Lena Ortiz",
    ),
    FeedItem(
        "Bridge reopens", "https://news.example/a/2", LONG_TEXT, guid="tag:news.example,2025:2"
    ),
]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def loopback(**options: object) -> FetchSettings:
    return FetchSettings.model_validate({"allow_private_networks": True, **options})


async def fetch(
    url: str,
    settings: FetchSettings | None = None,
    state: SourceState | None = None,
    **source: object,
) -> FetchResult:
    config = SourceConfig.model_validate({"name": "test", "url": url, **source})
    settings = settings or loopback()
    async with make_client(settings) as client:
        return await fetch_source(
            client, config, state or SourceState(), settings, base_dir=Path.cwd()
        )


async def test_rss_entries_carry_title_text_link_guid_date_and_author(server: FeedServer) -> None:
    server.route("/feed.xml", rss_feed("City News", ITEMS), etag='"v1"')
    result = await fetch(server.url("/feed.xml"))
    assert result.status == "new", result.error
    assert [e.title for e in result.entries] == ["Council passes budget", "Bridge reopens"]
    first = result.entries[0]
    assert first.url == "https://news.example/a/1"
    assert first.guid == "tag:news.example,2025:1"
    assert first.author == "Lena Ortiz"
    assert first.published == datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
    assert first.text.startswith("Paragraph 0: the council met")
    assert "<p>" not in first.text
    assert result.etag == '"v1"'


async def test_atom_feed_is_read(server: FeedServer) -> None:
    server.route("/atom", atom_feed("Atom News", ITEMS), content_type="application/atom+xml")
    result = await fetch(server.url("/atom"))
    assert result.status == "new", result.error
    assert [e.guid for e in result.entries] == [item.guid for item in ITEMS]
    assert len(result.entries[1].text.splitlines()) == 4


async def test_conditional_get_answers_not_modified(server: FeedServer) -> None:
    stamp = format_datetime(datetime(2025, 6, 1, tzinfo=UTC), usegmt=True)
    server.route("/feed.xml", rss_feed("News", ITEMS), etag='"abc"', last_modified=stamp)
    first = await fetch(server.url("/feed.xml"))
    assert (first.etag, first.last_modified) == ('"abc"', stamp)
    state = SourceState(etag=first.etag, last_modified=first.last_modified)
    second = await fetch(server.url("/feed.xml"), state=state)
    assert second.status == "not_modified"
    assert second.entries == []
    assert server.requests[-1].headers["if-none-match"] == '"abc"'
    assert server.requests[-1].headers["if-modified-since"] == stamp


async def test_gzip_body_is_decoded(server: FeedServer) -> None:
    server.route("/feed.xml", rss_feed("News", ITEMS), gzip=True)
    result = await fetch(server.url("/feed.xml"))
    assert result.status == "new", result.error
    assert len(result.entries) == 2
    assert "gzip" in server.requests[0].headers["accept-encoding"]


async def test_oversized_body_fails(server: FeedServer) -> None:
    server.route("/big.xml", b"<rss>" + b" " * 300_000 + b"</rss>")
    result = await fetch(server.url("/big.xml"), loopback(max_bytes=100_000))
    assert result.status == "failed"
    assert result.error == (
        f"{server.url('/big.xml')}: the response is larger than the 97.6562 KiB limit "
        "(fetch.max_bytes)"
    )


async def test_gzip_bomb_is_cut_at_the_cap(server: FeedServer) -> None:
    bomb = gzip.compress(b"<rss>" + b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    server.route("/bomb.xml", bomb, headers={"Content-Encoding": "gzip"})
    result = await fetch(server.url("/bomb.xml"), loopback(max_bytes=1024**2))
    assert result.status == "failed"
    assert "larger than the 1 MiB limit" in str(result.error)


async def test_billion_laughs_is_refused(server: FeedServer) -> None:
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    body = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{lol}]>'
    body += "<rss><channel><item><title>&lol9;</title></item></channel></rss>"
    server.route("/lol.xml", body)
    result = await fetch(server.url("/lol.xml"))
    assert result.status == "failed"
    assert "declares XML entities" in str(result.error)


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_seconds_is_reported(server: FeedServer, status: int) -> None:
    server.route("/busy", status=status, headers={"Retry-After": "120"})
    result = await fetch(server.url("/busy"))
    assert result.status == "failed"
    assert result.retry_after_s == 120
    assert f"answered {status}" in str(result.error)
    assert "retry after 120 s" in str(result.error)


async def test_retry_after_http_date_is_reported(server: FeedServer) -> None:
    later = datetime.now(UTC) + timedelta(hours=1)
    server.route("/busy", status=429, headers={"Retry-After": format_datetime(later, usegmt=True)})
    result = await fetch(server.url("/busy"))
    assert result.retry_after_s is not None
    assert 3500 < result.retry_after_s <= 3600


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"), (500, "Internal Server Error")])
async def test_http_errors_name_the_status(server: FeedServer, status: int, reason: str) -> None:
    server.route("/x", status=status)
    result = await fetch(server.url("/x"))
    assert result == FetchResult(
        "failed", error=f"{server.url('/x')}: the server answered {status} {reason}"
    )


async def test_an_error_status_is_reported_even_if_its_body_never_comes(
    server: FeedServer,
) -> None:
    server.route("/stuck", status=404, body=b"x" * 100, body_delay=4)
    result = await fetch(server.url("/stuck"), loopback(timeout_s=3))
    assert result.error == f"{server.url('/stuck')}: the server answered 404 Not Found"


async def test_html_instead_of_feed(server: FeedServer) -> None:
    page = "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</body></html>"
    server.route("/", page, content_type="text/html")
    result = await fetch(server.url("/"))
    assert result.status == "failed"
    assert "returns an HTML page, not a feed" in str(result.error)


async def test_malformed_xml(server: FeedServer) -> None:
    server.route("/broken.xml", "<rss><channel><title>Broken</ti")
    result = await fetch(server.url("/broken.xml"))
    assert result.status == "failed"
    assert "not well-formed XML" in str(result.error)


async def test_redirect_is_followed(server: FeedServer) -> None:
    server.route("/new.xml", rss_feed("News", ITEMS))
    server.redirect("/old.xml", "/new.xml", status=301)
    result = await fetch(server.url("/old.xml"))
    assert result.status == "new", result.error
    assert len(result.entries) == 2


async def test_redirect_loop_fails(server: FeedServer) -> None:
    server.redirect("/a", server.url("/b"))
    server.redirect("/b", server.url("/a"))
    result = await fetch(server.url("/a"))
    assert result.status == "failed"
    assert "redirect loop" in str(result.error)
    assert server.hits("/a") == 1


async def test_too_many_redirects_fails(server: FeedServer) -> None:
    for n in range(10):
        server.redirect(f"/r{n}", f"/r{n + 1}")
    result = await fetch(server.url("/r0"), loopback(max_redirects=3))
    assert result.status == "failed"
    assert "more than 3 redirects" in str(result.error)
    assert server.hits("/r4") == 0


async def test_unknown_host_fails_with_dns_message() -> None:
    for settings in (loopback(), FetchSettings()):
        result = await fetch("http://no-such-feed.invalid/feed.xml", settings)
        assert result.status == "failed"
        assert str(result.error).endswith(
            "the host name no-such-feed.invalid could not be resolved"
        )


async def test_refused_connection() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = await fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert result.error == f"http://127.0.0.1:{port}/feed.xml: the connection was refused"


async def test_timeout(server: FeedServer) -> None:
    server.route("/slow", rss_feed("Slow", ITEMS), delay=3)
    result = await fetch(server.url("/slow"), loopback(timeout_s=0.3))
    assert result.error == f"{server.url('/slow')}: no answer within 0.3 s"


async def test_private_address_refused_without_connecting(server: FeedServer) -> None:
    server.route("/feed.xml", rss_feed("News", ITEMS))
    result = await fetch(server.url("/feed.xml"), FetchSettings())
    assert result.status == "failed"
    assert "refused: 127.0.0.1 is a loopback address" in str(result.error)
    assert "fetch.allow_private_networks" in str(result.error)
    assert server.requests == []


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("[2002:7f00:1::]", "a 6to4 address embedding 127.0.0.1 (a loopback address)"),
        ("[fec0::1]", "a site-local address"),
        ("[2001::7f00:1]", "a Teredo address"),
    ],
)
async def test_ipv6_addresses_embedding_private_ones_are_refused(host: str, reason: str) -> None:
    result = await fetch(f"http://{host}/feed.xml", FetchSettings())
    assert result.status == "failed"
    assert str(result.error).startswith(f"http://{host}/feed.xml: refused: {host.strip('[]')} is ")
    assert reason in str(result.error)
    assert "fetch.allow_private_networks" in str(result.error)


async def test_host_name_resolving_to_loopback_is_refused(server: FeedServer) -> None:
    server.route("/feed.xml", rss_feed("News", ITEMS))
    result = await fetch(f"http://localhost:{server.port}/feed.xml", FetchSettings())
    assert result.status == "failed"
    assert "refused: localhost resolves to " in str(result.error)
    assert "which is a loopback address" in str(result.error)
    assert server.requests == []


async def test_one_source_failing_leaves_others_fetching(server: FeedServer) -> None:
    server.route("/ok.xml", rss_feed("News", ITEMS))
    results = await asyncio.gather(fetch(server.url("/missing.xml")), fetch(server.url("/ok.xml")))
    assert [r.status for r in results] == ["failed", "new"]


async def test_unchanged_and_failing_feeds_keep_the_connection_open(server: FeedServer) -> None:
    server.route("/feed.xml", rss_feed("News", ITEMS), etag='"v1"')
    server.route("/gone", status=404, body=b"gone")
    source = SourceConfig(name="n", url=server.url("/feed.xml"))
    gone = SourceConfig(name="g", url=server.url("/gone"))
    async with httpx.AsyncClient() as client:
        for config in (source, gone, source, gone):
            await fetch_source(
                client, config, SourceState(etag='"v1"'), loopback(), base_dir=Path.cwd()
            )
    assert server.hits("/feed.xml") == 2
    assert server.connections == 1
