"""``/healthz`` and ``/metrics`` on ``server.port``, served by aiohttp inside the bot's event loop.

``/healthz`` answers 200 when every check passes and 503 otherwise, with a JSON body naming each
check, so both a container runtime and a person can tell what is wrong.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.config.settings import Settings
from bot.errors import ConfigError
from bot.metrics import count_retried_flood_limits, render_metrics, watch_outbox
from bot.store.database import Database, utcnow
from bot.store.sources import newest_success

__all__ = [
    "Check",
    "HealthServer",
    "collect_age_check",
    "database_check",
    "serve_health",
    "stale_after",
    "task_check",
]

log = logging.getLogger("digestbot.health")
HealthCheck = Callable[[], Awaitable["Check"]]
# However short the intervals, allow this long before calling collection stale.
MIN_STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    detail: str
    value: float | None = None


def database_check(db: Database) -> HealthCheck:
    """The database answers a query."""

    async def check() -> Check:
        try:
            await asyncio.wait_for(asyncio.to_thread(db.ping), timeout=5)
        except Exception as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return Check(False, f"unreachable: {reason}")
        return Check(True, "reachable")

    return check


def task_check(name: str, alive: Callable[[], bool]) -> HealthCheck:
    """``alive()`` says the scheduler (or worker) is still running."""

    async def check() -> Check:
        return Check(True, f"{name} running") if alive() else Check(False, f"{name} stopped")

    return check


def stale_after(intervals: list[timedelta]) -> timedelta:
    """How old the last successful collection may be: two of the longest intervals."""
    return max([MIN_STALE_AFTER, *(2 * every for every in intervals)])


def collect_age_check(
    db: Database,
    limit: timedelta,
    *,
    started: datetime | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> HealthCheck:
    """Some enabled source was collected successfully within ``limit`` (or, before any
    success, the process is younger than ``limit``)."""
    since = started or clock()

    def newest() -> datetime | None:
        with db.read() as conn:
            return newest_success(conn)

    async def check() -> Check:
        try:
            last = await asyncio.wait_for(asyncio.to_thread(newest), timeout=5)
        except Exception as exc:
            return Check(False, f"cannot read sources: {type(exc).__name__}")
        now = clock()
        if last is None:
            waited = now - since
            if waited <= limit:
                return Check(True, "no successful collection yet", None)
            return Check(False, f"no successful collection in {_human(waited)}", None)
        age = now - last
        seconds = round(age.total_seconds(), 1)
        if age <= limit:
            return Check(True, f"last success {_human(age)} ago", seconds)
        return Check(False, f"last success {_human(age)} ago (limit {_human(limit)})", seconds)

    return check


def _human(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60}m"
    return f"{seconds // 3600}h"


class HealthServer:
    """Serves ``/healthz`` (the checks) and ``/metrics`` (Prometheus) until stopped."""

    def __init__(self, checks: Mapping[str, HealthCheck], *, host: str, port: int) -> None:
        self.checks = dict(checks)
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        self._started = time.monotonic()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            self._runner = None
            raise ConfigError(
                f"server.port: cannot listen on {self.host}:{self.port} ({exc.strerror}); "
                "choose a free port in the config"
            ) from None
        self.port = self._runner.addresses[0][1]  # the real one when 0 asked for any free port
        log.info("health and metrics on http://%s:%d/healthz and /metrics", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def report(self) -> tuple[bool, dict[str, Any]]:
        """Run every check; (all passed, the JSON body)."""
        names = list(self.checks)
        results = await asyncio.gather(*(self.checks[name]() for name in names))
        healthy = all(result.ok for result in results)
        body: dict[str, Any] = {
            "status": "ok" if healthy else "failing",
            "uptime_s": round(time.monotonic() - self._started, 1),
            "checks": {name: asdict(result) for name, result in zip(names, results, strict=True)},
        }
        return healthy, body

    async def _healthz(self, _request: web.Request) -> web.Response:
        healthy, body = await self.report()
        return web.Response(
            status=200 if healthy else 503,
            text=json.dumps(body),
            content_type="application/json",
        )

    async def _metrics(self, _request: web.Request) -> web.Response:
        payload = await asyncio.to_thread(render_metrics)
        return web.Response(body=payload, headers={"Content-Type": CONTENT_TYPE_LATEST})


async def serve_health(
    settings: Settings,
    db: Database,
    *,
    role: str,
    alive: Callable[[], bool],
    intervals: list[timedelta] | None = None,
    port: int | None = None,
) -> HealthServer | None:
    """Start ``/healthz`` and ``/metrics`` on ``server.port`` (or ``port``) for ``role``
    (``scheduler`` or ``worker``); ``intervals`` add the collection-age check.

    None when the server is turned off (``server.port: null``) or its port is taken: the bot
    keeps running and says so in the log.
    """
    chosen = settings.server.port if port is None else port
    if chosen is None:
        return None
    watch_outbox(db)
    count_retried_flood_limits()
    checks: dict[str, HealthCheck] = {"database": database_check(db), role: task_check(role, alive)}
    if intervals:
        checks["last_collect"] = collect_age_check(db, stale_after(intervals))
    server = HealthServer(checks, host=settings.server.host, port=chosen)
    try:
        await server.start()
    except ConfigError as exc:
        log.error("%s; running without /healthz and /metrics", exc)
        return None
    return server
