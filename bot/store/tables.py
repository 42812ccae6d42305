"""Every database table, on one :data:`metadata`, and the column expressions queries share.

Migrations in bot/store/migrations/versions are written by hand from these definitions; a test
checks that the migrated schema matches them. A chat's platform id is kept as text in
``chats.address``: Telegram ids reach 52 bits and Slack ids are strings, so text is lossless for
both; our own ids are 64-bit integers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ColumnElement,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.types import TypeDecorator

__all__ = [
    "ID",
    "UTCDateTime",
    "actor_positions",
    "article_time",
    "articles",
    "chat_filters",
    "chat_messages",
    "chat_sources",
    "chats",
    "deliveries",
    "in_scope",
    "metadata",
    "outbox",
    "sources",
    "stories",
    "story_articles",
    "story_key",
    "subscriptions",
]

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# 64-bit ids everywhere; on SQLite an INTEGER primary key is the 64-bit rowid itself.
ID = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite itself keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


sources = Table(
    "sources",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("url", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("tags", JSON, nullable=False),
    Column("enabled", Boolean, nullable=False, server_default=text("true")),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_fetch", UTCDateTime),
    Column("last_success", UTCDateTime),
    Column("next_fetch_after", UTCDateTime),
    Column("failures", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text),
    # When the current run of failures began (NULL: the last fetch worked).
    Column("failing_since", UTCDateTime),
    # Set when the source stopped being polled (it kept failing, or is gone); NULL: polled.
    # Only someone turning it back on clears it (a URL change or re-adding starts afresh).
    Column("stopped_at", UTCDateTime),
    Column("stop_reason", Text),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("name"),
)

# One row per article. Dedup keys (bot.store.article_dedup): (source_id, guid), the article's
# identity in its feed, and content_hash (NULL when an entry has no text, so empty entries never
# collide) are unique; canonical_url is only indexed, because items of one feed may share a link
# (distinct GUIDs, one page). A story id column can be added later with a plain nullable
# add_column.
articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),
    Column("source_id", ID, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("guid", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("canonical_url", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("author", Text),
    Column("content_hash", String(64)),
    Column("published", UTCDateTime),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime),
    Column("summary", JSON),
    Column("actors", JSON),
    Column("digest_algorithm", String(32)),
    Column("digest_pending", Boolean, nullable=False, server_default=text("false")),
    # ISO 639-1 code of the article's language (pinned by its source or detected); NULL for
    # articles stored before languages were kept.
    Column("language", String(8)),
    UniqueConstraint("source_id", "guid"),
    UniqueConstraint("content_hash"),
    Index(None, "canonical_url"),
    Index(None, "fetched_at"),
    Index(None, "published"),
    Index(None, "digest_pending"),
)

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

# A story's id is the id of its first article (see bot.store.stories).
stories = Table(
    "stories",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=False),
    Column("title", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index(None, "updated_at"),
)

# AUTOINCREMENT on SQLite: a seq is never reused, so "rows after the last seq seen" is exact.
story_articles = Table(
    "story_articles",
    metadata,
    Column("seq", ID, primary_key=True),
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", ID, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("joined_at", UTCDateTime, nullable=False),
    UniqueConstraint("article_id"),
    Index(None, "story_id"),
    sqlite_autoincrement=True,
)

# The position ledger: one row per actor and position of every article (see bot.store.ledger).
actor_positions = Table(
    "actor_positions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("story_id", ID, nullable=False),
    Column("actor", Text, nullable=False),
    # Case-folded name and aliases, "|"-separated, so a look-up is one LIKE per word.
    Column("names", Text, nullable=False),
    Column("actor_type", String(8), nullable=False),
    Column("role", Text),
    Column("position", Text),
    Column("quote", Text),
    # Who reported the position when it is someone else's ("according to X, Y wants ...").
    Column("reported_by", Text),
    Column("said_at", UTCDateTime, nullable=False),
    Index(None, "article_id"),
    Index(None, "story_id"),
)

# One row per term; term_key (Term.key) makes "Cycle" and "cycling" the same term.
chat_filters = Table(
    "chat_filters",
    metadata,
    Column("chat_id", ID, ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True),
    Column("mode", String(8), primary_key=True),
    Column("term_key", Text, primary_key=True),
    Column("term", Text, nullable=False),
    Column("origin", String(8), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)


def story_key() -> ColumnElement[Any]:
    """The story of an article row (outer-joined with its membership): its own id if unfiled."""
    return func.coalesce(story_articles.c.story_id, articles.c.id)


def article_time() -> ColumnElement[Any]:
    """When an article appeared: its publication time, or its fetch time when it has none."""
    return func.coalesce(articles.c.published, articles.c.fetched_at)


def in_scope(query: Select[Any], source_ids: Sequence[int] | None) -> Select[Any]:
    """``query`` (which reads ``articles``) kept to articles of these sources (None: all)."""
    if source_ids is None:
        return query
    return query.where(articles.c.source_id.in_(list(source_ids)))
