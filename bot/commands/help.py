"""/start and /help: what the bot does and every command with an example."""

from __future__ import annotations

from dataclasses import dataclass

from bot import texts
from bot.commands.context import Request, Services
from bot.ports import Reply

__all__ = ["HELP", "CommandHelp", "help_command", "start", "usage"]


@dataclass(frozen=True, slots=True)
class CommandHelp:
    usage: str
    what: str
    example: str


HELP: dict[str, CommandHelp] = {name: CommandHelp(*entry) for name, entry in texts.HELP.items()}


def usage(name: str) -> str:
    """The one-line hint for a command: its usage and an example."""
    entry = HELP[name]
    return texts.USAGE.format(usage=entry.usage, example=entry.example)


def _command_lines() -> list[str]:
    return [
        texts.HELP_LINE.format(usage=h.usage, what=h.what, example=h.example) for h in HELP.values()
    ]


async def help_command(services: Services, request: Request, args: str) -> Reply:
    return Reply(heading=texts.HELP_HEADING, lines=_command_lines())


async def start(services: Services, request: Request, args: str) -> Reply:
    intro = [*texts.START_INTRO, ""]
    return Reply(heading=texts.START_HEADING, lines=intro + _command_lines())
