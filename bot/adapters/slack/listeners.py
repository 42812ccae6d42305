"""Slash commands, buttons and mentions, translated into core Requests; answers sent back.

Every listener acknowledges first (Slack waits at most 3 seconds) and hands the real work
to a background task, so a slow digest never delays the acknowledgement.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.adapters.slack.access import AdminCheck, RecentKeys, is_direct_message
from bot.commands import COMMANDS, Request, parse_command
from bot.ports import ChatKind, ChatRef, Reply
from bot.render.pages import slack_messages
from bot.render.slack import ACTION_PREFIX

__all__ = [
    "DIGEST_SUBCOMMANDS",
    "SLASH_COMMANDS",
    "SlackListeners",
    "command_text",
    "slack_wording",
]

log = logging.getLogger("digestbot.slack")

SLASH_COMMANDS = ("/summary", "/who", "/subscribe", "/unsubscribe", "/sources", "/digest")
# Core commands without a slash command of their own are reached as ``/digest <name> ...``.
DIGEST_SUBCOMMANDS = ("help", "start", "schedule", "settings", "add", "remove", "filter")
# A response_url accepts at most five messages.
MAX_RESPONSES = 5
_SUBCOMMAND_MENTION = re.compile(rf"(?<![\w/])/({'|'.join(DIGEST_SUBCOMMANDS)})\b")
_USER_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")

Dispatch = Callable[[Request], Awaitable[Reply]]
Spawn = Callable[[Coroutine[Any, Any, None]], None]
# Posts a reply to a channel (optionally in a thread); the adapter paces and records it.
Post = Callable[[ChatRef, Reply, str | None], Awaitable[None]]


def command_text(command: str, text: str) -> str:
    """``/digest schedule 08:00`` -> ``/schedule 08:00``; other slash commands pass as typed."""
    name, args = command.strip().lstrip("/").lower(), " ".join(text.split())
    if name == "digest" and args:
        first, _, rest = args.partition(" ")
        if first.lower() in DIGEST_SUBCOMMANDS:
            return f"/{first.lower()} {rest}".strip()
    return f"/{name} {args}".strip()


def slack_wording(reply: Reply) -> Reply:
    """Name commands as Slack users type them (``/digest schedule``) in the core's texts."""

    def word(text: str | None) -> str | None:
        return _SUBCOMMAND_MENTION.sub(r"/digest \1", text) if text else text

    return replace(
        reply,
        heading=word(reply.heading),
        lines=[word(line) or "" for line in reply.lines],
        footer=word(reply.footer),
    )


def chat_ref(channel_id: str, channel_name: str | None = None) -> ChatRef:
    kind: ChatKind = "private" if is_direct_message(channel_id) else "group"
    return ChatRef("slack", channel_id, kind, channel_name)


class SlackListeners:
    """Registers digestbot's listeners on a bolt app."""

    def __init__(
        self,
        app: AsyncApp,
        *,
        dispatch: Dispatch,
        post: Post,
        spawn: Spawn,
        admins: AdminCheck,
        seen: RecentKeys | None = None,
    ) -> None:
        self._dispatch = dispatch
        self._post = post
        self._spawn = spawn
        self._admins = admins
        self._seen = seen or RecentKeys()
        for command in SLASH_COMMANDS:
            app.command(command)(self._command_listener())
        app.action(re.compile(f"^{re.escape(ACTION_PREFIX)}"))(self._action_listener())
        app.event("app_mention")(self._mention_listener())

    def _request(self, chat: ChatRef, text: str, user: str | None, **extra: Any) -> Request:
        async def is_admin() -> bool:
            return await self._admins(chat.address, user)

        return Request(chat=chat, text=text, user=user, is_admin=is_admin, **extra)

    # bolt passes listener arguments by parameter name, hence these closures.

    def _command_listener(self) -> Callable[..., Awaitable[None]]:
        async def on_command(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
            await ack()
            if not self._seen.first_time(("trigger", body.get("trigger_id"))):
                log.info(
                    "ignored a repeated %s (trigger %s)",
                    body.get("command"),
                    body.get("trigger_id"),
                )
                return
            chat = chat_ref(str(body.get("channel_id", "")), body.get("channel_name"))
            text = command_text(str(body.get("command", "")), str(body.get("text", "")))
            request = self._request(chat, text, body.get("user_id"))
            self._spawn(self._answer(request, respond))

        return on_command

    def _action_listener(self) -> Callable[..., Awaitable[None]]:
        async def on_action(
            ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
        ) -> None:
            await ack()
            # A link button ("Full article") opens in the browser; Slack still reports it.
            if action.get("url") or not action.get("value"):
                return
            if not self._seen.first_time(("action", body.get("trigger_id"))):
                return
            channel = body.get("channel") or {}
            container = body.get("container") or {}
            channel_id = str(channel.get("id") or container.get("channel_id") or "")
            chat = chat_ref(channel_id, channel.get("name"))
            user = (body.get("user") or {}).get("id")
            request = self._request(chat, str(action["value"]), user, via_button=True)
            self._spawn(self._answer(request, respond))

        return on_action

    def _mention_listener(self) -> Callable[..., Awaitable[None]]:
        async def on_mention(ack: AsyncAck, body: dict[str, Any], event: dict[str, Any]) -> None:
            await ack()
            if not self._seen.first_time(("event", body.get("event_id"))):
                log.info("ignored a retried event %s", body.get("event_id"))
                return
            words = _USER_MENTION.sub(" ", str(event.get("text", ""))).strip() or "help"
            text = words if words.startswith("/") else "/" + words
            chat = chat_ref(str(event.get("channel", "")))
            # In a digest's thread, "@digestbot who" is about that digest's stories.
            thread = event.get("thread_ts")
            request = self._request(chat, text, event.get("user"), reply_to=thread)
            self._spawn(self._post_answer(request, thread or event.get("ts")))

        return on_mention

    async def _public(self, request: Request) -> bool:
        """Changes to the channel made by someone allowed to are shown to the whole channel."""
        parsed = parse_command(request.text)
        command = COMMANDS.get(parsed[0]) if parsed else None
        if parsed is None or command is None or not command.changes_state(parsed[1]):
            return False
        return not request.chat.is_group or await request.is_admin()

    async def _answer(self, request: Request, respond: AsyncRespond) -> None:
        reply = slack_wording(await self._dispatch(request))
        if reply.is_empty() and not reply.buttons:
            return  # e.g. /digest: the digest itself comes through the outbox
        # A replaced message (a settings panel) keeps the visibility it had.
        response_type = None
        if not reply.replace:
            response_type = "in_channel" if await self._public(request) else "ephemeral"
        messages = slack_messages(reply)
        if len(messages) > MAX_RESPONSES:
            log.warning("answer to %r cut to %d messages", request.text, MAX_RESPONSES)
        for index, message in enumerate(messages[:MAX_RESPONSES]):
            response = await respond(
                text=message["text"],
                blocks=message["blocks"],
                response_type=response_type,
                replace_original=reply.replace and index == 0,
                unfurl_links=False,
                unfurl_media=False,
            )
            if response.status_code != 200:
                log.warning("Slack refused an answer: %s %s", response.status_code, response.body)
                return

    async def _post_answer(self, request: Request, thread_ts: str | None) -> None:
        reply = slack_wording(await self._dispatch(request))
        await self._post(request.chat, reply, thread_ts)
