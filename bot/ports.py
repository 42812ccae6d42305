"""What crosses between the chat core and a chat platform: neutral data and the ChatPort.

Commands return a :class:`Reply`; it is cut into pages and rendered for its platform once
(:mod:`bot.render.pages`), and each :class:`Page` goes out through the platform's
:class:`ChatPort`. Nothing here knows about Telegram or Slack.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from bot.errors import DeliveryError
from summarise import Actor, Position

ChatKind = Literal["private", "group", "supergroup", "channel"]
StoryDetail = Literal["digest", "actors"]

__all__ = [
    "Button",
    "ChatGone",
    "ChatKind",
    "ChatMoved",
    "ChatPort",
    "ChatRef",
    "Page",
    "PermanentFailure",
    "Reply",
    "RetryLater",
    "SentMessage",
    "StoryDetail",
    "StoryView",
    "position_from_json",
    "reply_from_json",
    "reply_to_json",
]


@dataclass(frozen=True, slots=True)
class ChatRef:
    """A conversation on one platform. ``address`` is the platform's id as text (lossless)."""

    platform: str
    address: str
    kind: ChatKind = "private"
    title: str | None = None

    @property
    def is_group(self) -> bool:
        return self.kind != "private"


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: opens ``url``, or sends ``action`` back to the core when pressed."""

    label: str
    url: str | None = None
    action: str | None = None


@dataclass(slots=True)
class StoryView:
    """One story as a user sees it: in a digest (sentences) or in a /who answer (actors)."""

    title: str
    url: str | None = None
    source: str | None = None
    sentences: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    story_id: int | None = None
    published: datetime | None = None
    detail: StoryDetail = "digest"
    number: int | None = None


@dataclass(slots=True)
class Reply:
    """A neutral answer: a heading, lines of text, stories, a footer and buttons.

    ``replace`` asks the adapter to edit the message whose button produced this reply instead
    of sending a new one (the settings panel does this).
    """

    heading: str | None = None
    lines: list[str] = field(default_factory=list)
    stories: list[StoryView] = field(default_factory=list)
    footer: str | None = None
    buttons: list[list[Button]] = field(default_factory=list)
    replace: bool = False

    @property
    def story_ids(self) -> list[int]:
        return [story.story_id for story in self.stories if story.story_id is not None]

    def is_empty(self) -> bool:
        return not (self.heading or self.lines or self.stories or self.footer)


@dataclass(frozen=True, slots=True)
class Page:
    """One message rendered for its platform: what the outbox stores and a port sends as is.

    ``body`` is JSON-ready and the platform's own (see :func:`bot.render.pages.render_page`);
    ``story_ids`` are the stories the message carries.
    """

    platform: str
    body: dict[str, Any]
    story_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SentMessage:
    """A message the platform accepted, and the stories it carries (for reply-/who)."""

    message_id: str
    story_ids: tuple[int, ...] = ()


class RetryLater(DeliveryError):
    """The platform asked us to wait (flood limit) or a transient network error happened."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ChatGone(DeliveryError):
    """The bot was blocked, removed from the chat, or the chat no longer exists."""


class ChatMoved(DeliveryError):
    """The chat moved to a new address (Telegram: a group upgraded to a supergroup)."""

    def __init__(self, message: str, new_address: str) -> None:
        super().__init__(message)
        self.new_address = new_address


class PermanentFailure(DeliveryError):
    """The platform refused this message for good (e.g. malformed); retrying will not help."""


class ChatPort(Protocol):
    """A chat platform as the core sees it. Errors are the DeliveryError subclasses above."""

    platform: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send_page(self, chat: ChatRef, page: Page) -> SentMessage:
        """Send one rendered page exactly as it is."""
        ...


def _text_or_none(value: Any) -> str | None:
    return str(value) if value is not None else None


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        start, end = value
        if isinstance(start, int) and isinstance(end, int):
            return (start, end)
    return None


def position_from_json(data: dict[str, Any]) -> Position:
    """A :class:`Position` stored as a dict (``asdict``): every field it has, spans as tuples."""
    return Position(
        text=str(data.get("text") or ""),
        quote=_text_or_none(data.get("quote")),
        speaker=_text_or_none(data.get("speaker")),
        actor=_text_or_none(data.get("actor")),
        cue=_text_or_none(data.get("cue")),
        span=_span(data.get("span")),
        speaker_span=_span(data.get("speaker_span")),
        cue_span=_span(data.get("cue_span")),
        reported_by=_text_or_none(data.get("reported_by")),
    )


def _story_from_json(data: dict[str, Any]) -> StoryView:
    actors = [
        Actor(
            name=a["name"],
            type=a["type"],
            role=a.get("role"),
            mentions=a.get("mentions", 1),
            positions=[position_from_json(p) for p in a.get("positions", [])],
            aliases=list(a.get("aliases", [])),
        )
        for a in data.get("actors", [])
    ]
    published = data.get("published")
    return StoryView(
        title=data["title"],
        url=data.get("url"),
        source=data.get("source"),
        sentences=list(data.get("sentences", [])),
        actors=actors,
        story_id=data.get("story_id"),
        published=datetime.fromisoformat(published) if published else None,
        detail=data.get("detail", "digest"),
        number=data.get("number"),
    )


def reply_to_json(reply: Reply) -> dict[str, Any]:
    """A reply as JSON-ready data (the outbox stores queued pages like this)."""
    data = asdict(reply)
    for story in data["stories"]:
        if story["published"] is not None:
            story["published"] = story["published"].isoformat()
    return data


def reply_from_json(data: dict[str, Any]) -> Reply:
    return Reply(
        heading=data.get("heading"),
        lines=list(data.get("lines", [])),
        stories=[_story_from_json(story) for story in data.get("stories", [])],
        footer=data.get("footer"),
        buttons=[[Button(**button) for button in row] for row in data.get("buttons", [])],
        replace=bool(data.get("replace", False)),
    )
