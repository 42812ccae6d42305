"""Turn fetched bytes into entries: RSS and Atom (also inside an XHTML page) and JSON Feed, the
whole items of a broken feed, and the main article of a web page."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import trafilatura

from bot.collect.formats.feedxml import (
    FEED_ROOTS,
    HTML_NOT_FEED,
    UTF8_XML,
    check_xml_safety,
    embedded_feed,
    salvage,
)
from bot.collect.formats.htmltext import html_to_text, plain_text
from bot.collect.formats.jsonfeed import is_json, read_json_feed
from bot.errors import FeedError
from bot.models import FetchedEntry

__all__ = ["ParsedFeed", "extract_article", "parse_feed"]


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """The entries of a feed, and what was wrong with it when it gave only part of them."""

    entries: list[FetchedEntry] = field(default_factory=list)
    problem: str | None = None


def parse_feed(data: bytes, base_url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS, Atom or JSON Feed bytes into entries.

    Raises FeedError with a clear reason when nothing is usable; a broken feed that still holds
    whole items gives them with ``problem`` saying what is broken.
    """
    if is_json(data, content_type):
        entries, problem = read_json_feed(data, base_url)
    else:
        entries, problem = _parse_xml(data, base_url, content_type)
    if problem is not None and not entries:
        raise FeedError(problem)
    return ParsedFeed(entries, problem)


def _parse_xml(
    data: bytes, base_url: str, content_type: str | None
) -> tuple[list[FetchedEntry], str | None]:
    checked = check_xml_safety(data, content_type)
    document = checked.document
    if checked.root.lower() == "html":
        found = embedded_feed(document)
        if found is None:
            raise FeedError(HTML_NOT_FEED)
        document = found
    elif checked.root not in FEED_ROOTS:
        raise FeedError(
            f"the document is XML but not an RSS or Atom feed (root element <{checked.root}>)"
        )
    parsed = _feedparser(document, base_url)
    if not parsed.get("bozo"):
        return _entries(parsed, base_url), None
    broken = salvage(document)
    entries: list[FetchedEntry] = []
    if broken.closed:
        # The damage is local (an unknown entity, a stray "&"): feedparser's tolerant parser
        # read on past it.
        entries, kept = _entries(parsed, base_url), "read past it"
    elif broken.document is not None:
        whole = _feedparser(broken.document, base_url)
        entries, kept = ([] if whole.get("bozo") else _entries(whole, base_url)), "recovered"
    if not entries:
        return [], broken.problem
    return entries, f"{broken.problem}; {_count(len(entries))} {kept}"


def _count(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _feedparser(document: bytes, base_url: str) -> Any:
    # A BytesIO, never bare bytes: feedparser would treat short bytes as a file name to open.
    # The HTML is reduced to plain text here and never shown, so feedparser's sanitiser and link
    # rewriting (half of its time) are skipped.
    return feedparser.parse(
        io.BytesIO(document),
        response_headers={"content-location": base_url, "content-type": UTF8_XML},
        sanitize_html=False,
        resolve_relative_uris=False,
    )


def _entries(parsed: Any, base_url: str) -> list[FetchedEntry]:
    declared = parsed.get("feed", {}).get("language") or None
    entries = [_entry(item, base_url, declared) for item in parsed.entries]
    return [entry for entry in entries if entry is not None]


def _entry(item: Any, base_url: str, declared: str | None = None) -> FetchedEntry | None:
    guid = item.get("id") or None
    link = item.get("link") or (guid if guid and guid.startswith(("http://", "https://")) else None)
    if not link:
        return None
    title = _detail_text(item.get("title", ""), item.get("title_detail"))
    bodies = [(part.get("value", ""), part) for part in item.get("content", [])]
    bodies.append((item.get("summary", ""), item.get("summary_detail")))
    # The longest body (content:encoded, Atom content or the summary) carries the most text.
    longest = max(bodies, key=lambda body: len(body[0]))
    text = _detail_text(*longest)
    if not title and not text:
        return None
    # dict.get: feedparser's own get() answers a missing "updated_parsed" with "published_parsed"
    # and a DeprecationWarning.
    when = item.get("published_parsed") or dict.get(item, "updated_parsed")
    return FetchedEntry(
        url=urljoin(base_url, link),
        title=title,
        text=text,
        guid=guid,
        published=datetime(*when[:6]).replace(tzinfo=UTC) if when else None,
        author=item.get("author") or None,
        # An item's own xml:lang, else the feed's <language>: a hint, checked against the text.
        language=(longest[1] or {}).get("language") or declared,
    )


def _detail_text(value: str, detail: Any) -> str:
    kind = str((detail or {}).get("type", "text/html"))
    return html_to_text(value) if "html" in kind else plain_text(value)


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
