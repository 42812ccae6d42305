"""Stories for a chat: which ones it follows, how important they are, and its digest.

Until story clustering lands, a story is one stored article and its id is the article id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Select, and_, func, or_, select

from bot.chatstore import ChatRow, Subscription, deliveries, list_subscriptions
from bot.ports import Reply, StoryDetail, StoryView
from bot.tables import articles, sources
from summarise.models import Actor, Position

__all__ = [
    "DigestPlan",
    "StoryRow",
    "actors_from_json",
    "digest_reply",
    "get_stories",
    "importance",
    "in_quiet_hours",
    "is_due",
    "last_slot",
    "newest_stories",
    "parse_hhmm",
    "plan_digest",
    "search_stories",
    "source_ids_for",
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
class StoryRow:
    id: int
    title: str
    url: str
    source: str | None
    summary: list[str]
    actors: list[Actor]
    text_chars: int
    published: datetime | None
    fetched_at: datetime

    @property
    def when(self) -> datetime:
        return self.published or self.fetched_at


@dataclass(frozen=True, slots=True)
class DigestPlan:
    """What a digest will show, and the stories only counted in its "and N more"."""

    reply: Reply
    shown: list[int]
    counted: list[int]


def actors_from_json(data: Any) -> list[Actor]:
    """Actors as stored by the collector (``Actor`` as a dict); malformed items are skipped."""
    found: list[Actor] = []
    for item in data or []:
        if not isinstance(item, dict) or not item.get("name"):
            continue
        positions = [
            Position(text=str(p.get("text", "")), quote=p.get("quote"))
            for p in item.get("positions") or []
            if isinstance(p, dict)
        ]
        found.append(
            Actor(
                name=str(item["name"]),
                type="org" if item.get("type") == "org" else "person",
                role=item.get("role"),
                mentions=int(item.get("mentions") or 1),
                positions=positions,
                aliases=[str(alias) for alias in item.get("aliases") or []],
            )
        )
    return found


def source_ids_for(conn: Connection, subs: Sequence[Subscription]) -> list[int]:
    """Enabled sources matching any subscription (by name, by tag, or all)."""
    rows = conn.execute(
        select(sources.c.id, sources.c.name, sources.c.tags).where(sources.c.enabled.is_(True))
    ).all()
    names = {sub.target for sub in subs if sub.kind == "source"}
    tags = {sub.target for sub in subs if sub.kind == "tag"}
    everything = any(sub.kind == "all" for sub in subs)
    return [
        row.id
        for row in rows
        if everything or row.name in names or tags.intersection(row.tags or [])
    ]


def _story_query(source_ids: Iterable[int] | None) -> Select[Any]:
    query = select(
        articles.c.id,
        articles.c.title,
        articles.c.url,
        articles.c.summary,
        articles.c.actors,
        func.length(articles.c.text).label("text_chars"),
        articles.c.published,
        articles.c.fetched_at,
        sources.c.name.label("source"),
    ).join(sources, sources.c.id == articles.c.source_id)
    if source_ids is not None:
        query = query.where(articles.c.source_id.in_(list(source_ids)))
    return query


def _stories(conn: Connection, query: Select[Any]) -> list[StoryRow]:
    return [
        StoryRow(
            id=row.id,
            title=row.title,
            url=row.url,
            source=row.source,
            summary=list(row.summary or []),
            actors=actors_from_json(row.actors),
            text_chars=int(row.text_chars or 0),
            published=row.published,
            fetched_at=row.fetched_at,
        )
        for row in conn.execute(query)
    ]


def _newest_first(query: Select[Any]) -> Select[Any]:
    when = func.coalesce(articles.c.published, articles.c.fetched_at)
    return query.order_by(when.desc(), articles.c.id.desc())


def get_stories(conn: Connection, story_ids: Sequence[int]) -> list[StoryRow]:
    """The stories with these ids, in the order given (missing ones are left out)."""
    found = {
        s.id: s for s in _stories(conn, _story_query(None).where(articles.c.id.in_(story_ids)))
    }
    return [found[story_id] for story_id in story_ids if story_id in found]


def newest_stories(
    conn: Connection, source_ids: Sequence[int] | None, limit: int, since: datetime | None = None
) -> list[StoryRow]:
    query = _story_query(source_ids)
    if since is not None:
        query = query.where(articles.c.fetched_at >= since)
    return _stories(conn, _newest_first(query).limit(limit))


def search_stories(
    conn: Connection, source_ids: Sequence[int] | None, words: Sequence[str], limit: int
) -> list[StoryRow]:
    """Stories whose title or text contains every word (case-insensitive), newest first."""
    query = _story_query(source_ids)
    for word in words:
        pattern = f"%{word.lower()}%"
        query = query.where(
            or_(
                func.lower(articles.c.title).like(pattern),
                func.lower(articles.c.text).like(pattern),
            )
        )
    return _stories(conn, _newest_first(query).limit(limit))


def importance(story: StoryRow, now: datetime) -> float:
    """Fresh stories that name people and say something substantial come first."""
    age_hours = max(0.0, (now - story.when).total_seconds() / 3600)
    freshness = max(0.0, 1.0 - age_hours / 48)
    people = min(len(story.actors), 5) / 5
    substance = min(story.text_chars / 3000, 1.0)
    return 2 * freshness + people + substance


def story_view(
    story: StoryRow, *, sentences: int, detail: StoryDetail = "digest", number: int | None = None
) -> StoryView:
    actors = story.actors[:DIGEST_ACTORS] if detail == "digest" else story.actors
    if detail == "digest":
        actors = [Actor(a.name, a.type, role=a.role, mentions=a.mentions) for a in actors]
    return StoryView(
        title=story.title,
        url=story.url,
        source=story.source,
        sentences=story.summary[:sentences] if detail == "digest" else [],
        actors=actors,
        story_id=story.id or None,  # 0: fetched on demand, not stored
        published=story.published,
        detail=detail,
        number=number,
    )


def digest_reply(
    shown: Sequence[StoryRow], more: int, *, sentences: int, heading: str | None = None
) -> Reply:
    count = len(shown)
    title = heading or f"Your digest: {count} {'story' if count == 1 else 'stories'}"
    views = [story_view(s, sentences=sentences, number=n) for n, s in enumerate(shown, 1)]
    footer = None
    if more:
        footer = (
            f"…and {more} more {'story' if more == 1 else 'stories'}; /summary <words> finds them."
        )
    return Reply(heading=title, stories=views, footer=footer)


def _lookback_start(chat: ChatRow, now: datetime) -> datetime:
    if chat.last_digest_at is None:
        start = chat.created_at - FIRST_LOOKBACK
    else:
        start = chat.last_digest_at - LATE_COMMIT_SLACK
    return max(start, now - MAX_LOOKBACK)


def plan_digest(conn: Connection, chat: ChatRow, now: datetime) -> DigestPlan | None:
    """The chat's next digest: undelivered stories since its last one, most important first.

    None when there is nothing new. At most ``max_stories`` are shown; the rest are counted.
    """
    source_ids = source_ids_for(conn, list_subscriptions(conn, chat.id))
    if not source_ids:
        return None
    delivered = select(deliveries.c.story_id).where(
        and_(deliveries.c.chat_id == chat.id, deliveries.c.story_id == articles.c.id)
    )
    query = _story_query(source_ids).where(
        articles.c.fetched_at > _lookback_start(chat, now), ~delivered.exists()
    )
    ranked = sorted(_stories(conn, query), key=lambda s: (-importance(s, now), -s.id))
    if not ranked:
        return None
    shown, counted = ranked[: chat.max_stories], ranked[chat.max_stories :]
    reply = digest_reply(shown, len(counted), sentences=chat.sentences)
    return DigestPlan(reply, [s.id for s in shown], [s.id for s in counted])


def parse_hhmm(value: str) -> time:
    """``08:00`` -> time(8, 0); ValueError for anything else."""
    hours, _, minutes = value.strip().partition(":")
    digits = hours.isdigit() and minutes.isdigit() and len(minutes) == 2
    if digits and int(hours) < 24 and int(minutes) < 60:
        return time(int(hours), int(minutes))
    raise ValueError(f"{value!r} is not a time like 08:00")


def last_slot(chat: ChatRow, now: datetime) -> datetime | None:
    """The most recent scheduled digest time at or before ``now``, in UTC."""
    zone = ZoneInfo(chat.timezone)
    local = now.astimezone(zone)
    slots = [
        datetime.combine(local.date() - timedelta(days=back), parse_hhmm(hhmm), zone)
        for back in (0, 1)
        for hhmm in chat.schedule
    ]
    past = [slot for slot in slots if slot <= local]
    return max(past).astimezone(UTC) if past else None


def in_quiet_hours(chat: ChatRow, now: datetime) -> bool:
    if not (chat.quiet_start and chat.quiet_end):
        return False
    start, end = parse_hhmm(chat.quiet_start), parse_hhmm(chat.quiet_end)
    local = now.astimezone(ZoneInfo(chat.timezone)).time()
    return start <= local < end if start <= end else (local >= start or local < end)


def is_due(chat: ChatRow, now: datetime) -> bool:
    """A scheduled time passed since the last digest; quiet hours hold it until they end."""
    slot = last_slot(chat, now)
    reference = chat.last_digest_at or chat.created_at
    return slot is not None and slot > reference and not in_quiet_hours(chat, now)
