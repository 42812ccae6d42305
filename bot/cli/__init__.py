"""The ``digestbot`` command line. Each area registers its commands on :data:`app`."""

from __future__ import annotations

import sys

import typer

from bot.errors import DigestBotError

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
    # Importing registers each area's commands on `app`. `digestbot summarise` needs only the
    # engine: the bot's storage and chat modules would add a second and a half to every run.
    if sys.argv[1:2] == ["summarise"]:
        from bot.cli import summarise_cmd
    else:
        from bot.cli import (  # noqa: F401
            chat_cmd,
            collect_cmd,
            config_cmd,
            demo_cmd,
            stories_cmd,
            summarise_cmd,
            worker_cmd,
        )

    try:
        app()
    except DigestBotError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
