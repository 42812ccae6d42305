"""When a chat's digest is due: its schedule of local times, and its quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.store.chats import ChatRow

__all__ = ["in_quiet_hours", "is_due", "last_slot", "parse_hhmm"]


def parse_hhmm(value: str) -> time:
    """``08:00`` -> time(8, 0); ValueError for anything else."""
    hours, _, minutes = value.strip().partition(":")
    digits = hours.isdigit() and minutes.isdigit() and len(minutes) == 2
    if digits and int(hours) < 24 and int(minutes) < 60:
        return time(int(hours), int(minutes))
    raise ValueError(f"{value!r} is not a time like 08:00")


def last_slot(chat: ChatRow, now: datetime) -> datetime | None:
    """The most recent scheduled digest time at or before ``now``, in UTC."""
    zone = ZoneInfo(chat.timezone)
    local = now.astimezone(zone)
    slots = [
        datetime.combine(local.date() - timedelta(days=back), parse_hhmm(hhmm), zone)
        for back in (0, 1)
        for hhmm in chat.schedule
    ]
    past = [slot for slot in slots if slot <= local]
    return max(past).astimezone(UTC) if past else None


def in_quiet_hours(chat: ChatRow, now: datetime) -> bool:
    if not (chat.quiet_start and chat.quiet_end):
        return False
    start, end = parse_hhmm(chat.quiet_start), parse_hhmm(chat.quiet_end)
    local = now.astimezone(ZoneInfo(chat.timezone)).time()
    return start <= local < end if start <= end else (local >= start or local < end)


def is_due(chat: ChatRow, now: datetime) -> bool:
    """A scheduled time passed since the last digest; quiet hours hold it until they end."""
    slot = last_slot(chat, now)
    reference = chat.last_digest_at or chat.created_at
    return slot is not None and slot > reference and not in_quiet_hours(chat, now)
