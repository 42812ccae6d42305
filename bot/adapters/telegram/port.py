"""Telegram through python-telegram-bot: updates -> core Requests, pages -> HTML messages.

This module only translates; every decision is made in :mod:`bot.commands`.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
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
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.adapters.telegram.updates import AdminCache, TelegramApp, UpdateHandlers
from bot.commands import COMMANDS, Services
from bot.commands.help import HELP
from bot.config.channels import TelegramChannel
from bot.errors import ConfigError, DeliveryError
from bot.ports import (
    Button,
    ChatGone,
    ChatMoved,
    ChatRef,
    Page,
    PermanentFailure,
    Reply,
    RetryLater,
    SentMessage,
)
from bot.render.pages import render_pages, telegram_messages
from bot.render.telegram import TelegramMessage

__all__ = ["PLATFORM", "TelegramPort", "build_application", "rate_limiter"]

log = logging.getLogger("digestbot.telegram")
PLATFORM = "telegram"
ALLOWED_UPDATES = ["message", "channel_post", "callback_query"]
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def rate_limiter() -> AIORateLimiter:
    """Telegram's flood limits: 30 messages/s overall, 20/min per group, 3 retries of a 429.

    The 30/s are spread out, at most 3 per 0.1 s, instead of PTB's default bucket that lets 30
    go at once: such bursts are what draw 429s, and each 429 pauses every request. PTB retries
    a 429 only if ``max_retries`` > 0 (its default is 0).
    """
    return AIORateLimiter(
        overall_max_rate=3, overall_time_period=0.1, group_max_rate=20, group_time_period=60,
        max_retries=3,
    )  # fmt: skip


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
    """The ChatPort for Telegram: starts polling or the webhook, sends pages as HTML."""

    platform = PLATFORM

    def __init__(self, app: TelegramApp, channel: TelegramChannel, *, listen: bool = True) -> None:
        self.app = app
        self.channel = channel
        # False: send only (a queue worker). Only `digestbot run` takes updates: two pollers
        # would fight over them.
        self.listen = listen

    async def start(self) -> None:
        try:
            await self.app.initialize()
        except TelegramError as exc:
            where = self.channel.base_url or "api.telegram.org"
            raise DeliveryError(
                f"Telegram ({where}) refused to start the bot: {exc}; check TELEGRAM_BOT_TOKEN"
            ) from None
        if not self.listen:
            return
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

    async def send_page(
        self, chat: ChatRef, page: Page, *, reply_to: int | None = None
    ) -> SentMessage:
        """Send one rendered page (an outbox row's, or one of a command's answer)."""
        message = TelegramMessage.from_json(page.body)
        try:
            sent = await self.app.bot.send_message(
                chat_id=int(chat.address),
                text=message.html,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=_markup(message.keyboard),
                reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
                if reply_to is not None
                else None,
            )
        except TelegramError as exc:
            raise _translated(exc) from exc
        return SentMessage(str(sent.message_id), page.story_ids)

    async def send_reply(
        self, chat: ChatRef, reply: Reply, *, reply_to: int | None = None
    ) -> list[SentMessage]:
        """A command's answer: paginated and rendered once, its pages sent in order."""
        return [
            await self.send_page(chat, page, reply_to=reply_to)
            for page in render_pages(PLATFORM, reply)
        ]

    async def edit(self, message: Message, reply: Reply) -> None:
        page = telegram_messages(reply)[0]
        try:
            await message.edit_text(
                page.html,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=_markup(page.keyboard),
            )
        except BadRequest as exc:
            if "not modified" not in exc.message:  # pressing "−" at the minimum changes nothing
                raise


def build_application(
    channel: TelegramChannel,
    services: Services,
    *,
    limiter: AIORateLimiter | None = None,
    listen: bool = True,
) -> TelegramPort:
    """The Telegram port with its handlers, talking to ``channel.base_url`` if given;
    ``listen=False`` makes it send only (see :class:`TelegramPort`)."""
    if not channel.token:
        raise ConfigError(
            "channels.telegram.token is empty; set TELEGRAM_BOT_TOKEN "
            "(create a bot with @BotFather to get one)"
        )
    if channel.mode == "webhook" and channel.webhook is None:
        raise ConfigError(
            "channels.telegram.mode is webhook but channels.telegram.webhook is missing; "
            "give its url (and a secret_token), or use mode: polling"
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
    port = TelegramPort(app, channel, listen=listen)
    handlers = UpdateHandlers(services, port, AdminCache(app))
    fresh = ~filters.UpdateType.EDITED
    app.add_handler(CommandHandler(list(COMMANDS), handlers.command, filters=fresh))
    app.add_handler(MessageHandler(filters.COMMAND & fresh, handlers.command))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.migrated))
    app.add_error_handler(handlers.error)
    return port
