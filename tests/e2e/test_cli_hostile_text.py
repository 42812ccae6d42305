"""Text from feeds, chats and the config reaches the operator's terminal as written: rich
markup in it is printed, not interpreted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Importing a command module registers its commands on `app`.
import bot.cli.articles_cmd
import bot.cli.collect_cmd
import bot.cli.sources_cmd  # noqa: F401
from bot.cli import app
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

TEXT = (
    "The harbour authority opened the new quay on Monday after two years of building work.\n"
    "Harbour master Ines Varga said larger ferries could now dock in any weather."
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        items = [FeedItem("Quay opens", "https://quay.example/1", TEXT)]
        feeds.route("/wire.xml", rss_feed("Wire", items))
        feeds.route("/down[/x].xml", "unavailable", status=503, content_type="text/plain")
        yield feeds


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})
    return result.exit_code, result.output


def test_markup_in_names_and_errors_is_printed_as_written(
    sqlite_url: str, server: FeedServer, tmp_path: Path
) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(
        f"storage:\n  url: {sqlite_url}\nfetch:\n  allow_private_networks: true\nsources:\n"
        f"  - {{name: '[bold]wire[/x]', url: '{server.url('/wire.xml')}', full_text: never}}\n"
        f"  - {{name: 'down [/]', url: '{server.url('/down[/x].xml')}'}}\n",
        encoding="utf-8",
    )

    code, out = invoke("collect", "--once", "--config", str(config))
    assert code == 0, out
    assert "[bold]wire[/x]" in out and "down [/]" in out and "[/x].xml" in out
    assert "2 sources: 1 new, 0 updated, 1 failed" in out and "Traceback" not in out

    code, out = invoke("sources", "list", "--config", str(config))
    assert code == 0, out
    assert "[bold]wire[/x]" in out and "down [/]" in out and "503" in out
