"""/who: the people and organisations of a story, and what someone said across stories."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from bot.commands.context import Request, Services, UsageError
from bot.commands.help import usage
from bot.commands.sources import web_url
from bot.commands.stories import Scope, fetch_and_summarise, newest, scope_of, stories_by_id
from bot.digests import StoryRow, story_view
from bot.outbox import stories_of_message
from bot.ports import Reply, StoryView
from summarise.models import Actor

__all__ = ["actor_matches", "who"]

# How far back "/who <name>" looks, and how much of it it shows.
RECENT_STORIES = 300
MAX_STORIES_SHOWN = 8
MAX_ACTORS = 8
MAX_POSITIONS = 2
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def actor_matches(actor: Actor, query: str) -> bool:
    """Every word of ``query`` is a word of the actor's name or of one of its aliases."""
    wanted = _words(query)
    return bool(wanted) and any(
        set(wanted) <= set(_words(name)) for name in [actor.name, *actor.aliases]
    )


def _trimmed(actor: Actor) -> Actor:
    return replace(actor, positions=actor.positions[:MAX_POSITIONS])


def _who_view(story: StoryRow) -> StoryView:
    view = story_view(story, sentences=0, detail="actors")
    view.actors = [_trimmed(actor) for actor in story.actors[:MAX_ACTORS]]
    return view


def _for_message(services: Services, chat_id: int, message_id: str) -> list[StoryRow]:
    with services.db.read() as conn:
        ids = stories_of_message(conn, chat_id, message_id)
    return stories_by_id(services, ids)


def _search(services: Services, scope: Scope, query: str) -> Reply:
    found: list[tuple[StoryRow, Actor]] = []
    for story in newest(services, scope, RECENT_STORIES):
        for actor in story.actors:
            if actor_matches(actor, query):
                found.append((story, actor))
                break
    if not found:
        return Reply(lines=[f"No one called {query} appears in the recent stories."])
    name = Counter(actor.name for _, actor in found).most_common(1)[0][0]
    roles = Counter(actor.role for _, actor in found if actor.role)
    heading = name + (f", {roles.most_common(1)[0][0]}" if roles else "")
    count = len(found)
    views = []
    for story, actor in found[:MAX_STORIES_SHOWN]:
        view = story_view(story, sentences=0, detail="actors")
        view.actors = [_trimmed(actor)]
        views.append(view)
    lines = [f"In {count} recent {'story' if count == 1 else 'stories'}:"]
    lines = [scope.note, *lines] if scope.note else lines
    return Reply(heading=heading, lines=lines, stories=views)


async def who(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    text = args.strip()
    if text.startswith("#"):
        if not text[1:].isdigit():
            raise UsageError(usage("who"))
        stories = await services.run(stories_by_id, services, [int(text[1:])])
        if not stories:
            return Reply(lines=["That story is no longer stored."])
        return Reply(stories=[_who_view(stories[0])])
    if text.lower().startswith(("http:", "https:", "file:", "ftp:")):
        url = web_url(text)
        if url is None or " " in text:
            raise UsageError(usage("who"))
        story = await fetch_and_summarise(services, url, chat.sentences)
        return Reply(stories=[_who_view(story)])
    if not text and request.reply_to is not None:
        stories = await services.run(_for_message, services, chat.id, request.reply_to)
        if stories:
            return Reply(stories=[_who_view(story) for story in stories])
    scope = await services.run(scope_of, services, chat)
    if text:
        return await services.run(_search, services, scope, text)
    latest = await services.run(newest, services, scope, 1)
    if not latest:
        return Reply(lines=["No stories yet; they appear after the next collection."])
    return Reply(lines=[scope.note] if scope.note else [], stories=[_who_view(latest[0])])
