"""``digestbot worker``: run the collection and delivery jobs that ``digestbot run`` queues."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from typing import Annotated

import typer

from bot.adapters.channels import Closer, open_sending_ports
from bot.app.health import serve_health
from bot.app.queue import open_queue
from bot.app.worker import QueueWorker
from bot.cli import app, fail
from bot.cli.shared import ConfigOption, load_settings
from bot.collect.net.http import make_client
from bot.commands import Services
from bot.config.settings import Settings
from bot.errors import DigestBotError
from bot.logs import setup_logging
from bot.store.database import Database, open_database

log = logging.getLogger("digestbot.worker")
# Several processes may start at once on an empty database; all but one wait for its schema.
OPEN_ATTEMPTS = 5


@app.command()
def worker(
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", min=1, help="Jobs at once (default: workers.concurrency)."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option("--port", min=0, help="/healthz and /metrics port (default: server.port)."),
    ] = None,
    stalled_after: Annotated[
        float,
        typer.Option(
            "--stalled-after",
            min=5.0,
            help="Seconds without a heartbeat after which a worker's jobs are run again.",
        ),
    ] = 60.0,
    config: ConfigOption = None,
) -> None:
    """Run collection and delivery jobs queued by `digestbot run` (workers.queue: postgres).

    Start as many as you like; they share the work. SIGTERM or Ctrl-C: no new jobs are taken,
    messages in flight finish, the rest stay queued for the other workers.
    """
    settings = load_settings(config)
    if settings.workers.queue != "postgres":
        raise fail(
            "digestbot worker needs workers.queue: postgres and storage.url on PostgreSQL; "
            "with workers.queue: none, `digestbot run` does all the work itself",
            2,
        )
    setup_logging()
    db = _open_database(settings)
    try:
        asyncio.run(_work(settings, db, concurrency, port, stalled_after))
    finally:
        db.close()


def _open_database(settings: Settings) -> Database:
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        try:
            return open_database(settings.storage.url)
        except DigestBotError:
            if attempt == OPEN_ATTEMPTS:
                raise
            log.info("database not ready (attempt %d); trying again", attempt)
            time.sleep(attempt)
    raise AssertionError("unreachable")


async def _work(
    settings: Settings, db: Database, concurrency: int | None, port: int | None, stalled: float
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    queue = await open_queue(settings)
    assert queue is not None
    http = make_client(settings.fetch)
    closers: list[Closer] = []
    health = None
    try:
        services = Services(db=db, settings=settings, client=http)
        ports, closers = await open_sending_ports(settings, services)
        runner = QueueWorker(
            settings,
            db,
            queue,
            ports,
            http,
            heartbeat_s=max(1.0, stalled / 6),
            stalled_after_s=stalled,
        )
        health = await serve_health(settings, db, role="worker", alive=runner.alive, port=port)
        await runner.run(stop, concurrency=concurrency)
    finally:
        if health is not None:
            await health.stop()
        for close in reversed(closers):
            await close()
        await http.aclose()
        await queue.close()
