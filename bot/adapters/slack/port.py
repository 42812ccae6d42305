"""Slack through slack-bolt: Socket Mode or signed HTTP requests in, Block Kit messages out.

This module only translates; every decision is made in :mod:`bot.commands`. Socket Mode is
used when ``channels.slack.app_token`` is set, otherwise an HTTP server on
``channels.slack.port`` whose requests bolt verifies against the signing secret (forged or
more than five minutes old: 401).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.access import AdminCheck, RecentKeys
from bot.adapters.slack.listeners import Dispatch, SlackListeners
from bot.adapters.slack.post import ChannelPacer, build_web_client, post_messages
from bot.commands import Request, Services, handle, remember_sent
from bot.config.channels import SlackChannel
from bot.errors import ConfigError, DeliveryError
from bot.ports import ChatRef, Page, Reply, SentMessage
from bot.render.pages import render_pages
from bot.render.slack import SlackMessage

__all__ = ["EVENTS_PATH", "PLATFORM", "SlackPort", "build_slack"]

log = logging.getLogger("digestbot.slack")
PLATFORM = "slack"
EVENTS_PATH = "/slack/events"
# Waits for a channel's turn up to this long inside an outbox send; longer ones go back.
OUTBOX_MAX_WAIT_S = 0.1


class SlackPort:
    """The ChatPort for Slack; also serves slash commands, buttons and mentions."""

    platform = PLATFORM

    def __init__(
        self,
        channel: SlackChannel,
        services: Services,
        *,
        host: str = "0.0.0.0",
        port: int | None = None,
        dispatch: Dispatch | None = None,
        pacer: ChannelPacer | None = None,
        rate_limit_retries: int = 2,
        listen: bool = True,
    ) -> None:
        self.channel = channel
        self.services = services
        self.host = host
        # The HTTP port to listen on (0: any free one); channels.slack.port by default.
        self.listen_port = channel.port if port is None else port
        # False: send only (a queue worker); commands are served by `digestbot run`.
        self.listen = listen
        self.pacer = pacer or ChannelPacer(1.0)
        # 429s waited out inside one send; beyond them the outbox retries after Retry-After.
        self.rate_limit_retries = rate_limit_retries
        self.http_port: int | None = None
        self.bot_user_id: str | None = None
        self._dispatch = dispatch or self._handle
        self._session: aiohttp.ClientSession | None = None
        self._client: AsyncWebClient | None = None
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def client(self) -> AsyncWebClient:
        if self._client is None:
            raise DeliveryError("the Slack port is not started")
        return self._client

    async def start(self) -> None:
        """Check the tokens, then listen (Socket Mode or HTTP). Bad tokens: one ConfigError."""
        self._session = aiohttp.ClientSession()
        self._client = build_web_client(
            self.channel.bot_token,
            self.channel.base_url,
            session=self._session,
            rate_limit_retries=self.rate_limit_retries,
        )
        try:
            await self._check_tokens()
            if not self.listen:
                return
            app = AsyncApp(
                name="digestbot",
                logger=log,
                client=self._client,
                signing_secret=self.channel.signing_secret or "",
                request_verification_enabled=not self.channel.app_token,
            )
            SlackListeners(
                app,
                dispatch=self._dispatch,
                post=self._post_reply,
                spawn=self._spawn,
                admins=AdminCheck(self._client),
                seen=RecentKeys(),
            )
            if self.channel.app_token:
                self._socket = AsyncSocketModeHandler(app, self.channel.app_token)
                await self._socket.connect_async()  # type: ignore[no-untyped-call]
                log.info("Slack: connected in Socket Mode")
            else:
                await self._serve_http(app)
        except BaseException:
            await self.stop()
            raise

    async def _check_tokens(self) -> None:
        try:
            identity = await self.client.auth_test()
        except SlackApiError as exc:
            error = exc.response.get("error")
            raise ConfigError(
                f"Slack refused the bot token ({error}); set SLACK_BOT_TOKEN to the app's "
                "Bot User OAuth Token (xoxb-...) from OAuth & Permissions"
            ) from exc
        except aiohttp.ClientError as exc:
            raise ConfigError(f"cannot reach the Slack Web API: {exc}") from exc
        self.bot_user_id = identity.get("user_id")
        if self.channel.app_token and self.listen:
            try:
                await self.client.apps_connections_open(app_token=self.channel.app_token)
            except SlackApiError as exc:
                raise ConfigError(
                    f"Slack refused the app-level token ({exc.response.get('error')}); set "
                    "SLACK_APP_TOKEN to a token with connections:write (xapp-...)"
                ) from exc

    async def _serve_http(self, app: AsyncApp) -> None:
        self._runner = web.AppRunner(app.web_app(path=EVENTS_PATH), handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.listen_port).start()
        self.http_port = int(self._runner.addresses[0][1])
        log.info("Slack: listening on %s:%d%s", self.host, self.http_port, EVENTS_PATH)

    async def stop(self) -> None:
        """Stop listening, let answers in progress finish, and close connections."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.drain()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def drain(self) -> None:
        """Wait for every answer being worked on in the background."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def send_page(self, chat: ChatRef, page: Page) -> SentMessage:
        """Post an outbox row's page to a channel; Slack errors become DeliveryErrors.

        A channel whose next turn is more than :data:`OUTBOX_MAX_WAIT_S` away answers
        RetryLater, so the worker's slot goes to another channel meanwhile.
        """
        [sent] = await self._post_pages(chat, [page], None, OUTBOX_MAX_WAIT_S)
        return sent

    async def _post_pages(
        self, chat: ChatRef, pages: list[Page], thread_ts: str | None, max_wait_s: float | None
    ) -> list[SentMessage]:
        messages = [SlackMessage(text=p.body["text"], blocks=p.body["blocks"]) for p in pages]
        posted = await post_messages(
            self.client,
            self.pacer,
            chat.address,
            messages,
            thread_ts=thread_ts,
            max_wait_s=max_wait_s,
        )
        return [SentMessage(ts, page.story_ids) for ts, page in zip(posted, pages, strict=True)]

    async def _post_reply(self, chat: ChatRef, reply: Reply, thread_ts: str | None) -> None:
        """A command's answer, paginated and rendered once, posted page after page."""
        if reply.is_empty():
            return
        try:
            sent = await self._post_pages(chat, render_pages(PLATFORM, reply), thread_ts, None)
        except DeliveryError as exc:
            log.warning("could not answer in %s: %s", chat.address, exc)
            return
        await remember_sent(self.services, chat, sent)

    async def _handle(self, request: Request) -> Reply:
        return await handle(self.services, request)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(self._logged(work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _logged(self, work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        except Exception:
            log.exception("answering a Slack request failed")


def build_slack(channel: SlackChannel, services: Services, *, host: str = "0.0.0.0") -> SlackPort:
    """The Slack port for ``channels.slack``; ConfigError names what is missing."""
    if not channel.bot_token:
        raise ConfigError(
            "channels.slack.bot_token is empty; set SLACK_BOT_TOKEN "
            "(see the Slack section of the README)"
        )
    if not channel.app_token and not channel.signing_secret:
        raise ConfigError(
            "Slack needs SLACK_SIGNING_SECRET to check requests in HTTP mode, "
            "or SLACK_APP_TOKEN for Socket Mode (see the Slack section of the README)"
        )
    return SlackPort(channel, services, host=host)
