"""Prometheus metrics: what was collected, what failed, what was sent and how long it took.

Counters live in one registry per process (:data:`REGISTRY`); the outbox depth is read from the
database when Prometheus scrapes, so every process reports the same, true figure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.store.database import Database
from bot.store.outbox import unsent_counts

__all__ = [
    "ARTICLES_COLLECTED",
    "DELIVERY_LATENCY",
    "DIGESTS_SENT",
    "FETCH_FAILURES",
    "JOBS_RUN",
    "RATE_LIMITED",
    "REGISTRY",
    "OutboxDepth",
    "count_retried_flood_limits",
    "record_collection",
    "render_metrics",
    "watch_outbox",
]

log = logging.getLogger("digestbot.metrics")
REGISTRY = CollectorRegistry(auto_describe=True)

ARTICLES_COLLECTED = Counter(
    "digestbot_articles_collected",
    "Articles stored as new, by source.",
    ["source"],
    registry=REGISTRY,
)
FETCH_FAILURES = Counter(
    "digestbot_fetch_failures",
    "Failed fetches (network, HTTP status, bad feed), by source.",
    ["source"],
    registry=REGISTRY,
)
DIGESTS_SENT = Counter(
    "digestbot_digests_sent",
    "Digest messages the platform accepted, by platform.",
    ["platform"],
    registry=REGISTRY,
)
DELIVERY_LATENCY = Histogram(
    "digestbot_delivery_latency_seconds",
    "Time to send one outbox message and record it, rate-limiter waits included.",
    ["platform"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
    registry=REGISTRY,
)
RATE_LIMITED = Counter(
    "digestbot_rate_limited",
    "Sends the platform refused with 429 (flood limit), by platform.",
    ["platform"],
    registry=REGISTRY,
)
JOBS_RUN = Counter(
    "digestbot_queue_jobs",
    "Jobs this worker ran from the PostgreSQL queue, by task and outcome.",
    ["task", "outcome"],
    registry=REGISTRY,
)


def record_collection(source: str, *, new: int, failed: bool) -> None:
    """Count one collection of ``source``."""
    if new:
        ARTICLES_COLLECTED.labels(source).inc(new)
    if failed:
        FETCH_FAILURES.labels(source).inc()


class OutboxDepth(Collector):
    """``digestbot_outbox_depth{status}``, counted in the database at scrape time."""

    def __init__(self, count: Callable[[], dict[str, int]]) -> None:
        self.count = count

    def describe(self) -> Iterable[Metric]:
        return [self._family()]

    def collect(self) -> Iterable[Metric]:
        family = self._family()
        try:
            counts = self.count()
        except Exception as exc:  # a scrape must not fail because the database is away
            log.warning("could not count the outbox: %s", exc)
            return [family]
        for status, value in counts.items():
            family.add_metric([status], value)
        return [family]

    @staticmethod
    def _family() -> GaugeMetricFamily:
        return GaugeMetricFamily(
            "digestbot_outbox_depth", "Outbox messages not yet sent, by status.", labels=["status"]
        )


class _RetriedFloodLimits(logging.Filter):
    """Counts the 429s python-telegram-bot's rate limiter waits out itself (it only logs them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Rate limit hit"):
            RATE_LIMITED.labels("telegram").inc()
        return True


TELEGRAM_LIMITER_LOGGER = "telegram.ext.AIORateLimiter"


def count_retried_flood_limits() -> None:
    """Count Telegram 429s that never reach the outbox because the client retried them."""
    limiter = logging.getLogger(TELEGRAM_LIMITER_LOGGER)
    if not any(isinstance(f, _RetriedFloodLimits) for f in limiter.filters):
        limiter.addFilter(_RetriedFloodLimits())
        limiter.setLevel(logging.INFO)  # the record must exist to be counted


_watched: OutboxDepth | None = None


def watch_outbox(db: Database) -> None:
    """Report the outbox depth of ``db`` (the last database passed wins)."""
    global _watched
    if _watched is not None:
        REGISTRY.unregister(_watched)
    _watched = OutboxDepth(lambda: unsent_counts(db))
    REGISTRY.register(_watched)


def render_metrics() -> bytes:
    """The Prometheus text exposition of :data:`REGISTRY`."""
    return generate_latest(REGISTRY)
