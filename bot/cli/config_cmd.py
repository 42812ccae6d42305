"""``check-config``, ``sources import|export`` and the ``--config`` option all commands share."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.cli import app, fail
from bot.config.configedit import append_sources, sources_yaml
from bot.config.opml import OpmlFeed, parse_opml, to_opml
from bot.config.settings import Settings, SourceConfig, config_path, load_config
from bot.config.yamlconfig import parse_yaml
from bot.errors import ConfigError, InputError

__all__ = ["ConfigOption", "load_settings", "sources_app"]

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


sources_app = typer.Typer(
    help="The sources in the config file: import or export OPML, list their state.",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")


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
        typer.echo(f"skipped {reason}", err=True)
    if print_only:
        typer.echo(sources_yaml(items) if items else "# no new sources", nl=not items)
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
        typer.echo(f"  + {item['name']}  {item['url']}{tags}")


@sources_app.command("export")
def export_sources(config: ConfigOption = None) -> None:
    """Print the configured sources as OPML 2.0: digestbot sources export > feeds.opml"""
    settings = load_settings(config)
    typer.echo(to_opml(settings.sources), nl=False)


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
