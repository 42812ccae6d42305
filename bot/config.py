"""YAML configuration -> pydantic models. The only module that reads environment variables."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StorageSettings(_Strict):
    url: str = "sqlite:///var/digestbot.db"


class FetchSettings(_Strict):
    timeout_s: float = 20.0
    max_bytes: int = 15 * 1024 * 1024
    concurrency: int = 20
    per_host: int = 2
    user_agent: str = "digestbot/0.1 (+https://github.com/digestbot/digestbot)"
    allow_private_networks: bool = False
    max_redirects: int = 5


class SourceConfig(_Strict):
    name: str
    url: str
    kind: Literal["feed", "page"] = "feed"
    every: timedelta = timedelta(minutes=15)
    tags: list[str] = Field(default_factory=list)
    full_text: Literal["auto", "always", "never"] = "auto"
    enabled: bool = True


class DigestSettings(_Strict):
    sentences: int = 3
    max_chars: int | None = 600
    algorithm: str = "default"


class ConsoleChannel(_Strict):
    enabled: bool = True


class TelegramWebhook(_Strict):
    url: str
    listen: str = "0.0.0.0"
    port: int = 8443
    secret_token: str | None = None


class TelegramChannel(_Strict):
    token: str | None = None
    base_url: str | None = None
    mode: Literal["polling", "webhook"] = "polling"
    webhook: TelegramWebhook | None = None


class SlackChannel(_Strict):
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    port: int = 3000
    base_url: str | None = None


class ChannelsSettings(_Strict):
    console: ConsoleChannel = Field(default_factory=ConsoleChannel)
    telegram: TelegramChannel = Field(default_factory=TelegramChannel)
    slack: SlackChannel = Field(default_factory=SlackChannel)


class Settings(_Strict):
    storage: StorageSettings = Field(default_factory=StorageSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    sources: list[SourceConfig] = Field(default_factory=list)
    digest: DigestSettings = Field(default_factory=DigestSettings)
    channels: ChannelsSettings = Field(default_factory=ChannelsSettings)
    # Where the file was read from: relative paths (sqlite files, file:// feeds) resolve against it.
    base_dir: Path = Field(default_factory=Path.cwd, exclude=True)
