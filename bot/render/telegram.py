"""Reply -> Telegram HTML and inline keyboard. All HTML escaping of article text happens here.

Telegram counts a message's length in UTF-16 code units after parsing the HTML; we measure the
HTML source in UTF-16 units, which is never shorter, so a page we accept is never too long.
Cutting a reply into pages that fit is :mod:`bot.render.pages`' job.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass
from typing import Any

from bot.ports import Button, Reply, StoryView
from bot.render.common import actor_label, actor_lines, clean, story_buttons, titled, web_link

__all__ = [
    "TELEGRAM_MAX_BUTTONS",
    "TELEGRAM_MAX_CHARS",
    "TELEGRAM_MAX_ENTITIES",
    "TelegramMessage",
    "escape",
    "telegram_html",
    "telegram_keyboard",
    "telegram_message",
    "utf16_len",
]

TELEGRAM_MAX_CHARS = 4096
# Telegram silently ignores formatting entities beyond 100 per message.
TELEGRAM_MAX_ENTITIES = 100
TELEGRAM_MAX_BUTTONS = 100


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Article text as HTML text: control characters removed, ``&``, ``<`` and ``>`` escaped."""
    return html.escape(clean(text), quote=False)


def _attr(text: str) -> str:
    return html.escape(clean(text), quote=True)


@dataclass(frozen=True, slots=True)
class TelegramMessage:
    """One Telegram message: HTML text and inline keyboard rows."""

    html: str
    keyboard: list[list[Button]]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data (the outbox stores a queued page like this)."""
        return {"html": self.html, "keyboard": [[asdict(b) for b in row] for row in self.keyboard]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TelegramMessage:
        rows = data.get("keyboard") or []
        return cls(str(data["html"]), [[Button(**button) for button in row] for row in rows])


def _tg_story(story: StoryView) -> str:
    title = escape(titled(story))
    url = web_link(story.url)
    if url:
        title = f'<a href="{_attr(url)}">{title}</a>'
    lines = [f"<b>{title}</b>"]
    if story.source:
        lines.append(f"<i>{escape(story.source)}</i>")
    if story.sentences:
        lines.append(escape(" ".join(story.sentences)))
    if story.detail == "digest" and story.actors:
        lines.append("<i>Who:</i> " + escape(", ".join(actor_label(a) for a in story.actors)))
    elif story.detail == "actors":
        for actor in story.actors:
            label = f"• <b>{escape(actor.name)}</b>"
            label += f" ({escape(actor.role)})" if actor.role else ""
            lines.extend(actor_lines(actor, label, escape))
        if not story.actors:
            lines.append("<i>No people or organisations are named in this story.</i>")
    return "\n".join(lines)


def telegram_html(reply: Reply) -> str:
    """The HTML of one page (see :func:`bot.render.pages.telegram_pages` for the limits)."""
    head = [f"<b>{escape(reply.heading)}</b>"] if reply.heading else []
    head.extend(escape(line) for line in reply.lines)
    blocks = ["\n".join(head), *(_tg_story(story) for story in reply.stories)]
    if reply.footer:
        blocks.append(f"<i>{escape(reply.footer)}</i>")
    return "\n\n".join(block for block in blocks if block)


def telegram_keyboard(reply: Reply) -> list[list[Button]]:
    rows = [row for row in (story_buttons(story) for story in reply.stories) if row]
    return rows + [row for row in reply.buttons if row]


def telegram_message(page: Reply) -> TelegramMessage:
    """One page as the message Telegram receives."""
    return TelegramMessage(telegram_html(page), telegram_keyboard(page))
