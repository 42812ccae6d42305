"""Reading one article for the CLI: a file, standard input or a web page."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.collect.formats.feeds import extract_article
from bot.collect.net.http import PAGE_ACCEPT, FetchedBody, FetchFailed, fetch_url, make_client
from bot.config.sources import FetchSettings
from bot.errors import InputError

__all__ = ["MAX_INPUT_BYTES", "Article", "decode_text", "fetch_article", "read_article"]

MAX_INPUT_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT_S = 20.0


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    title: str | None = None


def read_article(source: str) -> Article:
    """The article named by ``source``: ``-`` (stdin), an http(s) URL or a file path."""
    if source == "-":
        return Article(decode_text(sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), "standard input"))
    if source.startswith(("http://", "https://")):
        return fetch_article(source)
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file")
    if path.is_dir():
        raise InputError(f"{source}: is a directory, not an article file")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{source}: cannot read it ({exc.strerror or exc})") from None
    return Article(decode_text(data, source))


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 text from ``data``, or an InputError saying why it is not usable."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{where}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in data:
        raise InputError(f"{where}: binary data, not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{where}: empty, no text to summarise")
    return text


def fetch_article(url: str) -> Article:
    """Download a page (the collector's fetcher: size cap, redirects, gzip) and extract its
    article text and title with trafilatura. The user asked for this address, so private and
    loopback hosts are allowed."""
    settings = FetchSettings(
        timeout_s=FETCH_TIMEOUT_S, max_bytes=MAX_INPUT_BYTES, allow_private_networks=True
    )
    try:
        body = asyncio.run(_download(url, settings))
    except FetchFailed as exc:
        raise InputError(f"{url}: cannot fetch it ({exc})") from None
    if body is None:
        raise InputError(f"{url}: the server answered 304 Not Modified to a plain request")
    content_type = (body.content_type or "").lower()
    if "html" not in content_type and "xml" not in content_type:
        if content_type.startswith("text/"):
            return Article(decode_text(body.content, url))
        raise InputError(f"{url}: not a web page or text ({content_type or 'unknown type'})")
    article = extract_article(body.content, body.url)
    if article is None:
        raise InputError(f"{url}: no article text found on the page")
    return Article(article.text, article.title or None)


async def _download(url: str, settings: FetchSettings) -> FetchedBody | None:
    async with make_client(settings) as client:
        return await fetch_url(client, url, settings, accept=PAGE_ACCEPT)
