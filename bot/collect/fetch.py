"""Fetch one source once and turn it into entries; failures become a FetchResult, never raise."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Container
from concurrent.futures import Executor
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote

import httpx

from bot.collect.formats.feeds import ParsedFeed, extract_article, parse_feed
from bot.collect.net.http import (
    FEED_ACCEPT,
    PAGE_ACCEPT,
    FetchedBody,
    FetchFailed,
    FetchLimiter,
    fetch_url,
    limiter_for,
)
from bot.config.sources import FetchSettings, SourceConfig
from bot.errors import FeedError
from bot.models import FetchedEntry, FetchResult, SourceState

__all__ = [
    "MAX_BACKOFF",
    "THIN_ENTRY_CHARS",
    "fetch_article",
    "fetch_source",
    "next_attempt_after",
    "read_local",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

THIN_ENTRY_CHARS = 400
MAX_BACKOFF = timedelta(hours=6)
# Pages fetched for thin entries per fetch of one feed; the rest keep the feed's text.
MAX_FULL_TEXT_PAGES = 30


async def fetch_source(
    client: httpx.AsyncClient,
    source: SourceConfig,
    state: SourceState,
    settings: FetchSettings,
    *,
    base_dir: Path,
    limiter: FetchLimiter | None = None,
    known: Container[str] | None = None,
    executor: Executor | None = None,
) -> FetchResult:
    """Fetch ``source`` once; never raises.

    ``known`` holds GUIDs/URLs already stored (their pages are not fetched again for full text).
    ``executor`` runs the CPU-bound parsing (a process pool uses more cores); default: a thread.
    """
    try:
        if source.url.lower().startswith("file://"):
            body = await asyncio.to_thread(read_local, source.url, base_dir, settings.max_bytes)
            if body.etag == state.etag:
                return FetchResult("not_modified", etag=state.etag)
        else:
            fetched = await fetch_url(
                client,
                source.url,
                settings,
                limiter=limiter,
                accept=PAGE_ACCEPT if source.kind == "page" else FEED_ACCEPT,
                etag=state.etag,
                last_modified=state.last_modified,
            )
            if fetched is None:
                return FetchResult(
                    "not_modified", etag=state.etag, last_modified=state.last_modified
                )
            body = fetched
        parsed = await _entries(client, source, body, settings, limiter, known, executor)
        if parsed.problem is not None:
            # Part of a broken feed: stored, named, and read whole again next time (no ETag).
            error = f"{source.url}: {parsed.problem}"
            return FetchResult("new", entries=parsed.entries, error=error)
        return FetchResult(
            "new", entries=parsed.entries, etag=body.etag, last_modified=body.last_modified
        )
    except FetchFailed as exc:
        return FetchResult(
            "failed",
            error=f"{source.url}: {exc}",
            retry_after_s=exc.retry_after_s,
            gone=exc.status == 410,
        )
    except FeedError as exc:
        return FetchResult("failed", error=f"{source.url}: {exc}")
    except Exception as exc:  # one broken source must never stop the others
        log.exception("unexpected error fetching %s", source.url)
        return FetchResult("failed", error=f"{source.url}: unexpected error ({exc!r})")


async def fetch_article(
    client: httpx.AsyncClient,
    url: str,
    settings: FetchSettings,
    *,
    limiter: FetchLimiter | None = None,
) -> FetchedEntry:
    """Fetch one web page and extract its article. Raises FeedError naming the URL."""
    try:
        body = await fetch_url(client, url, settings, limiter=limiter, accept=PAGE_ACCEPT)
    except FetchFailed as exc:
        raise FeedError(f"{url}: {exc}") from None
    if body is None:
        raise FeedError(f"{url}: the server answered 304 Not Modified to a plain request")
    article = await asyncio.to_thread(extract_article, body.content, body.url)
    if article is None:
        raise FeedError(f"{url}: no article text found on the page")
    return article


async def _entries(
    client: httpx.AsyncClient,
    source: SourceConfig,
    body: FetchedBody,
    settings: FetchSettings,
    limiter: FetchLimiter | None,
    known: Container[str] | None,
    executor: Executor | None,
) -> ParsedFeed:
    if source.kind == "page":
        article = await _offload(executor, extract_article, body.content, body.url)
        if article is None:
            raise FeedError("no article text found on the page")
        return ParsedFeed([article])
    parsed = await _offload(executor, parse_feed, body.content, body.url, body.content_type)
    entries = parsed.entries
    if source.full_text == "never":
        return parsed
    wanted = [
        i
        for i, entry in enumerate(entries)
        if (source.full_text == "always" or len(entry.text) < THIN_ENTRY_CHARS)
        and entry.url.startswith(("http://", "https://"))
        and not (known is not None and (entry.url in known or (entry.guid or "") in known))
    ][:MAX_FULL_TEXT_PAGES]
    limiter = limiter or limiter_for(client, settings)
    fuller = await asyncio.gather(
        *(_with_full_text(client, entries[i], settings, limiter, executor) for i in wanted)
    )
    for i, entry in zip(wanted, fuller, strict=True):
        entries[i] = entry
    return parsed


async def _with_full_text(
    client: httpx.AsyncClient,
    entry: FetchedEntry,
    settings: FetchSettings,
    limiter: FetchLimiter,
    executor: Executor | None,
) -> FetchedEntry:
    try:
        body = await fetch_url(client, entry.url, settings, limiter=limiter, accept=PAGE_ACCEPT)
        if body is None or "html" not in (body.content_type or "text/html"):
            return entry
        article = await _offload(executor, extract_article, body.content, body.url)
    except FeedError as exc:
        # The feed's own text is still worth keeping.
        log.info("full text of %s not fetched: %s", entry.url, exc)
        return entry
    if article is None or len(article.text) <= len(entry.text):
        return entry
    return replace(entry, text=article.text, author=entry.author or article.author)


async def _offload(executor: Executor | None, function: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(executor, function, *args)


def read_local(url: str, base_dir: Path, max_bytes: int) -> FetchedBody:
    """Read a ``file://`` source; relative paths resolve against ``base_dir`` (the config's)."""
    rest = unquote(url[len("file://") :])
    path = Path(rest) if rest.startswith("/") else base_dir / rest
    try:
        with path.open("rb") as handle:
            content = handle.read(max_bytes + 1)
    except OSError as exc:
        raise FeedError(f"cannot read {path} ({exc.strerror or exc})") from None
    if len(content) > max_bytes:
        raise FeedError(f"the file is larger than the fetch.max_bytes limit ({max_bytes} bytes)")
    digest = hashlib.sha256(content).hexdigest()[:32]
    return FetchedBody(
        url=path.resolve().as_uri(),
        content=content,
        content_type=None,
        etag=f'"sha256-{digest}"',
        last_modified=None,
    )


def next_attempt_after(
    state: SourceState,
    now: datetime,
    retry_after_s: float | None = None,
    *,
    every: timedelta = timedelta(minutes=15),
) -> datetime:
    """When to fetch next: ``every`` after a success; after failures ``every * 2**failures``
    capped at 6 h (or at ``every`` when that is longer), or Retry-After when that is later.

    ``state.failures`` counts consecutive failures including the one just recorded.
    """
    delay = every
    if state.failures > 0:
        cap = max(MAX_BACKOFF, every)
        delay = min(every * 2 ** min(state.failures, 16), cap)
    if retry_after_s is not None:
        delay = max(delay, timedelta(seconds=retry_after_s))
    return now + delay
