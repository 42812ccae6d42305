"""Dedup keys of fetched entries: the identity each has in its feed, its link and content hash.

Identity. A GUID the feed gives is the item's identity in that feed: items with different GUIDs
are different articles even when their links are equal. An item without a GUID is identified by
its link, :func:`bot.collect.urls.canonical_item_url`: tracking parameters are dropped, but a
fragment that names a part of the page is kept, so items of one page (``26.html#a080605``,
``26.html#a030658``) stay apart while ``?utm_source=rss`` or ``#comments`` still merge.

Feeds whose GUIDs are not unique lose nothing. When one fetch gives a GUID to items with
different links, each of them is identified by GUID and link. When items of one fetch share
GUID and link (or, without GUIDs, the link) but differ in content, as in a feed that gives every
item its home page as link, the content hash is added too. So the only entries of a fetch that
merge are those with the same identity, link and content (the feed listed one item twice). The
plain and the longer keys are aliases of each other (:attr:`PreparedEntry.aliases`): the article
is found again whichever way a later fetch identifies it. An edit of an item told apart only by
its content cannot be recognised and is stored as a new article.

Feed text is cleaned here too, once for every format: control characters (a NUL byte, which
PostgreSQL refuses in text) and lone surrogates are dropped; text keeps its line breaks and tabs,
one-line fields (title, author, link, GUID) turn them into spaces.

How these keys decide new, update or re-post against stored articles, within a feed and across
feeds, is :mod:`bot.store.article_dedup`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from bot.collect.urls import canonical_item_url
from bot.models import FetchedEntry, PreparedEntry

__all__ = [
    "clean_entry",
    "clean_line",
    "clean_text",
    "content_hash",
    "prepare_entries",
    "prepare_entry",
]

# Longer keys do not fit a PostgreSQL btree index entry (about 2.7 kB).
MAX_KEY_BYTES = 2000
# Below this many characters a text is hashed together with its title: short teasers such as
# "Read more on our site" are shared by unrelated entries.
SHORT_TEXT_CHARS = 200
_SPACES = re.compile(r"\s+")
# C0 and C1 control characters and lone surrogates; \t and \n are handled per field.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")


def clean_text(text: str) -> str:
    """``text`` without control characters; line breaks become \\n, tabs stay."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def clean_line(text: str) -> str:
    """One-line ``text`` without control characters; line breaks and tabs become spaces."""
    return clean_text(text).replace("\n", " ").replace("\t", " ")


def clean_entry(entry: FetchedEntry) -> FetchedEntry:
    """``entry`` with control characters dropped from every text field."""
    return replace(
        entry,
        url=clean_line(entry.url),
        title=clean_line(entry.title),
        text=clean_text(entry.text),
        guid=None if entry.guid is None else clean_line(entry.guid),
        author=None if entry.author is None else clean_line(entry.author),
    )


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(title: str, text: str) -> str | None:
    """SHA-256 of the normalised text (with the title when the text is short); None if empty."""
    body = _normalise(text)
    if len(body) < SHORT_TEXT_CHARS:
        body = f"{_normalise(title)}\n{body}".strip()
    return hashlib.sha256(body.encode()).hexdigest() if body else None


def _key(value: str) -> str:
    if len(value.encode()) <= MAX_KEY_BYTES:
        return value
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class _Keys:
    """An entry's possible identities: its GUID (or link), GUID with link, and with content."""

    entry: FetchedEntry
    guid: str | None
    link: str
    content_hash: str | None

    @property
    def plain(self) -> str:
        return self.guid or self.link

    @property
    def with_link(self) -> str:
        return f"{self.guid} {self.link}" if self.guid else self.link

    @property
    def with_content(self) -> str | None:
        return f"{self.with_link} {self.content_hash}" if self.content_hash else None


def _keys(entry: FetchedEntry) -> _Keys | None:
    link = entry.url.strip()
    if not link:
        return None
    canonical = canonical_item_url(link)
    if len(canonical.encode()) > MAX_KEY_BYTES:
        return None
    guid = (entry.guid or "").strip() or None
    return _Keys(entry, guid, canonical, content_hash(entry.title, entry.text))


def prepare_entries(entries: Iterable[FetchedEntry]) -> list[PreparedEntry]:
    """Dedup keys of one fetch's entries, in feed order; entries without a usable link (no link,
    or one too long to index) are skipped."""
    drafts = [keys for entry in entries if (keys := _keys(clean_entry(entry))) is not None]
    links: dict[str, set[str]] = defaultdict(set)  # per GUID (or link)
    contents: dict[str, set[str | None]] = defaultdict(set)  # per GUID and link
    for keys in drafts:
        links[keys.plain].add(keys.link)
        contents[keys.with_link].add(keys.content_hash)
    identities = [_identity(keys, links, contents) for keys in drafts]
    at_link: dict[str, set[str]] = defaultdict(set)
    for keys, identity in zip(drafts, identities, strict=True):
        at_link[keys.link].add(identity)
    return [
        _prepared(keys, identity, shared_link=len(at_link[keys.link]) > 1)
        for keys, identity in zip(drafts, identities, strict=True)
    ]


def _identity(
    keys: _Keys, links: Mapping[str, set[str]], contents: Mapping[str, set[str | None]]
) -> str:
    """The shortest key that tells the entry apart from the other entries of its fetch."""
    if len(contents[keys.with_link]) > 1 and keys.with_content is not None:
        return keys.with_content
    if len(links[keys.plain]) > 1:
        return keys.with_link
    return keys.plain


def _prepared(keys: _Keys, identity: str, *, shared_link: bool) -> PreparedEntry:
    others = dict.fromkeys(
        _key(key)
        for key in (keys.plain, keys.with_link, keys.with_content)
        if key is not None and key != identity
    )
    return PreparedEntry(
        entry=keys.entry,
        guid=_key(identity),
        canonical_url=keys.link,
        content_hash=keys.content_hash,
        aliases=tuple(others),
        shared_link=shared_link,
    )


def prepare_entry(entry: FetchedEntry) -> PreparedEntry | None:
    """Dedup keys of an entry fetched on its own; None when it has no usable link."""
    prepared = prepare_entries([entry])
    return prepared[0] if prepared else None
