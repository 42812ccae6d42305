"""A fake Telegram Bot API on 127.0.0.1 (port 0) for python-telegram-bot's ``base_url``.

It serves queued updates through getUpdates (long polling), records what the bot sends, parses
HTML the way Telegram does (unknown tags and entities are refused, length is counted on the
visible text), and can be told to answer 429 with retry_after, 403, or a chat migration.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

from bot.adapters.telegram.port import TelegramPort, build_application
from bot.commands import Services
from bot.config.channels import TelegramChannel
from tests.support.fake_server import FakeServer, request_params

TOKEN = "123456:TEST-token"
BOT_ID = 123456
BOT_USERNAME = "digest_test_bot"
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
    "code", "pre", "blockquote", "tg-emoji", "tg-time",
}  # fmt: skip
ADMIN_RIGHTS = (
    "can_be_edited", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
    "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
    "can_post_stories", "can_edit_stories", "can_delete_stories",
)  # fmt: skip
ALLOWED_ENTITIES = {"lt", "gt", "amp", "quot"}


class EntityError(ValueError):
    pass


class _TelegramHTML(HTMLParser):
    """Parses Bot API HTML into the visible text, refusing what Telegram refuses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.text: list[str] = []
        self.open: list[str] = []
        self.entities = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise EntityError(f'can\'t parse entities: Unsupported start tag "{tag}"')
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        self.open.append(tag)
        self.entities += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise EntityError(f'can\'t parse entities: Unmatched end tag "{tag}"')
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            raise EntityError("can't parse entities: unescaped < or >")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in ALLOWED_ENTITIES:
            raise EntityError(f'can\'t parse entities: Unsupported entity "&{name};"')
        self.text.append({"lt": "<", "gt": ">", "amp": "&", "quot": '"'}[name])

    def handle_charref(self, name: str) -> None:
        number = int(name[1:], 16) if name.lower().startswith("x") else int(name)
        self.text.append(chr(number))


def parse_html(source: str) -> tuple[str, int, list[str]]:
    """Visible text, number of formatting entities and link targets of a Bot API HTML text."""
    parser = _TelegramHTML()
    parser.feed(source)
    parser.close()
    if parser.open:
        raise EntityError(f"can't parse entities: Can't find end tag \"{parser.open[-1]}\"")
    return "".join(parser.text), parser.entities, parser.links


@dataclass(slots=True)
class Sent:
    """A message as the chat shows it: visible text, and buttons as (label, url or data)."""

    chat_id: int
    message_id: int
    text: str
    html: str | None
    buttons: list[list[dict[str, Any]]]
    reply_to: int | None
    link_preview_disabled: bool

    def button_labels(self) -> list[str]:
        return [button["text"] for row in self.buttons for button in row]


