"""check-config and sources import/export as a user runs them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Importing a command module registers its commands on `app`.
import bot.cli.config_cmd
import bot.cli.sources_cmd  # noqa: F401
from bot.cli import app
from bot.config.opml import parse_opml

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>reader</title></head><body>
  <outline text="Politics">
    <outline type="rss" text="City Hall" xmlUrl="https://cityhall.example/feed.xml"/>
    <outline type="rss" text="Existing" xmlUrl="https://city.example/feed"/>
  </outline>
  <outline type="rss" text="City" xmlUrl="https://other-city.example/rss"/>
  <outline type="rss" text="Sneaky" xmlUrl="file:///etc/passwd"/>
</body></opml>
"""
CONFIG = """\
# my config: comments stay
storage:
  url: sqlite:///var/digestbot.db  # here too
sources:
  - name: City
    url: https://city.example/feed
digest:
  sentences: 2
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    config = tmp_path / "digestbot.yaml"
    config.write_text(CONFIG)
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(OPML)
    return config, opml


def test_check_config_summarises_the_shipped_demo_config() -> None:
    result = runner.invoke(app, ["check-config", "--config", str(REPO / "config/digestbot.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "config OK: 3 sources (3 enabled), storage sqlite:///var/digestbot.db, channels: console\n"
    )


def test_check_config_hides_the_database_password_and_reads_the_environment() -> None:
    env = {
        "DIGESTBOT_CONFIG": str(REPO / "config/examples/full.yaml"),
        "DIGESTBOT_DATABASE_URL": "postgresql+psycopg://digest:s3cret@db.example/digestbot",
        "TELEGRAM_BOT_TOKEN": "123:abc",
    }
    result = runner.invoke(app, ["check-config"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "config OK: 3 sources (3 enabled), storage postgresql+psycopg://digest:***@db.example/"
        "digestbot, channels: console, telegram\n"
    )


def test_check_config_lists_each_problem_and_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text(
        textwrap.dedent(
            """\
            sources:
              - name: a
                url: https://a.example/
                every: 15 minutes
              - name: a
                url: gopher://b.example/
            """
        )
    )
    completed = subprocess.run(
        [sys.executable, "-m", "bot", "check-config", "--config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines() == [
        f'error: {config}:4 sources[0].every: "15 minutes" is not a duration like 15m, 2h',
        f'error: {config}:6 sources[1].url: "gopher://b.example/" is not an http://, https:// or '
        "file:// URL",
    ]


def test_import_appends_new_feeds_and_keeps_the_file(files: tuple[Path, Path]) -> None:
    config, opml = files
    result = runner.invoke(app, ["sources", "import", str(opml), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"added 2 sources to {config}:",
        "  + City Hall  https://cityhall.example/feed.xml  [Politics]",
        "  + City (2)  https://other-city.example/rss",
    ]
    assert result.stderr.splitlines() == [
        "skipped Existing (https://city.example/feed): already configured",
        "skipped Sneaky (file:///etc/passwd): not an http:// or https:// address",
    ]
    assert config.read_text() == CONFIG.replace(
        "digest:",
        "  - name: City Hall\n    url: https://cityhall.example/feed.xml\n    tags: [Politics]\n"
        "  - name: City (2)\n    url: https://other-city.example/rss\ndigest:",
    )
    check = runner.invoke(app, ["check-config", "--config", str(config)])
    assert check.stdout.startswith("config OK: 3 sources")
    again = runner.invoke(app, ["sources", "import", str(opml), "--config", str(config)])
    assert again.stdout == f"no new sources; {config} is unchanged\n"


def test_import_print_shows_yaml_and_writes_nothing(files: tuple[Path, Path]) -> None:
    config, opml = files
    result = runner.invoke(app, ["sources", "import", str(opml), "-c", str(config), "--print"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "- name: City Hall\n  url: https://cityhall.example/feed.xml\n  tags: [Politics]\n"
        "- name: City (2)\n  url: https://other-city.example/rss\n"
    )
    assert config.read_text() == CONFIG


def test_import_of_something_else_fails_with_one_line(files: tuple[Path, Path]) -> None:
    config, _ = files
    result = runner.invoke(app, ["sources", "import", str(config), "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {config}: the file is not well-formed XML")
    assert len(result.stderr.splitlines()) == 1


def test_export_prints_opml_of_the_configured_sources() -> None:
    result = runner.invoke(
        app, ["sources", "export", "--config", str(REPO / "config/digestbot.yaml")]
    )
    assert result.exit_code == 0, result.output
    feeds = parse_opml(result.stdout.encode())
    assert [(f.title, f.url, f.tags) for f in feeds] == [
        ("Harwick Metro", "file://samples/feeds/harwick-metro.xml", ("local",)),
        (
            "Valdoria Business Daily",
            "file://samples/feeds/valdoria-business.xml",
            ("business", "economy"),
        ),
        ("Newswire Top Stories", "file://samples/feeds/newswire.xml", ("world", "sport")),
    ]
