"""The delivery worker: sends queued outbox rows through the port of their platform.

Each row goes ``queued`` -> ``sending`` (committed before the request) -> ``sent`` (committed
as soon as the platform answers). Flood limits, network errors, a chat that blocked the bot or
moved are handled per row, so one chat's failure never stops delivery to the others.

The one window left: if the process dies after the platform accepted a message but before
our ``sent`` commit, the row is still ``sending``; at start-up such rows are sent again, so
that message can arrive twice. Nothing is ever lost. The window is one HTTP response plus one
small commit per in-flight message, and at most ``concurrency`` messages wide.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from bot.delivery.outbox import stored_page
from bot.metrics import DELIVERY_LATENCY, DIGESTS_SENT, RATE_LIMITED
from bot.ports import ChatGone, ChatMoved, ChatPort, PermanentFailure, RetryLater
from bot.store.database import Database, utcnow
from bot.store.outbox import (
    OutboxItem,
    chat_gone,
    chat_moved,
    claim_due,
    mark_sent,
    recover_unfinished,
    set_status,
)

__all__ = ["CLAIM_LEASE", "MAX_ATTEMPTS", "DeliveryWorker", "backoff"]

log = logging.getLogger("digestbot.delivery")
MAX_ATTEMPTS = 10
MAX_BACKOFF = timedelta(minutes=15)
# A claimed row whose worker vanished is retried after this long (see recover_unfinished).
CLAIM_LEASE = timedelta(minutes=5)


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
        # Queue mode (bot.app.worker): hand due chats to worker processes instead of sending here.
        self.handoff: Callable[[], Awaitable[object]] | None = None

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
                    await asyncio.to_thread(self._recover, self.clock() - CLAIM_LEASE)
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
        if self.handoff is not None:
            await self.handoff()
            return 0
        if not self._recovered:
            await asyncio.to_thread(self._recover, None)
            self._recovered = True
        free = self._concurrency - len(self._in_flight)
        if free <= 0:
            await asyncio.wait(self._in_flight, return_when=asyncio.FIRST_COMPLETED)
            return 1
        items = await asyncio.to_thread(
            claim_due, self.db, self.clock(), sorted(self.ports), limit=free
        )
        for item in items:
            task = asyncio.create_task(self.deliver(item))
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)
        return len(items)

    def _recover(self, older_than: datetime | None) -> None:
        count = recover_unfinished(self.db, older_than=older_than)
        if count:
            log.warning("resending %d message(s) whose delivery was interrupted", count)

    async def deliver(self, item: OutboxItem) -> None:
        """Send one claimed row's page as stored and record the outcome (the queue workers
        call this too)."""
        platform = item.chat.platform
        started = time.monotonic()
        try:
            sent = await self.ports[platform].send_page(item.chat, stored_page(item))
        except asyncio.CancelledError:
            # Cut off mid-request: the outcome is unknown, so it goes out again (see above).
            await asyncio.to_thread(set_status, self.db, item, status="queued")
            raise
        except Exception as exc:
            await asyncio.to_thread(self._failed, item, exc)
        else:
            await asyncio.to_thread(mark_sent, self.db, item, sent, self.clock())
            DIGESTS_SENT.labels(platform).inc()
        finally:
            DELIVERY_LATENCY.labels(platform).observe(time.monotonic() - started)

    def _failed(self, item: OutboxItem, exc: BaseException) -> None:
        now = self.clock()
        where = f"chat {item.chat.platform}:{item.chat.address}"
        if isinstance(exc, ChatMoved):
            log.info("%s moved to %s; sending there", where, exc.new_address)
            chat_moved(self.db, item, exc.new_address, now)
        elif isinstance(exc, ChatGone):
            if chat_gone(self.db, item, str(exc)):
                log.warning("%s: %s; its digests are stopped", where, exc)
        elif isinstance(exc, PermanentFailure) or item.attempts >= MAX_ATTEMPTS:
            log.error("%s: message %d not delivered: %s", where, item.id, exc)
            set_status(self.db, item, status="failed", last_error=str(exc))
        else:
            delay = backoff(item.attempts)
            if isinstance(exc, RetryLater) and exc.retry_after_s is not None:
                delay = max(delay, timedelta(seconds=exc.retry_after_s))
                RATE_LIMITED.labels(item.chat.platform).inc()
            if not isinstance(exc, RetryLater):
                log.error("%s: unexpected error, will retry: %r", where, exc)
            set_status(
                self.db, item, status="queued", next_attempt_at=now + delay, last_error=str(exc)
            )
