"""Chats' keyword filters in the database, and the static subscriptions of the config file.

A term set in the config file (``origin`` "config") is replaced at every start and cannot be
removed from the chat; terms added with /filter (``origin`` "chat") are the chat's own.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

from sqlalchemy import Connection, delete, select

from bot.config.settings import Settings
from bot.config.sources import SubscriptionConfig
from bot.filters.match import MAX_TERMS, ChatFilters, FilterError, Term, parse_term
from bot.ports import ChatKind, ChatRef
from bot.store.chats import Subscription, add_subscription, ensure_chat, get_chat
from bot.store.database import Database, insert_ignore
from bot.store.tables import chat_filters

__all__ = [
    "AddOutcome",
    "FilterMode",
    "StoredTerm",
    "add_filter_terms",
    "clear_filter_terms",
    "list_filter_terms",
    "load_filters",
    "remove_filter_term",
    "static_chat_ref",
    "sync_static_subscriptions",
]

log = logging.getLogger("digestbot.filters")
FilterMode = Literal["include", "exclude"]
Origin = Literal["chat", "config"]


@dataclass(frozen=True, slots=True)
class StoredTerm:
    mode: FilterMode
    term: Term
    origin: Origin
    # The row's key as stored (a later stemmer might derive another one from the term).
    key: str


@dataclass(frozen=True, slots=True)
class AddOutcome:
    added: list[Term]
    # Terms that were in the other list and now are in this one.
    moved: list[Term]
    already: list[Term]


def list_filter_terms(conn: Connection, chat_id: int) -> list[StoredTerm]:
    query = (
        select(
            chat_filters.c.mode, chat_filters.c.term, chat_filters.c.origin, chat_filters.c.term_key
        )
        .where(chat_filters.c.chat_id == chat_id)
        .order_by(chat_filters.c.created_at, chat_filters.c.term_key)
    )
    found = []
    for row in conn.execute(query):
        try:
            term = parse_term(row.term)
        except FilterError as exc:
            # A stored term this version cannot read must not stop the chat's digests.
            log.warning("chat %s: skipping filter term %r: %s", chat_id, row.term, exc)
            continue
        mode, origin = cast(FilterMode, row.mode), cast(Origin, row.origin)
        found.append(StoredTerm(mode, term, origin, row.term_key))
    return found


def load_filters(conn: Connection, chat_id: int) -> ChatFilters:
    """The chat's filters, ready to match (empty when it has none)."""
    stored = list_filter_terms(conn, chat_id)
    return ChatFilters(
        include=tuple(s.term for s in stored if s.mode == "include"),
        exclude=tuple(s.term for s in stored if s.mode == "exclude"),
    )


def _too_many(count: int) -> FilterError:
    return FilterError(
        f"A chat can have at most {MAX_TERMS} filter terms; this would make {count}. "
        "Remove some first with /filter remove <term> or /filter clear."
    )


def add_filter_terms(
    conn: Connection, chat_id: int, mode: FilterMode, terms: Sequence[Term], now: datetime
) -> AddOutcome:
    """Add terms to the chat's include or exclude list (moving them from the other list).

    FilterError when the chat would have more than :data:`MAX_TERMS` terms, or when a term
    to move comes from the config file.
    """
    get_chat(conn, chat_id, lock=True)  # concurrent /filter commands count one after another
    stored = {(s.mode, s.term.key): s for s in list_filter_terms(conn, chat_id)}
    other: FilterMode = "exclude" if mode == "include" else "include"
    added: list[Term] = []
    moved: list[Term] = []
    already: list[Term] = []
    for term in terms:
        if (mode, term.key) in stored:
            already.append(term)
            continue
        previous = stored.get((other, term.key))
        if previous is not None and previous.origin == "config":
            raise FilterError(f"{term.label} is in {other} in the bot's configuration file.")
        (moved if previous is not None else added).append(term)
    if len(stored) + len(added) > MAX_TERMS:
        raise _too_many(len(stored) + len(added))
    for term in moved:
        _delete(conn, chat_id, other, stored[(other, term.key)].key)
    rows = [_row(chat_id, mode, term, "chat", now) for term in [*added, *moved]]
    insert_ignore(conn, chat_filters, rows)
    return AddOutcome(added, moved, already)


