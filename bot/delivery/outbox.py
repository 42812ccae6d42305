"""The outbox in the database: queueing digests, claiming rows, recording the outcome.

A digest is decided and queued in one transaction: its pages become ``outbox`` rows, its
stories get ``deliveries`` rows (the key (chat, story, revision) makes a story, and each update
of it, reach a chat once) and the chat's last-digest mark moves.
:class:`bot.delivery.sender.DeliveryWorker` sends the rows.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from bot.digest.plan import DigestPlan, is_due, plan_digest
from bot.ports import ChatRef, Reply, SentMessage, reply_from_json, reply_to_json
from bot.render.pages import paginate
from bot.store.chats import (
    ChatRow,
    chat_messages,
    chats,
    deactivate_chat,
    deliveries,
    find_chat,
    get_chat,
    insert_ignore,
    outbox,
    subscribed_chats,
    subscriptions,
    update_chat,
)
from bot.store.database import Database

__all__ = [
    "CLAIM_LEASE",
    "OutboxItem",
    "QueuedDigest",
    "chat_gone",
    "chat_moved",
    "claim_due",
    "mark_sent",
    "move_chat",
    "queue_digest",
    "queue_due_digests",
    "recover_unfinished",
    "remember_messages",
    "set_status",
    "stories_of_message",
]

log = logging.getLogger("digestbot.delivery")
# A claimed row whose worker vanished is retried after this long (see recover_unfinished).
CLAIM_LEASE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class QueuedDigest:
    chat_id: int
    shown: int
    counted: int
    pages: int


def _enqueue(conn: Connection, chat: ChatRow, plan: DigestPlan, now: datetime) -> int:
    pages = paginate(chat.ref.platform, plan.reply)
    outbox_of: dict[int, int] = {}
    for number, page in enumerate(pages):
        row_id = conn.execute(
            insert(outbox)
            .returning(outbox.c.id)
            .values(
                chat_id=chat.id,
                page=number,
                payload=reply_to_json(page),
                story_ids=page.story_ids,
                status="queued",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        ).scalar_one()
        outbox_of.update(dict.fromkeys(page.story_ids, row_id))
    rows = [
        {
            "chat_id": chat.id,
            "story_id": story,
            "revision": plan.revisions.get(story, 0),
            "outbox_id": outbox_of.get(story),
            "sentences": plan.given.get(story, []),
            "created_at": now,
        }
        for story in [*plan.shown, *plan.counted]
    ]
    insert_ignore(conn, deliveries, rows)
    return len(pages)


def queue_digest(db: Database, chat_id: int, now: datetime) -> QueuedDigest | None:
    """Decide the chat's next digest and queue it, in one transaction; None if nothing new."""
    with db.write() as conn:
        chat = get_chat(conn, chat_id, lock=True)
        plan = plan_digest(conn, chat, now)
        update_chat(conn, chat.id, last_digest_at=now)
        if plan is None:
            return None
        pages = _enqueue(conn, chat, plan, now)
        return QueuedDigest(chat.id, len(plan.shown), len(plan.counted), pages)


def queue_due_digests(
    db: Database, now: datetime, *, platforms: Collection[str] | None = None
) -> list[QueuedDigest]:
    """Queue a digest for every chat whose scheduled time has come (outside quiet hours).

    Only chats on ``platforms`` (the ones this process can deliver to), if given.
    """
    with db.read() as conn:
        due = [
            chat.id
            for chat in subscribed_chats(conn)
            if (platforms is None or chat.ref.platform in platforms) and is_due(chat, now)
        ]
    queued = []
    for chat_id in due:
        result = queue_digest(db, chat_id, now)
        if result is not None:
            queued.append(result)
    return queued


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    chat_id: int
    chat: ChatRef
    page: Reply
    attempts: int


def recover_unfinished(db: Database, *, older_than: datetime | None = None) -> int:
    """Put rows left ``sending`` by a dead worker back in the queue; returns how many.

    At start-up (``older_than`` None) every such row is requeued: one worker per database.
    """
    condition = outbox.c.status == "sending"
    if older_than is not None:
        condition = and_(condition, outbox.c.next_attempt_at < older_than)
    with db.write() as conn:
        result = conn.execute(update(outbox).where(condition).values(status="queued"))
    count = int(result.rowcount or 0)
    if count:
        log.warning("resending %d message(s) whose delivery was interrupted", count)
    return count


