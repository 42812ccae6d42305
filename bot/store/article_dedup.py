"""Which stored article a fetched entry is: the same article (unchanged, or an update), another
feed's copy, a re-post, or new. One query per fetch finds every candidate.

Within a feed an entry is the article stored under its identity (its GUID, or its link when the
feed gave none; see :mod:`bot.collect.dedup`) or under one of its aliases at the same link. A
link merges two items of one feed only when one of them has no identity but that link: items with
GUIDs of their own stay apart even when their links are equal, and links keep a fragment that
names an item (``26.html#a080605``). Across feeds GUIDs say nothing, so an entry whose link a
stored article of another feed has is that article (not stored again), unless either feed gives
that link to several items (a home page, a live page). An entry whose normalised text is already
stored under another identity is a re-post and is not stored again.

Same article, changed title or text -> "update" (its row is rewritten and summarised again);
same content found by an alias or by its link -> "rekey" (its identity and link are brought up
to date, so that the next fetch finds it by identity). Planning runs
inside the collector's filing lock, so no other writer stores a same-link article meanwhile;
the database enforces one row per (source, identity) and per content hash.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, and_, or_, select

from bot.models import PreparedEntry
from bot.store.tables import articles

__all__ = ["Action", "Plan", "plan_entries"]

Action = Literal["new", "update", "rekey", "unchanged", "duplicate"]


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do with one entry; "rekey": same content, stored under another identity."""

    item: PreparedEntry
    action: Action
    article_id: int | None = None


def plan_entries(conn: Connection, source_id: int, items: Sequence[PreparedEntry]) -> list[Plan]:
    """Decide for each entry, in feed order, whether it is new, an update, or already stored."""
    if not items:
        return []
    guids = {item.guid for item in items}
    urls = {item.canonical_url for item in items}
    hashes = {item.content_hash for item in items if item.content_hash}
    rows = conn.execute(
        select(
            articles.c.id,
            articles.c.source_id,
            articles.c.guid,
            articles.c.canonical_url,
            articles.c.content_hash,
            articles.c.title,
        ).where(
            or_(
                and_(articles.c.source_id == source_id, articles.c.guid.in_(guids)),
                articles.c.canonical_url.in_(urls),
                articles.c.content_hash.in_(hashes),
            )
        )
    ).all()
    stored = _Stored(rows, source_id)
    listed = _Listed()
    plans: list[Plan] = []
    for item in items:
        if listed.repeats(item):  # the feed lists the same article twice
            plans.append(Plan(item, "duplicate"))
            continue
        plan = _decide(item, stored)
        if plan.article_id is not None:
            stored.taken.add(plan.article_id)
        plans.append(plan)
    return plans


def _by_link(row: Any) -> bool:
    """True for a stored article identified by its link (its feed gave no GUID)."""
    return bool(row.guid == row.canonical_url)


class _Listed:
    """What the entries of one fetch planned so far claimed."""

    def __init__(self) -> None:
        self.guids: set[str] = set()
        self.hashes: set[str] = set()
        self.links: set[str] = set()
        self.links_by_link: set[str] = set()  # links of entries identified by them

    def repeats(self, item: PreparedEntry) -> bool:
        """True when an earlier entry is the same article: same identity, same text, or the same
        link where one of the two has no identity but its link. Otherwise claims its keys."""
        link = item.canonical_url
        if (
            item.guid in self.guids
            or item.content_hash in self.hashes
            or link in (self.links if item.identified_by_link else self.links_by_link)
        ):
            return True
        self.guids.add(item.guid)
        self.links.add(link)
        if item.content_hash:
            self.hashes.add(item.content_hash)
        if item.identified_by_link:
            self.links_by_link.add(link)
        return False


class _Stored:
    """Stored articles an entry may be: by identity in its source, by link, by text."""

    def __init__(self, rows: Sequence[Any], source_id: int) -> None:
        self.source_id = source_id
        self.by_guid = {row.guid: row for row in rows if row.source_id == source_id}
        self.by_link: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            self.by_link[row.canonical_url].append(row)
        self.by_hash = {row.content_hash: row for row in rows if row.content_hash}
        self.taken: set[int] = set()  # articles an earlier entry of this fetch turned out to be

    def same_article(self, item: PreparedEntry) -> Any | None:
        """The source's article ``item`` is: same identity, an alias at the same link, or the
        same link when one of the two has no identity but its link."""
        if (row := self.by_guid.get(item.guid)) is not None:
            return row
        own = [
            row
            for row in self.by_link.get(item.canonical_url, ())
            if row.source_id == self.source_id and row.id not in self.taken
        ]
        for row in own:
            if row.guid in item.aliases:
                return row
        return next((row for row in own if item.identified_by_link or _by_link(row)), None)

    def elsewhere(self, item: PreparedEntry) -> Any | None:
        """Another feed's article at ``item``'s link, when that link names one item in each feed
        (a feed whose items share a link, such as its home page, merges nothing by it)."""
        at_link = self.by_link.get(item.canonical_url, ())
        if item.shared_link or any(row.source_id == self.source_id for row in at_link):
            return None
        per_source = Counter(row.source_id for row in at_link)
        return next((row for row in at_link if per_source[row.source_id] == 1), None)


def _decide(item: PreparedEntry, stored: _Stored) -> Plan:
    existing = stored.same_article(item)
    same_text = stored.by_hash.get(item.content_hash) if item.content_hash else None
    if existing is None:
        if (other := stored.elsewhere(item)) is not None:
            # Another feed carries this article; its own feed keeps it up to date.
            return Plan(item, "duplicate", other.id)
        if same_text is not None:
            return Plan(item, "duplicate", same_text.id)
        return Plan(item, "new")
    if existing.content_hash == item.content_hash and existing.title == item.entry.title:
        if existing.guid != item.guid:  # found by an alias or by its link
            return Plan(item, "rekey", existing.id)
        return Plan(item, "unchanged", existing.id)
    if same_text is not None and same_text.id != existing.id:
        # The new version would be a copy of another stored article: keep both rows as they are.
        return Plan(item, "duplicate", existing.id)
    return Plan(item, "update", existing.id)
