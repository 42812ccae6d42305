"""What every renderer shares: labels, control-character cleaning, story titles and buttons,
and the stance lines /who shows for an actor."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.ports import Button, StoryView
from summarise import Actor, Position

__all__ = [
    "ARTICLE_LABEL",
    "MAX_STANCE_CHARS",
    "WHO_LABEL",
    "actor_label",
    "actor_lines",
    "clean",
    "shorten",
    "stance",
    "story_buttons",
    "titled",
    "web_link",
    "who_action",
]

WHO_LABEL = "Who's involved"
ARTICLE_LABEL = "Full article"
# A stance shown by /who: a long quote is cut at a word to about this many characters.
MAX_STANCE_CHARS = 200

# C0/C1 control characters: invisible in chats, and terminal escape sequences on a console.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without control characters."""
    return _CONTROL.sub("", text)


def actor_label(actor: Actor) -> str:
    return f"{actor.name} ({actor.role})" if actor.role else actor.name


def web_link(url: str | None) -> str | None:
    """Only web links: Telegram refuses a message whose link or URL button has another scheme."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def titled(story: StoryView) -> str:
    """The story's title, after its number in the digest when it has one."""
    return f"{story.number}. {story.title}" if story.number is not None else story.title


def shorten(text: str, limit: int = MAX_STANCE_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with "…" to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


def stance(position: Position, limit: int = MAX_STANCE_CHARS) -> str:
    """A position as /who shows it, within ``limit`` characters: its quote or clause
    (:meth:`Position.line`), then who reported it when the position is someone else's."""
    according = f" (according to {position.reported_by})" if position.reported_by else ""
    room = max(limit - len(according), limit // 2)
    line = " ".join(position.line().split())
    if len(line) > room and line.startswith("“") and line.endswith("”"):
        line = f"“{shorten(line[1:-1], room - 2)}”"
    return shorten(line, room) + according


def actor_lines(actor: Actor, label: str, escape: Callable[[str], str]) -> list[str]:
    """/who's lines for one actor: ``label: stance`` per position (each stance once), escaped
    by ``escape``; the label alone for an actor without positions."""
    said = dict.fromkeys(stance(p) for p in actor.positions)
    return [f"{label}: {escape(text)}" for text in said] or [label]


def who_action(story_id: int) -> str:
    """The command a "Who's involved" button runs (also typed on the console)."""
    return f"/who #{story_id}"


def story_buttons(story: StoryView) -> list[Button]:
    """A story's buttons: who is involved (in a digest) and the full article (a web link)."""
    prefix = f"{story.number}. " if story.number is not None else ""
    row: list[Button] = []
    if story.story_id is not None and story.detail == "digest":
        row.append(Button(prefix + WHO_LABEL, action=who_action(story.story_id)))
    url = web_link(story.url)
    if url:
        row.append(Button(prefix + ARTICLE_LABEL, url=url))
    return row
