"""Who may change a Slack channel's settings, and which requests we have already handled."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

__all__ = ["AdminCheck", "RecentKeys", "is_direct_message"]

log = logging.getLogger("digestbot.slack")


def is_direct_message(channel_id: str) -> bool:
    """Slack ids of direct-message conversations start with D."""
    return channel_id.startswith("D")


class AdminCheck:
    """Workspace admins and owners, and the channel's creator, rule a channel's settings.

    In a direct message the user rules their own settings. Answers are cached for ``ttl_s``
    so a burst of commands costs one users.info and one conversations.info.
    """

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        ttl_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._ttl_s = ttl_s
        self._clock = clock
        self._cache: dict[tuple[str, str], tuple[float, bool]] = {}

    async def __call__(self, channel_id: str, user_id: str | None) -> bool:
        if is_direct_message(channel_id):
            return True
        if not user_id:
            return False
        key = (channel_id, user_id)
        cached = self._cache.get(key)
        if cached is not None and cached[0] > self._clock():
            return cached[1]
        allowed = await self._workspace_admin(user_id) or await self._creator(channel_id, user_id)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[key] = (self._clock() + self._ttl_s, allowed)
        return allowed

    async def _workspace_admin(self, user_id: str) -> bool:
        try:
            user = (await self._client.users_info(user=user_id)).get("user") or {}
        except SlackApiError as exc:
            log.warning("users.info for %s failed: %s", user_id, exc.response.get("error"))
            return False
        return any(user.get(flag) for flag in ("is_admin", "is_owner", "is_primary_owner"))

    async def _creator(self, channel_id: str, user_id: str) -> bool:
        try:
            response = await self._client.conversations_info(channel=channel_id)
        except SlackApiError as exc:
            log.warning(
                "conversations.info for %s failed: %s", channel_id, exc.response.get("error")
            )
            return False
        channel = response.get("channel") or {}
        return bool(channel.get("creator")) and channel.get("creator") == user_id


class RecentKeys:
    """Keys of requests already handled (trigger_id, event_id): Slack retries must not repeat.

    Slack retries an unacknowledged request three times within about five minutes; keys are
    kept for ``ttl_s`` (an hour), at most ``max_keys`` of them.
    """

    def __init__(
        self,
        *,
        ttl_s: float = 3600.0,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl_s = ttl_s
        self._max_keys = max_keys
        self._clock = clock
        self._seen: OrderedDict[Hashable, float] = OrderedDict()

    def first_time(self, key: Hashable) -> bool:
        """True the first time ``key`` is seen (a key ending in None is never remembered)."""
        if isinstance(key, tuple) and key and key[-1] is None:
            return True
        now = self._clock()
        while self._seen and (
            next(iter(self._seen.values())) < now or len(self._seen) >= self._max_keys
        ):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now + self._ttl_s
        return True
