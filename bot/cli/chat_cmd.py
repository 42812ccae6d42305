"""digestbot chat: the console channel, reading commands from stdin."""

from __future__ import annotations

import asyncio
import sys

import typer

from bot.adapters.console import run_console
from bot.cli import app
from bot.cli.shared import ConfigOption, load_settings
from bot.collect.net.http import make_client
from bot.commands import Services
from bot.config.settings import Settings
from bot.store.database import Database, open_database
from bot.store.filters import sync_static_subscriptions


@app.command("chat")
def chat(config: ConfigOption = None) -> None:
    """Talk to the bot in the terminal: one command per line (e.g. /subscribe all), replies as
    plain text. The same commands as on Telegram; no token needed."""
    settings = load_settings(config)
    db = open_database(settings.storage.url)
    try:
        asyncio.run(_chat(settings, db))
    except KeyboardInterrupt:
        typer.echo("")
    finally:
        db.close()


async def _chat(settings: Settings, db: Database) -> None:
    interactive = sys.stdin.isatty()
    if interactive:
        typer.echo("digestbot console: type /help for the commands, Ctrl-D to leave.")
    async with make_client(settings.fetch) as client:
        services = Services(db=db, settings=settings, client=client)
        await services.run(sync_static_subscriptions, db, settings, services.clock())
        await run_console(
            services,
            sys.stdin.readline,
            prompt=(lambda: print("> ", end="", flush=True)) if interactive else lambda: None,
        )
