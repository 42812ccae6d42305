"""Dedup keys: what counts as the same text, and entries whose keys cannot be stored."""

from __future__ import annotations

from bot.collect.dedup import MAX_KEY_BYTES, content_hash, prepare_entries, prepare_entry
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


def test_entries_of_one_page_are_identified_by_guid_or_fragment() -> None:
    page = "https://e.com/2025/06/02.html"
    with_guids = prepare_entries(
        [FetchedEntry(url=f"{page}#a{n}", title="", text=LONG, guid=f"g{n}") for n in (1, 2)]
    )
    assert [(item.guid, item.canonical_url) for item in with_guids] == [
        ("g1", f"{page}#a1"),
        ("g2", f"{page}#a2"),
    ]
    without = prepare_entries(
        [FetchedEntry(url=f"{page}#a{n}", title="", text=LONG) for n in (1, 2)]
    )
    assert [item.guid for item in without] == [f"{page}#a1", f"{page}#a2"]
    assert all(item.identified_by_link and not item.shared_link for item in without)


def test_a_guid_on_several_links_falls_back_to_guid_and_link() -> None:
    items = prepare_entries(
        [FetchedEntry(url=f"https://e.com/{n}", title=f"T{n}", text=LONG, guid="x") for n in (1, 2)]
    )
    assert [item.guid for item in items] == ["x https://e.com/1", "x https://e.com/2"]
    assert "x" in items[0].aliases and not items[0].shared_link


def test_entries_sharing_guid_and_link_fall_back_to_their_content() -> None:
    entries = [
        FetchedEntry(url="https://e.com/", title=f"Flash {n}", text=f"Trains run late {n}.")
        for n in (1, 2)
    ]
    items = prepare_entries(entries)
    assert [item.guid for item in items] == [
        f"https://e.com/ {item.content_hash}" for item in items
    ]
    assert all(item.shared_link and "https://e.com/" in item.aliases for item in items)
    # The same entry listed twice keeps one identity: it is one article.
    twice = prepare_entries([entries[0], entries[0]])
    assert twice[0].guid == twice[1].guid == "https://e.com/"
