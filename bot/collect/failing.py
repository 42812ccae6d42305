"""A source that keeps failing: its state after a failed fetch (the backoff, the run of
failures) and when it stops being polled.

A source stops after ``fetch.stop_after_failures`` failures in a row that span at least
``fetch.stop_after_failing_for``, or at once when the server answers 410 Gone. It stays stopped
(a restart does not bring it back) until someone turns it back on: a chat admin with
``/sources enable NAME`` or the operator with ``digestbot sources enable NAME``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.collect.fetch import next_attempt_after
from bot.config.sources import FetchSettings
from bot.models import FetchResult, SourceState

__all__ = ["describe_span", "failed_state", "stop_reason"]


def failed_state(
    state: SourceState,
    result: FetchResult,
    now: datetime,
    every: timedelta,
    settings: FetchSettings,
) -> SourceState:
    """``state`` after the failed fetch ``result``: one more failure, the next attempt, and
    the stop when this failure is one too many."""
    failed = replace(
        state,
        failures=state.failures + 1,
        last_error=result.error,
        last_fetch=now,
        failing_since=state.failing_since or now,
    )
    failed.next_fetch_after = next_attempt_after(failed, now, result.retry_after_s, every=every)
    reason = stop_reason(failed, result, now, settings)
    if reason is not None:
        failed.stopped_at, failed.stop_reason = now, reason
    return failed


def stop_reason(
    state: SourceState, result: FetchResult, now: datetime, settings: FetchSettings
) -> str | None:
    """Why polling stops after the failure ``state`` records; None: keep polling."""
    if result.gone:
        return f"the address is gone for good ({result.error})"
    if not settings.stop_after_failures or state.failing_since is None:
        return None
    span = now - state.failing_since
    if state.failures < settings.stop_after_failures or span < settings.stop_after_failing_for:
        return None
    return (
        f"failed {state.failures} times in a row over {describe_span(span)}; last: {result.error}"
    )


def describe_span(span: timedelta) -> str:
    """``37 h``, ``3 days``, ``12 min``: how long something went on, for people."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} days"
