"""Cutting a reply into pages that each fit one message of its platform, and rendering them.

One paginator serves every platform: a :class:`Measure` tells it what each part of a page (the
heading, a line, a story, the footer with the reply buttons) adds on that platform and whether
a total still fits. Each part is measured once, so paging is linear in the reply. Pages break
between lines and stories, an oversized story between its sentences, then between its actors;
the heading stays on the first page, the footer and reply buttons go on the last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from bot.ports import Page, Reply, StoryView
from bot.render.console import console_text
from bot.render.slack import (
    MAX_BLOCKS,
    MAX_MESSAGE_TEXT,
    MAX_SECTION_CHARS,
    SlackMessage,
    escape,
    slack_blocks,
    slack_message,
    text_size,
)
from bot.render.telegram import (
    TELEGRAM_MAX_BUTTONS,
    TELEGRAM_MAX_CHARS,
    TELEGRAM_MAX_ENTITIES,
    TelegramMessage,
    telegram_html,
    telegram_keyboard,
    telegram_message,
    utf16_len,
)
from bot.render.telegram import escape as html_escape

__all__ = [
    "PAGINATORS",
    "RENDERERS",
    "Measure",
    "Size",
    "cut_words",
    "paginate",
    "paginate_by",
    "render_page",
    "render_pages",
    "slack_messages",
    "slack_pages",
    "telegram_measure",
    "telegram_messages",
    "telegram_pages",
]

# What a part adds to a page, in the platform's units (characters, blocks, buttons...).
Size = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Measure:
    """How a platform sizes the parts of a page, and the limits of one message."""

    # What a part (a Reply holding only the heading, a line, a story or the tail) adds.
    size: Callable[[Reply], Size]
    # Whether parts whose sizes add up to this still make one message.
    fits: Callable[[Size], bool]
    # A line or sentence too long for any page, cut into pieces a page can hold.
    pieces: Callable[[str], list[str]]


def cut_words(text: str, room: int, too_long: Callable[[str], bool]) -> list[str]:
    """While the rest of ``text`` is ``too_long``, cut ``room`` characters off it at a word
    boundary (mid-word if there is none), marking each cut with "…"."""
    pieces: list[str] = []
    while too_long(text):
        cut = text.rfind(" ", 0, room)
        cut = cut if cut > 0 else room
        pieces.append(text[:cut].rstrip() + " …")
        text = text[cut:].lstrip()
    return [*pieces, text]


def _plus(a: Size, b: Size) -> Size:
    return tuple(x + y for x, y in zip(a, b, strict=True))


class _Pager:
    """The page being filled, the pages done, and what the current page holds so far."""

    def __init__(self, measure: Measure, heading: str | None) -> None:
        self.measure = measure
        self.pages: list[Reply] = []
        self.page = Reply(heading=heading)
        self.used = measure.size(self.page)

    def add(self, part: Reply, size: Size) -> None:
        """Put ``part`` on this page, or on a fresh one if it does not fit any more."""
        if not self.page.is_empty() and not self.measure.fits(_plus(self.used, size)):
            self.pages.append(self.page)
            self.page, self.used = Reply(), tuple(0 for _ in size)
        self.page = replace(
            self.page,
            lines=[*self.page.lines, *part.lines],
            stories=[*self.page.stories, *part.stories],
            footer=part.footer or self.page.footer,
            buttons=[*self.page.buttons, *part.buttons],
            replace=self.page.replace or part.replace,
        )
        self.used = _plus(self.used, size)


def _split_story(measure: Measure, story: StoryView) -> list[StoryView]:
    """Cut a story too big for one message between sentences, then between actors."""

    def fits(part: StoryView) -> bool:
        return measure.fits(measure.size(Reply(stories=[part])))

    cont = replace(story, title=f"{story.title} (cont.)", sentences=[], actors=[])
    parts: list[StoryView] = []
    current = replace(story, sentences=[], actors=[])
    for sentence in (piece for s in story.sentences for piece in measure.pieces(s)):
        trial = replace(current, sentences=[*current.sentences, sentence])
        if current.sentences and not fits(trial):
            parts.append(current)
            trial = replace(cont, sentences=[sentence])
        current = trial
    for actor in story.actors:
        trial = replace(current, actors=[*current.actors, actor])
        if (current.sentences or current.actors) and not fits(trial):
            parts.append(current)
            trial = replace(cont, actors=[actor])
        current = trial
    return [*parts, current]


def _story_parts(measure: Measure, story: StoryView) -> list[tuple[Reply, Size]]:
    whole = Reply(stories=[story])
    size = measure.size(whole)
    if measure.fits(size):
        return [(whole, size)]
    parts = [Reply(stories=[part]) for part in _split_story(measure, story)]
    return [(part, measure.size(part)) for part in parts]


def paginate_by(measure: Measure, reply: Reply) -> list[Reply]:
    """Split a reply into pages that each fit one message, as ``measure`` sizes them."""
    pager = _Pager(measure, reply.heading)
    for piece in (piece for line in reply.lines for piece in measure.pieces(line)):
        part = Reply(lines=[piece])
        pager.add(part, measure.size(part))
    for story in reply.stories:
        for part, size in _story_parts(measure, story):
            pager.add(part, size)
    tail = Reply(footer=reply.footer, buttons=reply.buttons, replace=reply.replace)
    if tail.footer or tail.buttons:
        pager.add(tail, measure.size(tail))
    else:
        pager.page = replace(pager.page, replace=reply.replace)
    return [*pager.pages, pager.page]


# -- Telegram -------------------------------------------------------------------------------

_OPENING_TAG = re.compile(r"<[a-z]")


def telegram_measure(limit: int = TELEGRAM_MAX_CHARS) -> Measure:
    """Telegram's limits: ``limit`` UTF-16 units of HTML, 100 entities, 100 buttons."""

    def size(part: Reply) -> Size:
        html = telegram_html(part)
        # Stories and the footer follow a blank line, the heading and lines a line break:
        # counting one for every part is never less than the page's own length.
        joint = 2 if part.stories or part.footer else 1
        units = utf16_len(html) + joint if html else 0
        buttons = sum(len(row) for row in telegram_keyboard(part))
        return (units, len(_OPENING_TAG.findall(html)), buttons)

    def fits(size: Size) -> bool:
        units, entities, buttons = size
        return (
            units <= limit and entities <= TELEGRAM_MAX_ENTITIES and buttons <= TELEGRAM_MAX_BUTTONS
        )

    def pieces(text: str) -> list[str]:
        # Escaping can grow a character to 5 ('&amp;'); cut conservatively.
        half = limit // 2
        return cut_words(text, max(1, half // 5), lambda rest: utf16_len(html_escape(rest)) > half)

    return Measure(size, fits, pieces)


TELEGRAM = telegram_measure()


def telegram_pages(reply: Reply, limit: int = TELEGRAM_MAX_CHARS) -> list[Reply]:
    """Split a reply into pages that each fit one Telegram message."""
    return paginate_by(TELEGRAM if limit == TELEGRAM_MAX_CHARS else telegram_measure(limit), reply)


def telegram_messages(reply: Reply, limit: int = TELEGRAM_MAX_CHARS) -> list[TelegramMessage]:
    return [telegram_message(page) for page in telegram_pages(reply, limit)]


# -- Slack ----------------------------------------------------------------------------------

# A line is cut to at most this many characters, so a cut section wastes less than half.
SLACK_LINE_CHARS = MAX_SECTION_CHARS // 2


def _slack_size(part: Reply) -> Size:
    """Blocks (a story's divider included), characters, and the characters of the lines
    (which share sections: :func:`_slack_fits` counts those)."""
    line_chars = sum(len(escape(line)) + 1 for line in part.lines)
    blocks = slack_blocks(replace(part, lines=[]))
    return (len(blocks), text_size(blocks) + line_chars, line_chars)


def _slack_fits(size: Size) -> bool:
    blocks, chars, line_chars = size
    sections = -(-line_chars // SLACK_LINE_CHARS)
    return blocks + sections <= MAX_BLOCKS and chars <= MAX_MESSAGE_TEXT


def _slack_pieces(text: str) -> list[str]:
    return cut_words(text, SLACK_LINE_CHARS, lambda rest: len(rest) > SLACK_LINE_CHARS)


SLACK = Measure(_slack_size, _slack_fits, _slack_pieces)


def slack_pages(reply: Reply) -> list[Reply]:
    """Split a reply into pages that each fit one Slack message."""
    return paginate_by(SLACK, reply)


def slack_messages(reply: Reply) -> list[SlackMessage]:
    """Every message a reply needs, in order (commands answered outside the outbox)."""
    return [slack_message(page) for page in slack_pages(reply)]


# -- By platform ----------------------------------------------------------------------------

Paginator = Callable[[Reply], list[Reply]]
Renderer = Callable[[Reply], dict[str, Any]]

# How each platform cuts a reply into messages; the outbox stores one row per page.
PAGINATORS: dict[str, Paginator] = {
    "telegram": telegram_pages,
    "slack": slack_pages,
    "console": lambda reply: [reply],
}


def _slack_body(page: Reply) -> dict[str, Any]:
    message = slack_message(page)
    return {"text": message["text"], "blocks": message["blocks"]}


# A page as its platform receives it, JSON-ready: what the outbox stores and a port sends.
RENDERERS: dict[str, Renderer] = {
    "telegram": lambda page: telegram_message(page).to_json(),
    "slack": _slack_body,
    "console": lambda page: {"text": console_text(page)},
}


def paginate(platform: str, reply: Reply) -> list[Reply]:
    """``reply`` cut into the pages of ``platform`` (one page where messages have no limit)."""
    paginator = PAGINATORS.get(platform)
    return paginator(reply) if paginator is not None else [reply]


def render_page(platform: str, page: Reply) -> Page:
    """One page rendered for ``platform``: Telegram ``html`` and ``keyboard``, Slack ``text``
    and ``blocks``, console (and any other platform) ``text``."""
    render = RENDERERS.get(platform, RENDERERS["console"])
    return Page(platform, render(page), tuple(page.story_ids))


def render_pages(platform: str, reply: Reply) -> list[Page]:
    """``reply`` paginated and rendered for ``platform``, once: every message it needs."""
    return [render_page(platform, page) for page in paginate(platform, reply)]
