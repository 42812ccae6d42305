"""The chat core: commands as plain async functions that answer a Request with a Reply.

Adapters turn platform updates into :class:`Request` objects, call :func:`handle`, render the
:class:`~bot.ports.Reply` and, once sent, call :func:`remember_sent` (for reply-/who).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot import texts
from bot.commands.context import Request, Services, UsageError, echoed
from bot.commands.filter import filter_command
from bot.commands.help import HELP, help_command, start
from bot.commands.schedule import schedule, settings
from bot.commands.sources import add_source, enables_source, remove_source, sources_command
from bot.commands.subscriptions import subscribe, unsubscribe
from bot.commands.summary import digest_now, summary
from bot.commands.who import who
from bot.errors import DigestBotError
from bot.ports import ChatRef, Reply, SentMessage
from bot.store.chats import find_chat
from bot.store.messages import move_chat, remember_messages

__all__ = [
    "COMMANDS",
    "REFUSAL",
    "Command",
    "Request",
    "Services",
    "handle",
    "move_chat_to",
    "parse_command",
    "remember_sent",
]

log = logging.getLogger("digestbot.commands")

Handler = Callable[[Services, Request, str], Awaitable[Reply]]
REFUSAL = texts.REFUSAL
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@[A-Za-z0-9_]+)?(?:\s+(.*))?$", re.DOTALL)


def _never(args: str) -> bool:
    return False


def _always(args: str) -> bool:
    return True


def _with_arguments(args: str) -> bool:
    return bool(args.strip())


@dataclass(frozen=True, slots=True)
class Command:
    run: Handler
    # Whether these arguments change the chat's state (then only admins may, in groups).
    changes_state: Callable[[str], bool]


COMMANDS: dict[str, Command] = {
    "start": Command(start, _never),
    "help": Command(help_command, _never),
    "subscribe": Command(subscribe, _with_arguments),
    "unsubscribe": Command(unsubscribe, _always),
    "sources": Command(sources_command, enables_source),
    "add": Command(add_source, _always),
    "remove": Command(remove_source, _always),
    "summary": Command(summary, _never),
    "who": Command(who, _never),
    "digest": Command(digest_now, _always),
    "schedule": Command(schedule, _with_arguments),
    "settings": Command(settings, _with_arguments),
    "filter": Command(filter_command, _with_arguments),
}
assert set(COMMANDS) == set(HELP), "every command needs its help entry"


def parse_command(text: str) -> tuple[str, str] | None:
    """``/who@bot Angela Merkel`` -> ("who", "Angela Merkel"); None if not a command."""
    match = _COMMAND.match(text.strip())
    if match is None:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


async def handle(services: Services, request: Request) -> Reply:
    """Answer one command. Never raises: every problem becomes a one-line reply."""
    parsed = parse_command(request.text)
    if parsed is None:
        return Reply(lines=[texts.NOT_A_COMMAND])
    name, args = parsed
    command = COMMANDS.get(name)
    if command is None:
        return Reply(lines=[texts.UNKNOWN_COMMAND.format(name=echoed(name))])
    try:
        if request.chat.is_group and command.changes_state(args) and not await request.is_admin():
            return Reply(lines=[REFUSAL])
        return await command.run(services, request, args)
    except UsageError as exc:
        return Reply(lines=[str(exc)])
    except DigestBotError as exc:
        return Reply(lines=[texts.SORRY.format(problem=exc)])
    except Exception:
        log.exception(
            "command %r in %s:%s failed", name, request.chat.platform, request.chat.address
        )
        return Reply(lines=[texts.FAILED])


def _remember(services: Services, chat: ChatRef, sent: Sequence[SentMessage]) -> None:
    with services.db.write() as conn:
        row = find_chat(conn, chat.platform, chat.address)
        if row is not None:
            remember_messages(conn, row.id, sent, services.clock())


async def remember_sent(services: Services, chat: ChatRef, sent: Sequence[SentMessage]) -> None:
    """Record which stories the sent messages carry, so a reply /who can find them."""
    if any(message.story_ids for message in sent):
        await services.run(_remember, services, chat, sent)


def _move(services: Services, chat: ChatRef, new_address: str) -> None:
    with services.db.write() as conn:
        row = find_chat(conn, chat.platform, chat.address)
        if row is not None:
            move_chat(conn, row.id, new_address)


async def move_chat_to(services: Services, chat: ChatRef, new_address: str) -> None:
    """The platform moved a chat (Telegram: group -> supergroup); its subscriptions follow."""
    log.info("chat %s:%s moved to %s", chat.platform, chat.address, new_address)
    await services.run(_move, services, chat, new_address)