def claim_due(db: Database, now: datetime, limit: int, platforms: list[str]) -> list[OutboxItem]:
    """Mark up to ``limit`` due rows ``sending``: only the oldest unsent row of each chat."""
    earlier = outbox.alias("earlier")
    waiting = select(earlier.c.id).where(
        earlier.c.chat_id == outbox.c.chat_id,
        earlier.c.id < outbox.c.id,
        earlier.c.status.in_(("queued", "sending")),
    )
    query = (
        select(outbox.c.id, outbox.c.chat_id, outbox.c.payload, outbox.c.attempts, chats)
        .join(chats, chats.c.id == outbox.c.chat_id)
        .where(
            outbox.c.status == "queued",
            outbox.c.next_attempt_at <= now,
            chats.c.platform.in_(platforms),
            ~waiting.exists(),
        )
        .order_by(outbox.c.next_attempt_at, outbox.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=outbox)
    )
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
            chat=ChatRef(row.platform, row.address, row.kind, row.title),
            page=reply_from_json(row.payload),
            attempts=row.attempts + 1,
        )
        for row in rows
    ]


def mark_sent(db: Database, item: OutboxItem, sent: list[SentMessage], now: datetime) -> None:
    with db.write() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.id == item.id)
            .values(
                status="sent",
                sent_at=now,
                message_id=sent[0].message_id if sent else None,
                last_error=None,
            )
        )
        remember_messages(conn, item.chat_id, sent, now)


def set_status(db: Database, item: OutboxItem, **values: Any) -> None:
    with db.write() as conn:
        conn.execute(update(outbox).where(outbox.c.id == item.id).values(**values))


def chat_gone(db: Database, item: OutboxItem, reason: str) -> bool:
    with db.write() as conn:
        first = deactivate_chat(conn, item.chat_id, reason)
        conn.execute(
            update(outbox)
            .where(outbox.c.chat_id == item.chat_id, outbox.c.status.in_(("queued", "sending")))
            .values(status="dropped", last_error=reason)
        )
    return first


def chat_moved(db: Database, item: OutboxItem, new_address: str, now: datetime) -> None:
    with db.write() as conn:
        move_chat(conn, item.chat_id, new_address)
        conn.execute(
            update(outbox)
            .where(outbox.c.id == item.id)
            .values(status="queued", next_attempt_at=now, attempts=0)
        )


def move_chat(conn: Connection, chat_id: int, new_address: str) -> int:
    """Point a chat at its new address (a migrated group); merges into an existing row."""
    old = get_chat(conn, chat_id)
    existing = find_chat(conn, old.ref.platform, new_address)
    if existing is None:
        update_chat(conn, chat_id, address=new_address, kind="supergroup")
        return chat_id
    target = existing.id
    for table, columns in (
        (subscriptions, ("kind", "target", "created_at")),
        (deliveries, ("story_id", "revision", "outbox_id", "sentences", "created_at")),
    ):
        rows = conn.execute(
            select(*(table.c[c] for c in columns)).where(table.c.chat_id == chat_id)
        )
        insert_ignore(conn, table, [{"chat_id": target, **row._mapping} for row in rows])
    conn.execute(update(outbox).where(outbox.c.chat_id == chat_id).values(chat_id=target))
    settings = ("timezone", "schedule", "sentences", "max_stories", "quiet_start", "quiet_end")
    kept = conn.execute(select(*(chats.c[c] for c in settings)).where(chats.c.id == chat_id)).one()
    update_chat(conn, target, active=True, inactive_reason=None, **kept._mapping)
    conn.execute(delete(chats).where(chats.c.id == chat_id))
    return target


def remember_messages(
    conn: Connection, chat_id: int, sent: Sequence[SentMessage], now: datetime
) -> None:
    rows = [
        {
            "chat_id": chat_id,
            "message_id": message.message_id,
            "story_ids": list(message.story_ids),
            "created_at": now,
        }
        for message in sent
        if message.story_ids
    ]
    insert_ignore(conn, chat_messages, rows)


def stories_of_message(conn: Connection, chat_id: int, message_id: str) -> list[int]:
    query = select(chat_messages.c.story_ids).where(
        chat_messages.c.chat_id == chat_id, chat_messages.c.message_id == message_id
    )
    found = conn.execute(query).scalar_one_or_none()
    return [int(story_id) for story_id in found or []]
