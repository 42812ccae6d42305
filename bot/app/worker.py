"""``digestbot worker``: runs collection and delivery jobs from the PostgreSQL queue.

A delivery job sends one chat's due messages in order. The queue lets only one job per chat run
at a time, so a message this chat left ``sending`` can only belong to a worker that died: it is
sent again (the one window, as in :mod:`bot.delivery.sender`: a message the platform accepted just
before the kill arrives twice; nothing is lost).

On SIGTERM the worker takes no new jobs; a delivery job stops after the message in flight and
its chat's remaining messages stay queued for the next job; collection jobs finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable, Mapping
from datetime import datetime

import httpx

from bot.app.queue import JobQueue
from bot.collect.pipeline import Collector
from bot.collect.summarising import Summariser
from bot.config.settings import Settings
from bot.config.sources import SourceConfig
from bot.delivery.sender import DeliveryWorker
from bot.errors import DigestBotError
from bot.logs import log_context
from bot.metrics import JOBS_RUN
from bot.ports import ChatPort
from bot.store.database import Database, utcnow
from bot.store.outbox import OutboxItem, claim_due
from bot.store.sources import with_chat_sources

__all__ = ["QueueWorker", "claim_next_message", "worker_name"]

log = logging.getLogger("digestbot.worker")


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def claim_next_message(
    db: Database, chat_id: int, now: datetime, platforms: list[str]
) -> OutboxItem | None:
    """Mark the chat's oldest unsent message ``sending`` and return it, if it is due.

    The caller holds the chat's queue lock, so a row already ``sending`` was left by a dead
    worker and is claimed again.
    """
    claimed = claim_due(db, now, platforms, chat_id=chat_id)
    if claimed and claimed[0].reclaimed:
        log.warning("sending message %d again: its worker stopped mid-delivery", claimed[0].id)
    return claimed[0] if claimed else None


class QueueWorker:
    """Registers the job functions on ``queue`` and runs them until :meth:`stop`."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        queue: JobQueue,
        ports: Mapping[str, ChatPort],
        client: httpx.AsyncClient,
        *,
        name: str | None = None,
        heartbeat_s: float = 10.0,
        stalled_after_s: float = 60.0,
        graceful_s: float = 30.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.db = db
        self.queue = queue
        self.ports = dict(ports)
        self.name = name or worker_name()
        self.heartbeat_s = heartbeat_s
        self.stalled_after_s = stalled_after_s
        self.graceful_s = graceful_s
        self.clock = clock
        self.summariser = Summariser(settings.digest)
        self.collector = Collector(settings, db, client, self.summariser)
        self.sender = DeliveryWorker(db, self.ports, clock=clock)
        self.stopping = False
        self._worker: asyncio.Task[None] | None = None
        self._sources: dict[str, SourceConfig] = {}
        queue.register(collect=self.collect, deliver=self.deliver)

    def alive(self) -> bool:
        """Taking jobs (for /healthz): not stopping, and the queue's loop has not died."""
        return not self.stopping and (self._worker is None or not self._worker.done())

    async def collect(self, source_name: str, source_id: int) -> None:
        """Fetch and store one source (a job from ``digestbot run``'s schedule)."""
        with log_context(source=source_name, worker=self.name):
            source = await self._source(source_name)
            if source is None:
                log.warning("source %r is no longer configured; job dropped", source_name)
                JOBS_RUN.labels("collect", "dropped").inc()
                return
            report = await self.collector.collect(source, source_id, force=False)
            JOBS_RUN.labels("collect", report.status).inc()

    async def deliver(self, chat_id: int) -> int:
        """Send the chat's due messages in order; returns how many were tried."""
        platforms = sorted(self.ports)
        tried = 0
        with log_context(chat=chat_id, worker=self.name):
            while not self.stopping:
                item = await asyncio.to_thread(
                    claim_next_message, self.db, chat_id, self.clock(), platforms
                )
                if item is None:
                    break
                await self.sender.deliver(item)
                tried += 1
        JOBS_RUN.labels("deliver", "stopped" if self.stopping else "done").inc()
        return tried

    async def _source(self, name: str) -> SourceConfig | None:
        if name not in self._sources:
            # Sources added from a chat (/add) live in the database, not in the file.
            merged = await asyncio.to_thread(self._merged_sources)
            self._sources = {source.name: source for source in merged}
        return self._sources.get(name)

    def _merged_sources(self) -> list[SourceConfig]:
        with self.db.read() as conn:
            return list(with_chat_sources(self.settings, conn).sources)

    async def run(self, stop: asyncio.Event, *, concurrency: int | None = None) -> None:
        """Run jobs until ``stop`` is set; then finish (or hand back) what is in flight."""
        self._worker = worker = asyncio.create_task(
            self.queue.run_worker(
                name=self.name,
                concurrency=concurrency or self.settings.workers.concurrency,
                heartbeat_s=self.heartbeat_s,
                graceful_s=self.graceful_s,
            )
        )
        log.info("worker %s taking jobs", self.name)
        try:
            while not stop.is_set() and not worker.done():
                await self._retry_stalled()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self.stalled_after_s / 3)
        finally:
            self.stopping = True
            worker.cancel()
            await asyncio.wait([worker])
            await asyncio.to_thread(self.summariser.close)
        if not worker.cancelled() and worker.exception() is not None:
            # The queue's loop died (the database went away): one clear line, exit 1.
            raise DigestBotError(f"worker {self.name} lost the job queue: {worker.exception()}")
        log.info("worker %s stopped cleanly", self.name)

    async def _retry_stalled(self) -> None:
        try:
            await self.queue.retry_stalled(self.stalled_after_s)
        except Exception as exc:  # the database may be restarting: try again next round
            log.warning("could not look for stalled jobs: %s", exc)
