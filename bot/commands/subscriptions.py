"""/subscribe, /unsubscribe and /sources."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.commands.context import Request, Services, UsageError, echoed
from bot.commands.help import usage
from bot.ports import Reply
from bot.store.chats import (
    ChatRow,
    Subscription,
    add_subscription,
    list_subscriptions,
    remove_subscription,
)
from bot.store.sources import SourceRow, list_sources, source_ids_for

__all__ = ["describe_schedule", "list_chat_sources", "subscribe", "unsubscribe"]

MAX_LISTED = 12


def _catalogue(services: Services) -> list[SourceRow]:
    with services.db.read() as conn:
        return list_sources(conn)


def _tags(rows: list[SourceRow]) -> list[str]:
    return sorted({tag for row in rows for tag in row.tags})


def _resolve(rows: list[SourceRow], wanted: str) -> Subscription:
    """``all``, ``#tag``, a source name or a tag (case-insensitive); UsageError otherwise."""
    text = wanted.strip()
    if text.lower() == "all":
        return Subscription("all", "")
    names = {row.name.lower(): row.name for row in rows}
    tags = {tag.lower(): tag for tag in _tags(rows)}
    if text.startswith("#") and text[1:].lower() in tags:
        return Subscription("tag", tags[text[1:].lower()])
    if text.lower() in names:
        return Subscription("source", names[text.lower()])
    if text.lower() in tags:
        return Subscription("tag", tags[text.lower()])
    listed = ", ".join([row.name for row in rows][:MAX_LISTED]) or "none yet"
    known = ", ".join(_tags(rows)) or "-"
    raise UsageError(f"No source or tag called {echoed(text)}. Sources: {listed}. Tags: {known}.")


def describe_schedule(chat: ChatRow) -> str:
    return f"{', '.join(chat.schedule)} ({chat.timezone})"


def _options(rows: list[SourceRow], current: list[Subscription]) -> Reply:
    lines = [
        "Following: " + (", ".join(s.label() for s in current) if current else "nothing yet"),
        "Sources: " + (", ".join(row.name for row in rows) or "none yet"),
        "Tags: " + (", ".join(_tags(rows)) or "none"),
        usage("subscribe"),
    ]
    return Reply(heading="Subscriptions", lines=lines)


async def subscribe(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    rows = await services.run(_catalogue, services)
    if not args.strip():
        current = await services.run(_subscriptions, services, chat.id)
        return _options(rows, current)
    wanted = _resolve(rows, args)
    added = await services.run(_add, services, chat.id, wanted)
    first = (
        f"Subscribed to {wanted.label()}." if added else f"Already subscribed to {wanted.label()}."
    )
    return Reply(
        lines=[first, f"Digests arrive at {describe_schedule(chat)}; /digest sends one now."]
    )


def _subscriptions(services: Services, chat_id: int) -> list[Subscription]:
    with services.db.read() as conn:
        return list_subscriptions(conn, chat_id)


def _add(services: Services, chat_id: int, wanted: Subscription) -> bool:
    with services.db.write() as conn:
        return add_subscription(conn, chat_id, wanted, services.clock())


def _remove(services: Services, chat_id: int, wanted: Subscription | None) -> int:
    with services.db.write() as conn:
        return remove_subscription(conn, chat_id, wanted)


async def unsubscribe(services: Services, request: Request, args: str) -> Reply:
    text = args.strip()
    if not text:
        raise UsageError(usage("unsubscribe"))
    chat = await services.chat(request.chat)
    current = await services.run(_subscriptions, services, chat.id)
    if text.lower() == "all":
        removed = await services.run(_remove, services, chat.id, None)
        return Reply(lines=["Unsubscribed from everything." if removed else "Nothing to stop."])
    match = [s for s in current if s.target.lower() == text.lstrip("#").lower() and s.target]
    if not match:
        following = ", ".join(s.label() for s in current) or "nothing"
        return Reply(lines=[f"Not subscribed to {echoed(text)}; this chat follows {following}."])
    for sub in match:
        await services.run(_remove, services, chat.id, sub)
    return Reply(lines=[f"Unsubscribed from {', '.join(s.label() for s in match)}."])


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    hours = minutes // 60
    return f"{hours} h ago" if hours < 48 else f"{hours // 24} days ago"


def _status(row: SourceRow, now: datetime) -> str:
    state = row.state
    if state.stopped_at is not None:
        since = state.stopped_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        return (
            f"{row.name} — stopped since {since} UTC: {state.stop_reason}. "
            f"/sources enable {row.name} polls it again"
        )
    if state.failures:
        return f"{row.name} — failing ({state.failures}×): {state.last_error}"
    if state.last_fetch is None:
        return f"{row.name} — not fetched yet ({row.url})"
    if state.next_fetch_after is not None:  # turned back on, not fetched since
        return f"{row.name} — turned back on, fetched at the next collection"
    if state.last_error:  # fetched, but the feed is broken: what was whole was kept
        checked = _ago(state.last_fetch, now)
        return f"{row.name} — malformed feed, checked {checked}: {state.last_error}"
    return f"{row.name} — ok, checked {_ago(state.last_fetch, now)}"


def _followed(services: Services, chat_id: int) -> tuple[list[Subscription], list[SourceRow]]:
    with services.db.read() as conn:
        subs = list_subscriptions(conn, chat_id)
        ids = set(source_ids_for(conn, subs))
        return subs, [row for row in list_sources(conn) if row.id in ids]


async def list_chat_sources(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    subs, rows = await services.run(_followed, services, chat.id)
    if not subs:
        return Reply(lines=["This chat follows no sources yet.", usage("subscribe")])
    now = services.clock()
    lines = [_status(row, now) for row in rows] or ["(none of them is enabled)"]
    heading = f"Sources ({', '.join(s.label() for s in subs)})"
    return Reply(heading=heading, lines=[*lines, f"Digests: {describe_schedule(chat)}"])
