"""Story clustering: articles from different sources about the same event join one story.

Each story is a smoothed word distribution. A new article joins the story under which its words
are most likely, measured against general English word frequencies, if that beats opening a new
story (a Dirichlet-process mixture decided one article at a time, as in MStream, Yin et al.
2018, with the general word frequencies as its base distribution). Only stories that share a
rare word with the article (an inverted index) and that received an article within the last
``window`` are scored, so an article costs about the same with 100 or 10,000 stored articles;
``forget_before`` drops long-closed stories to bound memory.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from summarise.stories.terms import background_probability, story_terms

__all__ = [
    "ClusterSettings",
    "StoredRow",
    "StoryArticle",
    "StoryClusterer",
    "cluster_articles",
]


# A stored article as the bot keeps it: (id, title, text, published, story_id).
StoredRow = tuple[str, str, str, datetime, str]

# Shorter word sets match by chance ("Business Highlights", "Stocks close lower").
REPOST_MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article as the clusterer sees it; a naive ``published`` is read as UTC, and
    ``language`` is an ISO 639-1 code (articles in different languages meet only by names)."""

    id: str
    title: str
    text: str
    published: datetime
    language: str = "en"


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Chosen on the development headlines and checked on each half of its stories."""

    # Pseudo-count of general English mixed into each story's word distribution.
    smoothing: float = 25.0
    # Weight of opening a new story, per article seen within the window.
    novelty: float = 0.05
    # A story that received no article for this long is closed.
    window: timedelta = timedelta(hours=12)
    # A story older than this is closed even if still active, so it cannot drift for ever.
    max_age: timedelta = timedelta(hours=72)
    # Token-set overlap above which an article is a re-post of a stored one, whatever its age.
    repost_overlap: float = 0.8
    # Words more common than this do not propose candidate stories (they still score).
    candidate_max_probability: float = 2e-4


@dataclass(slots=True)
class _Story:
    id: str
    first: datetime
    last: datetime
    articles: int = 0
    words: int = 0
    counts: Counter[str] = field(default_factory=Counter)


class StoryClusterer:
    """Assigns articles, in arrival order, to stories; rebuildable from stored assignments."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self._stories: dict[str, _Story] = {}
        self._by_word: defaultdict[str, set[str]] = defaultdict(set)
        self._reposts: defaultdict[str, list[tuple[frozenset[str], str]]] = defaultdict(list)
        self._recent: deque[datetime] = deque()
        self._story_of: dict[str, str] = {}

    @classmethod
    def rebuild(
        cls, rows: Iterable[StoredRow], settings: ClusterSettings | None = None
    ) -> StoryClusterer:
        """A clusterer holding stored articles, from (id, title, text, published, story_id) rows.

        Later ``assign`` calls decide as the clusterer that made the stored assignments would.
        """
        clusterer = cls(settings)
        for article_id, title, text, published, story_id in sorted(rows, key=lambda r: _utc(r[3])):
            clusterer.add(StoryArticle(article_id, title, text, published), story_id)
        return clusterer

    def __len__(self) -> int:
        return len(self._story_of)

    def story_of(self, article_id: str) -> str | None:
        """The story an already seen article belongs to."""
        return self._story_of.get(article_id)

    def assign(self, article: StoryArticle) -> str:
        """Decide the story of a new article, remember it, and return the story id.

        A new story takes the id of its first article. An article seen before keeps its story.
        """
        known = self._story_of.get(article.id)
        if known is not None:
            return known
        published = _utc(article.published)
        words = story_terms(article.title, article.text, article.language)
        self._note_arrival(published)
        story_id = self._best_story(words, published) or self._repost_of(words) or article.id
        self._record(article.id, words, published, story_id)
        return story_id

    def add(self, article: StoryArticle, story_id: str) -> None:
        """Record an article whose story is already known (restoring stored assignments)."""
        if article.id in self._story_of:
            return
        published = _utc(article.published)
        self._note_arrival(published)
        words = story_terms(article.title, article.text, article.language)
        self._record(article.id, words, published, story_id)

    def forget_before(self, moment: datetime) -> int:
        """Drop stories whose last article is older than ``moment``; returns how many."""
        moment = _utc(moment)
        old = [story for story in self._stories.values() if story.last < moment]
        for story in old:
            del self._stories[story.id]
            for word in story.counts:
                self._by_word[word].discard(story.id)
                if not self._by_word[word]:
                    del self._by_word[word]
        gone = {story.id for story in old}
        for key in list(self._reposts):
            kept = [entry for entry in self._reposts[key] if entry[1] not in gone]
            if kept:
                self._reposts[key] = kept
            else:
                del self._reposts[key]
        self._story_of = {a: s for a, s in self._story_of.items() if s not in gone}
        return len(old)

    def _note_arrival(self, published: datetime) -> None:
        self._recent.append(published)
        while self._recent and published - self._recent[0] > self.settings.window:
            self._recent.popleft()

    def _repost_of(self, words: Counter[str]) -> str | None:
        """The story of a stored article with nearly the same words, however old."""
        seen = frozenset(words)
        if len(seen) < REPOST_MIN_WORDS:
            return None
        for key in _rarest(seen, 2):
            for other, story_id in self._reposts.get(key, ()):
                overlap = len(seen & other) / len(seen | other)
                if overlap >= self.settings.repost_overlap and story_id in self._stories:
                    return story_id
        return None

    def _candidates(self, words: Counter[str], published: datetime) -> set[str]:
        limit = self.settings.candidate_max_probability
        found: set[str] = set()
        for word in words:
            if background_probability(word) <= limit:
                found |= self._by_word.get(word, set())
        return {story_id for story_id in found if self._is_open(self._stories[story_id], published)}

    def _is_open(self, story: _Story, published: datetime) -> bool:
        window = self.settings.window
        return (
            published - story.last <= window
            and story.first - published <= window
            and published - story.first <= self.settings.max_age
        )

    def _best_story(self, words: Counter[str], published: datetime) -> str | None:
        """The open story that explains the words better than a new story would, if any."""
        if not words:
            return None
        best_id = None
        best_score = math.log(self.settings.novelty * len(self._recent))
        for story_id in self._candidates(words, published):
            score = self._score(self._stories[story_id], words)
            if score > best_score or (
                score == best_score and best_id is not None and story_id < best_id
            ):
                best_id, best_score = story_id, score
        return best_id

    def _score(self, story: _Story, words: Counter[str]) -> float:
        """log(story size) + log-likelihood ratio of the words: story vs general English."""
        smoothing = self.settings.smoothing
        denominator = math.log(story.words + smoothing)
        score = math.log(story.articles)
        for word, count in words.items():
            background = background_probability(word)
            smoothed = math.log(story.counts.get(word, 0) + smoothing * background)
            score += count * (smoothed - denominator - math.log(background))
        return score

    def _record(
        self, article_id: str, words: Counter[str], published: datetime, story_id: str
    ) -> None:
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = _Story(story_id, published, published)
        story.first = min(story.first, published)
        story.last = max(story.last, published)
        story.articles += 1
        story.words += sum(words.values())
        story.counts.update(words)
        for word in words:
            self._by_word[word].add(story_id)
        seen = frozenset(words)
        for key in _rarest(seen, 2):
            self._reposts[key].append((seen, story_id))
        self._story_of[article_id] = story_id


def _rarest(words: frozenset[str], count: int) -> list[str]:
    return sorted(words, key=lambda word: (background_probability(word), word))[:count]


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def cluster_articles(
    articles: Iterable[StoryArticle], settings: ClusterSettings | None = None
) -> dict[str, str]:
    """Story id per article id, deciding in arrival order (by ``published``, then input order)."""
    clusterer = StoryClusterer(settings)
    ordered = sorted(enumerate(articles), key=lambda pair: (_utc(pair[1].published), pair[0]))
    return {article.id: clusterer.assign(article) for _, article in ordered}
