"""What several commands share: the ``--config`` option and loading the config, opening the
database, and printing times, JSON and text from feeds, chats or the config."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from bot.config.settings import Settings, load_config
from bot.errors import ConfigError
from bot.render.console import terminal_safe
from bot.store.database import Database, open_database

__all__ = ["ConfigOption", "database", "iso", "load_settings", "plain", "print_json", "say", "when"]

_CONFIG_HELP = "YAML config file (default: $DIGESTBOT_CONFIG, else config/digestbot.yaml)"

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help=_CONFIG_HELP, show_default=False, dir_okay=False),
]


def load_settings(config: Path | None) -> Settings:
    """Load the config for a command; on a problem print each one and exit with status 2."""
    try:
        return load_config(config)
    except ConfigError as exc:
        for line in str(exc).splitlines():
            typer.echo(f"error: {line}", err=True)
        raise typer.Exit(2) from None


@contextmanager
def database(settings: Settings) -> Iterator[Database]:
    """The configured database (migrated to the latest schema), closed afterwards."""
    db = open_database(settings.storage.url)
    try:
        yield db
    finally:
        db.close()


def when(value: datetime | None) -> str:
    """A time for a table: ``2025-01-31 09:30`` (UTC), or ``never``."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else "never"


def iso(value: datetime | None) -> str | None:
    """A time for JSON output: ISO 8601 in UTC, or null."""
    return value.astimezone(UTC).isoformat() if value else None


def print_json(items: list[dict[str, Any]]) -> None:
    typer.echo(json.dumps(items, ensure_ascii=False, indent=2))


def plain(text: str | None) -> Text:
    """Text from a feed, a chat or the config for rich to print as written: never as markup,
    and without terminal escapes or bidi overrides."""
    return Text(terminal_safe(text or ""))


def say(text: str) -> None:
    """Print a line holding text from a feed, a chat or the config, without terminal escapes."""
    typer.echo(terminal_safe(text))
