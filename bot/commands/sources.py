"""/sources, /add and /remove: the chat's sources (a stopped one is turned back on with
/sources enable), and sources added from a chat, kept beside the configured ones."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy import Connection

from bot import texts
from bot.collect.fetch import fetch_source
from bot.collect.urls import web_url
from bot.commands.context import Request, Services, UsageError, echoed
from bot.commands.help import usage
from bot.commands.subscriptions import list_chat_sources
from bot.config.sources import SourceConfig
from bot.models import SourceState
from bot.ports import Reply
from bot.store.chats import ChatRow, Subscription, add_subscription, list_subscriptions
from bot.store.sources import (
    add_chat_source,
    find_chat_source,
    find_source,
    find_source_name,
    remove_chat_source,
    resume_sources,
    source_ids_for,
    source_name_for_url,
    source_names,
)

__all__ = ["add_source", "enables_source", "remove_source", "sources_command"]

_NAME = re.compile(r"[^a-z0-9]+")


def _free_name(wanted: str, taken_names: Iterable[str]) -> str:
    taken = {name.lower() for name in taken_names}
    name, n = wanted, 1
    while name.lower() in taken:
        n += 1
        name = f"{wanted}-{n}"
    return name


def _default_name(url: str) -> str:
    host = (urlsplit(url).hostname or "source").removeprefix("www.")
    return _NAME.sub("-", host.lower()).strip("-")[:60] or "source"


def _checked_name(name: str, url: str) -> str:
    """``name`` as the config would store it; UsageError if the config rules refuse it."""
    try:
        return SourceConfig(name=name, url=url).name
    except ValidationError as exc:
        why = "; ".join(str(err["msg"]) for err in exc.errors())
        raise UsageError(texts.NAME_NOT_USABLE.format(why=why)) from None


def _possible_name(name: str) -> bool:
    """Whether a source could have this name (one the config rules refuse matches none)."""
    try:
        _checked_name(name, "https://example.invalid/")
    except UsageError:
        return False
    return True


def _store(services: Services, chat: ChatRow, url: str, kind: str, wanted: str) -> str:
    """Store the source and subscribe the chat, in one transaction; returns its name."""
    now = services.clock()
    with services.db.write() as conn:
        name = _current_name(services, conn, url)
        if name is None:
            configured = [source.name for source in services.settings.sources]
            # A source removed earlier comes back under its old name, afresh.
            name = source_name_for_url(conn, url) or _free_name(
                wanted, [*source_names(conn), *configured]
            )
            name = _checked_name(name, url)
            add_chat_source(conn, chat.id, name, url, kind, now)
        add_subscription(conn, chat.id, Subscription("source", name), now)
        return name


def _current_name(services: Services, conn: Connection, url: str) -> str | None:
    """The configured or chat-added source at ``url``; None for one removed since."""
    name = source_name_for_url(conn, url)
    configured = {source.name for source in services.settings.sources}
    if name is None or (name not in configured and find_chat_source(conn, name) is None):
        return None
    return name


def _known_url(services: Services, url: str) -> str | None:
    with services.db.read() as conn:
        return _current_name(services, conn, url)


async def add_source(services: Services, request: Request, args: str) -> Reply:
    words = args.split()
    url = web_url(words[0]) if words else None
    if url is None or len(words) > 2:
        raise UsageError(usage("add"))
    chat = await services.chat(request.chat)
    known = await services.run(_known_url, services, url)
    if known is not None:
        await services.run(_store, services, chat, url, "feed", known)
        return Reply(lines=[texts.ALREADY_A_SOURCE.format(url=echoed(url), name=known)])
    wanted = _checked_name(words[1] if len(words) == 2 else _default_name(url), url)
    kind = await _kind_of(services, url)
    name = await services.run(_store, services, chat, url, kind, wanted)
    await services.sources_changed()
    return Reply(
        lines=[
            texts.ADDED.format(kind=kind, name=name, url=echoed(url)),
            texts.ADDED_NEXT.format(name=name),
        ]
    )


async def _kind_of(services: Services, url: str) -> str:
    """Fetch ``url`` once (SSRF guard, size cap): a feed if it parses as one, else a page."""
    error = ""
    for kind in ("feed", "page"):
        probe = SourceConfig(name="probe", url=url, kind=kind)
        result = await fetch_source(
            services.client,
            probe,
            SourceState(),
            services.settings.fetch,
            base_dir=services.settings.base_dir,
        )
        if result.status != "failed" and result.entries:
            return kind
        error = error or (result.error or texts.NO_ARTICLES.format(url=url))
    raise UsageError(texts.COULD_NOT_ADD.format(error=error.replace(url, echoed(url))))


async def remove_source(services: Services, request: Request, args: str) -> Reply:
    name = args.strip()
    if not name:
        raise UsageError(usage("remove"))
    chat = await services.chat(request.chat)
    message = await services.run(_remove, services, chat, name)
    await services.sources_changed()
    return Reply(lines=[message])


def _remove(services: Services, chat: ChatRow, name: str) -> str:
    if not _possible_name(name):
        return texts.NO_SUCH_SOURCE.format(name=echoed(name))
    with services.db.write() as conn:
        added = find_chat_source(conn, name)
        if added is None:
            found = find_source_name(conn, name)
            if found is None:
                return texts.NO_SUCH_SOURCE.format(name=echoed(name))
            return texts.CONFIGURED_SOURCE.format(name=found)
        if added.chat_id not in (None, chat.id):
            return texts.OTHER_CHATS_SOURCE.format(name=added.name)
        remove_chat_source(conn, added)
        return texts.REMOVED_SOURCE.format(name=added.name)


def enables_source(args: str) -> bool:
    """Whether these /sources arguments turn a source back on (only admins may, in groups)."""
    return args.lower().split(maxsplit=1)[:1] == ["enable"]


async def sources_command(services: Services, request: Request, args: str) -> Reply:
    """/sources lists the chat's sources; /sources enable NAME polls a stopped one again."""
    words = args.split(maxsplit=1)
    if not words:
        return await list_chat_sources(services, request, args)
    if words[0].lower() != "enable" or len(words) < 2:
        raise UsageError(usage("sources"))
    chat = await services.chat(request.chat)
    message, resumed = await services.run(_enable, services, chat, words[1].strip())
    if resumed is not None:
        await services.source_resumed(resumed)
    return Reply(lines=[message])


def _enable(services: Services, chat: ChatRow, name: str) -> tuple[str, str | None]:
    """Turn the stopped source ``name`` back on; the reply, and its name if it was stopped."""
    if not _possible_name(name):
        return texts.NOT_FOLLOWED.format(name=echoed(name)), None
    with services.db.write() as conn:
        row = find_source(conn, name)
        followed = source_ids_for(conn, list_subscriptions(conn, chat.id))
        if row is None or not row.enabled or row.id not in followed:
            return texts.NOT_FOLLOWED.format(name=echoed(name)), None
        if row.state.stopped_at is None:
            return texts.NOT_STOPPED.format(name=row.name), None
        resume_sources(conn, services.clock(), [row.name])
    return texts.TURNED_ON.format(name=row.name), row.name
