"""What every command gets: the services it may use and the request it answers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import ParamSpec, TypeVar

import httpx

from bot.config.settings import Settings
from bot.errors import DigestBotError
from bot.ports import ChatRef
from bot.store.chats import ChatRow, ensure_chat, update_chat
from bot.store.database import Database, utcnow

__all__ = ["MAX_ECHOED", "Request", "Services", "UsageError", "echoed", "utcnow"]

# How much of what a user sent a reply repeats back: enough to recognise it on any platform.
MAX_ECHOED = 100


def echoed(text: str) -> str:
    """``text`` as a reply repeats it: at most MAX_ECHOED characters, cut with an ellipsis."""
    return text if len(text) <= MAX_ECHOED else text[: MAX_ECHOED - 1] + "…"


P = ParamSpec("P")
T = TypeVar("T")


async def _anyone_is_admin() -> bool:
    return True


class UsageError(DigestBotError):
    """Bad arguments: the message is the one-line hint the user sees."""


async def _nothing() -> None:
    return None


async def _ignore(name: str) -> None:
    return None


@dataclass
class Services:
    """The database, configuration and HTTP client commands use, and hooks to the runner."""

    db: Database
    settings: Settings
    client: httpx.AsyncClient
    clock: Callable[[], datetime] = utcnow
    # Tells the delivery worker that a digest was queued (it also polls).
    digest_queued: Callable[[], None] = lambda: None
    # Called after /add or /remove so the runner can schedule or drop collection jobs.
    sources_changed: Callable[[], Awaitable[None]] = _nothing
    # Called with a source's name after /sources enable, so the runner can fetch it soon.
    source_resumed: Callable[[str], Awaitable[None]] = _ignore

    async def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking database function in a thread, keeping the event loop free."""
        return await asyncio.to_thread(function, *args, **kwargs)

    async def chat(self, ref: ChatRef) -> ChatRow:
        """The stored chat (created on first contact, reactivated when it talks to us again)."""
        return await self.run(self._chat, ref)

    def _chat(self, ref: ChatRef) -> ChatRow:
        with self.db.write() as conn:
            chat = ensure_chat(conn, ref, self.clock(), sentences=self.settings.digest.sentences)
            if not chat.active:
                update_chat(conn, chat.id, active=True, inactive_reason=None)
            return chat


@dataclass
class Request:
    """One command from a chat: its text, who sent it, and what it replies to."""

    chat: ChatRef
    text: str
    user: str | None = None
    reply_to: str | None = None
    via_button: bool = False
    is_admin: Callable[[], Awaitable[bool]] = field(default=_anyone_is_admin)
