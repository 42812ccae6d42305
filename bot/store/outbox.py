"""The outbox rows: queueing a digest's pages, claiming due rows, recording each outcome.

One row per message to send; status ``queued`` -> ``sending`` (claimed) -> ``sent`` | ``failed``
| ``dropped``. ``payload`` is the page exactly as it goes out, rendered when it was queued;
what to queue and how to send it is decided in :mod:`bot.delivery`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, and_, func, or_, select, update

from bot.ports import ChatKind, ChatRef, SentMessage
from bot.store.chats import deactivate_chat
from bot.store.database import Database, insert_ignore
from bot.store.messages import move_chat, remember_messages
from bot.store.tables import chats, deliveries, outbox

__all__ = [
    "GivenStory",
    "NewMessage",
    "OutboxItem",
    "chat_gone",
    "chat_moved",
    "chats_with_due_messages",
    "claim_due",
    "mark_sent",
    "queue_messages",
    "recover_unfinished",
    "set_status",
    "unsent_counts",
]

UNSENT = ("queued", "sending")


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A page to queue: its payload as stored, and the stories it carries."""

    payload: dict[str, Any]
    story_ids: Sequence[int]


@dataclass(frozen=True, slots=True)
class GivenStory:
    """A story a digest gives a chat: at which revision, showing which sentences."""

    story_id: int
    revision: int
    sentences: list[str]


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A claimed row: where it goes and the stored page. ``reclaimed``: the row was left
    ``sending`` by a worker that died, so it may have arrived already."""

    id: int
    chat_id: int
    chat: ChatRef
    payload: dict[str, Any]
    story_ids: tuple[int, ...]
    attempts: int
    reclaimed: bool = False


def queue_messages(
    conn: Connection,
    chat_id: int,
    messages: Sequence[NewMessage],
    stories: Sequence[GivenStory],
    now: datetime,
) -> None:
    """Queue a digest's messages, in order, and record its stories as given to the chat.

    The key (chat, story, revision) of ``deliveries`` makes a story, and each update of it,
    reach a chat once; a story's row points at the message showing it (none: only counted).
    """
    outbox_of: dict[int, int] = {}
    for number, message in enumerate(messages):
        row_id = conn.execute(
            outbox.insert()
            .returning(outbox.c.id)
            .values(
                chat_id=chat_id,
                page=number,
                payload=message.payload,
                story_ids=list(message.story_ids),
                status="queued",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        ).scalar_one()
        outbox_of.update(dict.fromkeys(message.story_ids, row_id))
    rows = [
        {
            "chat_id": chat_id,
            "story_id": story.story_id,
            "revision": story.revision,
            "outbox_id": outbox_of.get(story.story_id),
            "sentences": story.sentences,
            "created_at": now,
        }
        for story in stories
    ]
    insert_ignore(conn, deliveries, rows)


def recover_unfinished(db: Database, *, older_than: datetime | None = None) -> int:
    """Put rows left ``sending`` by a dead worker back in the queue; returns how many.

    At start-up (``older_than`` None) every such row is requeued: one worker per database.
    """
    condition = outbox.c.status == "sending"
    if older_than is not None:
        condition = and_(condition, outbox.c.next_attempt_at < older_than)
    with db.write() as conn:
        result = conn.execute(update(outbox).where(condition).values(status="queued"))
    return int(result.rowcount or 0)


def claim_due(
    db: Database,
    now: datetime,
    platforms: Sequence[str],
    *,
    limit: int = 1,
    chat_id: int | None = None,
) -> list[OutboxItem]:
    """Mark up to ``limit`` due rows ``sending`` and return them: only the oldest unsent row
    of each chat, and only chats on ``platforms``.

    With ``chat_id``, that chat's row: its caller holds the chat's queue lock, so a row
    already ``sending`` was left by a dead worker and is claimed again (``reclaimed``).
    """
    earlier = outbox.alias("earlier")
    waiting = select(earlier.c.id).where(
        earlier.c.chat_id == outbox.c.chat_id,
        earlier.c.id < outbox.c.id,
        earlier.c.status.in_(UNSENT),
    )
    due = and_(outbox.c.status == "queued", outbox.c.next_attempt_at <= now)
    query = (
        select(outbox.c.id, outbox.c.chat_id, outbox.c.payload, outbox.c.story_ids)
        .add_columns(outbox.c.status, outbox.c.attempts, chats)
        .join(chats, chats.c.id == outbox.c.chat_id)
        .where(chats.c.platform.in_(platforms), ~waiting.exists())
        .order_by(outbox.c.next_attempt_at, outbox.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=outbox)
    )
    if chat_id is None:
        query = query.where(due)
    else:
        query = query.where(outbox.c.chat_id == chat_id, or_(due, outbox.c.status == "sending"))
    with db.write() as conn:
        rows = conn.execute(query).all()
        if rows:
            conn.execute(
                update(outbox)
                .where(outbox.c.id.in_([row.id for row in rows]))
                .values(status="sending", attempts=outbox.c.attempts + 1, next_attempt_at=now)
            )
    return [
        OutboxItem(
            id=row.id,
            chat_id=row.chat_id,
            chat=ChatRef(row.platform, row.address, cast(ChatKind, row.kind), row.title),
            payload=row.payload,
            story_ids=tuple(int(story_id) for story_id in row.story_ids or []),
            attempts=row.attempts + 1,
            reclaimed=row.status == "sending",
        )
        for row in rows
    ]


def mark_sent(db: Database, item: OutboxItem, sent: SentMessage, now: datetime) -> None:
    """The platform accepted the row's message: ``sent``, and its stories remembered."""
    with db.write() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.id == item.id)
            .values(status="sent", sent_at=now, message_id=sent.message_id, last_error=None)
        )
        remember_messages(conn, item.chat_id, [sent], now)


