"""digestbot collect / sources list / articles list / db upgrade, as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Importing a command module registers its commands on `app`.
import bot.cli.articles_cmd
import bot.cli.collect_cmd
import bot.cli.db_cmd
import bot.cli.sources_cmd  # noqa: F401
from bot.cli import app
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

TEXT = (
    "The national weather service issued a storm warning for the northern coast on Sunday.\n"
    "Forecaster Lena Holm said winds could reach 120 kilometres an hour by the evening.\n"
    "Ferry operator Nordline cancelled all crossings until Monday morning."
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        items = [
            FeedItem(
                f"Storm warning {n}", f"https://news.example/storm/{n}", f"{TEXT}\nUpdate {n}."
            )
            for n in range(3)
        ]
        feeds.route("/wire.xml", rss_feed("Wire", items), etag='"w"')
        feeds.route("/down.xml", "unavailable", status=503, content_type="text/plain")
        yield feeds


def write_config(path: Path, url: str, server: FeedServer, names: list[str]) -> Path:
    sources = "".join(
        f"  - {{name: {name}, url: '{server.url(f'/{name}.xml')}', full_text: never}}\n"
        for name in names
    )
    path.write_text(
        f"storage:\n  url: {url}\nfetch:\n  allow_private_networks: true\nsources:\n{sources}",
        encoding="utf-8",
    )
    return path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_collect_prints_a_table_and_lists_what_it_stored(
    sqlite_url: str, server: FeedServer, tmp_path: Path
) -> None:
    config = str(write_config(tmp_path / "c.yaml", sqlite_url, server, ["wire", "down"]))

    code, out = invoke("collect", "--once", "--config", config)

    assert code == 0, out  # one source failed, the other worked
    assert "wire" in out and "down" in out
    assert "503" in out and "failed" in out
    assert "2 sources: 3 new, 0 updated, 1 failed" in out

    code, out = invoke("sources", "list", "--json", "--config", config)
    assert code == 0, out
    listed = {source["name"]: source for source in json.loads(out)}
    assert listed["wire"]["failures"] == 0 and listed["wire"]["last_fetch"]
    assert listed["down"]["failures"] == 1 and "503" in listed["down"]["last_error"]

    code, out = invoke("articles", "list", "--json", "--since", "1d", "--config", config)
    assert code == 0, out
    stored = json.loads(out)
    assert sorted(article["title"] for article in stored) == [
        f"Storm warning {n}" for n in range(3)
    ]
    for article in stored:
        assert article["source"] == "wire" and article["url"].startswith("https://news.example/")
        assert article["summary"] and all(isinstance(s, str) for s in article["summary"])

    code, out = invoke("articles", "list", "--limit", "1", "--config", config)
    assert code == 0 and out.count("[wire]") == 1

    code, out = invoke("articles", "list", "--json", "--source", "down", "--config", config)
    assert code == 0 and json.loads(out) == []


def test_collect_fails_when_every_source_fails(
    sqlite_url: str, server: FeedServer, tmp_path: Path
) -> None:
    config = str(write_config(tmp_path / "c.yaml", sqlite_url, server, ["down"]))

    code, out = invoke("collect", "--once", "--config", config)

    assert code == 1
    assert "failed" in out and "Traceback" not in out


def test_usage_errors_are_one_clear_line(
    sqlite_url: str, server: FeedServer, tmp_path: Path
) -> None:
    config = str(write_config(tmp_path / "c.yaml", sqlite_url, server, ["wire"]))

    code, out = invoke("collect", "--config", config)
    assert code == 2 and "collect needs --once" in out

    code, out = invoke("articles", "list", "--since", "yesterday", "--config", config)
    assert code == 2 and "not a duration like 1d" in out

    code, out = invoke("collect", "--once", "--source", "nope", "--config", config)
    assert code == 2 and "no enabled source named 'nope'" in out


def test_db_upgrade_reports_the_revision(sqlite_url: str, tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(f"storage:\n  url: {sqlite_url}\n", encoding="utf-8")

    code, out = invoke("db", "upgrade", "--config", str(config))

    assert code == 0, out
    assert "is at revision" in out
    assert Path(sqlite_url.removeprefix("sqlite:///")).exists()
