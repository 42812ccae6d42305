"""demo: collect the bundled sample feeds offline, then use the bot through the console channel."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.rule import Rule

from bot.adapters.console import run_console
from bot.cli import app
from bot.cli.shared import ConfigOption, load_settings, plain
from bot.collect.net.http import make_client
from bot.collect.pipeline import collect_once
from bot.commands import Services
from bot.config.settings import Settings, StorageSettings
from bot.store.database import Database, open_database

DEMO_COMMANDS = ("/subscribe all", "/digest", "/who")


@app.command("demo")
def demo(config: ConfigOption = None) -> None:
    """Collect the sample feeds (offline) into a fresh database, then show a digest and a /who
    answer through the console channel, exactly as a chat would see them."""
    settings = load_settings(config)
    with tempfile.TemporaryDirectory(prefix="digestbot-demo-") as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        settings = settings.model_copy(update={"storage": StorageSettings(url=url)})
        db = open_database(url)
        try:
            asyncio.run(_demo(settings, db))
        finally:
            db.close()
    typer.echo(
        "Try it yourself (after `source .venv/bin/activate`): digestbot collect --once, "
        "then digestbot chat (/help lists all)."
    )


async def _demo(settings: Settings, db: Database) -> None:
    console = Console()
    console.print(Rule("collecting the sample feeds"))
    for report in await collect_once(settings, db):
        console.print(
            plain(
                f"{report.name}: {report.new} new" + (f" ({report.error})" if report.error else "")
            )
        )
    console.print(Rule("the console channel"))
    script: Iterator[str] = iter(DEMO_COMMANDS)

    def read_line() -> str:
        command = next(script, "")
        if command:
            console.print(f"[bold]> {command}[/bold]")
        return command

    async with make_client(settings.fetch) as client:
        await run_console(Services(db=db, settings=settings, client=client), read_line)
