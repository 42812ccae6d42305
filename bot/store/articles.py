"""Articles in the database: insert/update as planned, digests and listing.

Which stored article a fetched entry is (new, update, re-post) is decided in
:mod:`bot.store.article_dedup`; :func:`apply_plans` carries the decisions out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from bot.models import PreparedEntry
from bot.store.article_dedup import Plan
from bot.store.tables import articles, sources

__all__ = [
    "ArticleRow",
    "Counts",
    "PendingDigest",
    "StoredDigest",
    "apply_plans",
    "known_links",
    "list_articles",
    "pending_digests",
    "store_digest",
]


@dataclass(frozen=True, slots=True)
class StoredDigest:
    """What is kept of a :class:`summarise.Digest`: its sentences and actors as plain data."""

    summary: list[str]
    actors: list[dict[str, Any]]
    algorithm: str
    # The language the digest was made in (ISO 639-1).
    language: str | None = None


@dataclass(slots=True)
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_ids: list[int] = field(default_factory=list)


def _digest_values(digest: StoredDigest | None) -> dict[str, Any]:
    if digest is None:
        return {"summary": None, "actors": None, "digest_algorithm": None, "digest_pending": True}
    values = {
        "summary": digest.summary,
        "actors": digest.actors,
        "digest_algorithm": digest.algorithm,
        "digest_pending": False,
    }
    if digest.language is not None:
        values["language"] = digest.language
    return values


def _content_values(item: PreparedEntry) -> dict[str, Any]:
    entry = item.entry
    return {
        "guid": item.guid,
        "url": entry.url.strip(),
        "canonical_url": item.canonical_url,
        "title": entry.title,
        "text": entry.text,
        "author": entry.author,
        "content_hash": item.content_hash,
        "published": entry.published,
        "language": entry.language,
    }


def apply_plans(
    conn: Connection,
    source_id: int,
    plans: Iterable[Plan],
    digests: Mapping[tuple[str, str], StoredDigest],
    now: datetime,
) -> Counts:
    """Insert new articles and update changed ones; those without a digest are left pending."""
    counts = Counts()
    for plan in plans:
        if plan.action == "rekey":
            conn.execute(
                update(articles)
                .where(articles.c.id == plan.article_id)
                .values(
                    guid=plan.item.guid,
                    url=plan.item.entry.url.strip(),
                    canonical_url=plan.item.canonical_url,
                )
            )
        if plan.action in ("unchanged", "duplicate", "rekey"):
            counts.unchanged += 1
            continue
        values = _content_values(plan.item) | _digest_values(digests.get(plan.item.digest_key))
        if plan.action == "new":
            article_id = conn.execute(
                insert(articles)
                .values(source_id=source_id, fetched_at=now, **values)
                .returning(articles.c.id)
            ).scalar_one()
            counts.new += 1
            counts.new_ids.append(article_id)
        else:
            conn.execute(
                update(articles)
                .where(articles.c.id == plan.article_id)
                .values(updated_at=now, **values)
            )
            counts.updated += 1
    return counts


def known_links(conn: Connection, source_id: int, limit: int = 1000) -> set[str]:
    """GUIDs and URLs of the source's latest articles (the collector skips their full text)."""
    rows = conn.execute(
        select(articles.c.guid, articles.c.url)
        .where(articles.c.source_id == source_id)
        .order_by(articles.c.id.desc())
        .limit(limit)
    ).all()
    return {value for row in rows for value in (row.guid, row.url)}


@dataclass(frozen=True, slots=True)
class PendingDigest:
    article_id: int
    title: str
    text: str
    updated_at: datetime | None
    language: str | None = None


def pending_digests(conn: Connection, limit: int, *, after_id: int = 0) -> list[PendingDigest]:
    """Articles stored without a digest (summarising was deferred), by id from ``after_id``."""
    rows = conn.execute(
        select(
            articles.c.id,
            articles.c.title,
            articles.c.text,
            articles.c.updated_at,
            articles.c.language,
        )
        .where(articles.c.digest_pending.is_(True), articles.c.id > after_id)
        .order_by(articles.c.id)
        .limit(limit)
    ).all()
    return [
        PendingDigest(row.id, row.title, row.text, row.updated_at, row.language) for row in rows
    ]


def store_digest(conn: Connection, pending: PendingDigest, digest: StoredDigest) -> bool:
    """Store a deferred digest unless the article changed meanwhile; True when stored."""
    result = conn.execute(
        update(articles)
        .where(
            articles.c.id == pending.article_id,
            articles.c.digest_pending.is_(True),
            articles.c.updated_at.is_not_distinct_from(pending.updated_at),
        )
        .values(**_digest_values(digest))
    )
    return bool(result.rowcount)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    source: str
    title: str
    url: str
    published: datetime | None
    fetched_at: datetime
    summary: list[str] | None
    actors: list[dict[str, Any]] | None
    language: str | None = None


def list_articles(
    conn: Connection,
    *,
    since: datetime | None = None,
    source: str | None = None,
    limit: int | None = 50,
) -> list[ArticleRow]:
    """Articles collected since ``since``, newest first by publication time (fetch time when a
    feed gives none)."""
    when = func.coalesce(articles.c.published, articles.c.fetched_at)
    query = (
        select(articles, sources.c.name.label("source_name"))
        .join(sources, sources.c.id == articles.c.source_id)
        .order_by(when.desc(), articles.c.id.desc())
        .limit(limit)
    )
    if since is not None:
        # Collection time: publication dates can be missing, wrong or in the future.
        query = query.where(articles.c.fetched_at >= since)
    if source is not None:
        query = query.where(sources.c.name == source)
    return [
        ArticleRow(
            id=row.id,
            source=row.source_name,
            title=row.title,
            url=row.url,
            published=row.published,
            fetched_at=row.fetched_at,
            summary=row.summary,
            actors=row.actors,
            language=row.language,
        )
        for row in conn.execute(query).all()
    ]
