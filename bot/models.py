"""Plain data passed between the collector, storage, commands and adapters, and the actors of
an article as stored (JSON) read back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from bot.ports import position_from_json
from summarise import Actor

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
    # As the feed declares it ("en-us"), until collection decides it (an ISO 639-1 code).
    language: str | None = None


@dataclass(frozen=True, slots=True)
class PreparedEntry:
    """A fetched entry with its dedup keys (see :mod:`bot.collect.dedup`): ``guid`` is its
    identity in its feed, ``aliases`` other keys it may be stored under, ``shared_link`` true
    when other items of the same fetch have the same ``canonical_url``."""

    entry: FetchedEntry
    guid: str
    canonical_url: str
    content_hash: str | None
    aliases: tuple[str, ...] = ()
    shared_link: bool = False

    @property
    def identified_by_link(self) -> bool:
        """True when the entry has no identity but its link (the feed gave no GUID)."""
        return self.guid == self.canonical_url

    @property
    def digest_key(self) -> tuple[str, str]:
        return (self.entry.title, self.entry.text)


@dataclass(slots=True)
class SourceState:
    """What we remember about a source between fetches (kept in the database)."""

    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    last_error: str | None = None
    last_fetch: datetime | None = None
    next_fetch_after: datetime | None = None
    failing_since: datetime | None = None  # when the current run of failures began
    stopped_at: datetime | None = None  # no longer polled since then, until turned back on
    stop_reason: str | None = None


@dataclass(slots=True)
class FetchResult:
    """The outcome of fetching one source once."""

    status: FetchStatus
    entries: list[FetchedEntry] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    # "failed": why; "new": what is wrong with a broken feed that still gave these entries.
    error: str | None = None
    retry_after_s: float | None = None
    gone: bool = False  # the server said the address is gone for good (410 Gone)


def actors_from_json(data: Any) -> list[Actor]:
    """Actors as stored by the collector (``Actor`` as a dict); malformed items are skipped."""
    found: list[Actor] = []
    for item in data or []:
        if not isinstance(item, dict) or not item.get("name"):
            continue
        said = item.get("positions") or []
        positions = [position_from_json(p) for p in said if isinstance(p, dict)]
        found.append(
            Actor(
                name=str(item["name"]),
                type="org" if item.get("type") == "org" else "person",
                role=item.get("role"),
                mentions=int(item.get("mentions") or 1),
                positions=positions,
                aliases=[str(alias) for alias in item.get("aliases") or []],
            )
        )
    return found
