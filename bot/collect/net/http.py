"""One guarded HTTP GET: SSRF check per hop, manual redirects, size cap after decompression.

:func:`make_client`'s client checks each address as it dials it (:mod:`bot.collect.net.pinned`);
with any other client each hop's host is checked before the request (racy: DNS rebinding).

Every failure is raised as :class:`FetchFailed` with a clause that says what happened.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import weakref
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import httpcore
import httpx

from bot.collect.net import guard, pinned
from bot.config.sources import FetchSettings
from bot.errors import FeedError

__all__ = [
    "FEED_ACCEPT",
    "PAGE_ACCEPT",
    "FetchFailed",
    "FetchLimiter",
    "FetchedBody",
    "fetch_url",
    "limiter_for",
    "make_client",
    "parse_retry_after",
]

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# A hostile Retry-After must not park a source for ever.
MAX_RETRY_AFTER_S = 24 * 3600.0
_DRAIN_LIMIT = 64 * 1024


class FetchFailed(FeedError):
    """A fetch failed; the message is a clause such as ``the server answered 404 Not Found``,
    and ``status`` the HTTP status that made it fail, if the server answered."""

    def __init__(
        self, message: str, *, retry_after_s: float | None = None, status: int | None = None
    ) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
        self.status = status


@dataclass(slots=True)
class FetchedBody:
    url: str  # after redirects
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None


class FetchLimiter:
    """At most ``per_host`` requests per host and ``concurrency`` overall, shared across calls."""

    def __init__(
        self, concurrency: int, per_host: int, *, resolver: guard.Resolver = guard.resolve
    ) -> None:
        self.resolver = resolver
        self._overall = asyncio.Semaphore(concurrency)
        self._per_host = per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        # Host first: tasks queued behind a busy host do not hold overall slots while they wait.
        host_limit = self._hosts.setdefault(host.lower(), asyncio.Semaphore(self._per_host))
        async with host_limit, self._overall:
            yield


_limiters: weakref.WeakKeyDictionary[httpx.AsyncClient, FetchLimiter] = weakref.WeakKeyDictionary()


def limiter_for(client: httpx.AsyncClient, settings: FetchSettings) -> FetchLimiter:
    """The limiter shared by every fetch made through ``client`` (created on first use)."""
    limiter = _limiters.get(client)
    if limiter is None:
        limiter = _limiters[client] = FetchLimiter(settings.concurrency, settings.per_host)
    return limiter


def make_client(
    settings: FetchSettings,
    *,
    resolver: guard.Resolver = guard.resolve,
    network: httpcore.AsyncNetworkBackend | None = None,
) -> httpx.AsyncClient:
    """An AsyncClient suited to :func:`fetch_url` (redirects are followed by fetch_url itself).

    Unless private networks are allowed, it dials only addresses the guard has checked (looked
    up through ``resolver``) and uses no proxy from the environment.
    """
    timeout = httpx.Timeout(settings.timeout_s)
    headers = {"User-Agent": settings.user_agent}
    limits = httpx.Limits(max_connections=settings.concurrency)
    if not settings.allow_private_networks:
        return pinned.pinned_client(
            timeout=timeout, headers=headers, limits=limits, resolver=resolver, network=network
        )
    return httpx.AsyncClient(
        timeout=timeout, headers=headers, limits=limits, follow_redirects=False
    )


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), capped at a day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


async def fetch_url(
    client: httpx.AsyncClient,
    url: str,
    settings: FetchSettings,
    *,
    limiter: FetchLimiter | None = None,
    accept: str = FEED_ACCEPT,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchedBody | None:
    """GET ``url`` safely; None means 304 Not Modified. Raises FetchFailed on any failure."""
    limiter = limiter or limiter_for(client, settings)
    headers = {"User-Agent": settings.user_agent, "Accept": accept}
    # Only encodings we decode ourselves, so the size cap applies to the decoded bytes.
    headers["Accept-Encoding"] = "gzip, deflate"
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    chain = [url]
    current = url
    for _ in range(settings.max_redirects + 1):
        outcome = await _one_hop(client, current, headers, settings, limiter, first=current == url)
        if not isinstance(outcome, _Redirect):
            return outcome
        if outcome.location in chain:
            raise FetchFailed(f"redirect loop ({' -> '.join([*chain, outcome.location])})")
        chain.append(outcome.location)
        current = outcome.location
    raise FetchFailed(f"more than {settings.max_redirects} redirects (last to {current})")


@dataclass(slots=True)
class _Redirect:
    location: str


async def _one_hop(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    settings: FetchSettings,
    limiter: FetchLimiter,
    *,
    first: bool,
) -> FetchedBody | _Redirect | None:
    hop = "" if first else f"redirected to {url}: "
    try:
        target = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchFailed(f"{hop}not a valid URL ({exc})") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise FetchFailed(f"{hop}only http:// and https:// addresses can be fetched")
    try:
        if not settings.allow_private_networks and not pinned.is_pinned(client):
            port = target.port or (443 if target.scheme == "https" else 80)
            async with asyncio.timeout(settings.timeout_s):  # a stuck resolver counts too
                await guard.check_host(target.host, port, resolver=limiter.resolver)
        async with limiter.slot(target.host), asyncio.timeout(settings.timeout_s):
            request = client.build_request("GET", target, headers=headers)
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                outcome = await _handle(response, url, settings)
                if not isinstance(outcome, FetchedBody):
                    await _drain(response)
                return outcome
            except FetchFailed:
                await _drain(response)
                raise
            finally:
                await response.aclose()
    except FetchFailed as exc:
        raise FetchFailed(
            f"{hop}{exc}", retry_after_s=exc.retry_after_s, status=exc.status
        ) from None
    except guard.BlockedAddressError as exc:
        raise FetchFailed(
            f"{hop}refused: {exc}; set fetch.allow_private_networks: true to allow private "
            "addresses"
        ) from None
    except (socket.gaierror, UnicodeError):
        raise FetchFailed(f"{hop}the host name {target.host} could not be resolved") from None
    except (TimeoutError, httpx.TimeoutException):
        raise FetchFailed(f"{hop}no answer within {settings.timeout_s:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchFailed(hop + _network_problem(exc, target.host)) from None


async def _handle(
    response: httpx.Response, url: str, settings: FetchSettings
) -> FetchedBody | _Redirect | None:
    status = response.status_code
    if response.has_redirect_location:
        return _Redirect(urljoin(url, response.headers["Location"]))
    if status == 304:
        return None
    if status in (429, 503):
        wait = parse_retry_after(response.headers.get("Retry-After"))
        later = f"; it asks to retry after {wait:.0f} s" if wait is not None else ""
        raise FetchFailed(
            f"the server answered {_status(response)}{later}", retry_after_s=wait, status=status
        )
    if not 200 <= status < 300:
        raise FetchFailed(f"the server answered {_status(response)}", status=status)
    content = await _read_capped(response, settings.max_bytes)
    return FetchedBody(
        url=url,
        content=content,
        content_type=response.headers.get("Content-Type"),
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )


async def _drain(response: httpx.Response) -> None:
    """Read a small unread body, so the connection goes back to the pool instead of closing."""
    if response.is_stream_consumed:
        return
    seen = 0
    try:
        async with asyncio.timeout(1.0):
            async for chunk in response.aiter_raw():
                seen += len(chunk)
                if seen > _DRAIN_LIMIT:
                    return  # a big body: closing the connection is cheaper than reading it
    except (TimeoutError, httpx.HTTPError):
        pass  # the connection is closed instead; the answer already received stands


def _status(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def _too_large(max_bytes: int) -> FetchFailed:
    return FetchFailed(
        f"the response is larger than the {_size(max_bytes)} limit (fetch.max_bytes)"
    )


def _size(n: int) -> str:
    return f"{n / 1024**2:g} MiB" if n >= 1024**2 else f"{n / 1024:g} KiB"


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise FetchFailed(f"the server sent an unsupported Content-Encoding: {encoding}")
    declared = response.headers.get("Content-Length", "")
    if encoding in ("", "identity") and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    # wbits 47: zlib or gzip header, detected automatically.
    inflater = zlib.decompressobj(47) if encoding not in ("", "identity") else None
    out = bytearray()
    try:
        async for chunk in response.aiter_raw():
            pending = chunk
            while pending:
                room = max_bytes + 1 - len(out)
                if inflater is None:
                    out += pending[:room]
                    pending = b""
                else:
                    # max_length bounds each step, so a gzip bomb never inflates past the cap.
                    out += inflater.decompress(pending, room)
                    pending = inflater.unconsumed_tail
                if len(out) > max_bytes:
                    raise _too_large(max_bytes)
    except zlib.error as exc:
        raise FetchFailed(f"the compressed response is corrupt ({exc})") from None
    return bytes(out)


def _network_problem(exc: httpx.HTTPError, host: str) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"the host name {host} could not be resolved"
        if isinstance(cause, ConnectionRefusedError):
            return "the connection was refused"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"the TLS certificate is not valid ({cause.verify_message})"
        cause = cause.__cause__ or cause.__context__
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({detail})"
    return f"the connection failed ({detail})"
