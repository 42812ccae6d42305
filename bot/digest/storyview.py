"""Stories as readers see them: one row per story built from its articles, and its digest.

A story's digest is chosen across the digests stored with its articles by the engine's story
digest (:func:`summarise.digest_story`, the same one ``digestbot summarise --batch`` runs on
``articles`` lines), each sentence credited to its source, under "N sources, first reported by
X". An update shows only sentences from articles that joined after the reader's last look and
that repeat nothing the reader was given (or that the story's earlier articles said).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from bot import texts
from bot.store.stories import Member, given_to_chat, load_members, story_keys
from summarise import (
    READ_EACH_END,
    Actor,
    Report,
    SourcedSentence,
    digest_story,
    merge_actors,
    story_reading,
)

__all__ = [
    "UPDATE_PREFIX",
    "Candidate",
    "Composed",
    "StoryRow",
    "compose",
    "compose_update",
    "digest_candidates",
    "load_stories",
    "story_from_members",
]

UPDATE_PREFIX = texts.UPDATE_PREFIX


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story: its first article's title, link and source, and every article in scope.

    ``summary`` pools the digests of the articles its digest reads (first reported first);
    ``actors`` merges those of all its articles. A story of one article is that article.
    """

    id: int
    title: str
    url: str
    source: str | None
    summary: list[str]
    actors: list[Actor]
    text_chars: int
    published: datetime | None
    fetched_at: datetime
    members: tuple[Member, ...] = ()
    # Its first article's language (ISO 639-1); each sentence stays in its own article's.
    language: str = "en"

    @property
    def when(self) -> datetime:
        return self.published or self.fetched_at

    @property
    def latest(self) -> datetime:
        """When the story last gained an article."""
        return max((member.when for member in self.members), default=self.when)

    @property
    def sources(self) -> list[str]:
        """Its sources, the first to report it first."""
        return list(dict.fromkeys(member.source for member in self.members))

    @property
    def revision(self) -> int:
        """The newest membership seq among its articles (0 for an article filed under none)."""
        return max((member.seq for member in self.members), default=0)


def story_from_members(members: Sequence[Member]) -> StoryRow:
    """The story of these articles (oldest first; at least one)."""
    first = members[0]
    assert first.fetched_at is not None
    return StoryRow(
        id=first.story_id,
        title=first.title,
        url=first.url,
        source=first.source,
        summary=[s for i in story_reading(range(len(members))) for s in members[i].summary],
        actors=first.actors if len(members) == 1 else merge_actors(m.actors for m in members),
        text_chars=max(member.text_chars for member in members),
        published=first.published,
        fetched_at=first.fetched_at,
        members=tuple(members),
        language=first.language or "en",
    )


def load_stories(
    conn: Connection, story_ids: Sequence[int], source_ids: Sequence[int] | None
) -> list[StoryRow]:
    """These stories, with their articles in scope, in the order given (empty ones left out)."""
    members = load_members(conn, story_ids, source_ids)
    return [story_from_members(members[i]) for i in dict.fromkeys(story_ids) if i in members]


@dataclass(frozen=True, slots=True)
class Composed:
    """A story's digest as shown: credited sentences, and its sources line if it has several."""

    sentences: list[str]
    coverage: str | None
    chosen: list[str]


def _reports(members: Sequence[Member]) -> list[Report]:
    """The story's articles as its digest reads them: the digest stored with each (their
    actors are merged once, in :func:`story_from_members`), in its own language."""
    return [
        Report(m.summary, m.source, m.text_chars, m.title, language=m.language or "en")
        for m in members
    ]


def _credited(story: StoryRow, chosen: Sequence[SourcedSentence]) -> Composed:
    sources = story.sources
    if len(sources) < 2:
        lines = [s.text for s in chosen]
        return Composed(lines, None, lines)
    count = len(sources)
    coverage = texts.COVERAGE.format(count=count, first=sources[0])
    return Composed([f"{s.text} ({s.source})" for s in chosen], coverage, [s.text for s in chosen])


def compose(story: StoryRow, sentences: int) -> Composed:
    """The story's digest: ``sentences`` sentences across its articles, each said once."""
    digest = digest_story(_reports(story.members), sentences=max(sentences, 0))
    return _credited(story, digest.chosen)


def compose_update(
    story: StoryRow, sentences: int, seen_revision: int, given: Sequence[str]
) -> Composed | None:
    """What is new since the reader saw ``seen_revision`` and was given the ``given``
    sentences: sentences of later articles repeating neither; None when nothing is new."""
    later = [i for i, member in enumerate(story.members) if member.seq > seen_revision]
    if not later:
        return None
    earlier = [i for i, member in enumerate(story.members) if member.seq <= seen_revision]
    known = [s for i in story_reading(earlier) for s in story.members[i].summary]
    # An update reads the newest of its new articles.
    digest = digest_story(
        _reports(story.members),
        sentences=sentences,
        covered=[*given, *known],
        read=later[-2 * READ_EACH_END :],
    )
    return _credited(story, digest.chosen) if digest.chosen else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A story for a chat's next digest: new to it (``update`` None) or with news since."""

    story: StoryRow
    update: Composed | None = None

    # What keyword filters read (bot.filters.match.FilterableStory): the whole story's.
    @property
    def id(self) -> int:
        return self.story.id

    @property
    def title(self) -> str:
        return self.story.title

    @property
    def url(self) -> str:
        return self.story.url

    @property
    def summary(self) -> list[str]:
        return self.story.summary

    @property
    def actors(self) -> list[Actor]:
        return self.story.actors


def digest_candidates(
    conn: Connection, chat_id: int, source_ids: Sequence[int], since: datetime, sentences: int
) -> list[Candidate]:
    """Stories with articles in scope fetched since ``since`` that the chat has not had, or
    that gained new facts since it had them. A story whose new articles only repeat what the
    chat was given is left out (and stays left out until an article with news joins it)."""
    keys = story_keys(conn, source_ids, limit=None, fetched_since=since, news_for_chat=chat_id)
    given = given_to_chat(conn, chat_id, keys)
    found = []
    for story in load_stories(conn, keys, source_ids):
        had = given.get(story.id)
        if had is None:
            found.append(Candidate(story))
            continue
        update = compose_update(story, sentences, had.revision, had.sentences)
        if update is not None:
            found.append(Candidate(story, update))
    return found
