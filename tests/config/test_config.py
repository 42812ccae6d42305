"""Loading the YAML config: values, interpolation, and errors that name file, line and key."""

from __future__ import annotations

import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config.fields import parse_duration
from bot.config.settings import DEFAULT_CONFIG_PATH, Settings, load_config
from bot.errors import ConfigError
from summarise import ALGORITHMS


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "digestbot.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(path: Path, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as error:
        load_config(path, environ or {})
    return str(error.value).splitlines()


FULL = """
storage:
  url: postgresql+psycopg://digest@db.example/digestbot
fetch:
  timeout_s: 10
  max_bytes: 2000000
  concurrency: 8
  per_host: 1
  user_agent: test-agent/1.0
  allow_private_networks: true
  stop_after_failures: 5
  stop_after_failing_for: 12h
sources:
  - name: City News
    url: https://city.example/feed.xml
    every: 1h30m
    tags: [local, politics]
    full_text: always
  - name: Budget page
    url: file://pages/budget.html
    kind: page
    enabled: false
digest: {sentences: 4, max_chars: null, algorithm: lexrank}
channels:
  console: {enabled: false}
  telegram:
    token: ${TELEGRAM_BOT_TOKEN}
    mode: webhook
    webhook: {url: "https://bot.example/tg", port: 8443, secret_token: "${TG_SECRET:-s3cret_-x}"}
  slack:
    bot_token: ${SLACK_BOT_TOKEN:-}
"""


