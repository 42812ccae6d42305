"""Concurrency limits, SSRF on redirects, pages, full text of thin entries and local files."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

import httpx
import pytest

from bot.collect.fetch import fetch_article, fetch_source
from bot.collect.net.http import FetchLimiter
from bot.config.sources import FetchSettings, SourceConfig
from bot.errors import FeedError
from bot.models import FetchResult, SourceState
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

ARTICLE_TEXT = (
    "The city council approved a budget of 2.1 billion euros on Tuesday after a long debate. "
    "Mayor Ana Ruiz said the plan would hire two hundred teachers and repair every school roof. "
    "Opposition leader Tomas Berg called the spending reckless and promised to vote against it. "
)


def article_page(title: str, canonical: str) -> str:
    paragraphs = "".join(f"<p>{ARTICLE_TEXT} Part {n}.</p>" for n in range(4))
    return (
        f"<!DOCTYPE html><html><head><title>{title} | City News</title>"
        f'<link rel="canonical" href="{canonical}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright City News</footer></body></html>"
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


def source(url: str, **options: object) -> SourceConfig:
    return SourceConfig.model_validate({"name": "test", "url": url, **options})


LOOPBACK = FetchSettings(allow_private_networks=True)


async def fetch_loopback(
    config: SourceConfig, known: set[str] | None = None, executor: Executor | None = None
) -> FetchResult:
    """Fetch ``config`` once from a fresh state, private addresses allowed (the server is local)."""
    async with httpx.AsyncClient() as client:
        return await fetch_source(
            client,
            config,
            SourceState(),
            LOOPBACK,
            base_dir=Path.cwd(),
            known=known,
            executor=executor,
        )


@pytest.mark.parametrize(("per_host", "concurrency", "expected"), [(2, 10, 2), (10, 3, 3)])
async def test_requests_in_flight_stay_within_limits(
    server: FeedServer, per_host: int, concurrency: int, expected: int
) -> None:
    for n in range(8):
        server.route(f"/f{n}.xml", rss_feed("News", []), delay=0.2)
    settings = FetchSettings(
        allow_private_networks=True, per_host=per_host, concurrency=concurrency
    )
    async with httpx.AsyncClient() as client:
        results = await asyncio.gather(
            *(
                fetch_source(
                    client, source(server.url(f"/f{n}.xml")), SourceState(), settings,
                    base_dir=Path.cwd(),
                )
                for n in range(8)
            )
        )  # fmt: skip
    assert [r.status for r in results] == ["new"] * 8
    assert server.max_in_flight == expected


def metadata_redirect_transport(seen: list[str]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})
        if request.url.host == "moved.example":
            return httpx.Response(301, headers={"Location": "http://intranet.example/feed"})
        return httpx.Response(200, content=b"secret")

    return httpx.MockTransport(answer)


async def fake_dns(host: str, port: int) -> list[str]:
    return {"news.example": ["93.184.216.34"], "moved.example": ["93.184.216.35"]}.get(
        host, ["10.0.0.7"]
    )


@pytest.mark.parametrize(
    ("start", "refusal"),
    [
        ("http://news.example/feed", "169.254.169.254 is a link-local address"),
        ("http://moved.example/feed", "intranet.example resolves to 10.0.0.7, which is a private"),
    ],
)
async def test_redirect_to_a_private_address_is_refused_before_connecting(
    start: str, refusal: str
) -> None:
    seen: list[str] = []
    settings = FetchSettings()
    limiter = FetchLimiter(settings.concurrency, settings.per_host, resolver=fake_dns)
    async with httpx.AsyncClient(transport=metadata_redirect_transport(seen)) as client:
        result = await fetch_source(
            client, source(start), SourceState(), settings, base_dir=Path.cwd(), limiter=limiter
        )
    assert result.status == "failed"
    assert result.error is not None
    assert result.error.startswith(f"{start}: redirected to http://")
    assert refusal in result.error
    assert seen == [start]


async def test_page_source_yields_its_article(server: FeedServer) -> None:
    canonical = "https://city.example/news/budget"
    server.route("/news/budget?ref=rss", article_page("Budget approved", canonical))
    result = await fetch_loopback(source(server.url("/news/budget?ref=rss"), kind="page"))
    assert result.status == "new", result.error
    [entry] = result.entries
    assert entry.url == canonical
    assert entry.title == "Budget approved"
    assert "Mayor Ana Ruiz said the plan" in entry.text
    assert "Copyright" not in entry.text
    assert "Sport" not in entry.text
    assert "text/html" in server.requests[0].headers["accept"]


async def test_page_without_an_article_fails(server: FeedServer) -> None:
    server.route("/empty", "<html><body></body></html>", content_type="text/html")
    result = await fetch_loopback(source(server.url("/empty"), kind="page"))
    assert result.error == f"{server.url('/empty')}: no article text found on the page"


def thin_feed(server: FeedServer) -> None:
    items = [
        FeedItem("Budget approved", server.url("/a/1"), "The council voted.", guid="g1"),
        FeedItem("Bridge", server.url("/a/2"), "Short.", guid="g2"),
    ]
    server.route("/feed.xml", rss_feed("News", items))
    server.route(
        "/a/1", article_page("Budget approved", server.url("/a/1")), content_type="text/html"
    )
    server.route("/a/2", article_page("Bridge", server.url("/a/2")), content_type="text/html")


@pytest.mark.parametrize(("full_text", "pages"), [("auto", 2), ("always", 2), ("never", 0)])
async def test_thin_entries_get_the_full_text_of_their_page(
    server: FeedServer, full_text: str, pages: int
) -> None:
    thin_feed(server)
    result = await fetch_loopback(source(server.url("/feed.xml"), full_text=full_text))
    assert result.status == "new", result.error
    fetched = server.hits("/a/1") + server.hits("/a/2")
    assert fetched == pages
    first = result.entries[0]
    if pages:
        assert "Opposition leader Tomas Berg" in first.text
    else:
        assert first.text == "The council voted."
    assert first.title == "Budget approved"


async def test_known_entries_are_not_fetched_again(server: FeedServer) -> None:
    thin_feed(server)
    result = await fetch_loopback(source(server.url("/feed.xml")), known={"g1", server.url("/a/2")})
    assert result.status == "new"
    assert server.hits("/a/1") + server.hits("/a/2") == 0


async def test_full_text_failure_keeps_the_feed_text(server: FeedServer) -> None:
    thin_feed(server)
    server.route("/a/1", status=500)
    result = await fetch_loopback(source(server.url("/feed.xml")))
    assert result.status == "new"
    assert result.entries[0].text == "The council voted."
    assert "Tomas Berg" in result.entries[1].text


async def test_local_file_source_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    feed = rss_feed("Local", [FeedItem("Hello", "https://news.example/1", "Text.", guid="l1")])
    (tmp_path / "feeds" / "local.xml").write_bytes(feed)
    config = source("file://feeds/local.xml", full_text="never")
    settings = FetchSettings()  # file:// works without allowing private networks
    async with httpx.AsyncClient() as client:
        first = await fetch_source(client, config, SourceState(), settings, base_dir=tmp_path)
        again = await fetch_source(
            client, config, SourceState(etag=first.etag), settings, base_dir=tmp_path
        )
        missing = await fetch_source(
            client, source("file://feeds/none.xml"), SourceState(), settings, base_dir=tmp_path
        )
    assert [e.title for e in first.entries] == ["Hello"]
    assert again.status == "not_modified"
    assert missing.status == "failed"
    assert f"cannot read {tmp_path / 'feeds' / 'none.xml'}" in str(missing.error)


async def test_unexpected_error_becomes_a_failed_result() -> None:
    def explode(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("transport broke")

    async with httpx.AsyncClient(transport=httpx.MockTransport(explode)) as client:
        result = await fetch_source(
            client, source("http://feeds.example/x"), SourceState(), LOOPBACK, base_dir=Path.cwd()
        )
    assert result.status == "failed"
    assert (
        result.error == "http://feeds.example/x: unexpected error (RuntimeError('transport broke'))"
    )


async def test_fetch_article_reads_one_page(server: FeedServer) -> None:
    server.route("/story", article_page("Bridge reopens", server.url("/story")))
    async with httpx.AsyncClient() as client:
        article = await fetch_article(client, server.url("/story"), LOOPBACK)
        with pytest.raises(FeedError, match="answered 404 Not Found"):
            await fetch_article(client, server.url("/gone"), LOOPBACK)
    assert article.title == "Bridge reopens"
    assert "Tomas Berg" in article.text


async def test_parsing_can_run_in_a_process_pool(server: FeedServer) -> None:
    thin_feed(server)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        result = await fetch_loopback(source(server.url("/feed.xml")), executor=pool)
    assert result.status == "new", result.error
    assert [e.title for e in result.entries] == ["Budget approved", "Bridge"]
    assert "Tomas Berg" in result.entries[0].text
