"""A story's digest: one digest across several outlets' reports of the same event.

Each report is first digested on its own (:func:`summarise.summarise`; the bot stores that
digest with the article). :func:`digest_story` then leaves out junk reports
(:mod:`summarise.stories.junk`), chooses sentences across the rest
(:func:`summarise.sentences.multidoc.select_across`: by place in their article's digest and by
how many other outlets say the same, each fact once), credits each to its source, and merges
the actors of all reports. :func:`summarise_story` does both steps from the articles' texts
(``digestbot summarise --batch`` on ``articles`` lines); the bot's story digests call
:func:`digest_story` on the digests it stored with each article, so both give the same sentences
for the same articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from summarise._api import summarise
from summarise.actors.names import one_names_the_other
from summarise.models import Actor, NoTextError, Position
from summarise.sentences.multidoc import SourcedSentence, select_across
from summarise.stories.junk import junk_reports

__all__ = [
    "READ_EACH_END",
    "Report",
    "StoryDigest",
    "StoryText",
    "digest_story",
    "merge_actors",
    "report_of",
    "story_reading",
    "summarise_story",
]

# A story of hundreds of articles is read from its first and newest few (selection cost grows
# with the square of the sentences read).
READ_EACH_END = 8


@dataclass(frozen=True, slots=True)
class StoryText:
    """One outlet's article as given: its text, and optionally its title, source and date."""

    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """One article of a story as its digest reads it: its own digest's sentences (article
    order), its source, its actors and attributions, and the length of its text in characters."""

    sentences: Sequence[str]
    source: str
    chars: int
    title: str | None = None
    actors: Sequence[Actor] = ()
    attributions: Sequence[Position] = ()
    language: str = "en"  # ISO 639-1: its sentences are compared in it


@dataclass(slots=True)
class StoryDigest:
    """A story's digest: sentences in reading order, the source of each (``sources[i]`` said
    ``sentences[i]``), the actors of all its reports merged, and the reports left out as junk."""

    title: str | None
    sentences: list[str]
    sources: list[str]
    actors: list[Actor] = field(default_factory=list)
    # Each report's attributions, in report order (offsets into that report's text).
    attributions: list[list[Position]] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    chosen: list[SourcedSentence] = field(default_factory=list)


def report_of(
    article: StoryText,
    *,
    sentences: int = 3,
    max_chars: int | None = None,
    algorithm: str = "default",
    actors: bool = True,
    source: str | None = None,
    language: str | None = None,
) -> Report:
    """``article`` digested on its own, as a story digest reads it (an article without text
    gives a report without sentences); ``language`` as for :func:`summarise` (None detects)."""
    name = article.source or source or "?"
    try:
        digest = summarise(
            article.text,
            title=article.title,
            sentences=sentences,
            max_chars=max_chars,
            algorithm=algorithm,
            actors=actors,
            language=language,
        )
    except NoTextError:
        return Report([], name, len(article.text), article.title)
    return Report(
        digest.sentences,
        name,
        len(article.text),
        digest.title,
        digest.actors,
        digest.attributions,
        digest.language,
    )


def summarise_story(
    articles: Sequence[StoryText],
    *,
    sentences: int = 3,
    max_chars: int | None = None,
    algorithm: str = "default",
    actors: bool = True,
    language: str | None = None,
) -> StoryDigest:
    """The digest of several articles on one event: each digested on its own (``sentences``
    sentences, ``algorithm``), then ``sentences`` sentences chosen across them, within
    ``max_chars`` when given (:func:`digest_story`). An article without a source is named by its
    place ("article 1", ...). ``language`` pins every article's language (None detects each).
    Raises ValueError when none has text."""
    if not articles:
        raise ValueError("no articles to summarise")
    reports = [
        report_of(
            article,
            sentences=sentences,
            algorithm=algorithm,
            actors=actors,
            source=f"article {number}",
            language=language,
        )
        for number, article in enumerate(articles, start=1)
    ]
    if not any(report.sentences for report in reports):
        raise NoTextError("no text to summarise")
    return digest_story(reports, sentences=sentences, max_chars=max_chars)


def story_reading(documents: Sequence[int]) -> list[int]:
    """The reports a digest reads: the first and the newest, when there are many."""
    if len(documents) <= 2 * READ_EACH_END:
        return list(documents)
    return [*documents[:READ_EACH_END], *documents[-READ_EACH_END:]]


def digest_story(
    reports: Sequence[Report],
    *,
    sentences: int,
    max_chars: int | None = None,
    covered: Sequence[str] = (),
    read: Sequence[int] | None = None,
) -> StoryDigest:
    """Up to ``sentences`` sentences across ``reports`` (first reported first), none repeating
    another report's or a ``covered`` one, junk reports left out.

    ``read`` limits the reports sentences come from (an update reads only the new ones); by
    default the first and newest :data:`READ_EACH_END` of those kept. Junk is judged against
    all ``reports``, and a story of one report is that report's digest.
    """
    dropped = junk_reports([r.sentences for r in reports], [r.chars for r in reports])
    kept = [i for i in range(len(reports)) if i not in dropped]
    documents = story_reading(kept) if read is None else [i for i in read if i not in dropped]
    pool = [
        SourcedSentence(text, reports[d].source, d, position, reports[d].language)
        for d in documents
        for position, text in enumerate(reports[d].sentences)
    ]
    chosen = select_across(pool, count=sentences, covered=covered, max_chars=max_chars)
    title = next((reports[i].title for i in kept if reports[i].title), None)
    return StoryDigest(
        title=title,
        sentences=[s.text for s in chosen],
        sources=[s.source for s in chosen],
        actors=merge_actors(reports[i].actors for i in kept),
        attributions=[list(report.attributions) for report in reports],
        dropped=sorted(dropped),
        chosen=chosen,
    )


def merge_actors(groups: Iterable[Sequence[Actor]]) -> list[Actor]:
    """The actors of several articles, one per person or organisation ("Lagarde" joins
    "Christine Lagarde"): fullest name, roles and aliases joined, positions kept once, most
    mentioned first. The actors given are not changed."""
    merged: list[Actor] = []
    by_name: dict[str, Actor] = {}  # every name and alias seen, case-folded
    for actors in groups:
        for actor in actors:
            known = by_name.get(actor.name.casefold()) or next(
                (
                    m
                    for m in merged
                    if m.type == actor.type
                    and any(one_names_the_other(n, actor.name) for n in (m.name, *m.aliases))
                ),
                None,
            )
            if known is None:
                known = replace(actor, positions=[*actor.positions], aliases=[*actor.aliases])
                merged.append(known)
            else:
                if len(actor.name) > len(known.name):
                    known.aliases.append(known.name)
                    known.name = actor.name
                known.role = known.role or actor.role
                known.mentions += actor.mentions
                known.positions += [p for p in actor.positions if p not in known.positions]
                names = [actor.name, *actor.aliases]
                known.aliases += [a for a in names if a != known.name and a not in known.aliases]
            for name in (known.name, *known.aliases):
                by_name.setdefault(name.casefold(), known)
    return sorted(merged, key=lambda actor: -actor.mentions)
