"""Filing articles under stories as they are stored, with one clusterer per process.

The clusterer (:class:`summarise.stories.clustering.StoryClusterer`) lives in memory. Every
transaction that stores articles first takes the filing lock (PostgreSQL: an advisory lock; SQLite:
the write lock a write transaction already holds), then reads the membership rows other processes
filed since this one last looked (by ``seq``), then assigns its own new articles. So several
processes collecting into one database decide exactly as one process would, and a story never
splits because two workers saw the same event at once. The first transaction rebuilds the
clusterer from the stories of the last few days (``digestbot run`` does it at start-up, see
:meth:`StoryLine.prepare`); a transaction that fails makes the next one rebuild, so an
assignment that was rolled back is never remembered.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import Connection

from bot.store.database import Database, advisory_lock
from bot.store.ledger import record_positions
from bot.store.stories import (
    FiledArticle,
    file_article,
    filed_since,
    last_seq,
    unfiled_articles,
)
from summarise import ClusterSettings, StoryArticle, StoryClusterer

__all__ = ["FILING_LOCK_KEY", "StoryLine"]

# Any fixed number other than the migrations' lock.
FILING_LOCK_KEY = 7_160_431_191
FORGET_EVERY = timedelta(hours=1)


def _story_article(article: FiledArticle) -> StoryArticle:
    return StoryArticle(
        str(article.article_id),
        article.title,
        article.text,
        article.arrived,
        article.language or "en",
    )


class StoryLine:
    """Files stored articles under stories; use :meth:`of` for the process's one instance."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        # Stories closed longer ago than this are neither rebuilt nor kept in memory.
        self.span = self.settings.max_age + self.settings.window
        self._clusterer: StoryClusterer | None = None
        self._last_seq = 0
        self._forgotten_at: datetime | None = None
        self._lock = threading.Lock()
        self._open: Connection | None = None

    @classmethod
    def of(cls, db: Database) -> StoryLine:
        """The story line of ``db`` in this process (created on first use)."""
        with _LINES_LOCK:
            line = _LINES.get(db)
            if line is None:
                line = _LINES[db] = cls()
            return line

    @contextmanager
    def storing(self, db: Database, now: datetime) -> Iterator[Connection]:
        """A write transaction holding the filing lock, with the clusterer caught up.

        Store articles in it, then call :meth:`stored` with the ids of the new and changed ones.
        """
        with self._lock:
            committed = False
            try:
                with db.write() as conn:
                    advisory_lock(conn, FILING_LOCK_KEY)
                    self._catch_up(conn, now)
                    self._open = conn
                    yield conn
                committed = True
            finally:
                self._open = None
                if not committed:
                    self._clusterer = None  # it may hold assignments that were rolled back

    def stored(
        self, conn: Connection, now: datetime, new: Iterable[int], changed: Iterable[int] = ()
    ) -> dict[int, int]:
        """File the new articles under stories (arrival order) and write the ledger rows of new
        and changed ones; returns the story of each newly filed article."""
        assert conn is self._open and self._clusterer is not None, "call inside storing()"
        new = list(new)
        filed: dict[int, int] = {}
        waiting = sorted(unfiled_articles(conn, new), key=lambda a: (a.arrived, a.article_id))
        for article in waiting:
            story_id = int(self._clusterer.assign(_story_article(article)))
            self._last_seq = max(self._last_seq, file_article(conn, article, story_id, now))
            filed[article.article_id] = story_id
        record_positions(conn, [*new, *changed])
        return filed

    def prepare(self, db: Database, now: datetime) -> None:
        """Rebuild the clusterer now (at start-up) from a read transaction, so the first
        transaction that stores articles does not hold the filing lock while it rebuilds."""
        with self._lock:
            if self._clusterer is None:
                with db.read() as conn:
                    self._rebuild(conn, now)

    def _rebuild(self, conn: Connection, now: datetime) -> None:
        # Rows up to the newest seq seen first: a later statement may see more (read committed).
        last = last_seq(conn)
        recent = filed_since(conn, 0, fetched_since=now - self.span, up_to_seq=last)
        rows = ((str(a.article_id), a.title, a.text, a.arrived, str(a.story_id)) for a in recent)
        self._clusterer = StoryClusterer.rebuild(rows, self.settings)
        self._last_seq = last
        self._forgotten_at = now

    def _catch_up(self, conn: Connection, now: datetime) -> None:
        if self._clusterer is None:
            self._rebuild(conn, now)
            return
        for article in filed_since(conn, self._last_seq):
            self._clusterer.add(_story_article(article), str(article.story_id))
            self._last_seq = article.seq
        if self._forgotten_at is None or now - self._forgotten_at >= FORGET_EVERY:
            self._clusterer.forget_before(now - self.span)
            self._forgotten_at = now

    def articles_held(self) -> int:
        """How many articles the clusterer holds in memory (for logs and tests)."""
        return len(self._clusterer) if self._clusterer is not None else 0


_LINES: WeakKeyDictionary[Database, StoryLine] = WeakKeyDictionary()
_LINES_LOCK = threading.Lock()
