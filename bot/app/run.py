"""What ``digestbot run`` runs: the collection scheduler and, beside it, :class:`ChatRuntime`
(the configured chat channels, the delivery worker and the job that queues scheduled digests),
until it is told to stop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

import httpx

from bot.adapters.channels import build_ports
from bot.app.health import serve_health
from bot.app.queue import open_queue
from bot.app.scheduler import build_scheduler
from bot.collect.net.http import make_client
from bot.collect.pipeline import Collector
from bot.collect.summarising import Summariser
from bot.commands import Services
from bot.config.settings import Settings
from bot.delivery.outbox import queue_due_digests
from bot.delivery.sender import DeliveryWorker
from bot.ports import ChatPort
from bot.store.database import Database, utcnow
from bot.store.filters import sync_static_subscriptions
from bot.store.sources import sync_sources, with_chat_sources

__all__ = [
    "DIGEST_CHECK_EVERY",
    "ChatRuntime",
    "JobScheduler",
    "load_chat_sources",
    "run_until_stopped",
]

log = logging.getLogger("digestbot.chat")  # the chat runtime
run_log = logging.getLogger(__name__)  # starting and stopping the whole bot
DIGEST_CHECK_EVERY = timedelta(minutes=1)


def load_chat_sources(settings: Settings, db: Database) -> Settings:
    """``settings`` plus the sources chats added with /add (so they are collected too)."""
    with db.read() as conn:
        return with_chat_sources(settings, conn)


class JobScheduler(Protocol):
    """The part of :class:`bot.app.scheduler.DigestScheduler` the runtime uses."""

    def add_periodic(
        self,
        job_id: str,
        func: Callable[..., Any],
        *,
        every: timedelta,
        first_run: datetime,
        kwargs: dict[str, Any] | None = None,
    ) -> Any: ...

    def get_job(self, job_id: str) -> Any: ...

    def get_jobs(self) -> list[Any]: ...

    def remove_job(self, job_id: str) -> None: ...


class ChatRuntime:
    """Chat channels + delivery worker + digest job; ``start`` after the scheduler is built."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        client: httpx.AsyncClient,
        *,
        ports: dict[str, ChatPort] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.db = db
        self.clock = clock
        self.services = Services(db=db, settings=settings, client=client, clock=clock)
        self.ports = ports if ports is not None else build_ports(settings, self.services)
        self.worker = DeliveryWorker(db, self.ports, clock=clock)
        self.services.digest_queued = self.worker.wake
        self._task: asyncio.Task[None] | None = None
        self._summariser: Summariser | None = None
        self._started: list[ChatPort] = []

    async def start(self, scheduler: JobScheduler) -> None:
        """Start the channels and the worker; schedule the digest check every minute,
        collection jobs for sources that chats add while the bot runs, and a source's next
        collection at once when a chat turns it back on."""
        scheduler.add_periodic(
            "digests:due", self.queue_due, every=DIGEST_CHECK_EVERY, first_run=self.clock()
        )

        async def sources_changed() -> None:
            if self._summariser is None:
                self._summariser = Summariser(self.settings.digest)
            collector = Collector(self.settings, self.db, self.services.client, self._summariser)
            await asyncio.to_thread(self._schedule_chat_sources, scheduler, collector.collect)

        async def source_resumed(name: str) -> None:
            job = scheduler.get_job(f"collect:{name}")
            if job is not None:  # the scheduler runs on the wall clock
                job.modify(next_run_time=utcnow())

        self.services.sources_changed = sources_changed
        self.services.source_resumed = source_resumed
        await asyncio.to_thread(sync_static_subscriptions, self.db, self.settings, self.clock())
        for port in self.ports.values():
            await port.start()
            self._started.append(port)
        self._task = asyncio.create_task(self.worker.run())
        log.info("chat channels: %s", ", ".join(self.ports) or "none configured")

    async def stop(self) -> None:
        """Let in-flight messages finish (none is cut off), then stop the channels."""
        await self.worker.stop()
        if self._task is not None:
            await self._task
        for port in reversed(self._started):
            await port.stop()
        if self._summariser is not None:
            await asyncio.to_thread(self._summariser.close)

    async def queue_due(self) -> None:
        queued = await asyncio.to_thread(
            queue_due_digests, self.db, self.clock(), platforms=set(self.ports)
        )
        if queued:
            log.info("queued %d digest(s)", len(queued))
            self.worker.wake()

    def _schedule_chat_sources(
        self, scheduler: JobScheduler, collect_job: Callable[..., Any]
    ) -> None:
        """Collection jobs for sources added with /add; none for removed ones."""
        with self.db.write() as conn:
            merged = with_chat_sources(self.settings, conn)
            ids = sync_sources(conn, merged.sources)
        wanted = {f"collect:{source.name}" for source in merged.sources}
        for source in merged.sources:
            job_id = f"collect:{source.name}"
            if scheduler.get_job(job_id) is None:
                scheduler.add_periodic(
                    job_id,
                    collect_job,
                    every=source.every,
                    first_run=self.clock(),
                    kwargs={"source": source, "source_id": ids[source.name], "force": False},
                )
        for job in scheduler.get_jobs():
            if job.id.startswith("collect:") and job.id not in wanted:
                scheduler.remove_job(job.id)


async def run_until_stopped(
    settings: Settings,
    db: Database,
    stop: asyncio.Event,
    *,
    client: httpx.AsyncClient | None = None,
) -> None:
    """Run the scheduler until ``stop`` is set, then stop it gracefully."""
    http = client or make_client(settings.fetch)
    queue = await open_queue(settings)  # workers.queue: postgres -> workers collect and send
    try:
        settings = await asyncio.to_thread(load_chat_sources, settings, db)
        collect_job = queue.defer_collect if queue is not None else None
        scheduler = build_scheduler(settings, db, http, collect_job=collect_job)
        chats = ChatRuntime(settings, db, http)
        if queue is not None:
            queue.take_over_delivery(chats.worker, db)
        await chats.start(scheduler)
        scheduler.start()
        sources = sum(1 for job in scheduler.get_jobs() if job.id.startswith("collect:"))
        run_log.info("digestbot running: %d source job(s)", sources)
        every = [source.every for source in settings.sources if source.enabled]
        health = await serve_health(
            settings, db, role="scheduler", alive=lambda: scheduler.running, intervals=every
        )
        await stop.wait()
        run_log.info("digestbot stopping")
        await chats.stop()
        await scheduler.stop()
        if health is not None:
            await health.stop()
    finally:
        if queue is not None:
            await queue.close()
        if client is None:
            await http.aclose()
    run_log.info("digestbot stopped cleanly")
