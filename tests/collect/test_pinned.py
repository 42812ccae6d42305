"""DNS rebinding: make_client's connections go only to the addresses the guard checked.

A fake resolver answers the guard, and a fake network records every address the client dials:
the public-looking test addresses lead to a loopback feed server, any other address is
unreachable, and a host *name* handed to it is resolved by the system (``localhost`` reaching the
server would mean the client looked the name up again).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Iterable, Iterator

import httpcore
import pytest

from bot.collect.net.guard import Resolver
from bot.collect.net.http import FetchFailed, fetch_url, make_client
from bot.collect.net.pinned import interleaved
from bot.config.sources import FetchSettings
from tests.support.feedserver import TEST_CA, FeedItem, FeedServer, feeds_test_tls, rss_feed

PUBLIC = "93.184.216.34"
PUBLIC_2 = "93.184.216.35"
PUBLIC_V6 = "2606:4700::1111"
GUARDED = FetchSettings(timeout_s=10)
FEED = rss_feed("Harbour News", [FeedItem("Ferry returns", "https://feeds.test/1", "Text.")])


class Dns:
    """Answers each lookup with the next list of addresses (the last one repeats)."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


class Network(httpcore.AsyncNetworkBackend):
    """Stands in for the internet; ``reach`` addresses lead to the loopback port dialled."""

    def __init__(self, reach: Iterable[str] = (), stall: Iterable[str] = ()) -> None:
        self.dialled: list[tuple[str, int]] = []
        self.cancelled: list[str] = []
        self._reach = set(reach)
        self._stall = set(stall)
        self._loopback = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.dialled.append((host, port))
        if host in self._stall:
            try:
                await asyncio.Event().wait()
            finally:
                self.cancelled.append(host)
        if host in self._reach:
            return await self._loopback.connect_tcp("127.0.0.1", port, timeout=timeout)
        try:
            ipaddress.ip_address(host)
        except ValueError:  # a name: the system resolves it, as httpx alone would
            return await self._loopback.connect_tcp(host, port, timeout=timeout)
        raise httpcore.ConnectError(f"{host} is unreachable from the tests")


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        running.route("/feed.xml", FEED)
        yield running


async def fetch(url: str, dns: Resolver, network: Network) -> bytes:
    async with make_client(GUARDED, resolver=dns, network=network) as client:
        body = await fetch_url(client, url, GUARDED)
    assert body is not None
    return body.content


async def test_the_connection_never_looks_the_name_up_again(server: FeedServer) -> None:
    # The guard hears a public address; a second lookup of "localhost" would give 127.0.0.1.
    dns, network = Dns([PUBLIC]), Network()
    with pytest.raises(FetchFailed, match=f"could not connect .*{PUBLIC} is unreachable"):
        await fetch(f"http://localhost:{server.port}/feed.xml", dns, network)
    assert network.dialled == [(PUBLIC, server.port)]
    assert dns.asked == ["localhost"]
    assert server.connections == 0


async def test_each_connection_dials_the_answer_it_checked(server: FeedServer) -> None:
    dns = Dns([PUBLIC], ["127.0.0.1"])  # rebinding: the second answer is loopback
    network = Network(reach=[PUBLIC])
    url = f"http://feeds.test:{server.port}/feed.xml"
    async with make_client(GUARDED, resolver=dns, network=network) as client:
        for _ in range(2):  # the pooled connection is reused: no second lookup
            body = await fetch_url(client, url, GUARDED)
            assert body is not None and body.content == FEED
    assert dns.asked == ["feeds.test"]
    assert network.dialled == [(PUBLIC, server.port)]
    assert [seen.headers["host"] for seen in server.requests] == [f"feeds.test:{server.port}"] * 2
    # A new connection looks the name up again, and the loopback answer is refused.
    with pytest.raises(
        FetchFailed, match=r"refused: feeds\.test resolves to 127\.0\.0\.1, which is"
    ):
        await fetch(url, dns, network)
    assert network.dialled == [(PUBLIC, server.port)]
    assert server.connections == 1


