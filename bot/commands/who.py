"""/who: the people and organisations of a story, and what someone said across stories.

``/who <name>`` reads the position ledger (bot.store.ledger): the actor's latest positions in each
story with links, a position that changed from an earlier one marked (bot.digest.stances)."""

from __future__ import annotations

from dataclasses import replace

from bot import texts
from bot.collect.urls import web_url
from bot.commands.context import Request, Services, UsageError, echoed
from bot.commands.help import usage
from bot.commands.lookup import Scope, fetch_and_summarise, newest, scope_of, stories_by_id
from bot.digest.plan import StoryRow, story_view
from bot.digest.stances import ActorStory, actor_stories, main_actor
from bot.ports import Reply, StoryView
from bot.render.common import MAX_STANCE_CHARS, stance
from bot.store.ledger import LedgerEntry, entries_for
from bot.store.messages import stories_of_message
from bot.store.stories import story_titles
from summarise import Actor, ActorType, Position

__all__ = ["who"]

# How much "/who <name>" shows: stories, and positions per story.
MAX_STORIES_SHOWN = 8
MAX_ACTORS = 8
MAX_POSITIONS = 2


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


def _said(entry: LedgerEntry, *, when: bool = False, prefix: str = "") -> str:
    """``prefix``, the stance and its source, within what a shown stance may take, so that
    the renderer's cut never falls on the source."""
    where = f" ({entry.source}, {entry.said_at:%-d %b})" if when else f" ({entry.source})"
    position = Position(entry.position or "", entry.quote, reported_by=entry.reported_by)
    room = max(MAX_STANCE_CHARS - len(prefix) - len(where), MAX_STANCE_CHARS // 2)
    return prefix + stance(position, room) + where


def _story_actor(name: str, role: str | None, story: ActorStory) -> Actor:
    """The actor in one story, its newest positions first; a changed one with its earlier."""
    lines: list[str] = []
    shown = 0
    for taken in story.stances:
        if shown == MAX_POSITIONS:
            break
        plain = _said(taken.entry)
        if taken.earlier is not None:
            lines.append(_said(taken.entry, when=True, prefix=texts.CHANGED))
            lines.append(_said(taken.earlier, when=True, prefix=texts.EARLIER))
        elif plain not in lines:
            lines.append(plain)
        else:
            continue  # the same words, reported again by another outlet
        shown += 1
    kind: ActorType = "org" if story.latest.actor_type == "org" else "person"
    return Actor(name, kind, role=story.latest.role or role, positions=[Position(t) for t in lines])


def _search(services: Services, scope: Scope, query: str) -> Reply:
    with services.db.read() as conn:
        entries = entries_for(conn, query, scope.source_ids)
        titles = story_titles(conn, {entry.story_id for entry in entries})
    if not entries:
        return Reply(lines=[texts.NO_ONE_CALLED.format(name=echoed(query))])
    name, role = main_actor(entries)
    stories = actor_stories(entries, name, titles)
    views = [
        StoryView(
            title=story.title,
            url=story.latest.url,
            source=story.latest.source,
            actors=[_story_actor(name, role, story)],
            story_id=story.story_id,
            published=story.latest.said_at,
            detail="actors",
        )
        for story in stories[:MAX_STORIES_SHOWN]
    ]
    count = len(stories)
    lines = [texts.IN_STORIES.format(count=count, stories=texts.counted(count, "story"))]
    lines = [scope.note, *lines] if scope.note else lines
    return Reply(heading=name + (f", {role}" if role else ""), lines=lines, stories=views)


async def who(services: Services, request: Request, args: str) -> Reply:
    chat = await services.chat(request.chat)
    text = args.strip()
    if text.startswith("#"):
        if not text[1:].isdigit():
            raise UsageError(usage("who"))
        stories = await services.run(stories_by_id, services, [int(text[1:])])
        if not stories:
            return Reply(lines=[texts.STORY_GONE])
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
        return Reply(lines=[texts.NO_STORIES_YET])
    return Reply(lines=[scope.note] if scope.note else [], stories=[_who_view(latest[0])])
