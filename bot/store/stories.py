"""Stories in the database: which story each article belongs to, the story members, and what
each chat was given of them.

A story's id is the id of its first article, so an article filed under no story (stored before
stories existed, or by another tool) reads as a story of its own with the same id. Membership
rows are numbered by ``seq`` in commit order (writers take a lock, see
:mod:`bot.collect.storyline`): a process that has read up to some ``seq`` can catch up by
reading the rows after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, func, insert, literal, or_, select, update

from bot.models import actors_from_json
from bot.store.tables import (
    article_time,
    articles,
    deliveries,
    in_scope,
    sources,
    stories,
    story_articles,
    story_key,
)
from summarise import Actor

__all__ = [
    "FiledArticle",
    "Given",
    "Member",
    "file_article",
    "filed_since",
    "given_to_chat",
    "last_seq",
    "load_members",
    "search_words",
    "story_keys",
    "story_titles",
    "unfiled_articles",
]


@dataclass(frozen=True, slots=True)
class FiledArticle:
    """What the clusterer needs of a stored article, and the story it is filed under."""

    seq: int
    article_id: int
    story_id: int
    title: str
    text: str
    published: datetime | None
    fetched_at: datetime
    language: str | None = None  # ISO 639-1; None for articles stored before languages were kept

    @property
    def arrived(self) -> datetime:
        """The time the clusterer orders by: publication, unless it claims to be later."""
        if self.published is None:
            return self.fetched_at
        return min(self.published, self.fetched_at)


def filed_since(
    conn: Connection,
    after_seq: int,
    fetched_since: datetime | None = None,
    up_to_seq: int | None = None,
) -> list[FiledArticle]:
    """Membership rows after ``after_seq`` (up to ``up_to_seq``, of articles fetched since
    ``fetched_since``)."""
    query = (
        select(
            story_articles.c.seq,
            story_articles.c.article_id,
            story_articles.c.story_id,
            articles.c.title,
            articles.c.text,
            articles.c.published,
            articles.c.fetched_at,
            articles.c.language,
        )
        .join(articles, articles.c.id == story_articles.c.article_id)
        .where(story_articles.c.seq > after_seq)
        .order_by(story_articles.c.seq)
    )
    if fetched_since is not None:
        query = query.where(articles.c.fetched_at >= fetched_since)
    if up_to_seq is not None:
        query = query.where(story_articles.c.seq <= up_to_seq)
    return [FiledArticle(*row) for row in conn.execute(query)]  # columns in field order


def last_seq(conn: Connection) -> int:
    """The newest membership ``seq`` (0 when nothing is filed)."""
    return int(conn.execute(select(func.max(story_articles.c.seq))).scalar_one_or_none() or 0)


def unfiled_articles(conn: Connection, article_ids: Iterable[int]) -> list[FiledArticle]:
    """These articles, if stored and not yet filed under a story (seq and story_id are 0)."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return []
    filed = select(story_articles.c.article_id).where(story_articles.c.article_id == articles.c.id)
    query = (
        select(articles.c.id, articles.c.title, articles.c.text)
        .add_columns(articles.c.published, articles.c.fetched_at, articles.c.language)
        .where(articles.c.id.in_(wanted), ~filed.exists())
        .order_by(articles.c.id)
    )
    return [
        FiledArticle(0, row.id, 0, row.title, row.text, row.published, row.fetched_at, row.language)
        for row in conn.execute(query)
    ]


def file_article(conn: Connection, article: FiledArticle, story_id: int, now: datetime) -> int:
    """File ``article`` under ``story_id`` (a new story when it is the article's own id)."""
    if story_id == article.article_id:
        conn.execute(
            insert(stories).values(id=story_id, title=article.title, created_at=now, updated_at=now)
        )
    else:
        conn.execute(update(stories).where(stories.c.id == story_id).values(updated_at=now))
    seq = conn.execute(
        insert(story_articles)
        .values(article_id=article.article_id, story_id=story_id, joined_at=now)
        .returning(story_articles.c.seq)
    ).scalar_one()
    return int(seq)


def story_titles(conn: Connection, story_ids: Iterable[int]) -> dict[int, str]:
    """The titles of these stories (those filed under a story; others keep their article's)."""
    wanted = sorted(set(story_ids))
    if not wanted:
        return {}
    rows = conn.execute(select(stories.c.id, stories.c.title).where(stories.c.id.in_(wanted)))
    return {row.id: row.title for row in rows}