@dataclass
class FakeTelegram(FakeServer):
    """The Bot API endpoints digestbot uses, with failure injection for tests and benches."""

    shutdown_timeout_s = 0.1

    token: str = TOKEN
    # Overall flood limit (token bucket): None = unlimited; beyond it every send gets 429.
    max_per_second: float | None = None
    sent: list[Sent] = field(default_factory=list)
    edits: list[Sent] = field(default_factory=list)
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    too_many_requests: int = 0
    # Seconds between accepting a message and answering (Telegram's processing + the network).
    answer_delay_s: float = 0.0
    # After this many accepted messages, accept further ones but never answer (until released).
    hold_after: int | None = None
    held: list[Sent] = field(default_factory=list)
    in_flight: set[int] = field(default_factory=set)
    accepted_at: list[float] = field(default_factory=list)
    answered_at: dict[int, float] = field(default_factory=dict)
    admins: dict[int, set[int]] = field(default_factory=dict)
    forbidden: set[int] = field(default_factory=set)
    migrations: dict[int, int] = field(default_factory=dict)
    bad_requests: dict[int, str] = field(default_factory=dict)
    _forced_429: dict[int, tuple[int, int]] = field(default_factory=dict)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: dict[int, itertools.count[int]] = field(default_factory=dict)
    _release: asyncio.Event | None = None
    _tokens: float = 0.0
    _refilled: float = 0.0

    # -- lifecycle ------------------------------------------------------------------------

    def _set_up(self, app: web.Application) -> None:
        self._release = asyncio.Event()
        self._tokens = self.max_per_second or 0.0
        self._refilled = time.monotonic()
        app.router.add_route("*", "/bot{token}/{method}", self._api)

    async def _before_stop(self) -> None:
        self.release()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/bot"

    # -- test controls --------------------------------------------------------------------

    def release(self) -> None:
        """Answer the held requests (their clients may be gone by now)."""
        if self._release is not None:
            self._release.set()

    def set_admins(self, chat_id: int, *user_ids: int) -> None:
        self.admins[chat_id] = set(user_ids)

    def rate_limit(self, chat_id: int, times: int, retry_after_s: int = 1) -> None:
        """Answer the next ``times`` sends to ``chat_id`` with 429 and ``retry_after``."""
        self._forced_429[chat_id] = (times, retry_after_s)

    def sent_to(self, chat_id: int) -> list[Sent]:
        return [message for message in self.sent if message.chat_id == chat_id]

    async def push_update(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        await self._notify()
        return update_id

    async def command(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int = 1001,
        chat_type: str = "private",
        reply_to: int | None = None,
    ) -> int:
        """Queue a message the way a user typing ``text`` in ``chat_id`` would produce it."""
        message = self._message(chat_id, text, user_id=user_id, chat_type=chat_type)
        if reply_to is not None:
            original = next(
                m for m in self.sent if m.chat_id == chat_id and m.message_id == reply_to
            )
            message["reply_to_message"] = {
                **self._message(chat_id, original.text, user_id=BOT_ID, chat_type=chat_type),
                "message_id": reply_to,
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Digest"},
            }
        if chat_type == "channel":
            message.pop("from")
            message["sender_chat"] = message["chat"]
            return await self.push_update({"channel_post": message})
        return await self.push_update({"message": message})

    async def press(self, message: Sent, label: str, *, user_id: int = 1001) -> int:
        """Queue a callback query: ``user_id`` pressed the button labelled ``label``."""
        data = next(
            b["callback_data"] for row in message.buttons for b in row if b["text"] == label
        )
        chat_type = "private" if message.chat_id > 0 else "supergroup"
        original = self._message(message.chat_id, message.text, user_id=BOT_ID, chat_type=chat_type)
        original["message_id"] = message.message_id
        original["from"] = {"id": BOT_ID, "is_bot": True, "first_name": "Digest"}
        query = {
            "id": f"cq{next(self._update_ids)}",
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
            "chat_instance": str(message.chat_id),
            "message": original,
            "data": data,
        }
        return await self.push_update({"callback_query": query})

    async def wait_for(self, count: int, timeout_s: float = 15.0) -> list[Sent]:
        """Wait until at least ``count`` messages were accepted (fails the test on timeout)."""
        await self._wait(lambda: len(self.sent) >= count, timeout_s)
        return list(self.sent)

    async def wait_until(self, predicate: Any, timeout_s: float = 15.0) -> None:
        await self._wait(predicate, timeout_s)

    async def wait_for_call(self, method: str, count: int = 1, timeout_s: float = 15.0) -> None:
        await self._wait(lambda: len(self.calls_of(method)) >= count, timeout_s)

    def _message(self, chat_id: int, text: str, *, user_id: int, chat_type: str) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = f"User{user_id}"
        else:
            chat["title"] = f"Chat {chat_id}"
        message: dict[str, Any] = {
            "message_id": next(self._ids(chat_id)),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0]) if text.split() else 1
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return message

    def _ids(self, chat_id: int) -> itertools.count[int]:
        return self._message_ids.setdefault(chat_id, itertools.count(1))

    # -- the Bot API ----------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await request_params(request)
        self.calls.append((method, params))
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        response: web.Response = await handler(params)
        await self._notify()
        return response

    async def _m_getMe(self, params: dict[str, Any]) -> web.Response:
        return _ok(_bot_user())

    async def _m_getUpdates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        if not self._updates and timeout:
            with contextlib.suppress(TimeoutError):
                await self._wait(lambda: bool(self._updates), min(timeout, 1.0))
        limit = int(params.get("limit") or 100)
        return _ok(self._updates[:limit])

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _m_setWebhook(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _m_setMyCommands(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> web.Response:
        self.callback_answers.append(params)
        return _ok(True)

    async def _m_getChatMember(self, params: dict[str, Any]) -> web.Response:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        status = "administrator" if user_id in self.admins.get(chat_id, set()) else "member"
        return _ok(_member(user_id, status))

    async def _m_getChatAdministrators(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        return _ok([_member(uid, "administrator") for uid in sorted(self.admins.get(chat_id, ()))])

    async def _m_sendMessage(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        refused = self._refusal(chat_id)
        if refused is not None:
            return refused
        message = self._accept(chat_id, params)
        if isinstance(message, web.Response):
            return message
        self.sent.append(message)
        self.accepted_at.append(time.monotonic())
        key = len(self.sent) - 1
        self.in_flight.add(key)
        await self._notify()
        try:
            if self.hold_after is not None and len(self.sent) > self.hold_after:
                self.held.append(message)
                await self._notify()
                assert self._release is not None
                await self._release.wait()
            elif self.answer_delay_s:
                await asyncio.sleep(self.answer_delay_s)
        finally:
            self.in_flight.discard(key)
            self.answered_at[key] = time.monotonic()
        return _ok(self._message_json(message))

    async def _m_editMessageText(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        message = self._accept(chat_id, params, message_id=int(params["message_id"]))
        if isinstance(message, web.Response):
            return message
        self.edits.append(message)
        return _ok(self._message_json(message))

    def _refusal(self, chat_id: int) -> web.Response | None:
        if chat_id in self.forbidden:
            return _error(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.migrations:
            return _error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrations[chat_id]},
            )
        if chat_id in self.bad_requests:
            return _error(400, f"Bad Request: {self.bad_requests[chat_id]}")
        times, retry_after = self._forced_429.get(chat_id, (0, 0))
        if times > 0:
            self._forced_429[chat_id] = (times - 1, retry_after)
            return self._too_many(retry_after)
        if self.max_per_second is not None:
            now = time.monotonic()
            rate = self.max_per_second
            self._tokens = min(rate, self._tokens + (now - self._refilled) * rate)
            self._refilled = now
            if self._tokens < 1.0:
                return self._too_many(1)
            self._tokens -= 1.0
        return None

    def _too_many(self, retry_after: int) -> web.Response:
        self.too_many_requests += 1
        return _error(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        )

    def _accept(
        self, chat_id: int, params: dict[str, Any], message_id: int | None = None
    ) -> Sent | web.Response:
        source = str(params.get("text", ""))
        html = source if params.get("parse_mode") == "HTML" else None
        try:
            text = parse_html(source)[0] if html is not None else source
        except EntityError as exc:
            return _error(400, f"Bad Request: {exc}")
        if not text.strip():
            return _error(400, "Bad Request: message text is empty")
        if len(text.encode("utf-16-le")) // 2 > 4096:
            return _error(400, "Bad Request: message is too long")
        markup = _json(params.get("reply_markup")) or {}
        preview = _json(params.get("link_preview_options")) or {}
        reply = _json(params.get("reply_parameters")) or {}
        return Sent(
            chat_id=chat_id,
            message_id=message_id if message_id is not None else next(self._ids(chat_id)),
            text=text,
            html=html,
            buttons=markup.get("inline_keyboard", []),
            reply_to=reply.get("message_id"),
            link_preview_disabled=bool(preview.get("is_disabled")),
        )

    @staticmethod
    def _message_json(message: Sent) -> dict[str, Any]:
        chat_type = "private" if message.chat_id > 0 else "supergroup"
        return {
            "message_id": message.message_id,
            "date": int(time.time()),
            "chat": {"id": message.chat_id, "type": chat_type, "title": "chat"},
            "from": _bot_user(),
            "text": message.text,
        }


def _bot_user() -> dict[str, Any]:
    return {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": "Digest",
        "username": BOT_USERNAME,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def _member(user_id: int, status: str) -> dict[str, Any]:
    member: dict[str, Any] = {
        "status": status,
        "user": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"},
    }
    if status == "administrator":
        member.update(dict.fromkeys(ADMIN_RIGHTS, True))
        member["is_anonymous"] = False
    return member


def _json(value: Any) -> Any:
    if isinstance(value, str):
        return json.loads(value) if value else None
    return value


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


@asynccontextmanager
async def running_bot(fake: FakeTelegram, services: Services) -> AsyncIterator[TelegramPort]:
    """digestbot's Telegram port polling ``fake``, stopped afterwards."""
    port = build_application(TelegramChannel(token=TOKEN, base_url=fake.base_url), services)
    await port.start()
    try:
        yield port
    finally:
        await port.stop()
