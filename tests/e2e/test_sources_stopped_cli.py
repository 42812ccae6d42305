"""A source that answers 410 Gone, as the operator sees it: `collect --once` stops polling it
and leaves it alone afterwards, `sources list` says why and since when, and
`sources enable` turns it back on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Importing a command module registers its commands on `app`.
import bot.cli.collect_cmd
import bot.cli.sources_cmd  # noqa: F401
from bot.cli import app
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

TEXT = "The library extended its opening hours on weekdays after a vote of the town council."


def feed(name: str) -> bytes:
    return rss_feed(name, [FeedItem(f"{name} hours", f"https://news.example/{name}/1", TEXT)])


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        feeds.route("/wire.xml", feed("wire"))
        feeds.route("/library.xml", "retired", status=410, content_type="text/plain")
        feeds.route("/museum.xml", "retired", status=410, content_type="text/plain")
        yield feeds


@pytest.fixture
def config(db_url: str, server: FeedServer, tmp_path: Path) -> str:
    sources = "".join(
        f"  - {{name: {name}, url: '{server.url(f'/{name}.xml')}', full_text: never}}\n"
        for name in ("wire", "library", "museum")
    )
    path = tmp_path / "digestbot.yaml"
    path.write_text(
        f"storage:\n  url: '{db_url}'\nfetch:\n  allow_private_networks: true\nsources:\n{sources}",
        encoding="utf-8",
    )
    return str(path)


def invoke(*args: str) -> tuple[int, str]:
    # A wide terminal, so that no table cell is folded.
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "400"})
    return result.exit_code, result.output


def rows(output: str) -> dict[str, list[str]]:
    """A table's rows by their first cell."""
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in output.splitlines()]
    return {row[0]: row[1:] for row in cells if row}


def results(output: str) -> dict[str, str]:
    """The Result column of `collect --once`'s table by source."""
    return {name: row[-1] for name, row in rows(output).items()}


def test_a_gone_source_stops_is_listed_and_the_operator_turns_it_back_on(
    config: str, server: FeedServer
) -> None:
    code, output = invoke("collect", "--once", "--config", config)
    assert code == 0, output
    first = results(output)
    assert first["wire"] == "ok"
    assert "410 Gone" in first["library"] and "no longer polled" in first["library"]

    # The next run (a restart, as far as the sources are concerned) leaves them alone.
    server.route("/library.xml", feed("library"))
    code, output = invoke("collect", "--once", "--config", config)
    again = results(output)
    assert again["library"].startswith("stopped since 20")
    assert "digestbot sources enable library polls it again" in again["library"]
    assert again["wire"] == "ok" and server.hits("/library.xml") == 1
    assert "3 sources: 0 new, 0 updated, 0 failed" in output

    code, output = invoke("sources", "list", "--json", "--config", config)
    listed = {item["name"]: item for item in json.loads(output)}
    assert listed["library"]["stopped_at"] is not None
    assert listed["library"]["stop_reason"].startswith("the address is gone for good (")
    assert listed["wire"]["stopped_at"] is None and listed["wire"]["stop_reason"] is None
    code, output = invoke("sources", "list", "--config", config)
    table = rows(output)
    assert code == 0 and {"library (stopped)", "museum (stopped)", "wire"} <= set(table)
    error = table["library (stopped)"][-1]
    assert error.startswith("stopped since 20") and " UTC: the address is gone for good (" in error
    assert output.rstrip().endswith("digestbot sources enable NAME (or --all)")

    code, output = invoke("sources", "enable", "library", "--config", config)
    assert code == 0, output
    assert output.startswith("library: polled again (stopped since 20")
    code, output = invoke("collect", "--once", "--config", config)
    after = results(output)
    assert after["library"] == "ok" and after["museum"].startswith("stopped since")
    assert server.hits("/library.xml") == 2 and server.hits("/museum.xml") == 1

    code, output = invoke("sources", "enable", "--all", "--config", config)
    assert code == 0 and output.startswith("museum: polled again")
    assert invoke("sources", "enable", "--all", "--config", config) == (0, "no source is stopped\n")
    assert invoke("sources", "enable", "wire", "--config", config) == (0, "wire is not stopped\n")


def test_enable_refuses_unknown_names_and_wants_a_name_or_all(config: str) -> None:
    code, output = invoke("sources", "enable", "nowhere", "--config", config)
    assert code == 2 and "error: no source named 'nowhere' (sources: " in output
    code, output = invoke("sources", "enable", "--config", config)
    assert (code, output) == (2, "error: name one stopped source, or give --all\n")
    code, output = invoke("sources", "enable", "wire", "--all", "--config", config)
    assert code == 2 and "Traceback" not in output
