"""Sources in the database: the configured ones and those chats added, their fetch state, and
which of them a chat's subscriptions cover.

A source added from a chat with /add has a ``chat_sources`` row (who added it) beside its
``sources`` row; the collector adds such sources to the configured ones.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, delete, func, insert, select, update

from bot.config.settings import Settings
from bot.config.sources import SourceConfig
from bot.models import SourceState
from bot.store.chats import Subscription
from bot.store.database import advisory_lock, utcnow
from bot.store.tables import chat_sources, sources, subscriptions

__all__ = [
    "ADDED_TAG",
    "ChatSource",
    "SourceRow",
    "add_chat_source",
    "chat_source_configs",
    "find_chat_source",
    "find_source",
    "find_source_name",
    "list_sources",
    "load_source_state",
    "newest_success",
    "remove_chat_source",
    "resume_sources",
    "save_source_state",
    "source_ids_for",
    "source_name_for_url",
    "source_names",
    "sync_sources",
    "with_chat_sources",
]

log = logging.getLogger("digestbot.sources")
# The tag of every source a chat added with /add.
ADDED_TAG = "added"
# A source that starts afresh: no run of failures, not stopped, due at once.
_FRESH: dict[str, Any] = {
    "failures": 0,
    "next_fetch_after": None,
    "failing_since": None,
    "stopped_at": None,
    "stop_reason": None,
}


@dataclass(slots=True)
class SourceRow:
    """A source as stored, with what we know about its fetches."""

    id: int
    name: str
    url: str
    kind: str
    tags: list[str]
    enabled: bool
    state: SourceState
    last_success: datetime | None


# The PostgreSQL advisory lock syncing sources holds (bot.collect.storyline's filing lock is
# 7_160_431_191).
SYNC_LOCK_KEY = 7_160_431_192


def sync_sources(conn: Connection, configured: Sequence[SourceConfig]) -> dict[str, int]:
    """Make the sources table match the config: add new, update changed, disable removed.

    Returns the ids of the configured sources by name. A source whose URL changed forgets its
    ETag and failures, as they belonged to the old address; one configured again after it was
    removed or disabled starts afresh too. A stopped source stays stopped otherwise.
    """
    # Processes starting together (several first `collect --once`) sync one after another, so
    # none inserts a source another has just added.
    advisory_lock(conn, SYNC_LOCK_KEY)
    columns = (sources.c.id, sources.c.name, sources.c.url, sources.c.kind, sources.c.tags)
    stored = {row.name: row for row in conn.execute(select(*columns, sources.c.enabled)).all()}
    ids: dict[str, int] = {}
    for source in configured:
        values = {
            "url": source.url,
            "kind": source.kind,
            "tags": list(source.tags),
            "enabled": source.enabled,
        }
        row = stored.get(source.name)
        if row is None:
            ids[source.name] = conn.execute(
                insert(sources)
                .values(name=source.name, created_at=utcnow(), failures=0, **values)
                .returning(sources.c.id)
            ).scalar_one()
            continue
        ids[source.name] = int(row.id)
        changed = {key: value for key, value in values.items() if getattr(row, key) != value}
        if "url" in changed:
            changed.update(etag=None, last_modified=None)
        if "url" in changed or changed.get("enabled") is True:
            changed.update(_FRESH)
        if changed:
            conn.execute(update(sources).where(sources.c.id == row.id).values(**changed))
    removed = [row.id for name, row in stored.items() if name not in ids and row.enabled]
    if removed:
        conn.execute(update(sources).where(sources.c.id.in_(removed)).values(enabled=False))
    return ids


# The sources columns that hold a SourceState, one per field of the same name.
_STATE_COLUMNS = tuple(field.name for field in fields(SourceState))


def _state(row: Any) -> SourceState:
    return SourceState(**{name: getattr(row, name) for name in _STATE_COLUMNS})


def load_source_state(conn: Connection, source_id: int) -> SourceState:
    row = conn.execute(select(sources).where(sources.c.id == source_id)).one()
    return _state(row)


def save_source_state(
    conn: Connection, source_id: int, state: SourceState, *, succeeded: bool
) -> None:
    """Store ``state``; ``last_success`` moves only when the fetch succeeded."""
    values: dict[str, Any] = {name: getattr(state, name) for name in _STATE_COLUMNS}
    if succeeded:
        values["last_success"] = state.last_fetch
    conn.execute(update(sources).where(sources.c.id == source_id).values(**values))


def _row(row: Any) -> SourceRow:
    return SourceRow(
        id=row.id,
        name=row.name,
        url=row.url,
        kind=row.kind,
        tags=list(row.tags or []),
        enabled=bool(row.enabled),
        state=_state(row),
        last_success=row.last_success,
    )


def list_sources(conn: Connection, *, include_disabled: bool = False) -> list[SourceRow]:
    query = select(sources).order_by(sources.c.name)
    if not include_disabled:
        query = query.where(sources.c.enabled.is_(True))
    return [_row(row) for row in conn.execute(query).all()]


def find_source(conn: Connection, name: str) -> SourceRow | None:
    """The stored source called ``name`` (ignoring case, the exact spelling first), enabled or
    not."""
    query = select(sources).where(sources.c.name.ilike(name))
    row = conn.execute(query.order_by((sources.c.name == name).desc()).limit(1)).first()
    return _row(row) if row is not None else None


def resume_sources(
    conn: Connection, now: datetime, names: Collection[str] | None = None
) -> list[str]:
    """Turn stopped sources back on (those named, or every one): their run of failures starts
    again and they are due at once. Returns the names of those that were stopped."""
    query = select(sources.c.id, sources.c.name).where(sources.c.stopped_at.is_not(None))
    if names is not None:
        query = query.where(sources.c.name.in_(list(names)))
    rows = conn.execute(query.order_by(sources.c.name)).all()
    if rows:
        resumed = update(sources).where(sources.c.id.in_([row.id for row in rows]))
        conn.execute(resumed.values({**_FRESH, "last_error": None, "next_fetch_after": now}))
    return [row.name for row in rows]


def source_ids_for(conn: Connection, subs: Sequence[Subscription]) -> list[int]:
    """Enabled sources matching any subscription (by name, by tag, or all)."""
    rows = conn.execute(
        select(sources.c.id, sources.c.name, sources.c.tags).where(sources.c.enabled.is_(True))
    ).all()
    names = {sub.target for sub in subs if sub.kind == "source"}
    tags = {sub.target for sub in subs if sub.kind == "tag"}
    everything = any(sub.kind == "all" for sub in subs)
    return [
        row.id
        for row in rows
        if everything or row.name in names or tags.intersection(row.tags or [])
    ]


def newest_success(conn: Connection) -> datetime | None:
    """When some enabled source was last collected successfully (None: never)."""
    query = select(func.max(sources.c.last_success)).where(sources.c.enabled.is_(True))
    value: datetime | None = conn.execute(query).scalar()
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def source_names(conn: Connection) -> list[str]:
    """The names of every stored source, enabled or not."""
    return list(conn.execute(select(sources.c.name)).scalars())


def source_name_for_url(conn: Connection, url: str) -> str | None:
    """The name of a stored source with exactly this URL (a collected one first), if any."""
    query = select(sources.c.name).where(sources.c.url == url)
    row = conn.execute(query.order_by(sources.c.enabled.desc(), sources.c.id)).first()
    return row.name if row is not None else None


def find_source_name(conn: Connection, name: str) -> str | None:
    """The stored source called ``name`` (ignoring case), as its name is spelt."""
    query = select(sources.c.name).where(sources.c.name.ilike(name))
    found: str | None = conn.execute(query).scalar_one_or_none()
    return found


@dataclass(frozen=True, slots=True)
class ChatSource:
    """A source added from a chat; ``chat_id`` is None once that chat is gone."""

    id: int
    chat_id: int | None
    name: str
    url: str
    kind: str


def add_chat_source(
    conn: Connection, chat_id: int, name: str, url: str, kind: str, now: datetime
) -> None:
    """Store a source added from a chat (collected from the next collection on). A source
    stored earlier under ``name`` (removed since) comes back afresh, with its articles."""
    values = {"name": name, "url": url, "kind": kind, "created_at": now}
    conn.execute(insert(chat_sources).values(chat_id=chat_id, **values))
    again = update(sources).where(sources.c.name == name)
    back = conn.execute(again.values(url=url, kind=kind, tags=[ADDED_TAG], enabled=True, **_FRESH))
    if not back.rowcount:
        conn.execute(insert(sources).values(tags=[ADDED_TAG], enabled=True, failures=0, **values))


def find_chat_source(conn: Connection, name: str) -> ChatSource | None:
    """The source a chat added under ``name`` (ignoring case), if any."""
    query = select(chat_sources).where(chat_sources.c.name.ilike(name))
    row = conn.execute(query).one_or_none()
    if row is None:
        return None
    return ChatSource(row.id, row.chat_id, row.name, row.url, row.kind)


def remove_chat_source(conn: Connection, added: ChatSource) -> None:
    """Forget a source added from a chat: every chat's subscription to it ends and it is no
    longer collected (its articles stay)."""
    conn.execute(delete(chat_sources).where(chat_sources.c.id == added.id))
    conn.execute(
        delete(subscriptions).where(
            subscriptions.c.kind == "source", subscriptions.c.target == added.name
        )
    )
    conn.execute(update(sources).where(sources.c.name == added.name).values(enabled=False))


def chat_source_configs(conn: Connection, settings: Settings) -> list[SourceConfig]:
    """Sources added from chats, as configs (names the config file already uses are skipped).

    A stored row the config rules no longer accept is skipped with one log line naming it, so
    it cannot stop the other sources from being collected.
    """
    configured = {source.name for source in settings.sources}
    rows = conn.execute(select(chat_sources).order_by(chat_sources.c.id)).all()
    configs: list[SourceConfig] = []
    for row in rows:
        if row.name in configured:
            continue
        try:
            configs.append(
                SourceConfig(name=row.name, url=row.url, kind=row.kind, tags=[ADDED_TAG])
            )
        except ValidationError as exc:
            why = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            log.warning("skipping chat-added source %.100r: %s", row.name, why)
    return configs


def with_chat_sources(settings: Settings, conn: Connection) -> Settings:
    """``settings`` with the chat-added sources appended: what the bot collects."""
    extra = chat_source_configs(conn, settings)
    return (
        settings.model_copy(update={"sources": [*settings.sources, *extra]}) if extra else settings
    )
