"""Reading one article for the CLI: a file, standard input or a web page."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.errors import InputError

__all__ = ["MAX_INPUT_BYTES", "Article", "decode_text", "fetch_article", "read_article"]

MAX_INPUT_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT_S = 20.0
USER_AGENT = "digestbot/0.1 (+https://github.com/digestbot/digestbot)"


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


def fetch_article(url: str, *, client: httpx.Client | None = None) -> Article:
    """Download a page and extract its article text and title with trafilatura."""
    owned = client is None
    http = client or httpx.Client(
        timeout=FETCH_TIMEOUT_S,
        follow_redirects=True,
        max_redirects=5,
        headers={"User-Agent": USER_AGENT},
    )
    try:
        body, content_type = _download(http, url)
    finally:
        if owned:
            http.close()
    if "html" not in content_type and "xml" not in content_type:
        if content_type.startswith("text/"):
            return Article(decode_text(body, url))
        raise InputError(f"{url}: not a web page or text ({content_type or 'unknown type'})")
    return _extract(body, url)


def _download(http: httpx.Client, url: str) -> tuple[bytes, str]:
    try:
        with http.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(f"{url}: the server answered HTTP {response.status_code}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_INPUT_BYTES:
                    raise InputError(f"{url}: page larger than {MAX_INPUT_BYTES // 2**20} MiB")
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "").lower()
    except httpx.TooManyRedirects:
        raise InputError(f"{url}: too many redirects") from None
    except httpx.TimeoutException:
        raise InputError(f"{url}: no answer within {FETCH_TIMEOUT_S:.0f} s") from None
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: cannot fetch it ({exc})") from None
    return b"".join(chunks), content_type


def _extract(body: bytes, url: str) -> Article:
    import trafilatura

    # trafilatura detects the page's encoding from the bytes itself.
    document = trafilatura.bare_extraction(
        body, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    text = getattr(document, "text", None)
    if not text or not text.strip():
        raise InputError(f"{url}: no article text found on the page")
    title = getattr(document, "title", None)
    return Article(text, title if isinstance(title, str) and title.strip() else None)
