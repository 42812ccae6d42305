"""Turn fetched bytes into entries: safe feed parsing, HTML to text, article extraction."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin
from xml.parsers import expat

import feedparser
import trafilatura

from bot.errors import FeedError
from bot.models import FetchedEntry

__all__ = [
    "FEED_ROOTS",
    "check_xml_safety",
    "extract_article",
    "html_to_text",
    "parse_feed",
]

FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
    | {"tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd"}
    | {"dt"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


class _RootFound(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


class _EntityDeclared(Exception):
    pass


def _scan_prolog(data: bytes, encoding: str | None) -> str:
    parser = expat.ParserCreate(encoding)

    def on_entity(*_: object) -> None:
        raise _EntityDeclared

    def on_start(name: str, _attrs: object) -> None:
        raise _RootFound(name.rsplit(":", 1)[-1])

    parser.EntityDeclHandler = on_entity
    parser.StartElementHandler = on_start
    try:
        parser.Parse(data, True)
    except _RootFound as found:
        return found.name
    raise expat.ExpatError("no root element")


def check_xml_safety(data: bytes) -> str:
    """Return the root element's name; refuse entity declarations (billion laughs) and non-XML.

    Only the prolog is parsed, so this costs little even on large feeds.
    """
    try:
        try:
            return _scan_prolog(data, None)
        except expat.ExpatError as exc:
            if "unknown encoding" not in str(exc):
                raise
            # expat knows few encodings; the prolog is ASCII in every encoding a feed uses.
            return _scan_prolog(data, "iso-8859-1")
    except _EntityDeclared:
        raise FeedError(
            "the document declares XML entities, which are refused to prevent "
            "entity-expansion (billion laughs) attacks"
        ) from None
    except expat.ExpatError as exc:
        head = data[:2048].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise FeedError(_HTML_NOT_FEED) from None
        raise FeedError(f"the feed is not well-formed XML ({exc})") from None


_HTML_NOT_FEED = (
    "the address returns an HTML page, not a feed; use the page's RSS/Atom URL or kind: page"
)


def parse_feed(data: bytes, base_url: str, content_type: str | None = None) -> list[FetchedEntry]:
    """Parse RSS/Atom bytes into entries; raise FeedError with a clear reason when unusable."""
    data = data.lstrip(b" \t\r\n")
    root = check_xml_safety(data)
    if root.lower() == "html":
        raise FeedError(_HTML_NOT_FEED)
    if root not in FEED_ROOTS:
        raise FeedError(f"the document is XML but not an RSS or Atom feed (root element <{root}>)")
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    # A BytesIO, never bare bytes: feedparser would treat short bytes as a file name to open.
    # The HTML is reduced to plain text here and never shown, so feedparser's sanitiser and link
    # rewriting (half of its time) are skipped.
    parsed: Any = feedparser.parse(
        io.BytesIO(data),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if parsed.get("bozo") and not parsed.entries:
        raise FeedError(f"the feed is not well-formed XML ({_xml_problem(parsed)})")
    entries = [_entry(item, base_url) for item in parsed.entries]
    return [entry for entry in entries if entry is not None]


def _xml_problem(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    if hasattr(exc, "getLineNumber"):
        return f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"
    return str(exc)


def _entry(item: Any, base_url: str) -> FetchedEntry | None:
    guid = item.get("id") or None
    link = item.get("link") or (guid if guid and guid.startswith(("http://", "https://")) else None)
    if not link:
        return None
    title = _detail_text(item.get("title", ""), item.get("title_detail"))
    bodies = [(part.get("value", ""), part) for part in item.get("content", [])]
    bodies.append((item.get("summary", ""), item.get("summary_detail")))
    # The longest body (content:encoded, Atom content or the summary) carries the most text.
    text = _detail_text(*max(bodies, key=lambda body: len(body[0])))
    if not title and not text:
        return None
    when = item.get("published_parsed") or item.get("updated_parsed")
    return FetchedEntry(
        url=urljoin(base_url, link),
        title=title,
        text=text,
        guid=guid,
        published=datetime(*when[:6]).replace(tzinfo=UTC) if when else None,
        author=item.get("author") or None,
    )


def _detail_text(value: str, detail: Any) -> str:
    kind = str((detail or {}).get("type", "text/html"))
    if "html" in kind:
        return html_to_text(value)
    return "\n".join(
        line for line in (_SPACES.sub(" ", x).strip() for x in value.splitlines()) if line
    )


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: one line per block element, whitespace collapsed."""
    if "<" not in html and "&" not in html:
        return _SPACES.sub(" ", html).strip()
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def extract_article(html: bytes | str, url: str) -> FetchedEntry | None:
    """The main article of a web page (trafilatura), or None when the page has none."""
    document: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or not (document.text or "").strip():
        return None
    canonical = document.url if str(document.url or "").startswith(("http://", "https://")) else url
    published = None
    if document.date:
        try:
            published = datetime.fromisoformat(str(document.date)).replace(tzinfo=UTC)
        except ValueError:
            published = None
    title = (document.title or "").strip()
    text = str(document.text).strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()  # trafilatura keeps the page's <h1>; the title is stored apart
    return FetchedEntry(
        url=canonical,
        title=title,
        text=text,
        guid=canonical,
        published=published,
        author=document.author or None,
    )
