"""Settings of the chat channels (``channels:``): the console, Telegram and Slack."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from bot.config.fields import StrictModel

__all__ = [
    "ChannelsSettings",
    "ConsoleChannel",
    "SlackChannel",
    "TelegramChannel",
    "TelegramWebhook",
]


class ConsoleChannel(StrictModel):
    enabled: bool = True


class TelegramWebhook(StrictModel):
    url: str
    listen: str = "0.0.0.0"
    port: int = Field(default=8443, ge=1, le=65535)
    secret_token: str | None = None

    @field_validator("secret_token")
    @classmethod
    def _telegram_accepts(cls, token: str | None) -> str | None:
        # Telegram accepts 1-256 characters of A-Za-z0-9_- and echoes them in a header.
        if token is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", token):
            raise PydanticCustomError(
                "secret_token", "must be 1-256 letters, digits, _ or - (Telegram's rule)"
            )
        return token


class TelegramChannel(StrictModel):
    token: str | None = None
    base_url: str | None = None
    mode: Literal["polling", "webhook"] = "polling"
    webhook: TelegramWebhook | None = None


class SlackChannel(StrictModel):
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    port: int = Field(default=3000, ge=0, le=65535)  # 0: any free port (tests)
    base_url: str | None = None


class ChannelsSettings(StrictModel):
    console: ConsoleChannel = Field(default_factory=ConsoleChannel)
    telegram: TelegramChannel = Field(default_factory=TelegramChannel)
    slack: SlackChannel = Field(default_factory=SlackChannel)
