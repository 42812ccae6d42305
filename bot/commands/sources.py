"""/add and /remove: sources added from a chat, kept beside the configured ones."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import Connection, delete, insert, select, update

from bot.collect.fetch import fetch_source
from bot.collect.urls import web_url
from bot.commands.context import Request, Services, UsageError
from bot.commands.help import usage
from bot.config.settings import Settings
from bot.config.sources import SourceConfig
from bot.models import SourceState
from bot.ports import Reply
from bot.store.chats import (
    ADDED_TAG,
    ChatRow,
    Subscription,
    add_subscription,
    chat_source_configs,
    chat_sources,
    subscriptions,
    with_chat_sources,
)
from bot.store.tables import sources

__all__ = ["add_source", "chat_source_configs", "remove_source", "with_chat_sources"]

_NAME = re.compile(r"[^a-z0-9]+")


def _free_name(conn: Connection, wanted: str, settings: Settings) -> str:
    taken = {row.name.lower() for row in conn.execute(select(sources.c.name))}
    taken |= {source.name.lower() for source in settings.sources}
    name, n = wanted, 1
    while name.lower() in taken:
        n += 1
        name = f"{wanted}-{n}"
    return name


def _default_name(url: str) -> str:
    host = (urlsplit(url).hostname or "source").removeprefix("www.")
    return _NAME.sub("-", host.lower()).strip("-")[:60] or "source"


def _known(conn: Connection, url: str) -> str | None:
    row = conn.execute(select(sources.c.name).where(sources.c.url == url)).first()
    return row.name if row is not None else None


def _store(services: Services, chat: ChatRow, url: str, kind: str, wanted: str) -> str:
    """Store the source and subscribe the chat, in one transaction; returns its name."""
    now = services.clock()
    with services.db.write() as conn:
        name = _known(conn, url)
        if name is None:
            name = _free_name(conn, wanted, services.settings)
            values = {"name": name, "url": url, "kind": kind, "created_at": now}
            conn.execute(insert(chat_sources).values(chat_id=chat.id, **values))
            conn.execute(
                insert(sources).values(tags=[ADDED_TAG], enabled=True, failures=0, **values)
            )
        add_subscription(conn, chat.id, Subscription("source", name), now)
        return name


def _known_url(services: Services, url: str) -> str | None:
    with services.db.read() as conn:
        return _known(conn, url)


async def add_source(services: Services, request: Request, args: str) -> Reply:
    words = args.split()
    url = web_url(words[0]) if words else None
    if url is None or len(words) > 2:
        raise UsageError(usage("add"))
    chat = await services.chat(request.chat)
    known = await services.run(_known_url, services, url)
    if known is not None:
        await services.run(_store, services, chat, url, "feed", known)
        return Reply(lines=[f"{url} is already the source {known}; this chat follows it."])
    kind = await _kind_of(services, url)
    wanted = words[1] if len(words) == 2 else _default_name(url)
    name = await services.run(_store, services, chat, url, kind, wanted)
    await services.sources_changed()
    return Reply(
        lines=[
            f"Added {kind} {name} ({url}); this chat follows it.",
            "Its stories appear after the next collection; /remove " + name + " undoes this.",
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
        error = error or (result.error or f"{url}: no articles found")
    raise UsageError(f"Could not add it: {error}")


async def remove_source(services: Services, request: Request, args: str) -> Reply:
    name = args.strip()
    if not name:
        raise UsageError(usage("remove"))
    chat = await services.chat(request.chat)
    message = await services.run(_remove, services, chat, name)
    await services.sources_changed()
    return Reply(lines=[message])


def _remove(services: Services, chat: ChatRow, name: str) -> str:
    with services.db.write() as conn:
        added = conn.execute(
            select(chat_sources).where(chat_sources.c.name.ilike(name))
        ).one_or_none()
        if added is None:
            configured = conn.execute(select(sources.c.name).where(sources.c.name.ilike(name)))
            found = configured.scalar_one_or_none()
            if found is None:
                return f"There is no source called {name}; /sources lists this chat's sources."
            return (
                f"{found} is part of the bot's configuration; /unsubscribe {found} stops it here."
            )
        if added.chat_id not in (None, chat.id):
            return (
                f"{added.name} was added by another chat; /unsubscribe {added.name} stops it here."
            )
        conn.execute(delete(chat_sources).where(chat_sources.c.id == added.id))
        conn.execute(
            delete(subscriptions).where(
                subscriptions.c.kind == "source", subscriptions.c.target == added.name
            )
        )
        conn.execute(update(sources).where(sources.c.name == added.name).values(enabled=False))
        return f"Removed {added.name}; no more stories from it."
