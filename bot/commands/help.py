"""/start and /help: what the bot does and every command with an example."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands.context import Request, Services
from bot.ports import Reply

__all__ = ["HELP", "CommandHelp", "help_command", "start", "usage"]


@dataclass(frozen=True, slots=True)
class CommandHelp:
    usage: str
    what: str
    example: str


HELP: dict[str, CommandHelp] = {
    "start": CommandHelp("/start", "what this bot does", "/start"),
    "help": CommandHelp("/help", "every command with an example", "/help"),
    "subscribe": CommandHelp(
        "/subscribe [source|tag|all]", "follow sources in this chat", "/subscribe all"
    ),
    "unsubscribe": CommandHelp(
        "/unsubscribe <source|tag|all>", "stop following them", "/unsubscribe all"
    ),
    "sources": CommandHelp(
        "/sources [enable <source>]",
        "this chat's sources and whether they work; enable polls a stopped one again "
        "(admins in groups)",
        "/sources · /sources enable wire",
    ),
    "add": CommandHelp(
        "/add <feed or page URL> [name]",
        "add a source (checked by fetching it once)",
        "/add https://example.com/feed.xml",
    ),
    "remove": CommandHelp("/remove <source>", "remove a source this chat added", "/remove example"),
    "summary": CommandHelp(
        "/summary [N | words | URL]",
        "top stories now; the last N; stories about some words; digest of a web page",
        "/summary 5 · /summary central bank · /summary https://example.com/news/1",
    ),
    "who": CommandHelp(
        "/who [name | URL]",
        "who is involved in the latest story, what someone said across stories (changes "
        "marked), or who is in a page; "
        "reply /who to a digest for that story",
        "/who · /who Lagarde",
    ),
    "digest": CommandHelp("/digest", "send this chat's digest now", "/digest"),
    "schedule": CommandHelp(
        "/schedule HH:MM[,HH:MM...] [Area/City]",
        "when digests arrive, in your time zone",
        "/schedule 08:00,18:00 Europe/Berlin",
    ),
    "settings": CommandHelp(
        "/settings [sentences N | stories N | quiet HH:MM-HH:MM | quiet off]",
        "sentences per story, stories per digest, quiet hours",
        "/settings quiet 22:00-07:00",
    ),
    "filter": CommandHelp(
        "/filter [include <terms> | exclude <terms> | remove <term> | clear]",
        'keep or leave out stories by words, "phrases" or actor:Name (admins in groups)',
        '/filter exclude cycling "transfer window" actor:"Keir Starmer"',
    ),
}


def usage(name: str) -> str:
    """The one-line hint for a command: its usage and an example."""
    entry = HELP[name]
    return f"Usage: {entry.usage} — for example {entry.example}"


def _command_lines() -> list[str]:
    return [f"{h.usage} — {h.what}. Example: {h.example}" for h in HELP.values()]


async def help_command(services: Services, request: Request, args: str) -> Reply:
    return Reply(heading="Commands", lines=_command_lines())


async def start(services: Services, request: Request, args: str) -> Reply:
    intro = [
        "I collect news from feeds and send short digests: a few sentences per story, "
        "who is involved and where they stand, and a link to the full article.",
        "Start with /subscribe all, then /digest for a first digest now.",
        "",
    ]
    return Reply(heading="digestbot", lines=intro + _command_lines())
