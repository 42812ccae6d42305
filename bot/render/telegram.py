"""Reply -> Telegram HTML pages and console text. All escaping of article text happens here.

Telegram counts a message's length in UTF-16 code units after parsing the HTML; we measure the
HTML source in UTF-16 units, which is never shorter, so a page we accept is never too long.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.ports import Button, Reply, StoryView
from summarise.models import Actor, Position

__all__ = [
    "ARTICLE_LABEL",
    "MAX_STANCE_CHARS",
    "PAGINATORS",
    "TELEGRAM_MAX_BUTTONS",
    "TELEGRAM_MAX_CHARS",
    "TELEGRAM_MAX_ENTITIES",
    "WHO_LABEL",
    "TelegramMessage",
    "actor_lines",
    "console_text",
    "paginate",
    "shorten",
    "stance",
    "telegram_html",
    "telegram_keyboard",
    "telegram_messages",
    "telegram_pages",
    "utf16_len",
]

TELEGRAM_MAX_CHARS = 4096
# Telegram silently ignores formatting entities beyond 100 per message.
TELEGRAM_MAX_ENTITIES = 100
TELEGRAM_MAX_BUTTONS = 100
WHO_LABEL = "Who's involved"
ARTICLE_LABEL = "Full article"
# A stance shown by /who: a long quote is cut at a word to about this many characters.
MAX_STANCE_CHARS = 200

# C0/C1 control characters: invisible in chats, and terminal escape sequences on a console.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_OPENING_TAG = re.compile(r"<[a-z]")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def _esc(text: str) -> str:
    return html.escape(_clean(text), quote=False)


def _attr(text: str) -> str:
    return html.escape(_clean(text), quote=True)


def _actor_label(actor: Actor) -> str:
    return f"{actor.name} ({actor.role})" if actor.role else actor.name


def _link(url: str | None) -> str | None:
    """Only web links: Telegram refuses a message whose link or URL button has another scheme."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _titled(story: StoryView) -> str:
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
    prefix = f"{story.number}. " if story.number is not None else ""
    row: list[Button] = []
    if story.story_id is not None and story.detail == "digest":
        row.append(Button(prefix + WHO_LABEL, action=who_action(story.story_id)))
    url = _link(story.url)
    if url:
        row.append(Button(prefix + ARTICLE_LABEL, url=url))
    return row


# -- Telegram -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TelegramMessage:
    """One Telegram message: HTML text and inline keyboard rows."""

    html: str
    keyboard: list[list[Button]]


def _tg_story(story: StoryView) -> str:
    title = _esc(_titled(story))
    url = _link(story.url)
    if url:
        title = f'<a href="{_attr(url)}">{title}</a>'
    lines = [f"<b>{title}</b>"]
    if story.source:
        lines.append(f"<i>{_esc(story.source)}</i>")
    if story.sentences:
        lines.append(_esc(" ".join(story.sentences)))
    if story.detail == "digest" and story.actors:
        lines.append("<i>Who:</i> " + _esc(", ".join(_actor_label(a) for a in story.actors)))
    elif story.detail == "actors":
        for actor in story.actors:
            label = f"• <b>{_esc(actor.name)}</b>"
            label += f" ({_esc(actor.role)})" if actor.role else ""
            lines.extend(actor_lines(actor, label, _esc))
        if not story.actors:
            lines.append("<i>No people or organisations are named in this story.</i>")
    return "\n".join(lines)


def telegram_html(reply: Reply) -> str:
    """The HTML of one page (use :func:`telegram_pages` first to respect the limits)."""
    head = [f"<b>{_esc(reply.heading)}</b>"] if reply.heading else []
    head.extend(_esc(line) for line in reply.lines)
    blocks = ["\n".join(head), *(_tg_story(story) for story in reply.stories)]
    if reply.footer:
        blocks.append(f"<i>{_esc(reply.footer)}</i>")
    return "\n\n".join(block for block in blocks if block)


def telegram_keyboard(reply: Reply) -> list[list[Button]]:
    rows = [row for row in (story_buttons(story) for story in reply.stories) if row]
    return rows + [row for row in reply.buttons if row]


def _fits(page: Reply, limit: int) -> bool:
    text = telegram_html(page)
    buttons = sum(len(row) for row in telegram_keyboard(page))
    return (
        utf16_len(text) <= limit
        and len(_OPENING_TAG.findall(text)) <= TELEGRAM_MAX_ENTITIES
        and buttons <= TELEGRAM_MAX_BUTTONS
    )


