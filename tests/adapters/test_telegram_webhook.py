"""Webhook mode: Telegram's secret token header is checked before an update reaches the core."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.adapters.telegram.port import TelegramPort, build_application
from bot.config.channels import TelegramChannel, TelegramWebhook
from bot.store.database import Database
from tests.support.fake_server import served
from tests.support.fake_telegram import TOKEN, FakeTelegram
from tests.support.fakes import Clock, services_for, settings_for

SECRET = "s3cret-Token_1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


fake = served(FakeTelegram)


@pytest.fixture
async def webhook(
    fake: FakeTelegram, db: Database, db_url: str
) -> AsyncIterator[tuple[TelegramPort, str]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    channel = TelegramChannel(
        token=TOKEN,
        base_url=fake.base_url,
        mode="webhook",
        webhook=TelegramWebhook(url=url, listen="127.0.0.1", port=port, secret_token=SECRET),
    )
    async with httpx.AsyncClient() as client:
        telegram = build_application(
            channel, services_for(db, settings_for(db_url), client, Clock())
        )
        await telegram.start()
        yield telegram, url
        await telegram.stop()


def update(text: str) -> dict[str, object]:
    return {
        "update_id": 7,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 1001, "type": "private", "first_name": "Ann"},
            "from": {"id": 1001, "is_bot": False, "first_name": "Ann"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


async def test_webhook_registers_and_checks_the_secret(
    fake: FakeTelegram, webhook: tuple[TelegramPort, str]
) -> None:
    _, url = webhook
    registered = fake.calls_of("setWebhook")[-1]
    assert registered["url"] == url and registered["secret_token"] == SECRET
    async with httpx.AsyncClient() as client:
        forged = await client.post(
            url, json=update("/help"), headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
        )
        missing = await client.post(url, json=update("/help"))
        assert forged.status_code == 403 and missing.status_code == 403
        genuine = await client.post(
            url, json=update("/help"), headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        )
        assert genuine.status_code == 200
    sent = await fake.wait_for(1)
    assert len(sent) == 1 and sent[0].text.startswith("Commands")
