"""When a failing source is tried again, and how Retry-After headers are read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.collect.fetch import next_attempt_after
from bot.collect.net.http import parse_retry_after
from bot.models import SourceState

NOW = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
EVERY = timedelta(minutes=15)


@pytest.mark.parametrize(
    ("failures", "wait"),
    [
        (0, timedelta(minutes=15)),
        (1, timedelta(minutes=30)),
        (2, timedelta(hours=1)),
        (4, timedelta(hours=4)),
        (5, timedelta(hours=6)),
        (40, timedelta(hours=6)),
    ],
)
def test_backoff_doubles_per_failure_up_to_six_hours(failures: int, wait: timedelta) -> None:
    state = SourceState(failures=failures)
    assert next_attempt_after(state, NOW, None, every=EVERY) == NOW + wait


def test_retry_after_wins_when_longer() -> None:
    state = SourceState(failures=1)
    assert next_attempt_after(state, NOW, 7200, every=EVERY) == NOW + timedelta(hours=2)
    assert next_attempt_after(state, NOW, 60, every=EVERY) == NOW + timedelta(minutes=30)


def test_a_daily_source_is_not_polled_more_often_after_failing() -> None:
    state = SourceState(failures=3)
    assert next_attempt_after(state, NOW, every=timedelta(days=1)) == NOW + timedelta(days=1)


def test_retry_after_forms() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Mon, 02 Jun 2025 12:05:00 GMT", NOW) == 300
    assert parse_retry_after("Mon, 02 Jun 2025 11:00:00 GMT", NOW) == 0
    assert parse_retry_after("9999999") == 24 * 3600
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
