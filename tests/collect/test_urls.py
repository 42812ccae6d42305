"""Canonical URLs: links to the same article compare equal, different articles never do."""

from __future__ import annotations

import pytest

from bot.collect.urls import canonical_item_url, canonical_url


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://news.example.com/a/1?utm_source=rss&utm_medium=feed&id=7",
            "https://news.example.com/a/1?id=7",
        ),
        ("https://News.Example.COM/a/1", "https://news.example.com/a/1"),
        ("HTTPS://news.example.com/a/1#comments", "https://news.example.com/a/1"),
        ("https://news.example.com/a/1?fbclid=abc&gclid=def", "https://news.example.com/a/1"),
        ("https://news.example.com/a/1?ref=twitter&ref_src=tw", "https://news.example.com/a/1"),
        ("https://news.example.com/a/1?UTM_Campaign=x", "https://news.example.com/a/1"),
        ("https://news.example.com:443/a/1", "https://news.example.com/a/1"),
        ("http://news.example.com:80/a/1", "http://news.example.com/a/1"),
        ("http://news.example.com:8080/a/1", "http://news.example.com:8080/a/1"),
        ("https://news.example.com", "https://news.example.com/"),
        ("https://news.example.com./a", "https://news.example.com/a"),
        ("  https://news.example.com/a  ", "https://news.example.com/a"),
        ("http://[::1]:8080/a?utm_term=x", "http://[::1]:8080/a"),
        ("http://127.0.0.1:80/a", "http://127.0.0.1/a"),
    ],
)
def test_canonical_url_drops_tracking_and_fragment(link: str, expected: str) -> None:
    assert canonical_url(link) == expected


def test_path_and_kept_parameters_are_left_as_written() -> None:
    # Paths are case-sensitive on most servers and parameter order can matter.
    link = "https://example.com/News/Story?b=2&a=1&q=a%20b&utm_source=x"
    assert canonical_url(link) == "https://example.com/News/Story?b=2&a=1&q=a%20b"


def test_removing_tracking_never_reencodes_other_parameters() -> None:
    assert canonical_url("https://e.com/s?q=a%20b&utm_source=x") == canonical_url(
        "https://e.com/s?q=a%20b"
    )


def test_parameters_that_only_look_like_tracking_are_kept() -> None:
    assert canonical_url("https://e.com/s?reference=3&source=rss&id=1") == (
        "https://e.com/s?reference=3&source=rss&id=1"
    )


def test_different_articles_stay_different() -> None:
    assert canonical_url("https://e.com/story?id=1") != canonical_url("https://e.com/story?id=2")


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        # A fragment that names one post of a page keeps the posts apart.
        (
            "http://Scripting.example/2017/06/26.html#a080605",
            "http://scripting.example/2017/06/26.html#a080605",
        ),
        ("https://e.com/live?utm_source=rss#update-2", "https://e.com/live#update-2"),
        ("https://e.com/app#!/story/5", "https://e.com/app#!/story/5"),
        ("https://e.com/a#page=2&utm_campaign=x", "https://e.com/a#page=2"),
        # Fragments that only move the reader, highlight words or track are dropped.
        ("https://e.com/a#comments", "https://e.com/a"),
        ("https://e.com/a#Top", "https://e.com/a"),
        ("https://e.com/a/#more-1234", "https://e.com/a/"),
        ("https://e.com/a#xtor=RSS-3208", "https://e.com/a"),
        ("https://e.com/a#utm_source=feed&utm_medium=rss", "https://e.com/a"),
        ("https://e.com/a#:~:text=budget", "https://e.com/a"),
        ("https://e.com/a#", "https://e.com/a"),
    ],
)
def test_item_url_keeps_only_a_fragment_that_names_the_item(link: str, expected: str) -> None:
    assert canonical_item_url(link) == expected
