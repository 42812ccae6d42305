"""Connections only to checked addresses: the fetcher's httpx client without DNS rebinding.

httpx resolves a host name itself when it connects, so a check made before the request could see
a public address while the connection goes to 127.0.0.1 (a DNS server answering differently
each time). Here the connection pool dials through :class:`PinnedBackend`, which resolves the
host once, refuses it unless every address passes :mod:`bot.collect.net.guard` (one private
address refuses the host) and connects to one of those very addresses, IPv6 or IPv4. httpcore
still keys its pool by the URL's host and starts TLS with that name, so pooled connections are
reused, and the Host header, SNI and certificate verification stay on the name.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import urllib.request
import weakref
from collections.abc import Callable, Coroutine, Iterable, Sequence
from itertools import chain, zip_longest
from typing import Any

import httpcore
import httpx

from bot.collect.net import guard

__all__ = [
    "PinnedBackend",
    "PinnedTransport",
    "first_connected",
    "interleaved",
    "is_pinned",
    "pinned_client",
]

log = logging.getLogger(__name__)

# As anyio's connect_tcp: the next address is tried when the previous one is this slow.
HAPPY_EYEBALLS_DELAY_S = 0.25

Dial = Callable[[str], Coroutine[Any, Any, httpcore.AsyncNetworkStream]]

_pinned: weakref.WeakSet[httpx.AsyncClient] = weakref.WeakSet()


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Open TCP connections only to addresses of the host that the guard has checked.

    ``resolver`` answers the one DNS query per connection; ``network`` opens the sockets (the
    anyio backend httpcore uses by default). Both are seams for tests.
    """

    def __init__(
        self,
        resolver: guard.Resolver = guard.resolve,
        network: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._resolver = resolver
        self._network = network or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                checked = await guard.checked_addresses(host, port, resolver=self._resolver)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"{host} was not resolved in time") from None
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"{host} could not be resolved ({exc})") from exc

        async def dial(address: str) -> httpcore.AsyncNetworkStream:
            return await self._network.connect_tcp(
                address,
                port,
                timeout=timeout,
                local_address=local_address,
                socket_options=socket_options,
            )

        return await first_connected(interleaved([str(a) for a in checked]), dial)

    async def sleep(self, seconds: float) -> None:
        await self._network.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's default transport, its connection pool dialling through a :class:`PinnedBackend`."""

    def __init__(self, backend: PinnedBackend, limits: httpx.Limits) -> None:
        context = httpx.create_ssl_context()
        super().__init__(verify=context, limits=limits)
        # httpx's transport takes no network backend of its own, so the pool it built is
        # replaced by the same pool (same TLS context and limits) with ``backend`` underneath.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


def pinned_client(
    *,
    timeout: httpx.Timeout,
    headers: dict[str, str],
    limits: httpx.Limits,
    resolver: guard.Resolver = guard.resolve,
    network: httpcore.AsyncNetworkBackend | None = None,
) -> httpx.AsyncClient:
    """An AsyncClient whose every connection goes to a checked address (no redirects followed).

    Proxies from the environment are not used: a proxy resolves the name again itself.
    """
    _warn_about_proxies()
    transport = PinnedTransport(PinnedBackend(resolver, network), limits)
    client = httpx.AsyncClient(
        transport=transport,
        trust_env=False,
        timeout=timeout,
        headers=headers,
        follow_redirects=False,
    )
    _pinned.add(client)
    return client


def is_pinned(client: httpx.AsyncClient) -> bool:
    """Whether ``client`` came from :func:`pinned_client`."""
    return client in _pinned


def interleaved(addresses: Sequence[str]) -> list[str]:
    """Alternate address families, the first answer's family first (RFC 8305, section 4)."""
    unique = list(dict.fromkeys(addresses))
    if not unique:
        return []
    ipv6 = ":" in unique[0]
    first = [a for a in unique if (":" in a) == ipv6]
    other = [a for a in unique if (":" in a) != ipv6]
    return [a for a in chain.from_iterable(zip_longest(first, other)) if a is not None]


async def first_connected(addresses: Sequence[str], dial: Dial) -> httpcore.AsyncNetworkStream:
    """The first connection that succeeds, starting the next address when one fails or stalls.

    Happy Eyeballs over a fixed list: getaddrinfo-based helpers (anyio, asyncio) would resolve
    the name again. Raises the first failure when every address fails.
    """
    waiting = list(addresses)
    attempts: set[asyncio.Task[httpcore.AsyncNetworkStream]] = set()
    errors: list[BaseException] = []
    try:
        while waiting or attempts:
            if waiting:
                attempts.add(asyncio.create_task(dial(waiting.pop(0))))
            done, attempts = await asyncio.wait(
                attempts,
                timeout=HAPPY_EYEBALLS_DELAY_S if waiting else None,
                return_when=asyncio.FIRST_COMPLETED,
            )
            streams = [task.result() for task in done if task.exception() is None]
            errors += [error for task in done if (error := task.exception()) is not None]
            if streams:
                for extra in streams[1:]:
                    await extra.aclose()
                return streams[0]
    finally:
        await _cancel(attempts)
    raise errors[0] if errors else httpcore.ConnectError("no address to connect to")


async def _cancel(attempts: set[asyncio.Task[httpcore.AsyncNetworkStream]]) -> None:
    """Stop the attempts still running; close any that connected meanwhile."""
    for task in attempts:
        task.cancel()
    for outcome in await asyncio.gather(*attempts, return_exceptions=True):
        if isinstance(outcome, httpcore.AsyncNetworkStream):
            await outcome.aclose()


def _warn_about_proxies() -> None:
    proxies = sorted(k for k in urllib.request.getproxies() if k in ("http", "https", "all"))
    if proxies:
        names = ", ".join(f"{k}_proxy" for k in proxies)
        log.warning(
            "%s set in the environment but not used for fetching: digestbot connects only to "
            "addresses it has checked itself; set fetch.allow_private_networks: true to fetch "
            "through the proxy (its own rules then decide what can be reached)",
            names,
        )
