"""Canonical URLs: links to the same article compare equal, different articles never do."""

from __future__ import annotations

import pytest

from bot.collect.urls import canonical_url


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
