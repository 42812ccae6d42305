"""A fake Slack on 127.0.0.1 (port 0): Web API methods, response_url sink and Socket Mode.

Point ``AsyncWebClient(base_url=fake.base_url)`` at it. Requests *to* a bolt app are signed
with :func:`signed_headers` exactly as Slack signs them.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from tests.support.fake_server import FakeServer, request_params

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-fake-app-token"
SIGNING_SECRET = "fake-signing-secret"
TEAM_ID = "T0FAKE"
BOT_USER_ID = "U0BOT"


@dataclass(slots=True)
class Posted:
    """One message the fake accepted through chat.postMessage or a response_url."""

    channel: str
    text: str
    blocks: list[dict[str, Any]]
    ts: str
    via: str = "chat.postMessage"
    response_type: str | None = None
    replace_original: bool | None = None

    def all_text(self) -> str:
        """The fallback text and every text field of every block, as a user could see them."""
        return self.text + "\n" + "\n".join(_block_texts(self.blocks))


def _block_texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["text"]] if isinstance(value.get("text"), str) else []
        for key, inner in value.items():
            if key != "text" or not isinstance(inner, str):
                found.extend(_block_texts(inner))
        return found
    if isinstance(value, list):
        return [text for item in value for text in _block_texts(item)]
    return []


@dataclass
class FakeSlack(FakeServer):
    """Records what the bot posts; can be told to rate-limit or refuse channels."""

    bot_token: str = BOT_TOKEN
    app_token: str = APP_TOKEN
    # Minimum seconds between accepted posts to one channel; faster posts get HTTP 429.
    channel_interval_s: float = 0.0
    clock: Callable[[], float] = time.monotonic
    posts: list[Posted] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel_errors: dict[str, str] = field(default_factory=dict)
    rate_limited_posts: int = 0
    _forced_429: dict[str, tuple[int, int]] = field(default_factory=dict)
    _last_post: dict[str, float] = field(default_factory=dict)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _socket_connected: asyncio.Event | None = None
    _envelope_acks: dict[str, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)

    # -- lifecycle -------------------------------------------------------------------------

    def _set_up(self, app: web.Application) -> None:
        self._socket_connected = asyncio.Event()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_get("/socket", self._socket)

    async def _before_stop(self) -> None:
        for socket in self._sockets:
            await socket.close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/api/"

    def response_url(self, key: str) -> str:
        return f"http://127.0.0.1:{self._port}/respond/{key}"

    # -- test controls ---------------------------------------------------------------------

    def add_user(self, user_id: str, *, admin: bool = False, owner: bool = False) -> None:
        self.users[user_id] = {"id": user_id, "is_admin": admin, "is_owner": owner}

    def add_channel(self, channel_id: str, *, creator: str = "U0CREATOR", im: bool = False) -> None:
        self.channels[channel_id] = {
            "id": channel_id,
            "creator": creator,
            "is_im": im,
            "is_channel": not im,
        }

    def rate_limit(self, channel: str, times: int, retry_after_s: int = 1) -> None:
        """Answer the next ``times`` posts to ``channel`` with HTTP 429 and Retry-After."""
        self._forced_429[channel] = (times, retry_after_s)

    def posts_to(self, channel: str) -> list[Posted]:
        return [post for post in self.posts if post.channel == channel]

    async def wait_for_posts(self, count: int, timeout_s: float = 10.0) -> list[Posted]:
        """Wait until at least ``count`` messages arrived (fails the test on timeout)."""
        await self._wait(lambda: len(self.posts) >= count, timeout_s)
        return list(self.posts)

    # -- Web API ---------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await request_params(request)
        self.calls.append((method, params))
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        token = token or str(params.pop("token", ""))
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if token != expected:
            return _ok_false("invalid_auth")
        handler = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "users.info": self._users_info,
            "conversations.info": self._conversations_info,
            "apps.connections.open": self._connections_open,
        }.get(method)
        if handler is None:
            return _ok_false("unknown_method")
        return await handler(params)

    async def _auth_test(self, params: dict[str, Any]) -> web.Response:
        return web.json_response(
            {"ok": True, "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": "B0BOT"}
        )

    async def _post_message(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        if channel in self.channel_errors:
            return _ok_false(self.channel_errors[channel])
        forced = self._forced_429.get(channel)
        if forced and forced[0] > 0:
            self._forced_429[channel] = (forced[0] - 1, forced[1])
            return self._too_many(forced[1])
        now = self.clock()
        last = self._last_post.get(channel)
        if self.channel_interval_s and last is not None:
            wait = self.channel_interval_s - (now - last)
            if wait > 0:
                return self._too_many(max(1, math.ceil(wait)))
        self._last_post[channel] = now
        blocks = params.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        ts = f"{1700000000 + next(self._ts)}.000100"
        await self._record(Posted(channel, str(params.get("text", "")), blocks, ts))
        return web.json_response({"ok": True, "channel": channel, "ts": ts})

    def _too_many(self, retry_after_s: int) -> web.Response:
        self.rate_limited_posts += 1
        return web.json_response(
            {"ok": False, "error": "ratelimited"},
            status=429,
            headers={"Retry-After": str(retry_after_s)},
        )

    async def _users_info(self, params: dict[str, Any]) -> web.Response:
        user = self.users.get(str(params.get("user")))
        if user is None:
            return _ok_false("user_not_found")
        return web.json_response({"ok": True, "user": user})

    async def _conversations_info(self, params: dict[str, Any]) -> web.Response:
        channel = self.channels.get(str(params.get("channel")))
        if channel is None:
            return _ok_false("channel_not_found")
        return web.json_response({"ok": True, "channel": channel})

    async def _connections_open(self, params: dict[str, Any]) -> web.Response:
        return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self._port}/socket"})

    # -- response_url ----------------------------------------------------------------------

    async def _respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        post = Posted(
            channel=f"response:{request.match_info['key']}",
            text=str(body.get("text", "")),
            blocks=body.get("blocks") or [],
            ts=f"{1700000000 + next(self._ts)}.000100",
            via="response_url",
            response_type=body.get("response_type"),
            replace_original=body.get("replace_original"),
        )
        await self._record(post)
        return web.Response(text="ok")

    async def _record(self, post: Posted) -> None:
        assert self._changed is not None
        async with self._changed:
            self.posts.append(post)
            self._changed.notify_all()

    # -- Socket Mode -----------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        assert self._socket_connected is not None
        self._socket_connected.set()
        async for message in socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            reply = json.loads(message.data)
            waiter = self._envelope_acks.pop(str(reply.get("envelope_id")), None)
            if waiter is not None and not waiter.done():
                waiter.set_result(reply)
        return socket

    async def send_envelope(
        self, kind: str, payload: dict[str, Any], timeout_s: float = 10.0
    ) -> dict[str, Any]:
        """Deliver a Socket Mode envelope and return the app's acknowledgement."""
        assert self._socket_connected is not None
        await asyncio.wait_for(self._socket_connected.wait(), timeout_s)
        envelope_id = f"env-{next(self._ts)}"
        waiter: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._envelope_acks[envelope_id] = waiter
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        await self._sockets[-1].send_str(json.dumps(envelope))
        return await asyncio.wait_for(waiter, timeout_s)


