"""The PostgreSQL job queue (procrastinate) that lets several workers share collection and delivery.

``digestbot run`` keeps the schedule and defers jobs; ``digestbot worker`` processes run them.
Two locks keep the work single:

* ``queueing_lock`` - at most one *waiting* job per source (``collect:<id>``) and per chat
  (``deliver:<id>``): a round that finds its job still queued adds nothing;
* ``lock`` - at most one *running* job per source and per chat, so a source is never fetched
  twice at once and a chat's messages go out one after another, in order.

A worker killed with -9 stops sending heartbeats; any other worker puts its running jobs back
in the queue (:meth:`JobQueue.retry_stalled`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import make_url

from bot.config.settings import Settings
from bot.config.sources import SourceConfig
from bot.delivery.sender import DeliveryWorker
from bot.errors import ConfigError, DigestBotError
from bot.store.database import Database
from bot.store.outbox import chats_with_due_messages

__all__ = [
    "COLLECT_TASK",
    "DELIVER_TASK",
    "JobQueue",
    "open_queue",
    "queue_conninfo",
]

try:  # the [postgres] extra; SQLite installs run without it
    import procrastinate
    import psycopg
    from procrastinate.exceptions import (
        AlreadyEnqueued,
        ConnectorException,
        ProcrastinateException,
        UniqueViolation,
    )
except ImportError:
    HAVE_QUEUE = False
else:
    HAVE_QUEUE = True

log = logging.getLogger("digestbot.queue")
COLLECT_TASK = "digestbot.collect"
DELIVER_TASK = "digestbot.deliver"
COLLECT_QUEUE = "collect"
DELIVER_QUEUE = "deliver"
# Serialises schema creation when several processes start at once (any constant 64-bit key).
SCHEMA_LOCK_KEY = 0x6469676573740001

CollectHandler = Callable[[str, int], Awaitable[Any]]
DeliverHandler = Callable[[int], Awaitable[Any]]


def queue_conninfo(storage_url: str) -> str:
    """The libpq URI for ``storage.url`` (a SQLAlchemy URL), query options kept."""
    url = make_url(storage_url)
    if url.get_backend_name() != "postgresql":
        raise ConfigError(
            "workers.queue: postgres needs storage.url on PostgreSQL "
            "(postgresql+psycopg://user@host/db); with SQLite use workers.queue: none"
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class JobQueue:
    """Defers collection and delivery jobs, and runs them in a worker process."""

    def __init__(self, storage_url: str, *, pool_size: int = 4) -> None:
        if not HAVE_QUEUE:
            raise ConfigError("workers.queue: postgres needs digestbot[postgres]; install it")
        self._conninfo = queue_conninfo(storage_url)
        connector = procrastinate.PsycopgConnector(
            conninfo=self._conninfo, min_size=1, max_size=pool_size
        )
        self.app = procrastinate.App(connector=connector)
        self._open = False

    async def open(self) -> None:
        """Connect and create the queue's tables on first use."""
        await self.app.open_async()
        self._open = True
        await self.ensure_schema()

    async def close(self) -> None:
        if self._open:
            await self.app.close_async()
            self._open = False

    async def ensure_schema(self) -> None:
        """Create procrastinate's tables unless present; one transaction holding a lock, so
        processes starting together create them once."""
        schema = self.app.schema_manager.get_schema()
        async with await psycopg.AsyncConnection.connect(self._conninfo) as conn:
            await conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK_KEY,))
            found = await conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
            row = await found.fetchone()
            if row is not None and not row[0]:
                log.info("creating the job queue tables")
                await conn.execute(schema)

    # -- deferring (digestbot run) --------------------------------------------------------

    async def defer_collect(
        self, source: SourceConfig, source_id: int, force: bool = False
    ) -> bool:
        """Queue one collection of ``source``; False if one is already waiting.

        Takes the arguments of :meth:`bot.collect.pipeline.Collector.collect`, so the scheduler can
        call either.
        """
        key = f"collect:{source_id}"
        return await self._defer(
            COLLECT_TASK, COLLECT_QUEUE, key, source=source.name, source_id=source_id
        )

    async def defer_deliver(self, chat_id: int) -> bool:
        """Queue sending the due messages of chat ``chat_id``; False if already waiting."""
        return await self._defer(
            DELIVER_TASK,
            DELIVER_QUEUE,
            f"deliver:{chat_id}",
            chat_id=chat_id,
            lock=f"chat:{chat_id}",
        )

    def take_over_delivery(self, worker: DeliveryWorker, db: Database) -> None:
        """Make ``worker`` (the one ``digestbot run`` starts) queue delivery jobs instead of
        sending: every poll and whenever a digest is queued."""

        async def handoff() -> int:
            return await self.defer_due_deliveries(db, datetime.now(UTC))

        worker.handoff = handoff

    async def defer_due_deliveries(self, db: Database, now: datetime) -> int:
        """Queue a delivery job for every chat with a message due and no job waiting."""
        due = await asyncio.to_thread(chats_with_due_messages, db, now)
        if not due:
            return 0
        waiting = await self._waiting_keys(DELIVER_TASK)
        deferred = 0
        for chat_id in due:
            if f"deliver:{chat_id}" not in waiting and await self.defer_deliver(chat_id):
                deferred += 1
        return deferred

    async def _waiting_keys(self, task: str) -> set[str]:
        rows = await self.app.connector.execute_query_all_async(
            "SELECT queueing_lock FROM procrastinate_jobs "
            "WHERE status = 'todo' AND task_name = %(task)s AND queueing_lock IS NOT NULL",
            task=task,
        )
        return {str(row["queueing_lock"]) for row in rows}

    async def _defer(
        self, task: str, queue: str, key: str, *, lock: str | None = None, **args: Any
    ) -> bool:
        deferrer = self.app.configure_task(task, queue=queue, queueing_lock=key, lock=lock or key)
        try:
            await deferrer.defer_async(**args)
        except AlreadyEnqueued:
            return False
        return True

    # -- running (digestbot worker) -------------------------------------------------------

    def register(self, *, collect: CollectHandler, deliver: DeliverHandler) -> None:
        """The functions that run the jobs in this process."""

        async def collect_job(source: str, source_id: int) -> None:
            await collect(source, source_id)

        async def deliver_job(chat_id: int) -> None:
            await deliver(chat_id)

        self.app.task(name=COLLECT_TASK, queue=COLLECT_QUEUE)(collect_job)
        self.app.task(name=DELIVER_TASK, queue=DELIVER_QUEUE)(deliver_job)

    async def run_worker(
        self, *, name: str, concurrency: int, heartbeat_s: float, graceful_s: float
    ) -> None:
        """Run jobs until cancelled; on cancel, running jobs get ``graceful_s`` to finish."""
        await self.app.run_worker_async(
            name=name,
            concurrency=concurrency,
            install_signal_handlers=False,
            delete_jobs="successful",
            update_heartbeat_interval=heartbeat_s,
            stalled_worker_timeout=max(3 * heartbeat_s, 10.0),
            shutdown_graceful_timeout=graceful_s,
            fetch_job_polling_interval=1.0,
        )

    async def retry_stalled(self, after_s: float) -> int:
        """Queue again the running jobs of workers silent for ``after_s`` seconds."""
        manager = self.app.job_manager
        retried = 0
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=after_s):
            assert job.id is not None
            try:
                await manager.retry_job(job)
            except UniqueViolation:
                # A new job with the same queueing lock already waits and will do the work.
                await manager.finish_job_by_id_async(
                    job.id, status=procrastinate.jobs.Status.FAILED, delete_job=False
                )
                log.warning(
                    "job %s of a silent worker closed: the same job already waits in the queue",
                    job.call_string,
                )
                continue
            except ConnectorException:
                continue  # another worker queued it again first
            retried += 1
            log.warning("job %s of a silent worker queued again", job.call_string)
        return retried

    async def waiting(self) -> dict[str, int]:
        """Jobs waiting or running, by status (for the operator and the tests)."""
        rows = await self.app.connector.execute_query_all_async(
            "SELECT status::text AS status, count(*) AS n FROM procrastinate_jobs "
            "WHERE status IN ('todo', 'doing') GROUP BY status"
        )
        counts = {str(row["status"]): int(row["n"]) for row in rows}
        return {status: counts.get(status, 0) for status in ("todo", "doing")}


async def open_queue(settings: Settings) -> JobQueue | None:
    """The opened queue when ``workers.queue`` is postgres; None when work stays in-process."""
    if settings.workers.queue != "postgres":
        return None
    queue = JobQueue(settings.storage.url)
    try:
        await queue.open()
    except (OSError, ProcrastinateException, psycopg.Error) as exc:
        await queue.close()
        raise DigestBotError(f"cannot open the job queue in {_shown(settings)}: {exc}") from None
    return queue


def _shown(settings: Settings) -> str:
    return make_url(settings.storage.url).render_as_string(hide_password=True)
