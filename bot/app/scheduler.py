"""Periodic jobs: one collection job per source, plus any job other parts add.

The job store is in memory: what a restart must remember (when each source was last fetched,
its backoff) lives in our database, and each job's first run is computed from it, so a restart
neither refetches everything at once nor forgets a source.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.collect.pipeline import Collector, sync_configured_sources
from bot.collect.storyline import StoryLine
from bot.collect.summarising import Summariser, summarise_pending
from bot.config.settings import Settings
from bot.models import SourceState
from bot.store.database import Database, utcnow
from bot.store.sources import list_sources

__all__ = [
    "JOB_DEFAULTS",
    "DigestScheduler",
    "build_scheduler",
    "first_run_time",
]

log = logging.getLogger(__name__)

# APScheduler's default grace is 1 s: a job due during a restart would be silently skipped.
JOB_DEFAULTS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}
PENDING_DIGESTS_EVERY = timedelta(minutes=10)
MAX_JITTER = timedelta(minutes=5)


def first_run_time(state: SourceState, every: timedelta, now: datetime) -> datetime:
    """When a source's job should first run after a start: one interval after its last fetch,
    not before its backoff ends, never in the past."""
    due = now if state.last_fetch is None else state.last_fetch + every
    if state.next_fetch_after is not None:
        due = max(due, state.next_fetch_after)
    return max(due, now)


def jitter_for(every: timedelta) -> int:
    """Seconds of random delay per run, so sources added together drift apart."""
    return int(min(every * 0.1, MAX_JITTER).total_seconds())


class DigestScheduler(AsyncIOScheduler):  # type: ignore[misc]
    """An AsyncIOScheduler whose jobs use :data:`JOB_DEFAULTS` and that stops gracefully."""

    def __init__(self, **options: Any) -> None:
        super().__init__(timezone=UTC, job_defaults=JOB_DEFAULTS, **options)
        self.running_jobs: set[asyncio.Task[Any]] = set()
        self._on_shutdown: list[Callable[[], Awaitable[None]]] = []

    def add_periodic(
        self,
        job_id: str,
        func: Callable[..., Awaitable[Any]],
        *,
        every: timedelta,
        first_run: datetime,
        kwargs: dict[str, Any] | None = None,
    ) -> Job:
        """Run ``func(**kwargs)`` every ``every`` from ``first_run``; ``job_id`` is fixed, so
        adding it again replaces it."""

        async def tracked() -> None:
            task = asyncio.current_task()
            assert task is not None
            self.running_jobs.add(task)
            try:
                await func(**(kwargs or {}))
            finally:
                self.running_jobs.discard(task)

        return self.add_job(
            tracked,
            IntervalTrigger(seconds=every.total_seconds(), jitter=jitter_for(every), timezone=UTC),
            id=job_id,
            name=job_id,
            next_run_time=first_run,
            replace_existing=True,
            **JOB_DEFAULTS,
        )

    def on_shutdown(self, cleanup: Callable[[], Awaitable[None]]) -> None:
        """Call ``cleanup`` after the scheduler stopped (in :meth:`stop`)."""
        self._on_shutdown.append(cleanup)

    async def stop(self, timeout: float = 30.0) -> None:
        """Start no new jobs, let running ones finish for up to ``timeout`` s, then shut down."""
        self.pause()
        if self.running_jobs:
            log.info("waiting for %d running job(s)", len(self.running_jobs))
            await asyncio.wait(set(self.running_jobs), timeout=timeout)
        self.shutdown(wait=False)
        for cleanup in self._on_shutdown:
            await cleanup()


def build_scheduler(
    settings: Settings,
    db: Database,
    client: httpx.AsyncClient,
    *,
    summariser: Summariser | None = None,
    now: datetime | None = None,
    collect_job: Callable[..., Awaitable[Any]] | None = None,
) -> DigestScheduler:
    """A scheduler (not started) with one collection job per enabled source, ids
    ``collect:<name>``, and a job ``digests:pending`` for articles stored without a digest.
    ``collect_job`` (queue mode: defer to the workers) replaces collecting in-process."""
    ids = sync_configured_sources(db, settings)
    with db.read() as conn:
        states = {row.name: row.state for row in list_sources(conn)}
    now = now or utcnow()
    StoryLine.of(db).prepare(db, now)  # the story clusterer, rebuilt before collection starts
    if summariser is None:
        summariser = Summariser(settings.digest)
    owned = summariser
    collector = Collector(settings, db, client, summariser)
    scheduler = DigestScheduler()
    for source in settings.sources:
        if not source.enabled:
            continue
        scheduler.add_periodic(
            f"collect:{source.name}",
            collect_job or collector.collect,
            every=source.every,
            first_run=first_run_time(states.get(source.name, SourceState()), source.every, now),
            kwargs={"source": source, "source_id": ids[source.name], "force": False},
        )
    scheduler.add_periodic(
        "digests:pending",
        summarise_pending,
        every=PENDING_DIGESTS_EVERY,
        first_run=now + timedelta(minutes=1),
        kwargs={"db": db, "summariser": summariser},
    )
    scheduler.on_shutdown(lambda: asyncio.to_thread(owned.close))
    return scheduler
