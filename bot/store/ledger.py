"""The position ledger: who was named in which story, in what role, saying what, where and when.

One row per actor and position of every stored article (an actor named without a position gets
one row with no position), written in the transaction that stores the article's digest.
Articles stored without a ledger row (before the ledger existed, or by other tools) are read
from their stored actors instead, so every answer covers them too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from bot.models import actors_from_json
from bot.store.stories import search_words
from bot.store.tables import (
    actor_positions,
    article_time,
    articles,
    in_scope,
    sources,
    story_articles,
    story_key,
)
from summarise import Actor, Position, name_words, names_match

__all__ = ["LedgerEntry", "entries_for", "record_positions"]

# Articles without ledger rows read directly per question: the newest this many.
UNRECORDED_LOOKBACK = 300


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One actor in one article: its role and, if any, one position it took there (and who
    reported it, when the article has it from someone else)."""

    story_id: int
    article_id: int
    actor: str
    actor_type: str
    names: tuple[str, ...]
    role: str | None
    position: str | None
    quote: str | None
    source: str
    title: str
    url: str
    said_at: datetime
    reported_by: str | None = None


def _names(actor: Actor) -> tuple[str, ...]:
    found = [actor.name, *actor.aliases]
    return tuple(dict.fromkeys(name.casefold() for name in found if name.strip()))


def _said(position: Position | None) -> dict[str, str | None]:
    if position is None:
        return {"position": None, "quote": None, "reported_by": None}
    return {
        "position": position.text,
        "quote": position.quote,
        "reported_by": position.reported_by,
    }


def record_positions(conn: Connection, article_ids: Iterable[int]) -> int:
    """(Re)write the ledger rows of these articles from their stored actors; returns how many."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return 0
    conn.execute(delete(actor_positions).where(actor_positions.c.article_id.in_(wanted)))
    query = (
        select(articles.c.id, story_key().label("story"), articles.c.actors)
        .add_columns(article_time().label("said_at"))
        .select_from(articles.outerjoin(story_articles))
        .where(articles.c.id.in_(wanted))
    )
    rows: list[dict[str, Any]] = []
    for article in conn.execute(query):
        for actor in actors_from_json(article.actors):
            base = {
                "article_id": article.id,
                "story_id": int(article.story),
                "actor": actor.name,
                "names": "|".join(_names(actor)),
                "actor_type": actor.type,
                "role": actor.role,
                "said_at": article.said_at,
            }
            said: list[Position | None] = [*actor.positions] or [None]
            rows.extend(base | _said(p) for p in said)
    if rows:
        conn.execute(insert(actor_positions), rows)
    return len(rows)


def _recorded(
    conn: Connection, query: str, source_ids: Sequence[int] | None, limit: int
) -> list[LedgerEntry]:
    statement = (
        select(
            actor_positions,
            sources.c.name.label("source"),
            articles.c.title,
            articles.c.url,
        )
        .join(articles, articles.c.id == actor_positions.c.article_id)
        .join(sources, sources.c.id == articles.c.source_id)
        .order_by(actor_positions.c.said_at.desc(), actor_positions.c.id.desc())
        .limit(limit)
    )
    for word in search_words(name_words(query)):  # names_match below checks every word
        statement = statement.where(actor_positions.c.names.like(f"%{word}%"))
    found = []
    for row in conn.execute(in_scope(statement, source_ids)):
        names = tuple(row.names.split("|"))
        if names_match(names, query):
            found.append(
                LedgerEntry(
                    story_id=row.story_id,
                    article_id=row.article_id,
                    actor=row.actor,
                    actor_type=row.actor_type,
                    names=names,
                    role=row.role,
                    position=row.position,
                    quote=row.quote,
                    source=row.source,
                    title=row.title,
                    url=row.url,
                    said_at=row.said_at,
                    reported_by=row.reported_by,
                )
            )
    return found


def _unrecorded(
    conn: Connection, query: str, source_ids: Sequence[int] | None
) -> list[LedgerEntry]:
    recorded = select(actor_positions.c.id).where(actor_positions.c.article_id == articles.c.id)
    statement = (
        select(
            articles.c.id,
            story_key().label("story"),
            articles.c.actors,
            articles.c.title,
            articles.c.url,
            sources.c.name.label("source"),
        )
        .add_columns(article_time().label("said_at"))
        .select_from(articles.outerjoin(story_articles).join(sources))
        .where(articles.c.actors.is_not(None), ~recorded.exists())
        .order_by(articles.c.id.desc())
        .limit(UNRECORDED_LOOKBACK)
    )
    found = []
    for row in conn.execute(in_scope(statement, source_ids)):
        for actor in actors_from_json(row.actors):
            names = _names(actor)
            if not names_match(names, query):
                continue
            said: list[Position | None] = [*actor.positions] or [None]
            for position in said:
                found.append(
                    LedgerEntry(
                        story_id=int(row.story),
                        article_id=row.id,
                        actor=actor.name,
                        actor_type=actor.type,
                        names=names,
                        role=actor.role,
                        position=position.text if position else None,
                        quote=position.quote if position else None,
                        source=row.source,
                        title=row.title,
                        url=row.url,
                        said_at=row.said_at,
                        reported_by=position.reported_by if position else None,
                    )
                )
    return found


def entries_for(
    conn: Connection, query: str, source_ids: Sequence[int] | None, *, limit: int = 500
) -> list[LedgerEntry]:
    """Ledger entries of actors whose name or alias has every word of ``query``, newest first."""
    found = _recorded(conn, query, source_ids, limit) + _unrecorded(conn, query, source_ids)
    found.sort(key=lambda entry: (entry.said_at, entry.article_id), reverse=True)
    return found[:limit]
