"""Stories for a chat: which ones it follows, how important they are, and its digest.

A story is what :mod:`bot.collect.storyline` filed articles under (see
:mod:`bot.digest.storyview`); a story a chat already had comes back only with what is new,
as an update.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection

from bot import texts
from bot.digest.storyview import (
    UPDATE_PREFIX,
    Composed,
    StoryRow,
    compose,
    digest_candidates,
    load_stories,
)
from bot.filters.index import run_index
from bot.ports import Reply, StoryDetail, StoryView
from bot.store.chats import ChatRow, list_subscriptions
from bot.store.filters import load_filters
from bot.store.sources import source_ids_for
from bot.store.stories import story_keys
from summarise import Actor

__all__ = [
    "DigestPlan",
    "StoryRow",
    "digest_reply",
    "get_stories",
    "importance",
    "newest_stories",
    "plan_digest",
    "search_stories",
    "story_view",
]

# A first digest looks back this far; later ones re-check this much before the last digest,
# so an article whose transaction committed late is still picked up (the delivery key
# keeps it from being sent twice).
FIRST_LOOKBACK = timedelta(days=1)
LATE_COMMIT_SLACK = timedelta(hours=6)
MAX_LOOKBACK = timedelta(days=3)
DIGEST_ACTORS = 3


@dataclass(frozen=True, slots=True)
class DigestPlan:
    """What a digest will show, and the stories only counted in its "and N more"."""

    reply: Reply
    shown: list[int]
    counted: list[int]
    # The revision each story reaches the chat at, and the sentences it shows of each.
    revisions: dict[int, int] = field(default_factory=dict)
    given: dict[int, list[str]] = field(default_factory=dict)


def get_stories(conn: Connection, story_ids: Sequence[int]) -> list[StoryRow]:
    """The stories with these ids, in the order given (missing ones are left out)."""
    return load_stories(conn, story_ids, None)


def newest_stories(
    conn: Connection, source_ids: Sequence[int] | None, limit: int, since: datetime | None = None
) -> list[StoryRow]:
    """The most recently active stories (with an article fetched since ``since``)."""
    keys = story_keys(conn, source_ids, limit=limit, fetched_since=since)
    return load_stories(conn, keys, source_ids)


def search_stories(
    conn: Connection, source_ids: Sequence[int] | None, words: Sequence[str], limit: int
) -> list[StoryRow]:
    """Stories with an article whose title or text contains every word (case-insensitive),
    the most recently active first."""
    keys = story_keys(conn, source_ids, limit=limit, words=words)
    return load_stories(conn, keys, source_ids)


def importance(story: StoryRow, now: datetime) -> float:
    """Fresh stories that several sources report, that name people and say something
    substantial come first."""
    age_hours = max(0.0, (now - story.latest).total_seconds() / 3600)
    freshness = max(0.0, 1.0 - age_hours / 48)
    people = min(len(story.actors), 5) / 5
    substance = min(story.text_chars / 3000, 1.0)
    coverage = min(max(len(story.sources) - 1, 0), 4) / 4
    return 2 * freshness + people + substance + 2 * coverage


def story_view(
    story: StoryRow,
    *,
    sentences: int,
    detail: StoryDetail = "digest",
    number: int | None = None,
    composed: Composed | None = None,
    update: bool = False,
) -> StoryView:
    """A story as shown: its digest across sources (``composed`` if already chosen; for an
    ``update``, what is new, with a link to the newest article), or its actors."""
    actors = story.actors
    lines: list[str] = []
    source, url, title = story.source, story.url, story.title
    if detail == "digest":
        actors = [Actor(a.name, a.type, role=a.role, mentions=a.mentions) for a in actors]
        actors = actors[:DIGEST_ACTORS]
        composed = composed or compose(story, sentences)
        lines, source = composed.sentences, composed.coverage or source
        if update:
            title, url = UPDATE_PREFIX + title, story.members[-1].url
    return StoryView(
        title=title,
        url=url,
        source=source,
        sentences=lines,
        actors=actors,
        story_id=story.id or None,  # 0: fetched on demand, not stored
        published=story.published,
        detail=detail,
        number=number,
    )


def digest_reply(
    shown: Sequence[StoryRow],
    more: int,
    *,
    sentences: int,
    heading: str | None = None,
    composed: Mapping[int, Composed] | None = None,
    updates: Collection[int] = (),
) -> Reply:
    count = len(shown)
    title = heading or texts.YOUR_DIGEST.format(count=count, stories=texts.counted(count, "story"))
    chosen = composed or {}
    views = [
        story_view(
            s, sentences=sentences, number=n, composed=chosen.get(s.id), update=s.id in updates
        )
        for n, s in enumerate(shown, 1)
    ]
    footer = None
    if more:
        footer = texts.MORE_STORIES.format(more=more, stories=texts.counted(more, "story"))
    return Reply(heading=title, stories=views, footer=footer)


def _lookback_start(chat: ChatRow, now: datetime) -> datetime:
    if chat.last_digest_at is None:
        start = chat.created_at - FIRST_LOOKBACK
    else:
        start = chat.last_digest_at - LATE_COMMIT_SLACK
    return max(start, now - MAX_LOOKBACK)


def plan_digest(conn: Connection, chat: ChatRow, now: datetime) -> DigestPlan | None:
    """The chat's next digest: stories new to it, and updates of those with new facts, most
    important first. None when there is nothing new. At most ``max_stories`` are shown; the
    rest are counted (and, like the shown ones, not offered again until they have news)."""
    source_ids = source_ids_for(conn, list_subscriptions(conn, chat.id))
    if not source_ids:
        return None
    since = _lookback_start(chat, now)
    found = digest_candidates(conn, chat.id, source_ids, since, chat.sentences)
    ranked = sorted(found, key=lambda c: (-importance(c.story, now), -c.story.id))
    # Stories the chat's filters hide are neither shown nor counted (nor marked delivered);
    # the chats of one run (same ``now``) share one index of stories and term bitmaps.
    ranked, _hidden = run_index(now).split(load_filters(conn, chat.id), ranked)
    if not ranked:
        return None
    shown, counted = ranked[: chat.max_stories], ranked[chat.max_stories :]
    composed = {c.story.id: c.update or compose(c.story, chat.sentences) for c in shown}
    updates = {c.story.id for c in shown if c.update is not None}
    reply = digest_reply(
        [c.story for c in shown],
        len(counted),
        sentences=chat.sentences,
        composed=composed,
        updates=updates,
    )
    given = {story_id: shown_now.chosen for story_id, shown_now in composed.items()}
    return DigestPlan(
        reply,
        [c.story.id for c in shown],
        [c.story.id for c in counted],
        revisions={c.story.id: c.story.revision for c in ranked},
        given=given,
    )