@dataclass(frozen=True, slots=True)
class Member:
    """One article of a story, as digests and answers show it."""

    article_id: int
    story_id: int
    seq: int
    source: str
    title: str
    url: str
    summary: list[str]
    actors: list[Actor] = field(default_factory=list)
    text_chars: int = 0
    published: datetime | None = None
    fetched_at: datetime | None = None
    language: str | None = None  # ISO 639-1

    @property
    def when(self) -> datetime:
        moment = self.published or self.fetched_at
        assert moment is not None
        return moment


# A search uses at most this many words: SQLite cannot parse a query with hundreds of them
# ("Expression tree is too large"), and a few long words already narrow a search to a handful.
MAX_SEARCH_WORDS = 20


def search_words(words: Iterable[str]) -> list[str]:
    """The words a search looks for: the distinct ones, the longest (most telling) first, at
    most :data:`MAX_SEARCH_WORDS` of them."""
    distinct = dict.fromkeys(word for word in words if word)
    return sorted(distinct, key=len, reverse=True)[:MAX_SEARCH_WORDS]


def story_keys(
    conn: Connection,
    source_ids: Sequence[int] | None,
    *,
    limit: int | None,
    fetched_since: datetime | None = None,
    words: Sequence[str] = (),
    news_for_chat: int | None = None,
) -> list[int]:
    """Stories with an article in scope (fetched since ``fetched_since``, containing every word
    in its title or text, or the :func:`search_words` of many), the most recently active first.
    With ``news_for_chat``, only those with such an article filed after the newest revision the
    chat was given of them."""
    key = story_key()
    grouped = select(
        key.label("story"),
        func.max(article_time()).label("latest"),
        func.max(func.coalesce(story_articles.c.seq, literal(0))).label("newest"),
    ).select_from(articles.outerjoin(story_articles))
    if fetched_since is not None:
        grouped = grouped.where(articles.c.fetched_at >= fetched_since)
    for word in search_words(word.lower() for word in words):
        pattern = f"%{word}%"
        grouped = grouped.where(
            or_(
                func.lower(articles.c.title).like(pattern),
                func.lower(articles.c.text).like(pattern),
            )
        )
    found = in_scope(grouped, source_ids).group_by(key).subquery()
    query = select(found.c.story).order_by(found.c.latest.desc(), found.c.story.desc())
    if news_for_chat is not None:
        given = (
            select(func.max(deliveries.c.revision))
            .where(deliveries.c.chat_id == news_for_chat, deliveries.c.story_id == found.c.story)
            .scalar_subquery()
        )
        query = query.where(found.c.newest > func.coalesce(given, literal(-1)))
    return [int(row.story) for row in conn.execute(query.limit(limit))]


def load_members(
    conn: Connection, story_ids: Sequence[int], source_ids: Sequence[int] | None
) -> dict[int, list[Member]]:
    """The articles in scope of each story, oldest first."""
    if not story_ids:
        return {}
    key = story_key()
    query = (
        select(
            articles.c.id,
            key.label("story"),
            func.coalesce(story_articles.c.seq, literal(0)).label("seq"),
            sources.c.name.label("source"),
            articles.c.title,
            articles.c.url,
            articles.c.summary,
            articles.c.actors,
            func.length(articles.c.text).label("text_chars"),
            articles.c.published,
            articles.c.fetched_at,
            articles.c.language,
        )
        .select_from(articles.outerjoin(story_articles).join(sources))
        .where(key.in_(list(story_ids)))
        .order_by(article_time(), articles.c.id)
    )
    found: dict[int, list[Member]] = {}
    for row in conn.execute(in_scope(query, source_ids)):
        member = Member(
            article_id=row.id,
            story_id=int(row.story),
            seq=int(row.seq),
            source=row.source,
            title=row.title,
            url=row.url,
            summary=list(row.summary or []),
            actors=actors_from_json(row.actors),
            text_chars=int(row.text_chars or 0),
            published=row.published,
            fetched_at=row.fetched_at,
            language=row.language,
        )
        found.setdefault(member.story_id, []).append(member)
    return found


@dataclass(frozen=True, slots=True)
class Given:
    """What a chat had of a story: the newest revision, and every sentence it was shown."""

    revision: int = -1
    sentences: list[str] = field(default_factory=list)


def given_to_chat(conn: Connection, chat_id: int, story_ids: Sequence[int]) -> dict[int, Given]:
    """What the chat was given of each of these stories (those it never had are left out)."""
    rows = conn.execute(
        select(deliveries.c.story_id, deliveries.c.revision, deliveries.c.sentences).where(
            deliveries.c.chat_id == chat_id, deliveries.c.story_id.in_(list(story_ids))
        )
    )
    found: dict[int, Given] = {}
    for row in rows:
        known = found.get(row.story_id, Given())
        found[row.story_id] = Given(
            max(known.revision, row.revision), [*known.sentences, *(row.sentences or [])]
        )
    return found
