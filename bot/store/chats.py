"""Chats in the database: their settings and their subscriptions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import Connection, delete, select, update

from bot.ports import ChatKind, ChatRef
from bot.store.database import insert_ignore
from bot.store.tables import chats, subscriptions

__all__ = [
    "DEFAULT_MAX_STORIES",
    "DEFAULT_SCHEDULE",
    "ChatRow",
    "Subscription",
    "SubscriptionKind",
    "add_subscription",
    "deactivate_chat",
    "ensure_chat",
    "find_chat",
    "get_chat",
    "list_subscriptions",
    "remove_subscription",
    "subscribed_chats",
    "update_chat",
]

SubscriptionKind = Literal["all", "source", "tag"]
DEFAULT_SCHEDULE = ("08:00",)
DEFAULT_MAX_STORIES = 10


@dataclass(frozen=True, slots=True)
class ChatRow:
    id: int
    ref: ChatRef
    active: bool
    timezone: str
    schedule: tuple[str, ...]
    sentences: int
    max_stories: int
    quiet_start: str | None
    quiet_end: str | None
    last_digest_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Subscription:
    kind: SubscriptionKind
    target: str

    def label(self) -> str:
        return "all sources" if self.kind == "all" else f"{self.kind} {self.target}"


def _chat(row: Any) -> ChatRow:
    ref = ChatRef(row.platform, row.address, cast(ChatKind, row.kind), row.title)
    return ChatRow(
        id=row.id,
        ref=ref,
        active=bool(row.active),
        timezone=row.timezone,
        schedule=tuple(row.schedule),
        sentences=row.sentences,
        max_stories=row.max_stories,
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
        last_digest_at=row.last_digest_at,
        created_at=row.created_at,
    )


def find_chat(conn: Connection, platform: str, address: str) -> ChatRow | None:
    query = select(chats).where(chats.c.platform == platform, chats.c.address == address)
    row = conn.execute(query).one_or_none()
    return _chat(row) if row is not None else None


def get_chat(conn: Connection, chat_id: int, *, lock: bool = False) -> ChatRow:
    query = select(chats).where(chats.c.id == chat_id)
    if lock:
        query = query.with_for_update()
    return _chat(conn.execute(query).one())


def ensure_chat(conn: Connection, ref: ChatRef, now: datetime, *, sentences: int) -> ChatRow:
    """The stored chat for ``ref``, created with default settings the first time."""
    insert_ignore(
        conn,
        chats,
        [
            {
                "platform": ref.platform,
                "address": ref.address,
                "kind": ref.kind,
                "title": ref.title,
                "timezone": "UTC",
                "schedule": list(DEFAULT_SCHEDULE),
                "sentences": sentences,
                "max_stories": DEFAULT_MAX_STORIES,
                "created_at": now,
            }
        ],
    )
    chat = find_chat(conn, ref.platform, ref.address)
    assert chat is not None
    return chat


def update_chat(conn: Connection, chat_id: int, **values: Any) -> None:
    conn.execute(update(chats).where(chats.c.id == chat_id).values(**values))


def deactivate_chat(conn: Connection, chat_id: int, reason: str) -> bool:
    """Stop digests to a chat; True only the first time (so the caller logs once)."""
    result = conn.execute(
        update(chats)
        .where(chats.c.id == chat_id, chats.c.active.is_(True))
        .values(active=False, inactive_reason=reason)
    )
    return bool(result.rowcount)


def list_subscriptions(conn: Connection, chat_id: int) -> list[Subscription]:
    query = (
        select(subscriptions.c.kind, subscriptions.c.target)
        .where(subscriptions.c.chat_id == chat_id)
        .order_by(subscriptions.c.kind, subscriptions.c.target)
    )
    return [Subscription(cast(SubscriptionKind, r.kind), r.target) for r in conn.execute(query)]


def add_subscription(conn: Connection, chat_id: int, sub: Subscription, now: datetime) -> bool:
    row = {"chat_id": chat_id, "kind": sub.kind, "target": sub.target, "created_at": now}
    return insert_ignore(conn, subscriptions, [row]) > 0


def remove_subscription(conn: Connection, chat_id: int, sub: Subscription | None) -> int:
    """Remove one subscription, or all of them when ``sub`` is None; returns how many."""
    statement = delete(subscriptions).where(subscriptions.c.chat_id == chat_id)
    if sub is not None:
        statement = statement.where(
            subscriptions.c.kind == sub.kind, subscriptions.c.target == sub.target
        )
    return int(conn.execute(statement).rowcount or 0)


def subscribed_chats(conn: Connection) -> list[ChatRow]:
    """Active chats with at least one subscription."""
    has_subscription = select(subscriptions.c.id).where(subscriptions.c.chat_id == chats.c.id)
    query = select(chats).where(chats.c.active.is_(True), has_subscription.exists())
    return [_chat(row) for row in conn.execute(query.order_by(chats.c.id))]
