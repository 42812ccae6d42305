"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) and RSS written as JSON (rss.json),
read strictly into entries: every value's type is checked, an item that is not usable is named
and the others are kept.

The fetcher has already capped the size of the body.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from bot.collect.formats.htmltext import html_to_text, plain_text
from bot.errors import FeedError
from bot.models import FetchedEntry

__all__ = ["is_json", "read_json_feed"]

JSON_TYPES = frozenset({"application/feed+json", "application/json"})
_VERSION = re.compile(r"https?://jsonfeed\.org/version/\d+(\.\d+)?/?")
_STRING_FIELDS = (
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "date_published",
    "date_modified",
)
_WEB = ("http://", "https://")


ReadItem = Callable[[dict[str, Any], str], FetchedEntry | None]


class _Unusable(Exception):
    """An item that cannot be read; the message says why."""


def is_json(data: bytes, content_type: str | None) -> bool:
    """Whether ``data`` is JSON: it starts with ``{``, or it is served as JSON and not as XML."""
    first = data.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")[:1]
    if first in (b"{", b"<"):
        return first == b"{"
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in JSON_TYPES or media.endswith("+json")


def read_json_feed(data: bytes, base_url: str) -> tuple[list[FetchedEntry], str | None]:
    """The entries of a JSON Feed (or rss.json), and what was wrong with the unusable items.

    Raises FeedError when the document is not JSON or not a feed.
    """
    try:
        document = json.loads(data)
    except UnicodeDecodeError:
        raise FeedError("the feed is JSON but not UTF-8 text, as JSON must be") from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise FeedError(f"the feed is not valid JSON ({where})") from None
    except RecursionError:
        raise FeedError("the feed is not usable JSON (nested too deeply)") from None
    except ValueError as exc:  # a number too long to convert, for one
        raise FeedError(f"the feed is not usable JSON ({exc})") from None
    if isinstance(document, dict):
        version = document.get("version")
        if isinstance(version, str) and _VERSION.fullmatch(version):
            return _read_items(document.get("items"), base_url, _json_feed_item(document))
        rss = document.get("rss")
        if isinstance(rss, dict):
            channel = rss.get("channel")
            items = channel.get("item") if isinstance(channel, dict) else None
            listed = [] if items is None else items if isinstance(items, list) else [items]
            return _read_items(listed, base_url, _rss_item)
    raise FeedError(
        'the document is JSON but not a JSON Feed (no "version" naming '
        'https://jsonfeed.org/version/1.1) nor RSS in JSON (no "rss" object)'
    )


def _read_items(items: Any, base_url: str, read: ReadItem) -> tuple[list[FetchedEntry], str | None]:
    if not isinstance(items, list):
        raise FeedError('the JSON Feed has no "items" list')
    entries: list[FetchedEntry] = []
    unusable: list[str] = []
    for number, item in enumerate(items, 1):
        try:
            if not isinstance(item, dict):
                raise _Unusable(f"it is {_kind(item)}, not an object")
            entry = read(item, base_url)
        except _Unusable as exc:
            unusable.append(f"item {number}: {exc}")
            continue
        if entry is not None:
            entries.append(entry)
    if not unusable:
        return entries, None
    many = (
        f"{len(unusable)} items of the feed are" if len(unusable) > 1 else "1 item of the feed is"
    )
    problem = f"{many} not usable ({unusable[0]})"
    return entries, f"{problem}; {_count(len(entries))} read" if entries else problem


def _count(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _json_feed_item(feed: dict[str, Any]) -> ReadItem:
    try:
        feed_authors = _authors(feed)  # the authors of items that name none (1.1)
    except _Unusable:
        feed_authors = None
    # The feed's language (1.1): a hint, checked against each item's text.
    declared = _hint(feed)

    def read(item: dict[str, Any], base_url: str) -> FetchedEntry | None:
        if isinstance(item.get("id"), int | float) and not isinstance(item.get("id"), bool):
            item = {**item, "id": str(item["id"])}  # the specification: coerce to text
        fields = {name: _text_field(item, name) for name in _STRING_FIELDS}
        guid = fields["id"] or None
        link = fields["url"] or fields["external_url"] or _web(guid)
        bodies = [
            html_to_text(fields["content_html"]),
            plain_text(fields["content_text"]),
            plain_text(fields["summary"]),
        ]
        return _entry(
            link,
            base_url,
            title=plain_text(fields["title"]),
            text=max(bodies, key=len),
            guid=guid,
            published=_iso_date(fields["date_published"] or fields["date_modified"]),
            author=_authors(item) or feed_authors,
            language=_hint(item) or declared,
        )

    return read


def _rss_item(item: dict[str, Any], base_url: str) -> FetchedEntry | None:
    guid = _value(item, "guid") or None
    link = _value(item, "link") or _web(guid)
    bodies = [
        html_to_text(_value(item, "content:encoded")),
        html_to_text(_value(item, "description")),
    ]
    return _entry(
        link,
        base_url,
        title=html_to_text(_value(item, "title")),
        text=max(bodies, key=len),
        guid=guid,
        published=_mail_date(_value(item, "pubDate") or _value(item, "dc:date")),
        author=_value(item, "dc:creator") or _value(item, "author") or None,
    )


def _entry(link: str, base_url: str, **fields: Any) -> FetchedEntry | None:
    """An entry, or None when the item has no link or says nothing (as for RSS and Atom)."""
    if not link or not (fields["title"] or fields["text"]):
        return None
    return FetchedEntry(url=urljoin(base_url, link), **fields)


def _hint(holder: dict[str, Any]) -> str | None:
    """A declared "language" (JSON Feed 1.1), when it is text; anything else is ignored."""
    value = holder.get("language")
    return value.strip() or None if isinstance(value, str) else None


def _text_field(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Unusable(f'"{name}" is {_kind(value)}, not text')
    return value.strip()


def _value(item: dict[str, Any], name: str) -> str:
    """A value of RSS in JSON: text, or an object holding it (``#text``, ``$t``, ``_``)."""
    value = item.get(name)
    if isinstance(value, dict):
        value = next((value[key] for key in ("#text", "$t", "_") if key in value), None)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Unusable(f'"{name}" is {_kind(value)}, not text')
    return str(value).strip()


def _authors(holder: dict[str, Any]) -> str | None:
    """The names of ``authors`` (JSON Feed 1.1) or ``author`` (1.0), joined."""
    listed = holder.get("authors")
    if listed is None:
        single = holder.get("author")
        listed = [] if single is None else [single]
    if not isinstance(listed, list):
        raise _Unusable(f'"authors" is {_kind(listed)}, not a list')
    names: list[str] = []
    for author in listed:
        if not isinstance(author, dict):
            raise _Unusable(f"an author is {_kind(author)}, not an object")
        name = _text_field(author, "name")
        if name:
            names.append(name)
    return ", ".join(names) or None


def _web(value: str | None) -> str:
    """``value`` when it is a web address (a GUID may be one), else ""."""
    return value if value and value.lower().startswith(_WEB) else ""


def _iso_date(value: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _mail_date(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return _iso_date(value)
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