def test_every_key_is_read(tmp_path: Path) -> None:
    settings = load_config(write(tmp_path, FULL), {"TELEGRAM_BOT_TOKEN": "123:abc"})
    assert settings.storage.url == "postgresql+psycopg://digest@db.example/digestbot"
    assert settings.fetch.model_dump() == {
        "timeout_s": 10.0,
        "max_bytes": 2_000_000,
        "concurrency": 8,
        "per_host": 1,
        "user_agent": "test-agent/1.0",
        "allow_private_networks": True,
        "max_redirects": 5,
        "stop_after_failures": 5,
        "stop_after_failing_for": timedelta(hours=12),
    }
    city, page = settings.sources
    assert (city.name, city.kind, city.every, city.tags) == (
        "City News", "feed", timedelta(hours=1, minutes=30), ["local", "politics"]
    )  # fmt: skip
    assert city.full_text == "always" and city.enabled
    assert (page.kind, page.enabled, page.every) == ("page", False, timedelta(minutes=15))
    assert (settings.digest.sentences, settings.digest.max_chars) == (4, None)
    assert settings.digest.algorithm == "lexrank"
    assert not settings.channels.console.enabled
    assert settings.channels.telegram.token == "123:abc"
    assert settings.channels.telegram.webhook is not None
    assert settings.channels.telegram.webhook.secret_token == "s3cret_-x"
    assert settings.channels.slack.bot_token is None
    assert settings.base_dir == tmp_path.resolve()


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_config(write(tmp_path, "# nothing yet\n"), {})
    assert settings.storage.url == "sqlite:///var/digestbot.db"
    assert settings.sources == []
    assert settings.fetch.allow_private_networks is False
    assert settings.fetch.max_bytes == 15 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30s", timedelta(seconds=30)),
        ("15m", timedelta(minutes=15)),
        ("2h", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


def test_the_error_names_file_line_key_and_the_expected_form(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        # digestbot
        storage:
          url: sqlite:///var/digestbot.db

        sources:
          - name: a
            url: https://a.example/feed
          - name: b
            url: https://b.example/feed
          - name: c
            url: https://c.example/feed
          - name: d
            url: https://d.example/feed
            every: 15 minutes
        """,
    )
    assert problems(path) == [
        f'{path}:14 sources[3].every: "15 minutes" is not a duration like 15m, 2h'
    ]


def test_several_problems_are_listed_one_per_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        fetch:
          timeout_s: 0
          concurency: 3
        sources:
          - name: A
            url: ftp://a.example/feed
            kind: rss
            every: 900
          - url: https://b.example/feed
        digest:
          max_chars: lots
          algorithm: magic
        """,
    )
    assert problems(path) == [
        f"{path}:2 fetch.timeout_s: input should be greater than 0 (got 0)",
        f"{path}:3 fetch.concurency: unknown key; did you mean concurrency?",
        f'{path}:6 sources[0].url: "ftp://a.example/feed" is not an http://, https:// or '
        "file:// URL",
        f"{path}:7 sources[0].kind: \"rss\" is not one of 'feed' or 'page'",
        f"{path}:8 sources[0].every: 900 is not a duration like 15m, 2h",
        f"{path}:9 sources[1].name: is required; add it",
        f"{path}:11 digest.max_chars: input should be a valid integer, unable to parse string "
        'as an integer (got "lots")',
        f'{path}:12 digest.algorithm: "magic" is not an algorithm digestbot knows; choose one of '
        + ", ".join(ALGORITHMS),
    ]


def test_duplicate_source_names_point_at_the_second(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        sources:
          - {name: News, url: "https://a.example/feed"}
          - {name: Sport, url: "https://b.example/feed"}
          - {name: News, url: "https://c.example/feed"}
        """,
    )
    assert problems(path) == [
        f'{path}:4 sources[2].name: source name "News" is already used by sources[0]; '
        "give each source its own name"
    ]


def test_polling_more_often_than_a_minute_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "sources:\n  - {name: a, url: 'https://a.example/', every: 10s}\n")
    assert problems(path) == [
        f"{path}:2 sources[0].every: 10s is outside 1m to 7d; poll no more often than every minute"
    ]


def test_missing_variable_names_the_variable_and_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, "channels:\n  telegram:\n    token: ${TELEGRAM_BOT_TOKEN}\n")
    assert problems(path) == [
        f"{path}:3 channels.telegram.token: environment variable TELEGRAM_BOT_TOKEN is not set; "
        "export TELEGRAM_BOT_TOKEN=... or write ${TELEGRAM_BOT_TOKEN:-default}"
    ]


def test_interpolation_inside_strings_and_escapes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        storage:
          url: postgresql+psycopg://${DB_USER:-digest}@${DB_HOST}/news
        fetch:
          user_agent: "costs $$5 ${NOPE:-}"
          per_host: ${PER_HOST:-3}
        """,
    )
    settings = load_config(path, {"DB_HOST": "db.internal"})
    assert settings.storage.url == "postgresql+psycopg://digest@db.internal/news"
    assert settings.fetch.user_agent == "costs $5 "
    assert settings.fetch.per_host == 3


def test_os_environ_is_not_read_when_a_mapping_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIGESTBOT_TEST_TOKEN", "from-process")
    path = write(tmp_path, "channels:\n  slack:\n    bot_token: ${DIGESTBOT_TEST_TOKEN}\n")
    assert "DIGESTBOT_TEST_TOKEN is not set" in problems(path)[0]
    assert load_config(path).channels.slack.bot_token == "from-process"


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "sources:\n  - name: a\n   url: https://a.example/\n")
    [message] = problems(path)
    assert message.startswith(f"{path}:3 YAML syntax error: ")
    assert message.endswith("check the indentation and quoting on this line and the one before")


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "fetch:\n  per_host: 2\n  per_host: 3\n")
    assert problems(path) == [
        f"{path}:3 fetch.per_host: appears twice (also line 2); keep only one"
    ]


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "- just\n- a list\n")
    assert problems(path) == [
        f"{path}:1 the file must be a mapping of keys such as sources:, fetch:"
    ]


def test_webhook_secret_must_suit_telegram(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "channels:\n  telegram:\n    webhook:\n      url: https://x.example/\n"
        "      secret_token: has spaces\n",
    )
    assert problems(path) == [
        f"{path}:5 channels.telegram.webhook.secret_token: must be 1-256 letters, digits, _ or - "
        "(Telegram's rule)"
    ]


def test_config_file_is_found_through_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "sources:\n  - {name: a, url: 'https://a.example/'}\n")
    assert [s.name for s in load_config(None, {"DIGESTBOT_CONFIG": str(path)}).sources] == ["a"]
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as missing:
        load_config(None, {})
    assert str(missing.value) == (
        f"{DEFAULT_CONFIG_PATH}: config file not found; pass --config PATH or set DIGESTBOT_CONFIG"
    )
    with pytest.raises(ConfigError, match=r"nope\.yaml: config file not found; check the path"):
        load_config(tmp_path / "nope.yaml", {})


def test_settings_can_be_built_in_code() -> None:
    settings = Settings.model_validate(
        {"sources": [{"name": "a", "url": "https://a.example/", "every": "5m"}]}
    )
    assert settings.sources[0].every == timedelta(minutes=5)
