"""Plain data passed between the collector, storage, commands and adapters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

FetchStatus = Literal["new", "not_modified", "failed"]


@dataclass(slots=True)
class FetchedEntry:
    """One article as a source gave it, before storage."""

    url: str
    title: str
    text: str
    guid: str | None = None
    published: datetime | None = None
    author: str | None = None


@dataclass(slots=True)
class SourceState:
    """What we remember about a source between fetches (kept in the database)."""

    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    last_error: str | None = None
    last_fetch: datetime | None = None
    next_fetch_after: datetime | None = None


@dataclass(slots=True)
class FetchResult:
    """The outcome of fetching one source once."""

    status: FetchStatus
    entries: list[FetchedEntry] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_after_s: float | None = None
