"""The console channel: commands from a text stream, replies printed as plain text."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from itertools import count
from typing import TextIO

from bot.commands import Request, Services, handle, remember_sent
from bot.delivery.outbox import queue_due_digests
from bot.delivery.sender import DeliveryWorker
from bot.ports import ChatRef, Page, Reply, SentMessage
from bot.render.console import terminal_safe
from bot.render.pages import render_pages

__all__ = ["PLATFORM", "ConsolePort", "run_console"]

PLATFORM = "console"
RULE = "-" * 60


class ConsolePort:
    """Prints pages to ``out``; message ids are a running count."""

    platform = PLATFORM

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self._ids = count(1)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send_page(self, chat: ChatRef, page: Page) -> SentMessage:
        print(terminal_safe(page.body["text"]), file=self.out)
        print(RULE, file=self.out, flush=True)
        return SentMessage(str(next(self._ids)), page.story_ids)

    async def send(self, chat: ChatRef, reply: Reply) -> list[SentMessage]:
        """Print a command's reply (nothing when it is empty)."""
        if reply.is_empty():
            return []
        return [await self.send_page(chat, page) for page in render_pages(PLATFORM, reply)]


async def run_console(
    services: Services,
    read_line: Callable[[], str],
    *,
    port: ConsolePort | None = None,
    chat: ChatRef | None = None,
    prompt: Callable[[], None] = lambda: None,
) -> None:
    """Answer commands until ``read_line`` returns "" (end of input).

    Digests queued by /digest, or due by the chat's schedule, are delivered after each command
    through the same outbox as on Telegram.
    """
    port = port or ConsolePort()
    chat = chat or ChatRef(PLATFORM, "console", "private", "console")
    worker = DeliveryWorker(services.db, {PLATFORM: port}, clock=services.clock, concurrency=1)
    services.digest_queued = worker.wake
    while True:
        await asyncio.to_thread(
            queue_due_digests, services.db, services.clock(), platforms={PLATFORM}
        )
        await worker.run_until_idle()
        prompt()
        line = await asyncio.to_thread(read_line)
        if not line:
            return
        if not line.strip():
            continue
        reply = await handle(services, Request(chat=chat, text=line.strip(), user="console"))
        await remember_sent(services, chat, await port.send(chat, reply))