def _cut_words(text: str, max_units: int) -> list[str]:
    """Cut a monster line at word boundaries into pieces whose HTML stays under max_units."""
    pieces: list[str] = []
    while utf16_len(_esc(text)) > max_units:
        # Escaping can grow a character to 5 ('&amp;'); cut conservatively.
        room = max(1, max_units // 5)
        cut = text.rfind(" ", 0, room)
        cut = cut if cut > 0 else room
        pieces.append(text[:cut].rstrip() + " …")
        text = text[cut:].lstrip()
    return [*pieces, text]


def _split_story(story: StoryView, limit: int) -> list[StoryView]:
    """Cut one oversized story on sentence boundaries; its actors go with the last part."""
    sentences = [p for s in story.sentences for p in _cut_words(s, limit // 2)]
    cont = replace(story, title=f"{story.title} (cont.)", sentences=[], actors=[])
    parts: list[StoryView] = []
    current = replace(story, sentences=[], actors=[])
    for sentence in sentences:
        trial = replace(current, sentences=[*current.sentences, sentence])
        if current.sentences and not _fits(Reply(stories=[trial]), limit):
            parts.append(current)
            trial = replace(cont, sentences=[sentence])
        current = trial
    last = replace(current, actors=story.actors)
    if _fits(Reply(stories=[last]), limit) or not story.actors:
        return [*parts, last]
    actors = _split_actors(replace(cont, detail=story.detail), story.actors, limit)
    return [*parts, current, *actors]


def _split_actors(base: StoryView, actors: list[Actor], limit: int) -> list[StoryView]:
    parts: list[StoryView] = []
    current = replace(base, actors=[])
    for actor in actors:
        trial = replace(current, actors=[*current.actors, actor])
        if current.actors and not _fits(Reply(stories=[trial]), limit):
            parts.append(current)
            trial = replace(base, actors=[actor])
        current = trial
    return [*parts, current]


def telegram_pages(reply: Reply, limit: int = TELEGRAM_MAX_CHARS) -> list[Reply]:
    """Split a reply into pages that each fit one Telegram message.

    Pages break between lines and stories; an oversized story breaks between its sentences.
    The heading stays on the first page; the footer and reply buttons go on the last.
    """
    pages: list[Reply] = []
    page = Reply(heading=reply.heading)

    def add(trial: Reply, fresh: Reply) -> Reply:
        if _fits(trial, limit) or page.is_empty():
            return trial
        pages.append(page)
        return fresh

    for line in reply.lines:
        for piece in _cut_words(line, limit // 2):
            page = add(replace(page, lines=[*page.lines, piece]), Reply(lines=[piece]))
    for story in reply.stories:
        parts = [story] if _fits(Reply(stories=[story]), limit) else _split_story(story, limit)
        for part in parts:
            page = add(replace(page, stories=[*page.stories, part]), Reply(stories=[part]))
    last = Reply(footer=reply.footer, buttons=reply.buttons, replace=reply.replace)
    trial = replace(page, footer=last.footer, buttons=last.buttons, replace=last.replace)
    return [*pages, add(trial, last)]


def telegram_messages(reply: Reply, limit: int = TELEGRAM_MAX_CHARS) -> list[TelegramMessage]:
    return [
        TelegramMessage(telegram_html(page), telegram_keyboard(page))
        for page in telegram_pages(reply, limit)
    ]


# -- Console --------------------------------------------------------------------------------


def _console_button(button: Button) -> str:
    target = button.url if button.url else button.action
    return f"[{button.label}: {target}]"


def _console_story(story: StoryView) -> list[str]:
    lines = [_clean(_titled(story))]
    if story.source:
        lines.append(f"   ({_clean(story.source)})")
    if story.sentences:
        lines.append("   " + _clean(" ".join(story.sentences)))
    if story.detail == "digest" and story.actors:
        lines.append("   Who: " + _clean(", ".join(_actor_label(a) for a in story.actors)))
    elif story.detail == "actors":
        for actor in story.actors:
            label = "   - " + _clean(_actor_label(actor))
            lines.extend(actor_lines(actor, label, _clean))
        if not story.actors:
            lines.append("   No people or organisations are named in this story.")
    buttons = story_buttons(story)
    if buttons:
        lines.append("   " + " ".join(_console_button(b) for b in buttons))
    return lines


def console_text(reply: Reply) -> str:
    """Plain text for a terminal, with control characters (escape sequences) removed."""
    blocks: list[list[str]] = []
    head = [_clean(reply.heading).upper()] if reply.heading else []
    head.extend(_clean(line) for line in reply.lines)
    blocks.append(head)
    blocks.extend(_console_story(story) for story in reply.stories)
    if reply.footer:
        blocks.append([_clean(reply.footer)])
    blocks.extend([_console_button(b) for b in row] for row in reply.buttons if row)
    return "\n\n".join("\n".join(block) for block in blocks if block)


# -- Pagination by platform -----------------------------------------------------------------

Paginator = Callable[[Reply], list[Reply]]


def _slack_pages(reply: Reply) -> list[Reply]:
    from bot.render.slack import slack_pages  # imported late: render_slack imports this module

    return slack_pages(reply)


# How each platform cuts a reply into messages; the outbox stores one row per page.
PAGINATORS: dict[str, Paginator] = {
    "telegram": telegram_pages,
    "slack": _slack_pages,
    "console": lambda reply: [reply],
}


def paginate(platform: str, reply: Reply) -> list[Reply]:
    paginator = PAGINATORS.get(platform)
    return paginator(reply) if paginator is not None else [reply]
