"""Collect once: fetch every due source concurrently and store what is new.

Each source is one transaction: its new and updated articles (with their digests) commit together
with its fetch state (ETag, failures), so a crash at any moment loses nothing and stores nothing
twice: the next run fetches again what was not committed.

Only the entries the store writes (new or changed) have their language decided
(:mod:`bot.collect.language`): an entry already stored is not read by the detector again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Container, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

import httpx
from sqlalchemy.exc import DBAPIError, IntegrityError

from bot.collect.dedup import prepare_entries
from bot.collect.failing import failed_state
from bot.collect.fetch import fetch_source
from bot.collect.language import decide_languages
from bot.collect.net.http import make_client
from bot.collect.storyline import StoryLine
from bot.collect.summarising import Summariser
from bot.config.settings import Settings
from bot.config.sources import FetchSettings, SourceConfig
from bot.errors import InputError
from bot.logs import log_context
from bot.metrics import record_collection
from bot.models import FetchResult, PreparedEntry, SourceState
from bot.store.article_dedup import Plan, plan_entries
from bot.store.articles import Counts, StoredDigest, apply_plans, known_links
from bot.store.database import Database, utcnow
from bot.store.sources import (
    load_source_state,
    save_source_state,
    sync_sources,
    with_chat_sources,
)

__all__ = ["Collector", "FetchSource", "SourceReport", "collect_once", "sync_configured_sources"]

log = logging.getLogger(__name__)

ReportStatus = Literal["fetched", "not_modified", "failed", "skipped", "stopped"]
# Concurrent writers on PostgreSQL can race for the same unique key; the loser plans again.
STORE_ATTEMPTS = 3


class FetchSource(Protocol):
    def __call__(
        self,
        client: httpx.AsyncClient,
        source: SourceConfig,
        state: SourceState,
        settings: FetchSettings,
        *,
        base_dir: Path,
        known: Container[str] | None = None,
    ) -> Awaitable[FetchResult]: ...


@dataclass(slots=True)
class SourceReport:
    """What one collection did for one source."""

    name: str
    status: ReportStatus
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str | None = None  # why a source stopped, or what broke in a feed read in part
    detected: int = 0  # entries whose language the detector read (only those to be written)
    next_fetch_after: datetime | None = None
    stopped_at: datetime | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def malformed(self) -> bool:
        """Fetched, but the feed is broken: what it still held was stored."""
        return self.status == "fetched" and self.error is not None


class Collector:
    """Collects single sources; shared by :func:`collect_once` and the scheduler's jobs."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        client: httpx.AsyncClient,
        summariser: Summariser | None,
        *,
        fetch: FetchSource = fetch_source,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.db = db
        self.client = client
        self.summariser = summariser  # None: store first, summarise later (summarise_pending)
        self.fetch = fetch
        self.clock = clock
        self.stories = StoryLine.of(db)

    async def collect(self, source: SourceConfig, source_id: int, *, force: bool) -> SourceReport:
        """Fetch and store one source; never raises (problems end up in the report)."""
        with log_context(source=source.name):
            try:
                report = await self._collect(source, source_id, force=force)
            except DBAPIError as exc:
                reason = (str(exc.orig or exc).strip().splitlines() or [type(exc).__name__])[0]
                log.error("%s: database error: %s", source.name, reason)
                report = await self._store_failed(source, source_id, f"database error: {reason}")
            except Exception as exc:
                log.exception("collecting %s failed", source.name)
                report = await self._store_failed(source, source_id, f"could not store: {exc!r}")
            if report.new or report.updated:
                log.info("%s: %d new, %d updated", source.name, report.new, report.updated)
        record_collection(report.name, new=report.new, failed=report.failed)
        return report

    async def _collect(self, source: SourceConfig, source_id: int, *, force: bool) -> SourceReport:
        state, known = await asyncio.to_thread(self._read_state, source_id)
        now = self.clock()
        if state.stopped_at is not None:  # not even when forced: someone must turn it back on
            return SourceReport(
                source.name, "stopped", error=state.stop_reason, stopped_at=state.stopped_at
            )
        if not force and state.next_fetch_after is not None and state.next_fetch_after > now:
            return SourceReport(
                source.name,
                "skipped",
                error=state.last_error,
                next_fetch_after=state.next_fetch_after,
            )
        result = await self.fetch(
            self.client,
            source,
            state,
            self.settings.fetch,
            base_dir=self.settings.base_dir,
            known=known,
        )
        if result.status == "failed":
            return await self._failed(source, source_id, state, result)
        now = self.clock()
        succeeded = self._succeeded_state(state, result, now)
        if result.status == "not_modified":
            await asyncio.to_thread(self._save_state, source_id, succeeded, True)
            return SourceReport(source.name, "not_modified")
        if result.error is not None:
            log.warning("%s: %s", source.name, result.error)
        languages = _Languages(source.language)
        counts = await self._store(source_id, result, languages, succeeded, now)
        return SourceReport(
            source.name,
            "fetched",
            new=counts.new,
            updated=counts.updated,
            unchanged=counts.unchanged,
            error=result.error,
            detected=languages.detected,
        )

    async def _failed(
        self, source: SourceConfig, source_id: int, state: SourceState, result: FetchResult
    ) -> SourceReport:
        """Record the failure ``result`` in the source's state: it backs off, or stops."""
        failed = failed_state(state, result, self.clock(), source.every, self.settings.fetch)
        await asyncio.to_thread(self._save_state, source_id, failed, False)
        log.warning("%s: %s", source.name, result.error)
        if failed.stopped_at is not None:
            log.warning("%s: no longer polled: %s", source.name, failed.stop_reason)
        return SourceReport(
            source.name,
            "failed",
            error=result.error,
            next_fetch_after=failed.next_fetch_after,
            stopped_at=failed.stopped_at,
        )

    async def _store_failed(self, source: SourceConfig, source_id: int, error: str) -> SourceReport:
        """A source whose items could not be stored fails like a failed fetch (and backs off)."""
        try:
            state, _ = await asyncio.to_thread(self._read_state, source_id)
            return await self._failed(source, source_id, state, FetchResult("failed", error=error))
        except Exception as exc:  # the database itself is gone: report, and carry on
            log.error("%s: could not record the failure: %r", source.name, exc)
            return SourceReport(source.name, "failed", error=error)

    async def _store(
        self,
        source_id: int,
        result: FetchResult,
        languages: _Languages,
        state: SourceState,
        now: datetime,
    ) -> Counts:
        items = prepare_entries(result.entries)
        digests: dict[tuple[str, str], StoredDigest] = {}
        if self.summariser is not None and items:
            # Plan outside the write lock, decide the languages of the entries to be written and
            # summarise them (in their language) without holding it, then plan again inside.
            plans = await asyncio.to_thread(self._plan, source_id, items)
            changed = _to_write(plans)
            await asyncio.to_thread(languages.decide, changed)
            digests = await self.summariser.digests(changed)
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                return await asyncio.to_thread(
                    self._write, source_id, items, languages, digests, state, now
                )
            except IntegrityError:
                if attempt == STORE_ATTEMPTS:
                    raise
                log.info("source %d raced another writer; planning again", source_id)
        raise AssertionError("unreachable")

    @staticmethod
    def _succeeded_state(state: SourceState, result: FetchResult, now: datetime) -> SourceState:
        not_modified = result.status == "not_modified"
        return SourceState(
            # A 304 need not repeat the validators: keep the ones we sent.
            etag=result.etag or (state.etag if not_modified else None),
            last_modified=result.last_modified or (state.last_modified if not_modified else None),
            failures=0,
            last_error=result.error,  # a broken feed that still gave entries says what is wrong
            last_fetch=now,
            next_fetch_after=None,
        )

    def _read_state(self, source_id: int) -> tuple[SourceState, set[str]]:
        with self.db.read() as conn:
            return load_source_state(conn, source_id), known_links(conn, source_id)

    def _save_state(self, source_id: int, state: SourceState, succeeded: bool) -> None:
        with self.db.write() as conn:
            save_source_state(conn, source_id, state, succeeded=succeeded)

    def _plan(self, source_id: int, items: Sequence[PreparedEntry]) -> list[Plan]:
        with self.db.read() as conn:
            return plan_entries(conn, source_id, items)

    def _write(
        self,
        source_id: int,
        items: Sequence[PreparedEntry],
        languages: _Languages,
        digests: dict[tuple[str, str], StoredDigest],
        state: SourceState,
        now: datetime,
    ) -> Counts:
        # Articles join their stories in the transaction that stores them
        # (see bot.collect.storyline).
        with self.stories.storing(self.db, now) as conn:
            plans = plan_entries(conn, source_id, items)
            # Digests deferred: the languages are decided here, from this one plan, with no read
            # before it (a fraction of a millisecond per entry written). With digests: only of
            # entries another writer made new or changed since the first plan.
            languages.decide(_to_write(plans))
            counts = apply_plans(conn, source_id, plans, digests, now)
            changed = [plan.article_id for plan in plans if plan.action == "update"]
            self.stories.stored(conn, now, counts.new_ids, [i for i in changed if i is not None])
            save_source_state(conn, source_id, state, succeeded=True)
        return counts


