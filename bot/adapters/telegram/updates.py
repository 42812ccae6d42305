"""Telegram updates -> core Requests: commands, button presses, chat migrations.

Group and supergroup changes are for administrators only: they are looked up with
getChatAdministrators and remembered for a minute per chat.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from telegram import Chat, Message, Update
from telegram.ext import Application, ContextTypes

from bot.commands import Request, Services, handle, move_chat_to, remember_sent
from bot.ports import ChatKind, ChatMoved, ChatRef, Reply, SentMessage

__all__ = ["AdminCache", "Sender", "TelegramApp", "UpdateHandlers", "chat_ref"]

log = logging.getLogger("digestbot.telegram")
PLATFORM = "telegram"
# Telegram shows at most 200 characters in a button's pop-up answer.
MAX_ALERT = 200
ADMIN_STATUSES = ("creator", "administrator")
ADMIN_CACHE_S = 60.0

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


class Sender(Protocol):
    """How the handlers answer: the part of :class:`bot.adapters.telegram.port.TelegramPort`
    they use."""

    async def send_reply(
        self, chat: ChatRef, reply: Reply, *, reply_to: int | None = None
    ) -> list[SentMessage]: ...

    async def edit(self, message: Message, reply: Reply) -> None: ...


class AdminCache:
    """Chat administrators from getChatAdministrators, remembered for a minute per chat."""

    def __init__(self, app: TelegramApp, ttl_s: float = ADMIN_CACHE_S) -> None:
        self.app = app
        self.ttl_s = ttl_s
        self._admins: dict[int, tuple[float, frozenset[int]]] = {}

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        cached = self._admins.get(chat_id)
        if cached is None or cached[0] < time.monotonic():
            members = await self.app.bot.get_chat_administrators(chat_id)
            ids = frozenset(m.user.id for m in members if m.status in ADMIN_STATUSES)
            cached = (time.monotonic() + self.ttl_s, ids)
            self._admins[chat_id] = cached
        return user_id in cached[1]


_KINDS: dict[str, ChatKind] = {"group": "group", "supergroup": "supergroup", "channel": "channel"}


def chat_ref(chat: Chat) -> ChatRef:
    kind = _KINDS.get(chat.type, "private")
    return ChatRef(PLATFORM, str(chat.id), kind, chat.title or chat.full_name)


def _admin_check(
    admins: AdminCache, chat: Chat, user_id: int | None, sender_chat: Chat | None
) -> Callable[[], Awaitable[bool]]:
    async def is_admin() -> bool:
        if chat.type in ("private", "channel"):  # only admins can post in a channel
            return True
        if sender_chat is not None and sender_chat.id == chat.id:  # an anonymous admin
            return True
        return user_id is not None and await admins.is_admin(chat.id, user_id)

    return is_admin


class UpdateHandlers:
    """The PTB handler callbacks; each turns an update into a Request for the core."""

    def __init__(self, services: Services, port: Sender, admins: AdminCache) -> None:
        self.services = services
        self.port = port
        self.admins = admins

    async def command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.text is None:
            return
        replied = message.reply_to_message
        user = message.from_user
        request = Request(
            chat=chat_ref(message.chat),
            text=message.text,
            user=str(user.id) if user else None,
            reply_to=str(replied.message_id) if replied is not None else None,
            is_admin=_admin_check(
                self.admins, message.chat, user.id if user else None, message.sender_chat
            ),
        )
        reply = await handle(self.services, request)
        await self._send(request.chat, reply, reply_to=message.message_id)

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or query.data is None:
            return
        message = query.message
        if not isinstance(message, Message):  # too old: Telegram no longer shows it to us
            await query.answer("This message is too old; send the command again.")
            return
        request = Request(
            chat=chat_ref(message.chat),
            text=query.data,
            user=str(query.from_user.id),
            reply_to=str(message.message_id),
            via_button=True,
            is_admin=_admin_check(self.admins, message.chat, query.from_user.id, None),
        )
        reply = await handle(self.services, request)
        if reply.replace:
            await query.answer()
            await self.port.edit(message, reply)
            return
        text = "\n".join(reply.lines)
        if not reply.stories and len(text) <= MAX_ALERT:
            await query.answer(text or None, show_alert=bool(text))
            return
        await query.answer()
        await self._send(request.chat, reply, reply_to=message.message_id)

    async def migrated(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None and message.migrate_to_chat_id is not None:
            await move_chat_to(
                self.services, chat_ref(message.chat), str(message.migrate_to_chat_id)
            )

    async def _send(self, chat: ChatRef, reply: Reply, *, reply_to: int) -> None:
        if reply.is_empty():
            return
        try:
            sent = await self.port.send_reply(chat, reply, reply_to=reply_to)
        except ChatMoved as moved:
            await move_chat_to(self.services, chat, moved.new_address)
            chat = ChatRef(PLATFORM, moved.new_address, "supergroup", chat.title)
            sent = await self.port.send_reply(chat, reply)
        await remember_sent(self.services, chat, sent)

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.warning("handling an update failed: %r", context.error)