async def test_one_private_address_refuses_the_host(server: FeedServer) -> None:
    network = Network(reach=[PUBLIC_V6])
    with pytest.raises(
        FetchFailed, match=r"feeds\.test resolves to 10\.0\.0\.7, which is a private"
    ):
        await fetch(
            f"http://feeds.test:{server.port}/feed.xml", Dns([PUBLIC_V6, "10.0.0.7"]), network
        )
    assert network.dialled == []
    assert server.connections == 0


async def test_an_unreachable_ipv6_address_falls_back_to_ipv4(server: FeedServer) -> None:
    network = Network(reach=[PUBLIC])
    url = f"http://feeds.test:{server.port}/feed.xml"
    assert await fetch(url, Dns([PUBLIC_V6, PUBLIC]), network) == FEED
    assert network.dialled == [(PUBLIC_V6, server.port), (PUBLIC, server.port)]


async def test_a_stalled_address_gives_way_to_the_next(server: FeedServer) -> None:
    network = Network(reach=[PUBLIC], stall=[PUBLIC_V6])
    body = await fetch(
        f"http://feeds.test:{server.port}/feed.xml", Dns([PUBLIC_V6, PUBLIC]), network
    )
    assert body == FEED
    assert network.dialled == [(PUBLIC_V6, server.port), (PUBLIC, server.port)]
    assert network.cancelled == [PUBLIC_V6]


def test_address_families_alternate_from_the_first_answer() -> None:
    answers = [PUBLIC, PUBLIC_2, PUBLIC, PUBLIC_V6, "2606:4700::1001"]
    assert interleaved(answers) == [PUBLIC, PUBLIC_V6, PUBLIC_2, "2606:4700::1001"]


@pytest.mark.parametrize(
    ("location", "refusal"),
    [
        ("http://169.254.169.254/latest/", "169.254.169.254 is a link-local address"),
        (
            "http://intranet.example/feed",
            "intranet.example resolves to 10.0.0.7, which is a private",
        ),
    ],
)
async def test_every_redirect_hop_is_checked_when_dialled(
    server: FeedServer, location: str, refusal: str
) -> None:
    server.redirect("/moved", location)
    dns = Dns([PUBLIC], ["10.0.0.7"])
    network = Network(reach=[PUBLIC])
    with pytest.raises(FetchFailed, match=f"redirected to {location}: refused: {refusal}"):
        await fetch(f"http://feeds.test:{server.port}/moved", dns, network)
    assert network.dialled == [(PUBLIC, server.port)]
    assert server.hits("/moved") == 1


async def test_tls_names_the_host_and_verifies_its_certificate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TEST_CA))  # trust the test CA, as an operator would
    network = Network(reach=[PUBLIC])
    with FeedServer(tls=feeds_test_tls()) as server:
        server.route("/feed.xml", FEED)
        body = await fetch(f"https://feeds.test:{server.port}/feed.xml", Dns([PUBLIC]), network)
        assert body == FEED
        assert server.server_names == ["feeds.test"]
        assert server.requests[0].headers["host"] == f"feeds.test:{server.port}"
        # The certificate is checked against the name asked for, not against the address.
        with pytest.raises(FetchFailed, match=r"the TLS certificate is not valid \(.*mismatch"):
            await fetch(f"https://other.test:{server.port}/feed.xml", Dns([PUBLIC]), network)
        assert server.server_names == ["feeds.test", "other.test"]
    assert network.dialled == [(PUBLIC, server.port)] * 2


async def test_environment_proxies_are_used_only_when_private_networks_are_allowed(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with FeedServer() as proxy:
        proxy.route("http://feeds.test/feed.xml", FEED)  # a forward proxy sees the full URL
        for name in ("NO_PROXY", "no_proxy", "http_proxy", "https_proxy", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy.url())
        network = Network()
        with (
            caplog.at_level(logging.WARNING, logger="bot.collect.net.pinned"),
            pytest.raises(FetchFailed, match="could not connect"),
        ):
            await fetch("http://feeds.test/feed.xml", Dns([PUBLIC]), network)
        assert network.dialled == [(PUBLIC, 80)]
        assert proxy.connections == 0
        assert "http_proxy set in the environment but not used" in caplog.text
        allowed = FetchSettings(allow_private_networks=True)
        async with make_client(allowed) as client:
            body = await fetch_url(client, "http://feeds.test/feed.xml", allowed)
        assert body is not None and body.content == FEED
        assert proxy.hits("http://feeds.test/feed.xml") == 1
