"""``digestbot collect --once``: fetch every due source once and print what was stored."""

from __future__ import annotations

import asyncio
import logging

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bot.cli import app, fail
from bot.cli.shared import ConfigOption, database, load_settings, plain, when
from bot.collect.pipeline import SourceReport, collect_once
from bot.collect.summarising import Summariser, summarise_pending
from bot.config.settings import Settings
from bot.logs import setup_logging
from bot.store.database import Database


def _result(report: SourceReport) -> str:
    if report.status == "failed" and report.stopped_at is not None:
        return f"failed: {report.error}; no longer polled (digestbot sources enable {report.name})"
    if report.status == "failed":
        return f"failed: {report.error}"
    if report.status == "skipped":
        return f"skipped: backing off until {when(report.next_fetch_after)} UTC (use --force)"
    if report.status == "stopped":
        return (
            f"stopped since {when(report.stopped_at)} UTC: {report.error}; "
            f"digestbot sources enable {report.name} polls it again"
        )
    if report.malformed:
        return f"malformed: {report.error}"
    return "not modified" if report.status == "not_modified" else "ok"


def _report_table(reports: list[SourceReport]) -> Table:
    table = Table(title="Collection")
    table.add_column("Source")
    for column in ("New", "Updated", "Unchanged"):
        table.add_column(column, justify="right")
    table.add_column("Result", overflow="fold")
    for report in reports:
        style = "red" if report.failed else "yellow" if report.malformed else None
        table.add_row(
            plain(report.name),
            str(report.new),
            str(report.updated),
            str(report.unchanged),
            plain(_result(report)),
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
    with database(settings) as db:
        reports, pending = asyncio.run(
            _collect(settings, db, console, only=source, force=force, defer=defer_digests)
        )
    console.print(_report_table(reports))
    tried = [report for report in reports if report.status not in ("skipped", "stopped")]
    failed = sum(report.failed for report in tried)
    new = sum(report.new for report in reports)
    updated = sum(report.updated for report in reports)
    summary = f"{len(reports)} sources: {new} new, {updated} updated, {failed} failed"
    malformed = sum(report.malformed for report in reports)
    if malformed:
        summary += f", {malformed} malformed"
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
