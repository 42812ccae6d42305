"""/schedule and /settings (with its inline buttons)."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import texts
from bot.commands.context import Request, Services, UsageError, echoed
from bot.commands.help import usage
from bot.commands.subscriptions import describe_schedule
from bot.digest.schedule import parse_hhmm
from bot.ports import Button, Reply
from bot.store.chats import ChatRow, get_chat, update_chat

__all__ = ["schedule", "settings"]

MAX_TIMES = 6
SENTENCES = (1, 10)
STORIES = (1, 30)
DEFAULT_QUIET = "22:00-07:00"
_QUIET = re.compile(r"^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$")


def _times(text: str) -> list[str]:
    try:
        times = sorted({parse_hhmm(part) for part in re.split(r"[,\s]+", text) if part})
    except ValueError as exc:
        problem = echoed(str(exc))
        message = texts.PROBLEM_AND_USAGE.format(problem=problem, usage=usage("schedule"))
        raise UsageError(message) from None
    if not 1 <= len(times) <= MAX_TIMES:
        raise UsageError(texts.GIVE_TIMES.format(most=MAX_TIMES, usage=usage("schedule")))
    return [t.strftime("%H:%M") for t in times]


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        raise UsageError(texts.UNKNOWN_TIME_ZONE.format(name=echoed(name))) from None
    return name


def _save(services: Services, chat_id: int, **values: Any) -> ChatRow:
    with services.db.write() as conn:
        update_chat(conn, chat_id, **values)
        return get_chat(conn, chat_id)


async def schedule(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    words = args.split()
    if not words:
        arrive = texts.DIGESTS_ARRIVE.format(schedule=describe_schedule(chat))
        return Reply(lines=[arrive, usage("schedule")])
    zone = chat.timezone
    if "/" in words[-1] or words[-1].upper() == "UTC":
        zone = _zone(words.pop())
    times = _times(" ".join(words))
    chat = await services.run(_save, services, chat.id, schedule=times, timezone=zone)
    return Reply(lines=[texts.DIGESTS_WILL_ARRIVE.format(schedule=describe_schedule(chat))])


def _quiet(chat: ChatRow) -> str | None:
    if chat.quiet_start and chat.quiet_end:
        return f"{chat.quiet_start}-{chat.quiet_end}"
    return None


def _panel(chat: ChatRow, *, replace: bool, note: str | None = None) -> Reply:
    s, n = chat.sentences, chat.max_stories
    quiet = _quiet(chat)
    zone = "" if quiet is None else texts.QUIET_ZONE.format(timezone=chat.timezone)
    lines = [
        texts.SETTING.format(what=texts.SENTENCES_PER_STORY, value=s),
        texts.SETTING.format(what=texts.STORIES_PER_DIGEST, value=n),
        texts.QUIET_HOURS.format(quiet=quiet or texts.QUIET_OFF) + zone,
        texts.SCHEDULE_LINE.format(schedule=describe_schedule(chat)),
    ]
    buttons = [
        [
            Button(texts.SENTENCES_LESS, action=f"/settings sentences {max(s - 1, SENTENCES[0])}"),
            Button(texts.SENTENCES_MORE, action=f"/settings sentences {min(s + 1, SENTENCES[1])}"),
        ],
        [
            Button(texts.STORIES_LESS, action=f"/settings stories {max(n - 1, STORIES[0])}"),
            Button(texts.STORIES_MORE, action=f"/settings stories {min(n + 1, STORIES[1])}"),
        ],
        [
            Button(texts.QUIET_HOURS_OFF, action="/settings quiet off")
            if quiet is not None
            else Button(
                texts.QUIET_DEFAULT.format(hours=DEFAULT_QUIET),
                action=f"/settings quiet {DEFAULT_QUIET}",
            )
        ],
    ]
    return Reply(
        heading=texts.SETTINGS_HEADING,
        lines=[*([note] if note else []), *lines],
        buttons=buttons,
        replace=replace,
    )


def _number(value: str, bounds: tuple[int, int], what: str) -> int:
    if not value.isdigit() or not bounds[0] <= int(value) <= bounds[1]:
        raise UsageError(
            texts.OUT_OF_BOUNDS.format(
                what=what, low=bounds[0], high=bounds[1], usage=usage("settings")
            )
        )
    return int(value)


def _changes(args: str) -> dict[str, Any]:
    key, _, value = args.strip().partition(" ")
    key, value = key.lower(), value.strip()
    if key == "sentences":
        return {"sentences": _number(value, SENTENCES, texts.SENTENCES_PER_STORY)}
    if key in ("stories", "max"):
        return {"max_stories": _number(value, STORIES, texts.STORIES_PER_DIGEST)}
    if key == "quiet":
        if value.lower() == "off":
            return {"quiet_start": None, "quiet_end": None}
        match = _QUIET.match(value)
        if match is None:
            raise UsageError(usage("settings"))
        start, end = (_times(part)[0] for part in match.groups())
        return {"quiet_start": start, "quiet_end": end}
    raise UsageError(usage("settings"))


async def settings(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    if not args.strip():
        return _panel(chat, replace=request.via_button)
    chat = await services.run(_save, services, chat.id, **_changes(args))
    return _panel(
        chat, replace=request.via_button, note=None if request.via_button else texts.SAVED
    )
