"""A chat's sent messages and its address: which stories each sent message carries (so that a
reply /who knows what it is about), and moving a chat, with everything it has, to a new address.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from bot.ports import SentMessage
from bot.store.chats import find_chat, get_chat, update_chat
from bot.store.database import insert_ignore
from bot.store.tables import chat_messages, chats, deliveries, outbox, subscriptions

__all__ = ["move_chat", "remember_messages", "stories_of_message"]


def remember_messages(
    conn: Connection, chat_id: int, sent: Sequence[SentMessage], now: datetime
) -> None:
    """Record the stories each sent message carries (messages without stories are skipped)."""
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
    """The stories a message sent to the chat carries; none if it is not one of ours."""
    query = select(chat_messages.c.story_ids).where(
        chat_messages.c.chat_id == chat_id, chat_messages.c.message_id == message_id
    )
    found = conn.execute(query).scalar_one_or_none()
    return [int(story_id) for story_id in found or []]


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
