"""Chats, their subscriptions and settings, and the outbox tables, on the shared metadata.

A chat's platform id is kept as text in ``address``: Telegram ids reach 52 bits and Slack ids
are strings, so text is lossless for both; our own ids are 64-bit integers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from bot.config.settings import Settings
from bot.config.sources import SourceConfig
from bot.ports import ChatKind, ChatRef
from bot.store.tables import ID, UTCDateTime, metadata

__all__ = [
    "ADDED_TAG",
    "DEFAULT_MAX_STORIES",
    "DEFAULT_SCHEDULE",
    "ChatRow",
    "Subscription",
    "SubscriptionKind",
    "add_subscription",
    "chat_messages",
    "chat_source_configs",
    "chat_sources",
    "chats",
    "deactivate_chat",
    "deliveries",
    "ensure_chat",
    "find_chat",
    "get_chat",
    "insert_ignore",
    "list_subscriptions",
    "outbox",
    "remove_subscription",
    "subscribed_chats",
    "subscriptions",
    "update_chat",
    "with_chat_sources",
]

SubscriptionKind = Literal["all", "source", "tag"]
DEFAULT_SCHEDULE = ("08:00",)
DEFAULT_MAX_STORIES = 10
# The tag of every source a chat added with /add.
ADDED_TAG = "added"

chats = Table(
    "chats",
    metadata,
    Column("id", ID, primary_key=True),
    Column("platform", String(16), nullable=False),
    Column("address", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("title", Text),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("inactive_reason", Text),
    Column("timezone", String(64), nullable=False, server_default="UTC"),
    Column("schedule", JSON, nullable=False),
    Column("sentences", Integer, nullable=False),
    Column("max_stories", Integer, nullable=False),
    Column("quiet_start", String(5)),
    Column("quiet_end", String(5)),
    Column("last_digest_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("platform", "address"),
)

# kind "all" has target ""; "source" a source name; "tag" a tag.
subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("chat_id", ID, ForeignKey("chats.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("target", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("chat_id", "kind", "target"),
)

# Sources added from a chat with /add; the runner adds them to the configured ones.
chat_sources = Table(
    "chat_sources",
    metadata,
    Column("id", ID, primary_key=True),
    Column("chat_id", ID, ForeignKey("chats.id", ondelete="SET NULL")),
    Column("name", String(100), nullable=False),
    Column("url", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("name"),
    UniqueConstraint("url"),
)

# One row per message to send. status: queued -> sending -> sent | failed | dropped.
outbox = Table(
    "outbox",
    metadata,
    Column("id", ID, primary_key=True),
    Column("chat_id", ID, ForeignKey("chats.id", ondelete="CASCADE"), nullable=False),
    Column("page", Integer, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("story_ids", JSON, nullable=False),
    Column("status", String(8), nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("message_id", String(64)),
    Column("last_error", Text),
    Index(None, "status", "next_attempt_at"),
    Index(None, "chat_id", "status"),
)

# The exactly-once key: a story reaches a chat once per revision (the newest membership seq of
# the story the chat was given, see bot.store.stories; an update has a higher one). outbox_id is
# NULL for stories counted in a digest's "and N more" rather than shown; sentences were shown.
deliveries = Table(
    "deliveries",
    metadata,
    Column("chat_id", ID, ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", ID, primary_key=True),
    Column("revision", ID, primary_key=True, autoincrement=False, server_default=text("0")),
    Column("outbox_id", ID, ForeignKey("outbox.id", ondelete="SET NULL")),
    Column("sentences", JSON),
    Column("created_at", UTCDateTime, nullable=False),
)

# Which stories a sent message carries, so that a reply "/who" to it knows what it is about.
chat_messages = Table(
    "chat_messages",
    metadata,
    Column("chat_id", ID, ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True),
    Column("message_id", String(64), primary_key=True),
    Column("story_ids", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)


def chat_source_configs(conn: Connection, settings: Settings) -> list[SourceConfig]:
    """Sources added from chats, as configs (names the config file already uses are skipped)."""
    configured = {source.name for source in settings.sources}
    rows = conn.execute(select(chat_sources).order_by(chat_sources.c.id)).all()
    return [
        SourceConfig(name=row.name, url=row.url, kind=row.kind, tags=[ADDED_TAG])
        for row in rows
        if row.name not in configured
    ]


def with_chat_sources(settings: Settings, conn: Connection) -> Settings:
    """``settings`` with the chat-added sources appended: what the bot collects."""
    extra = chat_source_configs(conn, settings)
    return (
        settings.model_copy(update={"sources": [*settings.sources, *extra]}) if extra else settings
    )


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows, skipping those that clash with a unique key; returns how many went in."""
    if not rows:
        return 0
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(list(rows)).on_conflict_do_nothing()
    # rowcount is -1 for this statement under psycopg; count the returned keys instead.
    returned = conn.execute(statement.returning(*table.primary_key.columns))
    return len(returned.all())


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