def _ok_false(error: str) -> web.Response:
    return web.json_response({"ok": False, "error": error})


# -- requests Slack sends to the app -------------------------------------------------------


def signature(secret: str, timestamp: int, body: str) -> str:
    """``v0=`` + HMAC-SHA256 of ``v0:{timestamp}:{body}``, as Slack computes it."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    stamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": signature(secret, stamp, body),
    }


_trigger_ids = itertools.count(1)


def slash_payload(
    command: str,
    text: str = "",
    *,
    channel_id: str = "C0NEWS",
    user_id: str = "U0ALICE",
    response_url: str,
    trigger_id: str | None = None,
) -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "fake",
        "channel_id": channel_id,
        "channel_name": "news",
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": "A0APP",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or f"trigger-{next(_trigger_ids)}",
    }


def action_payload(
    action_id: str,
    value: str,
    *,
    channel_id: str = "C0NEWS",
    user_id: str = "U0ALICE",
    response_url: str,
    url: str | None = None,
) -> dict[str, Any]:
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": "story",
        "type": "button",
        "value": value,
        "action_ts": f"{time.time():.6f}",
        "text": {"type": "plain_text", "text": action_id},
    }
    if url:
        action["url"] = url
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "fake"},
        "user": {"id": user_id, "username": user_id.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0APP",
        "token": "legacy-verification-token",
        "container": {
            "type": "message",
            "message_ts": "1700000001.000100",
            "channel_id": channel_id,
        },
        "trigger_id": f"trigger-{next(_trigger_ids)}",
        "channel": {"id": channel_id, "name": "news"},
        "response_url": response_url,
        "actions": [action],
    }


def form_body(payload: dict[str, Any]) -> str:
    """Slash commands arrive as form fields; interactivity as a form field ``payload``."""
    if payload.get("type") == "block_actions":
        return urlencode({"payload": json.dumps(payload)})
    return urlencode(payload)


async def post_to_app(
    url: str,
    body: str,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    extra_headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    """POST a signed request to the bolt app and return (status, body text)."""
    headers = signed_headers(body, secret=secret, timestamp=timestamp)
    headers.update(extra_headers or {})
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body.encode(), headers=headers) as response,
    ):
        return response.status, await response.text()
