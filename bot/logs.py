"""Structured logging: JSON lines when stderr is not a terminal, readable lines when it is.

Every record carries the source and chat it concerns when known (``extra={"source": ...}`` or
:func:`log_context`), and nothing that looks like a bot token ever reaches the output.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

__all__ = [
    "CONTEXT_FIELDS",
    "JsonFormatter",
    "RedactingFilter",
    "TextFormatter",
    "log_context",
    "redact",
    "setup_logging",
]

# Fields a record may carry about what it concerns; shown in both formats when present.
CONTEXT_FIELDS = ("source", "chat", "job", "worker")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
_TOKEN_PATTERNS = re.compile(
    r"\d{5,}:[A-Za-z0-9_-]{30,}"  # Telegram bot token
    r"|xox[abposre]-[A-Za-z0-9-]{10,}"  # Slack bot/user/app tokens
    r"|xapp-[A-Za-z0-9-]{10,}"  # Slack app-level token (Socket Mode)
)
_context: ContextVar[dict[str, Any] | None] = ContextVar("digestbot_log_context", default=None)


def redact(text: str) -> str:
    """``text`` with anything shaped like a Telegram or Slack token replaced."""
    return _TOKEN_PATTERNS.sub(REDACTED, text)


@contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Attach ``fields`` (source=..., chat=...) to every record logged inside the block."""
    merged = {**(_context.get() or {}), **fields}
    token = _context.set(merged)
    try:
        yield
    finally:
        _context.reset(token)


class RedactingFilter(logging.Filter):
    """Adds the :func:`log_context` fields and renders the message with tokens redacted.

    The message is rendered here once (args merged) so that neither formatter can leak a token
    passed as an argument; exception text is redacted by the formatters.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in (_context.get() or {}).items():
            if not hasattr(record, key):
                setattr(record, key, value)
        try:
            rendered = record.getMessage()
        except (TypeError, ValueError):  # bad %-args: show them raw rather than lose the record
            rendered = f"{record.msg} {record.args!r}"
        record.msg = redact(rendered)
        record.args = None
        return True


class TextFormatter(logging.Formatter):
    """``time LEVEL logger: message [source=... chat=...]`` for people at a terminal."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = " ".join(
            f"{key}={getattr(record, key)}" for key in CONTEXT_FIELDS if hasattr(record, key)
        )
        if context:
            first, newline, rest = line.partition("\n")
            line = f"{first} [{context}]{newline}{rest}"
        return redact(line)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, context fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in CONTEXT_FIELDS:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return redact(json.dumps(entry, ensure_ascii=False, default=str))


def setup_logging(
    level: int | str = logging.INFO,
    *,
    stream: TextIO | None = None,
    json_lines: bool | None = None,
) -> logging.Handler:
    """Send every log record to ``stream`` (stderr), JSON unless it is a terminal.

    Replaces handlers set up earlier, so calling it twice does not double the output; quiets
    the chattiest libraries. Returns the handler (tests read what it wrote).
    """
    out = stream if stream is not None else sys.stderr
    if json_lines is None:
        json_lines = not _is_terminal(out)
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO, and Telegram's URLs contain the token.
    for noisy in ("httpx", "httpcore", "apscheduler", "procrastinate", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