def _to_write(plans: Iterable[Plan]) -> list[PreparedEntry]:
    """The entries a plan inserts or rewrites (the only ones whose language is stored)."""
    return [plan.item for plan in plans if plan.action in ("new", "update")]


class _Languages:
    """Decides each entry's language once (:func:`decide_languages`), when it is to be written."""

    def __init__(self, pinned: str | None) -> None:
        self.pinned = pinned
        self.detected = 0
        self._decided: set[int] = set()  # ids of the entries decided

    def decide(self, items: Iterable[PreparedEntry]) -> None:
        entries = [item.entry for item in items if id(item.entry) not in self._decided]
        decide_languages(entries, self.pinned)
        self._decided.update(id(entry) for entry in entries)
        if self.pinned is None:
            self.detected += len(entries)


def _sync_sources(db: Database, settings: Settings) -> tuple[Settings, dict[str, int]]:
    with db.write() as conn:
        merged = with_chat_sources(settings, conn)
        return merged, sync_sources(conn, merged.sources)


def sync_configured_sources(db: Database, settings: Settings) -> dict[str, int]:
    """Store the configured sources and those chats added with /add (new ones added, changed
    ones updated, the rest disabled); ids by name."""
    return _sync_sources(db, settings)[1]


async def collect_once(
    settings: Settings,
    db: Database,
    *,
    client: httpx.AsyncClient | None = None,
    only: str | None = None,
    progress: Callable[[SourceReport], None] | None = None,
    force: bool = False,
    defer_digests: bool = False,
    executor: Executor | None = None,
    fetch: FetchSource = fetch_source,
) -> list[SourceReport]:
    """Fetch all enabled sources (or the one named ``only``) concurrently; reports in config
    order. Sources backing off after failures are skipped unless ``force``; stopped ones
    (:mod:`bot.collect.failing`) never are. With ``defer_digests`` articles are stored without
    digests, for :func:`summarise_pending`. Sources chats added with /add are collected too,
    after the configured ones."""
    settings, ids = await asyncio.to_thread(_sync_sources, db, settings)
    chosen = [s for s in settings.sources if s.enabled and (only is None or s.name == only)]
    if only is not None and not chosen:
        known = ", ".join(s.name for s in settings.sources if s.enabled) or "none"
        raise InputError(f"no enabled source named {only!r} in the config (enabled: {known})")
    summariser = None if defer_digests else Summariser(settings.digest, executor)
    http = client or make_client(settings.fetch)
    try:
        collector = Collector(settings, db, http, summariser, fetch=fetch)
        reports: dict[str, SourceReport] = {}
        tasks = [collector.collect(s, ids[s.name], force=force) for s in chosen]
        for finished in asyncio.as_completed(tasks):
            report = await finished
            reports[report.name] = report
            if progress is not None:
                progress(report)
        return [reports[s.name] for s in chosen]
    finally:
        if summariser is not None:
            await asyncio.to_thread(summariser.close)
        if client is None:
            await http.aclose()
