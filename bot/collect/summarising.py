"""Digests for stored articles, computed in worker processes so the event loop keeps fetching."""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict

from bot.config.settings import DigestSettings
from bot.models import PreparedEntry
from bot.store.articles import (
    PendingDigest,
    StoredDigest,
    pending_digests,
    store_digest,
)
from bot.store.database import Database
from bot.store.ledger import record_positions
from summarise import NoTextError, current_model, summarise, use_model

__all__ = ["Summariser", "summarise_article", "summarise_pending", "use_models"]

log = logging.getLogger(__name__)


def summarise_article(
    title: str,
    text: str,
    sentences: int,
    max_chars: int | None,
    algorithm: str,
    *,
    nlp_model: str | None = None,
    nlp_models: Mapping[str, str] | None = None,
    language: str | None = None,
) -> StoredDigest:
    """The digest of one article; an article without text gets an empty one. ``nlp_model``
    (digest.nlp_model) and ``nlp_models`` (digest.nlp_models: other languages' pipelines by
    ISO 639-1 code) choose the spaCy pipelines of this process; None keeps its choice.
    ``language`` is the article's ISO 639-1 code; None detects it."""
    use_models(nlp_model, nlp_models)
    try:
        digest = summarise(
            text,
            title=title or None,
            sentences=sentences,
            max_chars=max_chars,
            algorithm=algorithm,
            language=language,
        )
    except NoTextError:
        return StoredDigest(summary=[], actors=[], algorithm=algorithm, language=language)
    return StoredDigest(
        summary=list(digest.sentences),
        actors=[asdict(actor) for actor in digest.actors],
        algorithm=algorithm,
        language=digest.language,
    )


def use_models(nlp_model: str | None, nlp_models: Mapping[str, str] | None = None) -> None:
    """Choose this process's spaCy pipelines: ``nlp_model`` for English, ``nlp_models`` for the
    languages it names (ISO 639-1 code -> package); None leaves a choice as it is."""
    if nlp_model is not None and nlp_model != current_model():
        use_model(nlp_model)
    for language, name in (nlp_models or {}).items():
        if name != current_model(language):
            use_model(name, language=language)


def _start_worker(parent: int, nlp_model: str, nlp_models: dict[str, str]) -> None:
    """Each worker process uses the configured pipelines and exits with its parent."""
    use_model(nlp_model)
    use_models(None, nlp_models)
    _exit_with_parent(parent)


def _exit_with_parent(parent: int) -> None:
    # A worker whose parent was killed would otherwise wait on its queue forever.
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


# spaCy's vocabulary grows with every new word it sees, so workers are renewed now and then:
# once the pool has done this many digests per worker, it is replaced at the next moment when
# it holds none (between batches). ProcessPoolExecutor's own max_tasks_per_child is not used: it
# hangs on Python 3.11-3.13 once a worker retires with tasks queued (python/cpython#115634).
WORKER_TASKS = 2000


class Summariser:
    """Runs :func:`summarise_article` in an executor; by default a pool of processes, one per
    core, started on first use (a run where nothing is new starts none) and replaced by a fresh
    one when idle after ``worker_tasks`` digests per worker."""

    def __init__(
        self,
        settings: DigestSettings,
        executor: Executor | None = None,
        *,
        worker_tasks: int = WORKER_TASKS,
    ) -> None:
        self.settings = settings
        self._executor = executor
        self._owned = executor is None
        self._workers = os.cpu_count() or 1
        self._quota = worker_tasks * self._workers
        self._submitted = 0  # digests handed to the current owned pool
        self._running = 0  # of those, not finished yet
        self._lock = threading.Lock()

    def _pool(self) -> Executor:
        """The executor for the next digest, renewing an owned pool that has done its share."""
        with self._lock:
            if self._owned and self._submitted >= self._quota and not self._running:
                self._retire()
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self._workers,
                    # spawn: forking a process that runs threads can deadlock the child.
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(
                        os.getpid(),
                        self.settings.nlp_model,
                        dict(self.settings.nlp_models),
                    ),
                )
            self._submitted += 1
            self._running += 1
            return self._executor

    def _finished(self) -> None:
        with self._lock:
            self._running -= 1

    def _retire(self) -> None:
        """Let the idle pool's processes exit; the next digest starts a fresh pool."""
        if self._executor is not None:
            self._executor.shutdown(wait=False)
        self._executor = None
        self._submitted = 0

    async def digest(self, title: str, text: str, language: str | None = None) -> StoredDigest:
        loop = asyncio.get_running_loop()
        job = functools.partial(
            summarise_article,
            title,
            text,
            self.settings.sentences,
            self.settings.max_chars,
            self.settings.algorithm,
            nlp_model=self.settings.nlp_model,
            nlp_models=self.settings.nlp_models,
            language=language,
        )
        executor = self._pool()
        try:
            return await loop.run_in_executor(executor, job)
        finally:
            self._finished()

    async def digests(self, items: Sequence[PreparedEntry]) -> dict[tuple[str, str], StoredDigest]:
        """Digests by entry; an entry whose summarising failed is left out (stored as pending)."""
        results = await asyncio.gather(
            *(
                self.digest(item.entry.title, item.entry.text, item.entry.language)
                for item in items
            ),
            return_exceptions=True,
        )
        found: dict[tuple[str, str], StoredDigest] = {}
        for item, result in zip(items, results, strict=True):
            if isinstance(result, BaseException):
                log.warning("could not summarise %s: %r", item.entry.url, result)
            else:
                found[item.digest_key] = result
        return found

    def close(self) -> None:
        if self._owned and self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


async def summarise_pending(
    db: Database, summariser: Summariser, *, batch: int = 64, limit: int | None = None
) -> int:
    """Summarise the articles stored with their digest deferred (at most ``limit``, oldest
    first); returns how many digests were stored."""
    stored = 0
    after_id = 0
    left = limit
    while left is None or left > 0:
        size = batch if left is None else min(batch, left)
        pending = await asyncio.to_thread(_read_pending, db, after_id, size)
        if not pending:
            break
        after_id = pending[-1].article_id
        left = None if left is None else left - len(pending)
        results = await asyncio.gather(
            *(summariser.digest(item.title, item.text, item.language) for item in pending),
            return_exceptions=True,
        )
        done = []
        for item, result in zip(pending, results, strict=True):
            if isinstance(result, BaseException):
                log.warning("could not summarise article %d: %r", item.article_id, result)
            else:
                done.append((item, result))
        stored += await asyncio.to_thread(_write_digests, db, done)
    return stored


def _read_pending(db: Database, after_id: int, limit: int) -> list[PendingDigest]:
    with db.read() as conn:
        return pending_digests(conn, limit, after_id=after_id)


def _write_digests(db: Database, done: list[tuple[PendingDigest, StoredDigest]]) -> int:
    with db.write() as conn:
        stored = [item.article_id for item, digest in done if store_digest(conn, item, digest)]
        record_positions(conn, stored)  # the ledger follows the digest
        return len(stored)
