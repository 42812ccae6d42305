"""collect, run, sources list, articles list and db upgrade."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy.engine import make_url

from bot.app.run import run_until_stopped
from bot.cli import app, fail
from bot.cli.config_cmd import ConfigOption, load_settings, sources_app
from bot.collect.pipeline import SourceReport, collect_once, sync_configured_sources
from bot.collect.summarising import Summariser, summarise_pending
from bot.config.settings import Settings, parse_duration
from bot.logs import setup_logging
from bot.store.articles import ArticleRow, list_articles
from bot.store.database import Database, SourceRow, list_sources, open_database

articles_app = typer.Typer(help="Stored articles.", no_args_is_help=True)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
app.add_typer(articles_app, name="articles")
app.add_typer(db_app, name="db")


@contextmanager
def _database(settings: Settings) -> Iterator[Database]:
    db = open_database(settings.storage.url)
    try:
        yield db
    finally:
        db.close()


def _when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else "never"


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _result(report: SourceReport) -> str:
    if report.status == "failed":
        return f"failed: {report.error}"
    if report.status == "skipped":
        return f"skipped: backing off until {_when(report.next_fetch_after)} UTC (use --force)"
    return "not modified" if report.status == "not_modified" else "ok"


def _report_table(reports: list[SourceReport]) -> Table:
    table = Table(title="Collection")
    table.add_column("Source")
    for column in ("New", "Updated", "Unchanged"):
        table.add_column(column, justify="right")
    table.add_column("Result", overflow="fold")
    for report in reports:
        style = "red" if report.failed else None
        table.add_row(
            report.name,
            str(report.new),
            str(report.updated),
            str(report.unchanged),
            _result(report),
            style=style,
        )
    return table


@app.command()
def collect(
    once: bool = typer.Option(False, "--once", help="Collect every due source once, then exit."),
    source: str | None = typer.Option(None, "--source", help="Only this source (by name)."),
    force: bool = typer.Option(False, "--force", help="Also fetch sources backing off."),
    defer_digests: bool = typer.Option(
        False, "--defer-digests", help="Store first and summarise after all sources are in."
    ),
    config: ConfigOption = None,
) -> None:
    """Fetch the configured sources once and store new articles with their digests.

    Ends with a table of new / updated / unchanged articles and the result per source. Exit
    code 0 when at least one source was fetched (failures are listed in the table), 1 when
    every source that was tried failed, 2 for a usage or config error.
    """
    if not once:
        raise fail("collect needs --once; `digestbot run` collects on a schedule", 2)
    settings = load_settings(config)
    enabled = [s.name for s in settings.sources if s.enabled]
    if source is not None and source not in enabled:
        known = ", ".join(enabled) or "none"
        raise fail(f"no enabled source named {source!r} in the config (enabled: {known})", 2)
    setup_logging(logging.ERROR)
    console = Console()
    with _database(settings) as db:
        reports, pending = asyncio.run(
            _collect(settings, db, console, only=source, force=force, defer=defer_digests)
        )
    console.print(_report_table(reports))
    tried = [report for report in reports if report.status != "skipped"]
    failed = sum(report.failed for report in tried)
    new = sum(report.new for report in reports)
    updated = sum(report.updated for report in reports)
    summary = f"{len(reports)} sources: {new} new, {updated} updated, {failed} failed"
    if defer_digests:
        summary += f"; {pending} digests written after collection"
    console.print(summary)
    if tried and failed == len(tried):
        raise typer.Exit(1)


async def _collect(
    settings: Settings,
    db: Database,
    console: Console,
    *,
    only: str | None,
    force: bool,
    defer: bool,
) -> tuple[list[SourceReport], int]:
    due = [s for s in settings.sources if s.enabled and (only is None or s.name == only)]
    columns = (TextColumn("collecting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("collect", total=len(due))
        reports = await collect_once(
            settings,
            db,
            only=only,
            force=force or only is not None,
            defer_digests=defer,
            progress=lambda _report: progress.advance(task),
        )
    pending = 0
    if defer:
        summariser = Summariser(settings.digest)
        try:
            pending = await summarise_pending(db, summariser)
        finally:
            summariser.close()
    return reports, pending


@app.command()
def run(config: ConfigOption = None) -> None:
    """Collect every source on its schedule until interrupted (Ctrl-C or SIGTERM)."""
    settings = load_settings(config)
    setup_logging()  # JSON lines unless stderr is a terminal; tokens redacted
    with _database(settings) as db:
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


def _print_json(items: list[dict[str, Any]]) -> None:
    typer.echo(json.dumps(items, ensure_ascii=False, indent=2))


def _source_json(row: SourceRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "url": row.url,
        "kind": row.kind,
        "tags": row.tags,
        "enabled": row.enabled,
        "last_fetch": _iso(row.state.last_fetch),
        "last_success": _iso(row.last_success),
        "next_fetch_after": _iso(row.state.next_fetch_after),
        "failures": row.state.failures,
        "last_error": row.state.last_error,
    }


@sources_app.command("list")
def sources_list(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array."),
    config: ConfigOption = None,
) -> None:
    """The configured sources with their last fetch, failures and last error."""
    settings = load_settings(config)
    with _database(settings) as db:
        sync_configured_sources(db, settings)
        with db.read() as conn:
            rows = list_sources(conn, include_disabled=True)
    if as_json:
        _print_json([_source_json(row) for row in rows])
        return
    table = Table(title="Sources")
    for column in ("Name", "URL", "Last fetch (UTC)", "Failures", "Last error"):
        table.add_column(column, overflow="fold")
    for row in rows:
        name = row.name if row.enabled else f"{row.name} (disabled)"
        failures = str(row.state.failures)
        table.add_row(name, row.url, _when(row.state.last_fetch), failures, row.state.last_error)
    Console().print(table)


def _article_json(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "source": row.source,
        "title": row.title,
        "url": row.url,
        "published": _iso(row.published),
        "fetched_at": _iso(row.fetched_at),
        "summary": row.summary,
        "actors": row.actors,
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
    with _database(settings) as db, db.read() as conn:
        rows = list_articles(conn, since=cutoff, source=source, limit=limit)
    if as_json:
        _print_json([_article_json(row) for row in rows])
        return
    if not rows:
        typer.echo("no articles stored yet; run `digestbot collect --once`")
        return
    for row in rows:
        typer.echo(
            f"#{row.id} [{row.source}] {_when(row.published or row.fetched_at)}  {row.title}"
        )
        typer.echo(f"    {row.url}")
        summary = row.summary
        if summary is None:
            typer.echo("    (digest pending)")
        for sentence in summary or []:
            typer.echo(f"    - {sentence}")


@db_app.command("upgrade")
def db_upgrade(config: ConfigOption = None) -> None:
    """Apply database migrations (digestbot also does this whenever it starts)."""
    settings = load_settings(config)
    with _database(settings) as db, db.read() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    shown = make_url(settings.storage.url).render_as_string(hide_password=True)
    typer.echo(f"database {shown} is at revision {revision}")
