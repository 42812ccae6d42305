"""The ``digestbot`` command line. Each module in :data:`COMMAND_MODULES` registers one command
or command group on :data:`app`: ``digestbot collect`` is in collect_cmd.py, ``digestbot sources
list`` in sources_cmd.py."""

from __future__ import annotations

import importlib
import sys

import typer

from bot.errors import DigestBotError

# One module per command (or command group), each registering itself on `app` when imported;
# `digestbot --help` lists them in this order, commands before groups.
COMMAND_MODULES = (
    "config_cmd",  # check-config
    "chat_cmd",
    "collect_cmd",
    "run_cmd",
    "demo_cmd",
    "summarise_cmd",
    "worker_cmd",
    "health_cmd",
    "sources_cmd",  # sources import|export|list
    "articles_cmd",  # articles list
    "db_cmd",  # db upgrade
    "stories_cmd",  # stories cluster
)

app = typer.Typer(
    name="digestbot",
    help="News digests for Telegram, Slack and the console.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _commands() -> None:
    """News digests for Telegram, Slack and the console."""
    # A callback keeps `digestbot COMMAND` a group even when one area's commands are loaded.


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one clear error line on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def main() -> None:
    # `digestbot summarise` needs only the engine: the bot's storage and chat modules would add
    # a second and a half to every run.
    wanted = ("summarise_cmd",) if sys.argv[1:2] == ["summarise"] else COMMAND_MODULES
    for name in wanted:
        importlib.import_module(f"{__name__}.{name}")  # registers its commands on `app`
    try:
        app()
    except DigestBotError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
