"""Collecting news in other languages: the `language:` pin in the config, detection with the
feed's declaration as a hint, and the language stored and shown by `articles list`."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Importing a command module registers its commands on `app`.
import bot.cli.articles_cmd
import bot.cli.collect_cmd  # noqa: F401
from bot.cli import app
from bot.config.settings import load_config
from bot.errors import ConfigError
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

GERMAN = (
    "Die Stadtverwaltung hat am Dienstag einen neuen Plan für den Nahverkehr vorgestellt.\n"
    "Busse und Straßenbahnen sollen künftig alle zehn Minuten fahren, sagte Dr. Anna Berger.\n"
    "Die Kosten trägt zum größten Teil das Land."
)
DUTCH = (
    "De gemeente heeft dinsdag een nieuw plan voor het openbaar vervoer gepresenteerd.\n"
    "Bussen en trams gaan voortaan elke tien minuten rijden, zei wethouder Pieter de Vries.\n"
    "De provincie betaalt het grootste deel van de kosten."
)
ENGLISH = (
    "The city council presented a new plan for public transport on Tuesday.\n"
    "Buses and trams will run every ten minutes from next year, councillor Ann Reid said.\n"
    "The region will pay most of the costs."
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        # Declares English, but its article is German: the text decides.
        feeds.route(
            "/mislabelled.xml",
            rss_feed(
                "Stadt", [FeedItem("Neuer Plan", "https://a.example/1", GERMAN)], language="en-us"
            ),
        )
        feeds.route(
            "/english.xml",
            rss_feed("City", [FeedItem("New plan", "https://b.example/1", ENGLISH)]),
        )
        # Pinned to Dutch in the config.
        feeds.route(
            "/pinned.xml",
            rss_feed("Stad", [FeedItem("Nieuw plan", "https://c.example/1", DUTCH)]),
        )
        yield feeds


def write_config(path: Path, url: str, server: FeedServer) -> Path:
    path.write_text(
        f"storage:\n  url: {url}\nfetch:\n  allow_private_networks: true\nsources:\n"
        f"  - {{name: mislabelled, url: '{server.url('/mislabelled.xml')}', full_text: never}}\n"
        f"  - {{name: english, url: '{server.url('/english.xml')}', full_text: never}}\n"
        f"  - {{name: pinned, url: '{server.url('/pinned.xml')}', full_text: never,"
        f" language: NL}}\n",
        encoding="utf-8",
    )
    return path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_each_article_is_stored_with_its_language_and_listed_with_it(
    db_url: str, server: FeedServer, tmp_path: Path
) -> None:
    config = str(write_config(tmp_path / "c.yaml", db_url, server))

    code, out = invoke("collect", "--once", "--config", config)
    assert code == 0, out

    code, out = invoke("articles", "list", "--json", "--config", config)
    assert code == 0, out
    stored = {article["source"]: article for article in json.loads(out)}
    assert stored["mislabelled"]["language"] == "de"
    assert stored["english"]["language"] == "en"
    assert stored["pinned"]["language"] == "nl"
    # The digest was made in the article's language: "Dr. Anna Berger" stays in its sentence.
    assert any("Dr. Anna Berger" in s for s in stored["mislabelled"]["summary"])

    code, out = invoke("articles", "list", "--config", config)
    assert code == 0, out
    assert "[mislabelled] (de)" in out
    assert "[pinned] (nl)" in out


def test_a_bad_language_pin_is_one_clear_config_error(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            sources:
              - {name: a, url: 'https://a.example/feed', language: german}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        load_config(path, {})
    assert str(error.value) == (
        f"{path}:2 sources[0].language: unknown language 'german': use a two-letter "
        "ISO 639-1 code such as en, de, es, fr"
    )


def test_a_language_pin_is_read_as_its_code(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "sources:\n  - {name: a, url: 'https://a.example/feed', language: ES}\n"
        "  - {name: b, url: 'https://b.example/feed'}\n",
        encoding="utf-8",
    )
    sources = load_config(path, {}).sources
    assert [source.language for source in sources] == ["es", None]
