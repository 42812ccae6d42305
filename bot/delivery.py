"""The outbox: digests are queued in the transaction that decides them; a worker sends them.

Each page of a digest is one outbox row: ``queued`` -> ``sending`` (committed before the
request) -> ``sent`` (committed as soon as the platform answers). A story reaches a chat at
most once: ``deliveries`` has the key (chat, story) and is written with the outbox rows.

The one window left: if the process dies after the platform accepted a message but before
our ``sent`` commit, the row is still ``sending``; at start-up such rows are sent again, so
that message can arrive twice. Nothing is ever lost. The window is one HTTP response plus one
small commit per in-flight message, and at most ``concurrency`` messages wide.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from bot.chatstore import (
    ChatRow,
    chats,
    deactivate_chat,
    deliveries,
    get_chat,
    insert_ignore,
    move_chat,
    outbox,
    remember_messages,
    subscribed_chats,
    update_chat,
)
from bot.digests import DigestPlan, is_due, plan_digest
from bot.ports import (
    ChatGone,
    ChatMoved,
    ChatPort,
    ChatRef,
    PermanentFailure,
    Reply,
    RetryLater,
    SentMessage,
    reply_from_json,
    reply_to_json,
)
from bot.render import paginate
from bot.storage import Database

__all__ = [
    "DeliveryWorker",
    "OutboxItem",
    "QueuedDigest",
    "queue_digest",
    "queue_due_digests",
    "recover_unfinished",
]

log = logging.getLogger("digestbot.delivery")
MAX_ATTEMPTS = 10
MAX_BACKOFF = timedelta(minutes=15)
# A claimed row whose worker vanished is retried after this long (see recover_unfinished).
CLAIM_LEASE = timedelta(minutes=5)


def utcnow() -> datetime:
    return datetime.now(UTC)


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
            "outbox_id": outbox_of.get(story),
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


def queue_due_digests(db: Database, now: datetime) -> list[QueuedDigest]:
    """Queue a digest for every chat whose scheduled time has come (outside quiet hours)."""
    with db.read() as conn:
        due = [chat.id for chat in subscribed_chats(conn) if is_due(chat, now)]
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


def _set_status(db: Database, item: OutboxItem, **values: Any) -> None:
    with db.write() as conn:
        conn.execute(update(outbox).where(outbox.c.id == item.id).values(**values))


def _chat_gone(db: Database, item: OutboxItem, reason: str) -> bool:
    with db.write() as conn:
        first = deactivate_chat(conn, item.chat_id, reason)
        conn.execute(
            update(outbox)
            .where(outbox.c.chat_id == item.chat_id, outbox.c.status.in_(("queued", "sending")))
            .values(status="dropped", last_error=reason)
        )
    return first


def _chat_moved(db: Database, item: OutboxItem, new_address: str, now: datetime) -> None:
    with db.write() as conn:
        move_chat(conn, item.chat_id, new_address)
        conn.execute(
            update(outbox)
            .where(outbox.c.id == item.id)
            .values(status="queued", next_attempt_at=now, attempts=0)
        )


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=2**attempts), MAX_BACKOFF)


class DeliveryWorker:
    """Sends queued rows through the port of their platform, ``concurrency`` at a time."""

    def __init__(
        self,
        db: Database,
        ports: Mapping[str, ChatPort],
        *,
        concurrency: int = 8,
        poll_s: float = 2.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.ports = dict(ports)
        self.poll_s = poll_s
        self.clock = clock
        self._concurrency = concurrency
        self._in_flight: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        self._stopping = False
        self._recovered = False

    def wake(self) -> None:
        """Look at the outbox now (something was just queued)."""
        self._wake.set()

    async def run(self) -> None:
        """Deliver until :meth:`stop`; in-flight messages are finished, never cut off."""
        while not self._stopping:
            if await self._dispatch() == 0:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), self.poll_s)
                except TimeoutError:
                    await asyncio.to_thread(
                        recover_unfinished, self.db, older_than=self.clock() - CLAIM_LEASE
                    )
        await self.drain()

    async def run_until_idle(self) -> None:
        """Deliver everything due now, then return (console, tests, one-off runs)."""
        while await self._dispatch() or self._in_flight:
            await self.drain()

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        await self.drain()

    async def drain(self) -> None:
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight), return_exceptions=True)

    async def _dispatch(self) -> int:
        if not self._recovered:
            await asyncio.to_thread(recover_unfinished, self.db)
            self._recovered = True
        free = self._concurrency - len(self._in_flight)
        if free <= 0:
            await asyncio.wait(self._in_flight, return_when=asyncio.FIRST_COMPLETED)
            return 1
        items = await asyncio.to_thread(claim_due, self.db, self.clock(), free, sorted(self.ports))
        for item in items:
            task = asyncio.create_task(self._deliver(item))
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)
        return len(items)

    async def _deliver(self, item: OutboxItem) -> None:
        try:
            sent = await self.ports[item.chat.platform].send(item.chat, item.page)
        except asyncio.CancelledError:
            # Cut off mid-request: the outcome is unknown, so it goes out again (see above).
            await asyncio.to_thread(_set_status, self.db, item, status="queued")
            raise
        except Exception as exc:
            await asyncio.to_thread(self._failed, item, exc)
        else:
            await asyncio.to_thread(mark_sent, self.db, item, sent, self.clock())

    def _failed(self, item: OutboxItem, exc: BaseException) -> None:
        now = self.clock()
        where = f"chat {item.chat.platform}:{item.chat.address}"
        if isinstance(exc, ChatMoved):
            log.info("%s moved to %s; sending there", where, exc.new_address)
            _chat_moved(self.db, item, exc.new_address, now)
        elif isinstance(exc, ChatGone):
            if _chat_gone(self.db, item, str(exc)):
                log.warning("%s: %s; its digests are stopped", where, exc)
        elif isinstance(exc, PermanentFailure) or item.attempts >= MAX_ATTEMPTS:
            log.error("%s: message %d not delivered: %s", where, item.id, exc)
            _set_status(self.db, item, status="failed", last_error=str(exc))
        else:
            delay = backoff(item.attempts)
            if isinstance(exc, RetryLater) and exc.retry_after_s is not None:
                delay = max(delay, timedelta(seconds=exc.retry_after_s))
            if not isinstance(exc, RetryLater):
                log.error("%s: unexpected error, will retry: %r", where, exc)
            _set_status(
                self.db, item, status="queued", next_attempt_at=now + delay, last_error=str(exc)
            )
