"""``digestbot check-config``: validate the config file and summarise it."""

from __future__ import annotations

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.cli import app
from bot.cli.shared import ConfigOption, load_settings


@app.command("check-config")
def check_config(config: ConfigOption = None) -> None:
    """Validate the config file: print a summary, or every problem as file:line (exit 2)."""
    settings = load_settings(config)
    enabled = sum(source.enabled for source in settings.sources)
    channels = [
        name
        for name, on in (
            ("console", settings.channels.console.enabled),
            ("telegram", bool(settings.channels.telegram.token)),
            ("slack", bool(settings.channels.slack.bot_token)),
        )
        if on
    ]
    typer.echo(
        f"config OK: {len(settings.sources)} sources ({enabled} enabled), "
        f"storage {_safe_url(settings.storage.url)}, channels: {', '.join(channels) or 'none'}"
    )


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
