"""Story clustering: which articles end up in one story, decided one article at a time."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from summarise.stories.clustering import (
    ClusterSettings,
    StoryArticle,
    StoryClusterer,
    cluster_articles,
)
from summarise.stories.terms import story_terms, terms

FULLTEXT = Path(__file__).resolve().parent.parent / "data" / "stories_fulltext.jsonl"
T0 = datetime(2025, 4, 7, 6, 0, tzinfo=UTC)

BRIDGE_TEXT = (
    "The Kelloway Bridge in Port Elvin was closed to all traffic early on Monday after "
    "inspectors found cracks in two of its steel support girders. City engineer Marta Okafor "
    "said the closure was a precaution and that divers would examine the piers."
)
STRIKE_TEXT = (
    "SkyBridge Airways cancelled about 200 flights on Monday as pilots began a two-day strike "
    "over pay. The pilots' union, led by Colin Marsh, said members had no real pay rise."
)


def article(key: str, title: str, text: str = "", hours: float = 0.0) -> StoryArticle:
    return StoryArticle(key, title, text, T0 + timedelta(hours=hours))


def load_fulltext() -> tuple[list[StoryArticle], dict[str, str]]:
    rows = [json.loads(line) for line in FULLTEXT.read_text(encoding="utf-8").splitlines()]
    articles = [
        StoryArticle(r["id"], r["title"], r["text"], datetime.fromisoformat(r["published"]))
        for r in rows
    ]
    return articles, {r["id"]: r["story"] for r in rows}


def same_story_pairs(labels: dict[str, str]) -> set[frozenset[str]]:
    ids = sorted(labels)
    return {
        frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1 :] if labels[a] == labels[b]
    }


def test_near_identical_repost_from_another_feed_joins_the_story() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(
        article("a1", "Harbour bridge shut after engineers find cracks", BRIDGE_TEXT)
    )
    clusterer.assign(
        article("b1", "SkyBridge cancels 200 flights as pilots walk out", STRIKE_TEXT, 0.5)
    )
    repost = article("a2", "Harbour bridge shut after engineers find cracks!", BRIDGE_TEXT, 2)

    assert clusterer.assign(repost) == first == "a1"


def test_repost_days_later_still_joins_the_old_story() -> None:
    clusterer = StoryClusterer()
    clusterer.assign(article("a1", "Harbour bridge shut after engineers find cracks", BRIDGE_TEXT))
    late = article("a9", "Harbour bridge shut after engineers find cracks", BRIDGE_TEXT, 72)

    assert clusterer.assign(late) == "a1"


def test_differently_worded_report_joins_by_text_and_actors() -> None:
    clusterer = StoryClusterer()
    clusterer.assign(article("a1", "Harbour bridge shut after engineers find cracks", BRIDGE_TEXT))
    other = article(
        "a2",
        "Commuters face long detours as crossing closes",
        "Drivers in Port Elvin queued for an hour after the Kelloway Bridge was closed. Marta "
        "Okafor, the city's chief engineer, said checks had found cracking in the girders.",
        2,
    )

    assert clusterer.assign(other) == "a1"


def test_unrelated_articles_open_their_own_stories() -> None:
    clusterer = StoryClusterer()
    stories = [
        clusterer.assign(
            article("a1", "Harbour bridge shut after engineers find cracks", BRIDGE_TEXT)
        ),
        clusterer.assign(
            article("b1", "SkyBridge cancels 200 flights as pilots walk out", STRIKE_TEXT)
        ),
        clusterer.assign(article("c1", "New species of tiny frog found in cloud forest", hours=1)),
    ]

    assert stories == ["a1", "b1", "c1"]


def test_a_story_quiet_for_longer_than_the_window_is_closed() -> None:
    clusterer = StoryClusterer(ClusterSettings(window=timedelta(hours=12)))
    clusterer.assign(article("a1", "Kelloway bridge in Port Elvin closed over cracks"))
    next_day = article("a2", "Port Elvin's Kelloway bridge reopening delayed", hours=20)
    same_day = article("a3", "Kelloway bridge repairs in Port Elvin to take weeks", hours=4)

    assert clusterer.assign(same_day) == "a1"
    assert clusterer.assign(next_day) == "a2"


def test_titles_only_group_headlines_of_one_event() -> None:
    headlines = [
        "Flappy Bird could return, creator says",
        "Flappy Bird may rise again, creator says",
        "Mt. Gox files for US bankruptcy protection",
        "Flappy Bird creator considering bringing game back",
        "Bitcoin exchange Mt. Gox seeks US bankruptcy relief",
    ]
    labels = cluster_articles(
        article(f"h{i}", title, hours=i * 0.1) for i, title in enumerate(headlines)
    )

    assert labels == {"h0": "h0", "h1": "h0", "h2": "h2", "h3": "h0", "h4": "h2"}


def test_rebuilt_clusterer_decides_like_the_one_that_made_the_assignments() -> None:
    articles, _ = load_fulltext()
    ordered = sorted(articles, key=lambda a: a.published)
    stored, incoming = ordered[:20], ordered[20:]
    original = StoryClusterer()
    rows = [(a.id, a.title, a.text, a.published, original.assign(a)) for a in stored]

    rebuilt = StoryClusterer.rebuild(reversed(rows))

    assert [rebuilt.assign(a) for a in incoming] == [original.assign(a) for a in incoming]
    assert len(rebuilt) == len(articles)


def test_an_article_seen_before_keeps_its_story() -> None:
    clusterer = StoryClusterer()
    clusterer.assign(article("a1", "Harbour bridge shut after engineers find cracks", BRIDGE_TEXT))

    again = article("a1", "A different title for the same stored article", hours=50)

    assert clusterer.assign(again) == "a1"
    assert clusterer.story_of("a1") == "a1"
    assert clusterer.story_of("missing") is None


def test_forget_before_drops_old_stories_so_later_reposts_start_afresh() -> None:
    clusterer = StoryClusterer()
    clusterer.assign(article("a1", "Harbour bridge shut after engineers find cracks", BRIDGE_TEXT))
    clusterer.assign(
        article("b1", "SkyBridge cancels 200 flights as pilots walk out", STRIKE_TEXT, 30)
    )

    assert clusterer.forget_before(T0 + timedelta(hours=24)) == 1
    late = article("a2", "Harbour bridge shut after engineers find cracks", BRIDGE_TEXT, 40)
    assert clusterer.assign(late) == "a2"
    assert clusterer.story_of("b1") == "b1"


def test_article_without_words_is_a_story_of_its_own() -> None:
    clusterer = StoryClusterer()
    clusterer.assign(article("a1", "Harbour bridge shut after engineers find cracks"))

    assert clusterer.assign(article("x", "", "", 1)) == "x"
    assert clusterer.assign(article("y", "The and of", "", 1)) == "y"


def test_naive_times_are_read_as_utc() -> None:
    naive = StoryArticle("n1", "Kelloway bridge in Port Elvin closed", "", datetime(2025, 4, 7, 6))
    clusterer = StoryClusterer()
    clusterer.assign(article("a1", "Kelloway bridge in Port Elvin closed over cracks"))

    assert clusterer.assign(naive) == "a1"


def test_fulltext_set_keeps_events_apart_and_groups_their_reports() -> None:
    articles, gold = load_fulltext()
    predicted = cluster_articles(articles)
    gold_pairs, predicted_pairs = same_story_pairs(gold), same_story_pairs(predicted)

    assert predicted_pairs <= gold_pairs  # no two events merged, the two strikes included
    assert len(predicted_pairs) / len(gold_pairs) >= 0.9
    assert predicted["ft-06"] == predicted["ft-04"]  # the syndicated re-post


def test_fulltext_needs_the_text_titles_alone_merge_the_two_strikes() -> None:
    articles, gold = load_fulltext()
    titles_only = [StoryArticle(a.id, a.title, "", a.published) for a in articles]

    with_text = same_story_pairs(cluster_articles(articles)) - same_story_pairs(gold)
    without_text = same_story_pairs(cluster_articles(titles_only)) - same_story_pairs(gold)

    assert not with_text
    assert without_text


def test_story_terms_use_title_then_lead_then_named_actors() -> None:
    text = (
        "Cracks closed the bridge on Monday. "
        + "word " * 60
        + "ends. Later, Mayor Helen Brandt spoke."
    )

    counted = story_terms("Bridge shut", text)

    assert counted["bridge"] == 2  # title and lead
    assert {"helen", "brandt"} <= set(counted)  # an actor named after the lead
    assert "later" not in counted  # a sentence opener is not a name
    assert (
        story_terms("Bridge shut") == Counter(terms("Bridge shut")) == Counter(["bridge", "shut"])
    )


def test_terms_fold_plurals_and_possessives() -> None:
    assert terms("McDonald's stocks’ gains; the Stock's rally") == [
        "mcdonald",
        "stock",
        "gain",
        "stock",
        "rally",
    ]
