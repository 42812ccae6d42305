"""Telegram through python-telegram-bot: updates -> core Requests, Replies -> HTML messages.

This module only translates; every decision is made in :mod:`bot.commands`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.commands import COMMANDS, Request, Services, handle, move_chat_to, remember_sent
from bot.commands.help import HELP
from bot.config import TelegramChannel
from bot.errors import ConfigError, DeliveryError
from bot.ports import (
    Button,
    ChatGone,
    ChatKind,
    ChatMoved,
    ChatRef,
    PermanentFailure,
    Reply,
    RetryLater,
    SentMessage,
)
from bot.render import telegram_html, telegram_keyboard, telegram_pages

__all__ = ["PLATFORM", "AdminCache", "TelegramPort", "build_application", "rate_limiter"]

log = logging.getLogger("digestbot.telegram")
PLATFORM = "telegram"
ALLOWED_UPDATES = ["message", "channel_post", "callback_query"]
# Telegram shows at most 200 characters in a button's pop-up answer.
MAX_ALERT = 200
ADMIN_STATUSES = ("creator", "administrator")
ADMIN_CACHE_S = 60.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


def rate_limiter() -> AIORateLimiter:
    """Telegram's flood limits; PTB retries a 429 only if max_retries > 0 (default 0)."""
    return AIORateLimiter(
        overall_max_rate=30, overall_time_period=1, group_max_rate=20, group_time_period=60,
        max_retries=3,
    )  # fmt: skip


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


def _markup(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.action)
                for b in row
            ]
            for row in rows
        ]
    )


def _translated(error: TelegramError) -> Exception:
    """Telegram's errors as the port's neutral ones."""
    if isinstance(error, RetryAfter):
        wait = error.retry_after
        seconds = wait if isinstance(wait, int) else wait.total_seconds()
        return RetryLater(f"flood limit: {error}", float(seconds))
    if isinstance(error, ChatMigrated):
        return ChatMoved(str(error), str(error.new_chat_id))
    if isinstance(error, Forbidden):
        return ChatGone(error.message)
    if isinstance(error, BadRequest):
        if "chat not found" in error.message.lower():
            return ChatGone(error.message)
        return PermanentFailure(error.message)
    if isinstance(error, NetworkError):
        return RetryLater(f"network: {error.message}")
    return PermanentFailure(error.message)


class TelegramPort:
    """The ChatPort for Telegram: starts polling or the webhook, sends replies as HTML."""

    platform = PLATFORM

    def __init__(self, app: TelegramApp, channel: TelegramChannel) -> None:
        self.app = app
        self.channel = channel

    async def start(self) -> None:
        try:
            await self.app.initialize()
        except TelegramError as exc:
            where = self.channel.base_url or "api.telegram.org"
            raise DeliveryError(
                f"Telegram ({where}) refused to start the bot: {exc}; check TELEGRAM_BOT_TOKEN"
            ) from None
        webhook = self.channel.webhook
        updater = self.app.updater
        assert updater is not None
        if self.channel.mode == "webhook" and webhook is not None:
            await updater.start_webhook(
                listen=webhook.listen,
                port=webhook.port,
                url_path=urlsplit(webhook.url).path.lstrip("/"),
                webhook_url=webhook.url,
                secret_token=webhook.secret_token,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            await updater.start_polling(
                poll_interval=0.0, timeout=10, allowed_updates=ALLOWED_UPDATES
            )
        await self.app.start()
        try:
            await self.app.bot.set_my_commands(
                [BotCommand(n, h.what[:256]) for n, h in HELP.items()]
            )
        except TelegramError as exc:  # the command menu is a convenience
            log.warning("could not set the command menu: %s", exc)

    async def stop(self) -> None:
        updater = self.app.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    async def send(self, chat: ChatRef, reply: Reply) -> list[SentMessage]:
        return await self.send_reply(chat, reply)

    async def send_reply(
        self, chat: ChatRef, reply: Reply, *, reply_to: int | None = None
    ) -> list[SentMessage]:
        sent: list[SentMessage] = []
        for page in telegram_pages(reply):
            try:
                message = await self.app.bot.send_message(
                    chat_id=int(chat.address),
                    text=telegram_html(page),
                    parse_mode=ParseMode.HTML,
                    link_preview_options=NO_PREVIEW,
                    reply_markup=_markup(telegram_keyboard(page)),
                    reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
                    if reply_to is not None
                    else None,
                )
            except TelegramError as exc:
                raise _translated(exc) from exc
            sent.append(SentMessage(str(message.message_id), tuple(page.story_ids)))
        return sent

    async def edit(self, message: Message, reply: Reply) -> None:
        page = telegram_pages(reply)[0]
        try:
            await message.edit_text(
                telegram_html(page),
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=_markup(telegram_keyboard(page)),
            )
        except BadRequest as exc:
            if "not modified" not in exc.message:  # pressing "−" at the minimum changes nothing
                raise


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


class _Handlers:
    def __init__(self, services: Services, port: TelegramPort, admins: AdminCache) -> None:
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


def build_application(
    channel: TelegramChannel, services: Services, *, limiter: AIORateLimiter | None = None
) -> TelegramPort:
    """The Telegram port with its handlers, talking to ``channel.base_url`` if given."""
    if not channel.token:
        raise ConfigError(
            "channels.telegram.token is empty; set TELEGRAM_BOT_TOKEN "
            "(create a bot with @BotFather to get one)"
        )
    builder = (
        ApplicationBuilder()
        .token(channel.token)
        .rate_limiter(limiter or rate_limiter())
        .concurrent_updates(8)
    )
    if channel.base_url:
        builder = builder.base_url(channel.base_url)
    app = builder.build()
    port = TelegramPort(app, channel)
    handlers = _Handlers(services, port, AdminCache(app))
    fresh = ~filters.UpdateType.EDITED
    app.add_handler(CommandHandler(list(COMMANDS), handlers.command, filters=fresh))
    app.add_handler(MessageHandler(filters.COMMAND & fresh, handlers.command))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.migrated))
    app.add_error_handler(handlers.error)
    return port
