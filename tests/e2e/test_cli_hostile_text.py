"""Text from feeds, chats and the config reaches the operator's terminal as written: rich
markup in it is printed, not interpreted, and terminal escapes (ESC, BEL, C1 controls, bidi
overrides) are removed."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Importing a command module registers its commands on `app`.
import bot.cli.articles_cmd
import bot.cli.collect_cmd
import bot.cli.sources_cmd  # noqa: F401
from bot.adapters.console import ConsolePort, run_console
from bot.cli import app
from bot.store.database import Database
from tests.support.fakes import serving, store_sources
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

TEXT = (
    "The harbour authority opened the new quay on Monday after two years of building work.\n"
    "Harbour master Ines Varga said larger ferries could now dock in any weather."
)
# What a terminal must never be sent from a feed, a chat or the config.
ESCAPES = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u2066", "\x00")
EVIL = "Quay\x1b]0;owned\x07 opens\x1b[2J \u202eevil\u2066 \x9b1m\x9d0;t\x00 today"
JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Tips",
        "items": [
            {"id": "1", "url": "https://tips.example/1", "title": EVIL, "content_text": TEXT}
        ],
    }
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        items = [FeedItem("Quay opens", "https://quay.example/1", TEXT)]
        feeds.route("/wire.xml", rss_feed("Wire", items))
        feeds.route("/down[/x].xml", "unavailable", status=503, content_type="text/plain")
        feeds.route("/tips.json", JSON_FEED, content_type="application/feed+json")
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


def test_terminal_escapes_from_feeds_and_names_never_reach_the_terminal(
    sqlite_url: str, server: FeedServer, tmp_path: Path
) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(
        f"storage:\n  url: {sqlite_url}\nfetch:\n  allow_private_networks: true\nsources:\n"
        f"  - {{name: \"tips\\e]0;x\\a\\u202E\", url: '{server.url('/tips.json')}', "
        "full_text: never}\n",
        encoding="utf-8",
    )
    outputs = [
        invoke(*command, "--config", str(config))
        for command in [
            ("collect", "--once"),
            ("articles", "list"),
            ("sources", "list"),
        ]
    ]

    for code, out in outputs:
        assert code == 0, out
        assert not [c for c in ESCAPES if c in out], repr(out)
        assert "tips]0;x" in out
    assert "Quay]0;owned opens[2J evil 1m0;t today" in outputs[1][1]


async def test_the_console_chat_prints_no_escapes_from_a_chat_chosen_name(
    db: Database, db_url: str, server: FeedServer
) -> None:
    store_sources(db)
    lines = iter([f"/add {server.url('/tips.json')} ti\x1b[2Jps\u202e\x07", "/sources", ""])
    out = io.StringIO()
    async with serving(db, db_url) as services:
        await run_console(services, lambda: next(lines), port=ConsolePort(out))

    printed = out.getvalue()
    assert "Added feed ti[2Jps" in printed and "ti[2Jps — not fetched yet" in printed
    assert not [c for c in ESCAPES if c in printed], repr(printed)
