"""/subscribe, /unsubscribe and /sources."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import texts
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
    listed = ", ".join([row.name for row in rows][:MAX_LISTED]) or texts.NONE_YET
    known = ", ".join(_tags(rows)) or texts.NO_TAGS
    raise UsageError(texts.NO_SUCH_FOLLOWABLE.format(name=echoed(text), sources=listed, tags=known))


def describe_schedule(chat: ChatRow) -> str:
    return texts.SCHEDULE.format(times=", ".join(chat.schedule), timezone=chat.timezone)


def _options(rows: list[SourceRow], current: list[Subscription]) -> Reply:
    lines = [
        texts.FOLLOWING.format(
            what=", ".join(s.label() for s in current) if current else texts.NOTHING_YET
        ),
        texts.SOURCES_LINE.format(names=", ".join(row.name for row in rows) or texts.NONE_YET),
        texts.TAGS_LINE.format(tags=", ".join(_tags(rows)) or texts.NO_TAG),
        usage("subscribe"),
    ]
    return Reply(heading=texts.SUBSCRIPTIONS_HEADING, lines=lines)


async def subscribe(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    rows = await services.run(_catalogue, services)
    if not args.strip():
        current = await services.run(_subscriptions, services, chat.id)
        return _options(rows, current)
    wanted = _resolve(rows, args)
    added = await services.run(_add, services, chat.id, wanted)
    first = (texts.SUBSCRIBED if added else texts.ALREADY_SUBSCRIBED).format(what=wanted.label())
    return Reply(lines=[first, texts.DIGESTS_ARRIVE_NOW.format(schedule=describe_schedule(chat))])


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
        return Reply(lines=[texts.UNSUBSCRIBED_ALL if removed else texts.NOTHING_TO_STOP])
    match = [s for s in current if s.target.lower() == text.lstrip("#").lower() and s.target]
    if not match:
        following = ", ".join(s.label() for s in current) or texts.NOTHING
        return Reply(lines=[texts.NOT_SUBSCRIBED.format(name=echoed(text), following=following)])
    for sub in match:
        await services.run(_remove, services, chat.id, sub)
    return Reply(lines=[texts.UNSUBSCRIBED.format(what=", ".join(s.label() for s in match))])


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return texts.NEVER
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return texts.JUST_NOW
    if minutes < 120:
        return texts.MINUTES_AGO.format(minutes=minutes)
    hours = minutes // 60
    if hours < 48:
        return texts.HOURS_AGO.format(hours=hours)
    return texts.DAYS_AGO.format(days=hours // 24)


def _status(row: SourceRow, now: datetime) -> str:
    state = row.state
    if state.stopped_at is not None:
        since = state.stopped_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        return texts.SOURCE_STOPPED.format(name=row.name, since=since, reason=state.stop_reason)
    if state.failures:
        return texts.SOURCE_FAILING.format(
            name=row.name, failures=state.failures, error=state.last_error
        )
    if state.last_fetch is None:
        return texts.SOURCE_NOT_FETCHED.format(name=row.name, url=row.url)
    if state.next_fetch_after is not None:  # turned back on, not fetched since
        return texts.SOURCE_TURNED_ON.format(name=row.name)
    if state.last_error:  # fetched, but the feed is broken: what was whole was kept
        checked = _ago(state.last_fetch, now)
        return texts.SOURCE_MALFORMED.format(name=row.name, checked=checked, error=state.last_error)
    return texts.SOURCE_OK.format(name=row.name, checked=_ago(state.last_fetch, now))


def _followed(services: Services, chat_id: int) -> tuple[list[Subscription], list[SourceRow]]:
    with services.db.read() as conn:
        subs = list_subscriptions(conn, chat_id)
        ids = set(source_ids_for(conn, subs))
        return subs, [row for row in list_sources(conn) if row.id in ids]


async def list_chat_sources(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    subs, rows = await services.run(_followed, services, chat.id)
    if not subs:
        return Reply(lines=[texts.FOLLOWS_NO_SOURCES, usage("subscribe")])
    now = services.clock()
    lines = [_status(row, now) for row in rows] or [texts.NONE_ENABLED]
    heading = texts.SOURCES_HEADING.format(subscriptions=", ".join(s.label() for s in subs))
    digests = texts.DIGESTS_LINE.format(schedule=describe_schedule(chat))
    return Reply(heading=heading, lines=[*lines, digests])
