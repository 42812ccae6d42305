"""``digestbot health``: ask a running bot whether it is healthy (Docker's HEALTHCHECK)."""

from __future__ import annotations

from typing import Annotated

import httpx
import typer

from bot.cli import app, fail
from bot.cli.shared import ConfigOption, load_settings


@app.command()
def health(
    url: Annotated[
        str | None,
        typer.Option("--url", help="The /healthz URL (default: from server.host and server.port)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Ask the running bot whether it is healthy: exit 0 if so, 1 if not (Docker HEALTHCHECK)."""
    if url is None:
        settings = load_settings(config)
        if settings.server.port is None:
            raise fail("server.port is null, so there is no /healthz to ask; set a port", 2)
        host = settings.server.host
        if host in ("0.0.0.0", "::", ""):
            host = "127.0.0.1"
        url = f"http://{host}:{settings.server.port}/healthz"
    try:
        answer = httpx.get(url, timeout=5.0)
    except httpx.HTTPError as exc:
        raise fail(f"no answer from {url}: {exc}", 1) from None
    typer.echo(answer.text)
    if answer.status_code != 200:
        raise typer.Exit(1)
