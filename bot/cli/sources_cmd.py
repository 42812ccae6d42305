"""``digestbot sources import|export|list|enable``: the configured sources as OPML, their state,
and polling again those that stopped after failing too long."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from bot.cli import app, fail
from bot.cli.shared import (
    ConfigOption,
    database,
    iso,
    load_settings,
    plain,
    print_json,
    say,
    when,
)
from bot.collect.pipeline import sync_configured_sources
from bot.config.configedit import append_sources, sources_yaml
from bot.config.opml import OpmlFeed, parse_opml, to_opml
from bot.config.settings import config_path
from bot.config.sources import SourceConfig
from bot.config.yamlconfig import parse_yaml
from bot.errors import InputError
from bot.render.console import terminal_safe
from bot.store.database import Database, utcnow
from bot.store.sources import SourceRow, find_source, list_sources, resume_sources

__all__ = ["sources_app"]

sources_app = typer.Typer(
    help="The sources in the config file: import or export OPML, list their state, poll a "
    "stopped one again.",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")


@sources_app.command(
    "import",
    help="Add the feeds of an OPML file to the sources in the config file. "
    "The file keeps its comments and layout; the new sources are appended to its sources: list "
    "(the file is created if missing). Feeds whose URL is already configured are skipped; "
    "OPML folders and categories become tags. With --print nothing is written: the YAML to "
    "paste is printed instead.",
)
def import_sources(
    opml_file: Annotated[Path, typer.Argument(help="OPML file exported from a feed reader")],
    config: ConfigOption = None,
    print_only: Annotated[
        bool, typer.Option("--print", help="Print the YAML instead of changing the config file")
    ] = False,
) -> None:
    """Append the feeds of an OPML file to the config's sources (see the command help)."""
    feeds = _read_opml(opml_file)
    path = config_path(config)
    text = _read_text(path) if path.exists() else ""
    doc = parse_yaml(text, str(path), environ=None)
    if doc.problems:
        for line in doc.problems:
            typer.echo(f"error: {line}", err=True)
        raise typer.Exit(2)
    data = doc.data if isinstance(doc.data, dict) else {}
    listed = data.get("sources")
    configured = [s for s in listed if isinstance(s, dict)] if isinstance(listed, list) else []
    items, skipped = _plan(feeds, configured)
    for reason in skipped:
        typer.echo(terminal_safe(f"skipped {reason}"), err=True)
    if print_only:
        typer.echo(
            terminal_safe(sources_yaml(items)) if items else "# no new sources", nl=not items
        )
        return
    if not items:
        typer.echo(f"no new sources; {path} is unchanged")
        return
    try:
        updated = append_sources(text, items)
    except yaml.YAMLError as exc:
        raise fail(f"{path}: cannot add sources ({exc})", 2) from None
    _write_atomically(path, updated)
    typer.echo(f"added {len(items)} sources to {path}:")
    for item in items:
        tags = f"  [{', '.join(item['tags'])}]" if item.get("tags") else ""
        say(f"  + {item['name']}  {item['url']}{tags}")


@sources_app.command("export")
def export_sources(config: ConfigOption = None) -> None:
    """Print the configured sources as OPML 2.0: digestbot sources export > feeds.opml"""
    settings = load_settings(config)
    typer.echo(to_opml(settings.sources), nl=False)


def _source_json(row: SourceRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "url": row.url,
        "kind": row.kind,
        "tags": row.tags,
        "enabled": row.enabled,
        "last_fetch": iso(row.state.last_fetch),
        "last_success": iso(row.last_success),
        "next_fetch_after": iso(row.state.next_fetch_after),
        "failures": row.state.failures,
        "last_error": row.state.last_error,
        "failing_since": iso(row.state.failing_since),
        "stopped_at": iso(row.state.stopped_at),
        "stop_reason": row.state.stop_reason,
    }