def _row(
    chat_id: int, mode: FilterMode, term: Term, origin: Origin, now: datetime
) -> dict[str, object]:
    return {
        "chat_id": chat_id,
        "mode": mode,
        "term_key": term.key,
        "term": term.label,
        "origin": origin,
        "created_at": now,
    }


def _delete(conn: Connection, chat_id: int, mode: FilterMode, key: str) -> None:
    conn.execute(
        delete(chat_filters).where(
            chat_filters.c.chat_id == chat_id,
            chat_filters.c.mode == mode,
            chat_filters.c.term_key == key,
        )
    )


def remove_filter_term(conn: Connection, chat_id: int, term: Term) -> list[FilterMode]:
    """Remove a term from whichever list has it; the lists it was removed from.

    FilterError for a term set in the config file.
    """
    found = [s for s in list_filter_terms(conn, chat_id) if s.term.key == term.key]
    if any(s.origin == "config" for s in found):
        raise FilterError(f"{term.label} is set in the bot's configuration file; change it there.")
    for stored in found:
        _delete(conn, chat_id, stored.mode, stored.key)
    return [s.mode for s in found]


def clear_filter_terms(conn: Connection, chat_id: int) -> int:
    """Remove every term the chat added (config terms stay); returns how many."""
    statement = delete(chat_filters).where(
        chat_filters.c.chat_id == chat_id, chat_filters.c.origin == "chat"
    )
    return int(conn.execute(statement).rowcount or 0)


def static_chat_ref(address: str) -> ChatRef:
    """``console``, ``telegram:-100123`` or ``slack:C0123`` as a chat."""
    platform, _, ident = address.partition(":")
    if platform == "console":
        return ChatRef("console", ident or "console", "private", "console")
    kind: ChatKind = "private"
    if platform == "telegram" and ident.startswith("-"):
        kind = "supergroup" if ident.startswith("-100") else "group"
    elif platform == "slack" and not ident.startswith("D"):
        kind = "group"
    return ChatRef(platform, ident, kind)


def _follow(target: str, settings: Settings) -> Subscription:
    if target == "all":
        return Subscription("all", "")
    if any(source.name == target for source in settings.sources):
        return Subscription("source", target)
    return Subscription("tag", target)


def _sync_one(
    conn: Connection, wanted: SubscriptionConfig, settings: Settings, now: datetime
) -> None:
    chat = ensure_chat(conn, static_chat_ref(wanted.chat), now, sentences=settings.digest.sentences)
    for target in wanted.follow:
        add_subscription(conn, chat.id, _follow(target, settings), now)
    conn.execute(
        delete(chat_filters).where(
            chat_filters.c.chat_id == chat.id, chat_filters.c.origin == "config"
        )
    )
    rows = {}
    for mode, items in (("include", wanted.include), ("exclude", wanted.exclude)):
        for item in items:
            term = parse_term(item)
            # The config's term replaces a chat's own copy of it.
            _delete(conn, chat.id, "include", term.key)
            _delete(conn, chat.id, "exclude", term.key)
            rows[term.key] = _row(chat.id, cast(FilterMode, mode), term, "config", now)
    insert_ignore(conn, chat_filters, list(rows.values()))


def sync_static_subscriptions(db: Database, settings: Settings, now: datetime) -> None:
    """Create the config file's chats, subscribe them and set their filters (idempotent)."""
    if not settings.subscriptions:
        return
    with db.write() as conn:
        for wanted in settings.subscriptions:
            _sync_one(conn, wanted, settings, now)
