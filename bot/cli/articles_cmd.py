"""``digestbot articles list``: the stored articles, newest first, with their digests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import typer

from bot.cli import app
from bot.cli.shared import ConfigOption, database, iso, load_settings, print_json, say, when
from bot.config.fields import parse_duration
from bot.store.articles import ArticleRow, list_articles

articles_app = typer.Typer(help="Stored articles.", no_args_is_help=True)
app.add_typer(articles_app, name="articles")


def _article_json(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "source": row.source,
        "title": row.title,
        "url": row.url,
        "published": iso(row.published),
        "fetched_at": iso(row.fetched_at),
        "summary": row.summary,
        "actors": row.actors,
        "language": row.language,
    }


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        age: timedelta = parse_duration(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a duration like 1d, 6h, 30m") from None
    return datetime.now(UTC) - age


@articles_app.command("list")
def articles_list(
    since: str | None = typer.Option(
        None, "--since", help="Only articles collected in the last 1d, 6h, 30m..."
    ),
    source: str | None = typer.Option(None, "--source", help="Only this source (by name)."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array."),
    config: ConfigOption = None,
) -> None:
    """Stored articles, newest first, with their digests."""
    cutoff = _since(since)
    settings = load_settings(config)
    with database(settings) as db, db.read() as conn:
        rows = list_articles(conn, since=cutoff, source=source, limit=limit)
    if as_json:
        print_json([_article_json(row) for row in rows])
        return
    if not rows:
        typer.echo("no articles stored yet; run `digestbot collect --once`")
        return
    for row in rows:
        language = f" ({row.language})" if row.language else ""
        stamp = when(row.published or row.fetched_at)
        say(f"#{row.id} [{row.source}]{language} {stamp}  {row.title}")
        say(f"    {row.url}")
        summary = row.summary
        if summary is None:
            typer.echo("    (digest pending)")
        for sentence in summary or []:
            say(f"    - {sentence}")
