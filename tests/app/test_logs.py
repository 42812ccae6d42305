"""Structured logs: JSON lines for machines, readable lines for people, never a token."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import log_context, redact, setup_logging

TELEGRAM_TOKEN = "7012345678:AAHk2p9X_mQz-3vLwT8rYbN5cJd0sEfGhIu"
SLACK_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


def test_json_lines_off_a_terminal_carry_source_and_chat() -> None:
    stream = io.StringIO()
    setup_logging(stream=stream)
    log = logging.getLogger("digestbot.test")
    log.info("fetched %d items", 3, extra={"source": "wire"})
    with log_context(chat=42):
        log.warning("slow answer")

    first, second = (json.loads(line) for line in lines(stream))
    assert first["message"] == "fetched 3 items"
    assert first["level"] == "info"
    assert first["logger"] == "digestbot.test"
    assert first["source"] == "wire"
    assert "time" in first
    assert second["chat"] == 42
    assert "source" not in second


def test_readable_lines_at_a_terminal() -> None:
    stream = FakeTerminal()
    setup_logging(stream=stream)
    logging.getLogger("digestbot.test").info("queued", extra={"chat": 7})
    [line] = lines(stream)
    assert line.endswith("INFO digestbot.test: queued [chat=7]")


def test_tokens_never_reach_the_output() -> None:
    stream = io.StringIO()
    setup_logging(stream=stream)
    log = logging.getLogger("digestbot.test")
    log.info("POST https://api.telegram.org/bot%s/sendMessage", TELEGRAM_TOKEN)
    log.info("slack token %s refused", SLACK_TOKEN)
    try:
        raise RuntimeError(f"bad token {TELEGRAM_TOKEN}")
    except RuntimeError:
        log.exception("failed")

    output = stream.getvalue()
    assert TELEGRAM_TOKEN not in output
    assert TELEGRAM_TOKEN.split(":")[1] not in output
    assert SLACK_TOKEN not in output
    assert output.count("[redacted]") == 3  # two messages and the exception
    assert "/sendMessage" in output and "refused" in output


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "chat 12345:67 at 10:30, story 991"
    assert redact(text) == text
    assert redact(f"token={TELEGRAM_TOKEN}") == "token=[redacted]"


def test_setting_up_twice_does_not_double_the_output() -> None:
    stream = io.StringIO()
    setup_logging(stream=stream)
    setup_logging(stream=stream)
    logging.getLogger("digestbot.test").info("once")
    assert len(lines(stream)) == 1


def test_bad_format_arguments_still_log() -> None:
    stream = io.StringIO()
    setup_logging(stream=stream)
    logging.getLogger("digestbot.test").info("%d items", "many")
    [line] = lines(stream)
    assert "items" in json.loads(line)["message"]
