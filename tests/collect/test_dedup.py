"""Dedup keys: what counts as the same text, and entries whose keys cannot be stored."""

from __future__ import annotations

from bot.collect.dedup import MAX_KEY_BYTES, content_hash, prepare_entry
from bot.models import FetchedEntry

LONG = "The committee published its report on Friday after two years of hearings. " * 4


def test_text_differing_only_in_case_and_spacing_has_one_hash() -> None:
    assert content_hash("A", LONG) == content_hash("B", "  " + LONG.upper().replace(" ", "\n"))


def test_short_texts_are_told_apart_by_their_titles() -> None:
    assert content_hash("Storm hits coast", "Read more.") != content_hash(
        "Vote delayed", "Read more."
    )
    assert content_hash("", "") is None


def test_entry_without_guid_is_keyed_by_its_canonical_url() -> None:
    item = prepare_entry(FetchedEntry(url="https://E.com/a?utm_source=x", title="t", text=LONG))
    assert item is not None
    assert item.guid == item.canonical_url == "https://e.com/a"


def test_overlong_guid_is_hashed_and_overlong_or_missing_links_are_skipped() -> None:
    guid = "tag:example.com," + "x" * 5000
    item = prepare_entry(FetchedEntry(url="https://e.com/a", title="t", text=LONG, guid=guid))
    assert item is not None and item.guid.startswith("sha256:") and len(item.guid) < 80
    huge = "https://e.com/" + "a" * MAX_KEY_BYTES
    assert prepare_entry(FetchedEntry(url=huge, title="t", text=LONG)) is None
    assert prepare_entry(FetchedEntry(url="  ", title="t", text=LONG)) is None
