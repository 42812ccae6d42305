"""What one actor said across stories, from the position ledger, and where that changed.

A position counts as changed when the same actor took an earlier one, in an earlier article on
the same story or topic (stories whose titles share at least two content words), and neither
of the two says mostly what the other says (the test that keeps a digest from repeating a
sentence, on the words other than the actor's own names). It is shown as "changed: ..." with
"earlier: ..." beneath. Nothing more is claimed: two different statements on one topic are a
change of position only in that sense.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.store.ledger import LedgerEntry
from summarise import REDUNDANT_SHARE, content_words, name_words, one_names_the_other

__all__ = ["MIN_SHARED_TITLE_WORDS", "ActorStory", "Stance", "actor_stories", "main_actor"]

MIN_SHARED_TITLE_WORDS = 2


@dataclass(frozen=True, slots=True)
class Stance:
    """A position an actor took, and the earlier one it departs from, if it changed."""

    entry: LedgerEntry
    earlier: LedgerEntry | None = None


@dataclass(slots=True)
class ActorStory:
    """One story an actor appears in: the newest mention first, then its positions."""

    story_id: int
    title: str
    latest: LedgerEntry
    stances: list[Stance] = field(default_factory=list)


def _words(name: str) -> frozenset[str]:
    return frozenset(name_words(name))


def main_actor(entries: Sequence[LedgerEntry]) -> tuple[str, str | None]:
    """The name most entries carry (its fullest form), and the role most often given to it."""
    counts = Counter(entry.actor for entry in entries)
    top = min(counts, key=lambda name: (-counts[name], -len(_words(name)), name))
    fuller = [name for name in counts if _words(top) < _words(name)]
    name = min(fuller, key=lambda n: (-counts[n], -len(_words(n)), n)) if fuller else top
    roles = Counter(e.role for e in _same_actor(entries, name) if e.role)
    return name, roles.most_common(1)[0][0] if roles else None


def _same_actor(entries: Sequence[LedgerEntry], name: str) -> list[LedgerEntry]:
    return [
        entry
        for entry in entries
        if any(one_names_the_other(name, alias) for alias in (entry.actor, *entry.names))
    ]


def _own_words(entry: LedgerEntry) -> frozenset[str]:
    return frozenset(word for alias in (entry.actor, *entry.names) for word in content_words(alias))


def _said(entry: LedgerEntry) -> frozenset[str]:
    text = " ".join(part for part in (entry.position, entry.quote) if part)
    return content_words(text) - _own_words(entry)


def _differs(a: LedgerEntry, b: LedgerEntry) -> bool:
    mine, theirs = _said(a), _said(b)
    if not mine or not theirs:
        return False
    common = len(mine & theirs)
    return common / len(mine) < REDUNDANT_SHARE and common / len(theirs) < REDUNDANT_SHARE


def _same_topic(a: LedgerEntry, b: LedgerEntry, titles: Mapping[int, str]) -> bool:
    if a.story_id == b.story_id:
        return True
    own = _own_words(a) | _own_words(b)  # the actor's own name is no topic
    words = content_words(titles.get(a.story_id, a.title)) - own
    other = content_words(titles.get(b.story_id, b.title)) - own
    return len(words & other) >= MIN_SHARED_TITLE_WORDS


def _stances(said: Sequence[LedgerEntry], titles: Mapping[int, str]) -> dict[int, Stance]:
    """Each position (by ledger order, oldest first) with the earlier one it changed from."""
    found: dict[int, Stance] = {}
    for index, entry in enumerate(said):
        earlier = next(
            (
                before
                for before in reversed(said[:index])
                if before.article_id != entry.article_id
                and before.said_at < entry.said_at
                and _same_topic(entry, before, titles)
            ),
            None,
        )
        changed = earlier is not None and _differs(entry, earlier)
        found[index] = Stance(entry, earlier if changed else None)
    return found


def actor_stories(
    entries: Sequence[LedgerEntry], name: str, titles: Mapping[int, str]
) -> list[ActorStory]:
    """The stories of the actor called ``name`` (and its aliases), the most recent first, each
    with its positions newest first."""
    mine = _same_actor(entries, name)
    oldest_first = sorted(mine, key=lambda e: (e.said_at, e.article_id))
    said = [entry for entry in oldest_first if entry.position or entry.quote]
    stances = _stances(said, titles)
    stories: dict[int, ActorStory] = {}
    for entry in reversed(oldest_first):
        if entry.story_id not in stories:
            title = titles.get(entry.story_id, entry.title)
            stories[entry.story_id] = ActorStory(entry.story_id, title, entry)
    for index in reversed(range(len(said))):
        stories[said[index].story_id].stances.append(stances[index])
    return list(stories.values())
