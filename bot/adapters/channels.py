"""The configured chat channels as ports: Telegram when it has a token, Slack when it has one.

``digestbot run`` takes :func:`build_ports` and starts them itself (they listen for commands);
a queue worker opens them with :func:`open_sending_ports`, to send only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.commands import Services
from bot.config.settings import Settings
from bot.ports import ChatPort

__all__ = ["Closer", "build_ports", "open_sending_ports"]

Closer = Callable[[], Awaitable[object]]


def build_ports(
    settings: Settings, services: Services, *, send_only: bool = False
) -> dict[str, ChatPort]:
    """A port per configured channel, not started.

    ``send_only``: for a process that only delivers. Telegram then starts without polling or a
    webhook (only ``digestbot run`` takes updates: two pollers would fight over them). Slack
    listens on a free loopback port nobody calls; in Socket Mode it also holds a connection,
    among which Slack spreads events.
    """
    ports: dict[str, ChatPort] = {}
    if settings.channels.telegram.token:
        from bot.adapters.telegram.port import build_application

        telegram = settings.channels.telegram
        ports["telegram"] = build_application(telegram, services, listen=not send_only)
    if settings.channels.slack.bot_token:
        from bot.adapters.slack.port import SlackPort, build_slack

        slack = settings.channels.slack
        ports["slack"] = (
            SlackPort(slack, services, host="127.0.0.1", port=0)
            if send_only
            else build_slack(slack, services)
        )
    return ports


async def open_sending_ports(
    settings: Settings, services: Services
) -> tuple[dict[str, ChatPort], list[Closer]]:
    """The configured chat ports, started for sending only, and how to close each."""
    ports = build_ports(settings, services, send_only=True)
    closers: list[Closer] = []
    try:
        for port in ports.values():
            await port.start()
            closers.append(port.stop)
    except BaseException:
        for close in reversed(closers):
            await close()
        raise
    return ports, closers