def set_status(db: Database, item: OutboxItem, **values: Any) -> None:
    with db.write() as conn:
        conn.execute(update(outbox).where(outbox.c.id == item.id).values(**values))


def chat_gone(db: Database, item: OutboxItem, reason: str) -> bool:
    """Stop the chat and drop its unsent rows; True only the first time (log once)."""
    with db.write() as conn:
        first = deactivate_chat(conn, item.chat_id, reason)
        conn.execute(
            update(outbox)
            .where(outbox.c.chat_id == item.chat_id, outbox.c.status.in_(UNSENT))
            .values(status="dropped", last_error=reason)
        )
    return first


def chat_moved(db: Database, item: OutboxItem, new_address: str, now: datetime) -> None:
    """The chat moved: follow it, and send the row there now."""
    with db.write() as conn:
        move_chat(conn, item.chat_id, new_address)
        conn.execute(
            update(outbox)
            .where(outbox.c.id == item.id)
            .values(status="queued", next_attempt_at=now, attempts=0)
        )


def chats_with_due_messages(db: Database, now: datetime) -> list[int]:
    """Chats that have an outbox message due now, oldest first."""
    query = (
        select(outbox.c.chat_id)
        .where(outbox.c.status == "queued", outbox.c.next_attempt_at <= now)
        .group_by(outbox.c.chat_id)
        .order_by(func.min(outbox.c.id))
    )
    with db.read() as conn:
        return [int(chat_id) for chat_id in conn.execute(query).scalars()]


def unsent_counts(db: Database) -> dict[str, int]:
    """Outbox rows not yet sent, by status (``queued``, ``sending``)."""
    query = (
        select(outbox.c.status, func.count())
        .where(outbox.c.status.in_(UNSENT))
        .group_by(outbox.c.status)
    )
    with db.read() as conn:
        counts = {str(status): int(count) for status, count in conn.execute(query).all()}
    return {status: counts.get(status, 0) for status in UNSENT}
