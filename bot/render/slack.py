"""Reply -> Slack Block Kit messages. All mrkdwn escaping of article text happens here.

Escaping ``&``, ``<`` and ``>`` is all mrkdwn needs, and it makes ``<!channel>``, ``<!here>``
or ``<@U123>`` inside an article plain text that pings no one. Slack's limits: 50 blocks per
message, 3,000 characters per section, and an undocumented ``msg_blocks_too_long`` near 13k
characters across blocks, so a page keeps its block text under :data:`MAX_MESSAGE_TEXT`
(:mod:`bot.render.pages` cuts a reply into such pages).
"""

from __future__ import annotations

from typing import Any, TypedDict
from urllib.parse import quote, urlsplit

from bot.ports import Button, Reply, StoryView
from bot.render.common import actor_label, actor_lines, story_buttons, titled

__all__ = [
    "ACTION_PREFIX",
    "MAX_BLOCKS",
    "MAX_MESSAGE_TEXT",
    "MAX_SECTION_CHARS",
    "Block",
    "SlackMessage",
    "escape",
    "fallback_text",
    "link",
    "slack_blocks",
    "slack_message",
    "split_mrkdwn",
    "text_size",
]

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150
MAX_BUTTON_CHARS = 75
MAX_MESSAGE_TEXT = 11_000
MAX_FALLBACK_CHARS = 1_000
# Every button's action_id starts with this, so one bolt listener handles them all.
ACTION_PREFIX = "digest_"

Block = dict[str, Any]


class SlackMessage(TypedDict):
    """The ``text`` and ``blocks`` of one chat.postMessage or response_url call."""

    text: str
    blocks: list[Block]


def escape(text: str) -> str:
    """Escape the three characters mrkdwn gives meaning to; nothing else needs it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(text: str, limit: int) -> str:
    """Escaped plain text of at most ``limit`` characters, cut at a word boundary."""
    text = " ".join(text.split())
    if len(escape(text)) <= limit:
        return escape(text)
    kept, size = [], 1
    for char in text:
        size += len(escape(char))
        if size > limit:
            break
        kept.append(char)
    cut = "".join(kept)
    return escape(cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _web_url(url: str | None) -> str | None:
    """An http(s) URL made safe inside ``<url|label>``; None for other schemes."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def link(url: str | None, label: str) -> str:
    """A mrkdwn link with an escaped label; just the label when the URL is not a web link."""
    target = _web_url(url)
    text = escape(" ".join(label.split()).replace("|", "¦"))
    return f"<{target.replace('&', '&amp;')}|{text}>" if target else text


def split_mrkdwn(text: str, limit: int = MAX_SECTION_CHARS) -> list[str]:
    """Cut escaped mrkdwn into pieces of at most ``limit`` characters.

    Cuts prefer line ends, then sentence ends, then spaces, and never fall inside a
    ``<link|label>`` or an entity such as ``&amp;``.
    """
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _cut(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [*pieces, rest] if rest else pieces


def _cut(text: str, limit: int) -> int:
    depth, spaces = 0, []
    for index, char in enumerate(text[:limit]):
        if char == "<":
            depth += 1
        elif char == ">" and depth:
            depth -= 1
        elif char.isspace() and depth == 0 and index:
            spaces.append(index)
    line_end = [i for i in spaces if text[i] == "\n"]
    sentence_end = [i for i in spaces if text[i - 1] in ".!?"]
    for candidates in (line_end, sentence_end, spaces):
        if candidates:
            return candidates[-1] + 1
    entity = text.rfind("&", max(0, limit - 6), limit)
    return entity if entity > 0 and ";" not in text[entity:limit] else limit


# -- blocks ---------------------------------------------------------------------------------


def _sections(mrkdwn: str) -> list[Block]:
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}}
        for piece in split_mrkdwn(mrkdwn)
    ]


def _context(mrkdwn: str) -> Block:
    text = split_mrkdwn(mrkdwn, 2000)[0]
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _button(button: Button, action_id: str) -> Block | None:
    element: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": _plain(button.label, MAX_BUTTON_CHARS)},
    }
    url = _web_url(button.url)
    if url:
        element["url"] = url[:3000]
    elif button.action:
        element["value"] = button.action[:2000]
    else:
        return None
    return element


def _actions(buttons: list[Button], block_id: str) -> list[Block]:
    elements = [
        element
        for index, button in enumerate(buttons[:25])
        if (element := _button(button, f"{ACTION_PREFIX}{block_id}_{index}")) is not None
    ]
    return [{"type": "actions", "block_id": block_id, "elements": elements}] if elements else []


def _story_blocks(story: StoryView, position: int) -> list[Block]:
    lines = [f"*{link(story.url, titled(story))}*"]
    if story.source:
        lines.append(f"_{escape(story.source)}_")
    if story.sentences:
        lines.append(escape(" ".join(story.sentences)))
    if story.detail == "actors":
        for actor in story.actors:
            label = f"• *{escape(actor.name)}*"
            label += f" ({escape(actor.role)})" if actor.role else ""
            lines.extend(actor_lines(actor, label, escape))
        if not story.actors:
            lines.append("_No people or organisations are named in this story._")
    blocks = [{"type": "divider"}, *_sections("\n".join(lines))]
    if story.detail == "digest" and story.actors:
        who = ", ".join(actor_label(actor) for actor in story.actors)
        blocks.append(_context(f"*Who:* {escape(who)}"))
    return blocks + _actions(story_buttons(story), f"story{position}")


def slack_blocks(page: Reply) -> list[Block]:
    """The blocks of one page, each story after a divider (the first is dropped from a
    message: see :func:`slack_message`)."""
    blocks: list[Block] = []
    if page.heading:
        text = _plain(page.heading, MAX_HEADER_CHARS)
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": text}})
    if page.lines:
        blocks.extend(_sections("\n".join(escape(line) for line in page.lines)))
    for position, story in enumerate(page.stories):
        blocks.extend(_story_blocks(story, position))
    if page.footer:
        blocks.append(_context(f"_{escape(page.footer)}_"))
    for row, buttons in enumerate(page.buttons):
        blocks.extend(_actions(buttons, f"row{row}"))
    return blocks


def text_size(value: Any) -> int:
    """The characters of every text in a block structure (what ``msg_blocks_too_long`` counts)."""
    if isinstance(value, dict):
        own = len(value["text"]) if isinstance(value.get("text"), str) else 0
        return own + sum(text_size(inner) for inner in value.values())
    if isinstance(value, list):
        return sum(text_size(inner) for inner in value)
    return 0


def fallback_text(page: Reply) -> str:
    """The notification text (``text``): the heading or first line, then story titles."""
    first = page.heading or (page.lines[0] if page.lines else "") or page.footer or ""
    titles = "; ".join(story.title for story in page.stories)
    text = " — ".join(part for part in (first, titles) if part) or "digestbot"
    return _plain(text, MAX_FALLBACK_CHARS)


def slack_message(page: Reply) -> SlackMessage:
    """One page as the message Slack receives."""
    blocks = slack_blocks(page)
    if blocks and blocks[0]["type"] == "divider":
        blocks.pop(0)
    return SlackMessage(text=fallback_text(page), blocks=blocks)
