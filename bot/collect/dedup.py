"""Dedup keys of a fetched entry: its feed GUID, canonical URL and content hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from bot.collect.urls import canonical_url
from bot.models import FetchedEntry, PreparedEntry

__all__ = ["content_hash", "prepare_entry"]

# Longer keys do not fit a PostgreSQL btree index entry (about 2.7 kB).
MAX_KEY_BYTES = 2000
# Below this many characters a text is hashed together with its title: short teasers such as
# "Read more on our site" are shared by unrelated entries.
SHORT_TEXT_CHARS = 200
_SPACES = re.compile(r"\s+")


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


def prepare_entry(entry: FetchedEntry) -> PreparedEntry | None:
    """Dedup keys for ``entry``; None when it has no usable link (such entries are skipped)."""
    link = entry.url.strip()
    if not link:
        return None
    canonical = canonical_url(link)
    if len(canonical.encode()) > MAX_KEY_BYTES:
        return None
    return PreparedEntry(
        entry=entry,
        guid=_key((entry.guid or "").strip() or canonical),
        canonical_url=canonical,
        content_hash=content_hash(entry.title, entry.text),
    )