@sources_app.command("list")
def sources_list(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array."),
    config: ConfigOption = None,
) -> None:
    """The configured sources with their last fetch, failures and last error; for those no
    longer polled, since when and why."""
    settings = load_settings(config)
    with database(settings) as db:
        sync_configured_sources(db, settings)
        with db.read() as conn:
            rows = list_sources(conn, include_disabled=True)
    if as_json:
        print_json([_source_json(row) for row in rows])
        return
    table = Table(title="Sources")
    for column in ("Name", "URL", "Last fetch (UTC)", "Failures", "Last error"):
        table.add_column(column, overflow="fold")
    for row in rows:
        state = row.state
        mark = "" if row.enabled else " (disabled)"
        error = state.last_error
        if state.stopped_at is not None:  # the reason names the last error
            mark = " (stopped)" if row.enabled else mark
            error = f"stopped since {when(state.stopped_at)} UTC: {state.stop_reason}"
        last = when(state.last_fetch)
        cells = (plain(row.name + mark), plain(row.url), last, str(state.failures), plain(error))
        table.add_row(*cells)
    Console().print(table)
    if any(row.enabled and row.state.stopped_at for row in rows):
        typer.echo(
            "Stopped sources are not polled until turned back on: "
            "digestbot sources enable NAME (or --all)"
        )


@sources_app.command("enable")
def enable_sources(
    name: Annotated[
        str | None, typer.Argument(metavar="NAME", help="The stopped source", show_default=False)
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Every stopped source")] = False,
    config: ConfigOption = None,
) -> None:
    """Poll a source again that stopped after failing too long (or answering 410 Gone): its
    failures count from zero and it is due at once."""
    if (name is None) == (not every):
        raise fail("name one stopped source, or give --all", 2)
    settings = load_settings(config)
    with database(settings) as db:
        sync_configured_sources(db, settings)
        resumed = _resume(db, name)
    if not resumed:
        say("no source is stopped" if name is None else f"{name} is not stopped")
        return
    for row in resumed:
        since = when(row.state.stopped_at)
        say(f"{row.name}: polled again (stopped since {since} UTC: {row.state.stop_reason})")
    typer.echo(
        "`digestbot run` fetches it at its next check, within the source's `every`; "
        "`digestbot collect --once` fetches it now"
    )


def _resume(db: Database, name: str | None) -> list[SourceRow]:
    """Turn ``name`` (or every stopped source) back on; the rows as they were, if stopped."""
    with db.write() as conn:
        if name is None:
            rows = [row for row in list_sources(conn) if row.state.stopped_at is not None]
        else:
            row = find_source(conn, name)
            if row is None or not row.enabled:
                names = ", ".join(r.name for r in list_sources(conn)) or "none"
                raise fail(terminal_safe(f"no source named {name!r} (sources: {names})"), 2)
            rows = [row] if row.state.stopped_at is not None else []
        if rows:
            resume_sources(conn, utcnow(), [row.name for row in rows])
    return rows


def _read_opml(path: Path) -> list[OpmlFeed]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise fail(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    try:
        return parse_opml(data)
    except InputError as exc:
        raise fail(f"{path}: {exc}") from None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{path}: cannot read the config file ({exc})", 2) from None


def _plan(
    feeds: list[OpmlFeed], configured: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The source mappings to add, and why the other feeds were skipped."""
    urls = {str(source.get("url")) for source in configured}
    names = {str(source.get("name")) for source in configured}
    items: list[dict[str, Any]] = []
    skipped: list[str] = []
    for feed in feeds:
        if feed.url in urls:
            skipped.append(f"{feed.title} ({feed.url}): already configured")
            continue
        name = _unique_name(feed.title[:90].strip() or feed.url[:90], names)
        item: dict[str, Any] = {"name": name, "url": feed.url}
        if feed.kind == "page":
            item["kind"] = "page"
        if feed.tags:
            item["tags"] = [tag[:50] for tag in feed.tags]
        # Only web addresses: a shared OPML file must not make the bot read local files.
        if not _is_web_source(item):
            skipped.append(f"{feed.title} ({feed.url}): not an http:// or https:// address")
            continue
        urls.add(feed.url)
        names.add(name)
        items.append(item)
    return items, skipped


def _is_web_source(item: dict[str, Any]) -> bool:
    try:
        SourceConfig.model_validate(item)
    except ValidationError:
        return False
    return str(item["url"]).lower().startswith(("http://", "https://"))


def _unique_name(title: str, taken: set[str]) -> str:
    name, n = title, 2
    while name in taken:
        name, n = f"{title} ({n})", n + 1
    return name


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)  # a crash leaves the old file or the new one, never half of it
