"""What is collected and who follows it: how to fetch (``fetch:``), the sources (``sources:``)
and the chats subscribed in the file (``subscriptions:``)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from bot.config.fields import Duration, StrictModel, format_duration
from bot.filters.match import MAX_TERMS, FilterError, parse_term
from summarise import check_language

__all__ = ["FetchSettings", "SourceConfig", "SubscriptionConfig"]


class FetchSettings(StrictModel):
    timeout_s: float = Field(default=20.0, gt=0, le=600)
    max_bytes: int = Field(default=15 * 1024 * 1024, ge=1024, le=1024**3)
    concurrency: int = Field(default=20, ge=1, le=1000)
    per_host: int = Field(default=2, ge=1, le=100)
    user_agent: str = Field(
        default="digestbot/0.1 (+https://github.com/digestbot/digestbot)", min_length=1
    )
    allow_private_networks: bool = False
    max_redirects: int = Field(default=5, ge=0, le=30)
    # A source failing this many times in a row, over at least stop_after_failing_for, is no
    # longer polled until someone turns it back on; 0 never stops one (410 Gone always does).
    stop_after_failures: int = Field(default=10, ge=0, le=10_000)
    stop_after_failing_for: Duration = timedelta(days=1)

    @field_validator("stop_after_failing_for")
    @classmethod
    def _sensible_span(cls, span: timedelta) -> timedelta:
        if not timedelta(0) <= span <= timedelta(days=365):
            raise PydanticCustomError(
                "interval", "{span} is outside 0s to 365d", {"span": format_duration(span)}
            )
        return span


class SourceConfig(StrictModel):
    name: str = Field(min_length=1, max_length=100)
    url: str
    kind: Literal["feed", "page"] = "feed"
    every: Duration = timedelta(minutes=15)
    tags: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(default_factory=list)
    full_text: Literal["auto", "always", "never"] = "auto"
    enabled: bool = True
    # The language of every article (ISO 639-1); unset, each article's is detected.
    language: str | None = None

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

    @field_validator("language")
    @classmethod
    def _language_code(cls, language: str | None) -> str | None:
        if language is None:
            return None
        try:
            return check_language(language)
        except ValueError as exc:
            raise PydanticCustomError("language", "{why}", {"why": str(exc)}) from None

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


def _filter_term(item: str) -> str:
    try:
        parse_term(item)
    except FilterError as exc:
        raise PydanticCustomError("filter_term", "{why}", {"why": str(exc)}) from None
    return item


class SubscriptionConfig(StrictModel):
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
