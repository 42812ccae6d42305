"""``digestbot run``: collect on schedule and serve the chat channels until interrupted."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable

from bot.app.run import run_until_stopped
from bot.cli import app
from bot.cli.shared import ConfigOption, database, load_settings
from bot.config.settings import Settings
from bot.logs import setup_logging
from bot.store.database import Database


@app.command()
def run(config: ConfigOption = None) -> None:
    """Collect every source on its schedule until interrupted (Ctrl-C or SIGTERM)."""
    settings = load_settings(config)
    setup_logging()  # JSON lines unless stderr is a terminal; tokens redacted
    with database(settings) as db:
        asyncio.run(_run(settings, db))


async def _run(settings: Settings, db: Database) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, _stopper(stop, signum))
    await run_until_stopped(settings, db, stop)


def _stopper(stop: asyncio.Event, signum: int) -> Callable[[], None]:
    def handle() -> None:
        logging.getLogger("bot").info("received %s", signal.Signals(signum).name)
        stop.set()

    return handle
