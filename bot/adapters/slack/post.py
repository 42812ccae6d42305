"""Posting to Slack channels: per-channel pacing, 429 retries, Slack errors as DeliveryErrors."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import DeliveryError
from bot.ports import ChatGone, PermanentFailure, RetryLater
from bot.render.slack import SlackMessage

__all__ = [
    "AUTH_ERRORS",
    "GONE_ERRORS",
    "ChannelBusy",
    "ChannelPacer",
    "build_web_client",
    "delivery_error",
    "post_messages",
]

log = logging.getLogger("digestbot.slack")

SLACK_API = "https://slack.com/api/"
# The bot can never post to these channels again until someone changes something.
GONE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived"})
AUTH_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)
TRANSIENT_ERRORS = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"}
)
# A revoked token stops every channel; wait this long before trying again.
AUTH_RETRY_S = 300.0


def build_web_client(
    token: str | None,
    base_url: str | None,
    *,
    session: aiohttp.ClientSession | None = None,
    rate_limit_retries: int = 2,
) -> AsyncWebClient:
    """A Web API client that waits out HTTP 429 Retry-After (slack_sdk does not by default)."""
    base = base_url or SLACK_API
    client = AsyncWebClient(
        token=token, base_url=base if base.endswith("/") else base + "/", session=session
    )
    client.retry_handlers.append(
        AsyncRateLimitErrorRetryHandler(max_retry_count=rate_limit_retries)
    )
    return client


class ChannelBusy(Exception):
    """The channel's next turn is further away than the caller wants to wait."""

    def __init__(self, wait_s: float) -> None:
        super().__init__(f"channel busy for {wait_s:.1f} s")
        self.wait_s = wait_s


class ChannelPacer:
    """Slack accepts about one message per second per channel: posts to a channel take turns.

    The turn is held while the post is in flight, so one channel's messages stay in order.
    With ``max_wait_s``, a turn further away raises :class:`ChannelBusy` instead of waiting.
    """

    def __init__(
        self,
        interval_s: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval_s = interval_s
        self._clock = clock
        self._sleep = sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}
        self._next_at: dict[str, float] = {}

    @asynccontextmanager
    async def turn(self, channel: str, *, max_wait_s: float | None = None) -> AsyncIterator[None]:
        lock = self._locks.setdefault(channel, asyncio.Lock())
        if max_wait_s is not None and lock.locked():
            raise ChannelBusy(self.interval_s)
        self._users[channel] = self._users.get(channel, 0) + 1
        try:
            async with lock:
                wait = self._next_at.get(channel, 0.0) - self._clock()
                if max_wait_s is not None and wait > max_wait_s:
                    raise ChannelBusy(wait)
                if wait > 0:
                    await self._sleep(wait)
                try:
                    yield
                finally:
                    self._next_at[channel] = max(
                        self._next_at.get(channel, 0.0), self._clock() + self.interval_s
                    )
        finally:
            self._users[channel] -= 1
            if not self._users[channel]:
                # Nobody else wants this channel: drop its lock (the pacing time stays).
                del self._users[channel], self._locks[channel]

    def hold(self, channel: str, seconds: float) -> None:
        """Slack said to wait (Retry-After): no post to ``channel`` before then."""
        self._next_at[channel] = max(self._next_at.get(channel, 0.0), self._clock() + seconds)


def _retry_after(exc: SlackApiError) -> float | None:
    value = exc.response.headers.get("Retry-After") if exc.response is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def delivery_error(exc: Exception, channel: str) -> DeliveryError:
    """Slack's answer as the core's delivery outcome (gone, wait and retry, or give up)."""
    if isinstance(exc, SlackApiError):
        error = str(exc.response.get("error", "")) if exc.response is not None else ""
        status = exc.response.status_code if exc.response is not None else 0
        where = f"Slack channel {channel}"
        if error in GONE_ERRORS:
            return ChatGone(f"{where}: {error}")
        if error == "ratelimited" or status == 429:
            return RetryLater(f"{where}: rate limited", _retry_after(exc))
        if error in AUTH_ERRORS:
            log.error("Slack refused the bot token (%s); check SLACK_BOT_TOKEN", error)
            return RetryLater(f"{where}: Slack refused the bot token ({error})", AUTH_RETRY_S)
        if error in TRANSIENT_ERRORS or status >= 500:
            return RetryLater(f"{where}: Slack error {error or status}")
        return PermanentFailure(f"{where}: Slack refused the message ({error or status})")
    if isinstance(exc, aiohttp.ClientError | asyncio.TimeoutError | OSError):
        return RetryLater(f"Slack channel {channel}: {type(exc).__name__}: {exc}")
    return RetryLater(f"Slack channel {channel}: unexpected {type(exc).__name__}: {exc}")


async def _post(
    client: AsyncWebClient,
    pacer: ChannelPacer,
    channel: str,
    message: SlackMessage,
    thread_ts: str | None,
) -> str:
    try:
        response = await client.chat_postMessage(
            channel=channel,
            text=message["text"],
            blocks=message["blocks"],
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
        )
    except Exception as exc:
        error = delivery_error(exc, channel)
        if isinstance(error, RetryLater) and error.retry_after_s:
            pacer.hold(channel, error.retry_after_s)
        raise error from exc
    return str(response.get("ts", ""))


async def post_messages(
    client: AsyncWebClient,
    pacer: ChannelPacer,
    channel: str,
    messages: list[SlackMessage],
    *,
    thread_ts: str | None = None,
    max_wait_s: float | None = None,
) -> list[str]:
    """Post messages in order, pacing per channel; returns their ``ts``.

    Raises the :func:`delivery_error` of the first refusal, and RetryLater when the channel's
    turn is more than ``max_wait_s`` away (so the outbox can send to other channels meanwhile).
    """
    sent: list[str] = []
    for message in messages:
        try:
            async with pacer.turn(channel, max_wait_s=max_wait_s):
                sent.append(await _post(client, pacer, channel, message, thread_ts))
        except ChannelBusy as busy:
            raise RetryLater(f"Slack channel {channel}: {busy}", busy.wait_s) from None
    return sent
