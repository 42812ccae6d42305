"""Queueing digests: decide a chat's digest, render its pages for the chat's platform, queue them.

A digest is decided and queued in one transaction: its pages, rendered once for the platform,
become ``outbox`` rows (:mod:`bot.store.outbox`), its stories get ``deliveries`` rows and the
chat's last-digest mark moves. :class:`bot.delivery.sender.DeliveryWorker` sends each row's page
exactly as it was stored.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from bot.digest.plan import DigestPlan, plan_digest
from bot.digest.schedule import is_due
from bot.ports import Page, reply_from_json
from bot.render.pages import render_page, render_pages
from bot.store.chats import ChatRow, get_chat, subscribed_chats, update_chat
from bot.store.database import Database
from bot.store.outbox import GivenStory, NewMessage, OutboxItem, queue_messages

__all__ = [
    "QueuedDigest",
    "page_payload",
    "queue_digest",
    "queue_due_digests",
    "stored_page",
]


@dataclass(frozen=True, slots=True)
class QueuedDigest:
    chat_id: int
    shown: int
    counted: int
    pages: int


def page_payload(page: Page) -> dict[str, Any]:
    """A rendered page as the outbox stores it."""
    return {"platform": page.platform, "body": page.body}


def stored_page(item: OutboxItem) -> Page:
    """The page a claimed row holds, to be sent as it is.

    Rows queued before pages were rendered at queueing hold a neutral reply, one page already
    cut for the platform: it is rendered now, once, and not cut again.
    """
    payload = item.payload
    if "body" in payload:
        return Page(str(payload["platform"]), dict(payload["body"]), item.story_ids)
    return render_page(item.chat.platform, reply_from_json(payload))


def _enqueue(conn: Connection, chat: ChatRow, plan: DigestPlan, now: datetime) -> int:
    pages = render_pages(chat.ref.platform, plan.reply)
    messages = [NewMessage(page_payload(page), page.story_ids) for page in pages]
    stories = [
        GivenStory(story, plan.revisions.get(story, 0), plan.given.get(story, []))
        for story in [*plan.shown, *plan.counted]
    ]
    queue_messages(conn, chat.id, messages, stories, now)
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
