"""OPML import/export and appending sources to a config file without disturbing it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
import yaml

from bot.config.configedit import append_sources
from bot.config.opml import OpmlFeed, parse_opml, to_opml
from bot.config.sources import SourceConfig
from bot.errors import InputError

READER_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News">
      <outline text="City Hall" title="City Hall Reporter" type="rss"
               xmlUrl="https://cityhall.example/feed.xml" htmlUrl="https://cityhall.example/"/>
      <outline text="Economy">
        <outline type="rss" text="Rates" xmlUrl="https://bank.example/rss"
                 category="/finance,/a/b"/>
      </outline>
    </outline>
    <outline type="rss" xmlUrl="https://untitled.example/atom"/>
    <outline type="link" text="Press page" url="https://press.example/latest"/>
    <outline text="Empty folder"/>
  </body>
</opml>
"""


def test_feeds_folders_and_categories_are_read() -> None:
    assert parse_opml(READER_EXPORT) == [
        OpmlFeed("City Hall Reporter", "https://cityhall.example/feed.xml", tags=("News",)),
        OpmlFeed("Rates", "https://bank.example/rss", tags=("News", "Economy", "finance", "b")),
        OpmlFeed("untitled.example", "https://untitled.example/atom"),
        OpmlFeed("Press page", "https://press.example/latest", kind="page"),
    ]


def test_json_feeds_are_feeds_whatever_type_the_reader_gave_them() -> None:
    listed = b"""<opml version="2.0"><body>
      <outline type="rss" text="Notes" xmlUrl="https://notes.example/feed.json"/>
      <outline type="json" text="Log" xmlUrl="https://log.example/feed.json"/>
      <outline text="Wire" xmlUrl="https://wire.example/rss.json"/>
    </body></opml>"""
    assert parse_opml(listed) == [
        OpmlFeed("Notes", "https://notes.example/feed.json"),
        OpmlFeed("Log", "https://log.example/feed.json"),
        OpmlFeed("Wire", "https://wire.example/rss.json"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>',
            "declares XML entities or a DTD",
        ),
        (b"<opml><body>", "not well-formed XML"),
        (b"<rss><channel/></rss>", "not OPML (root element <rss>, no <body>)"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        parse_opml(data)


def test_export_reads_back_the_same_sources() -> None:
    sources = [
        SourceConfig(
            name="City & Hall", url="https://cityhall.example/feed?a=1&b=2", tags=["local"]
        ),
        SourceConfig(name="Bank", url="https://bank.example/rss", tags=["economy", "local"]),
        SourceConfig(name="Plain", url="https://plain.example/atom"),
        SourceConfig(name="Press", url="https://press.example/latest", kind="page", tags=["local"]),
    ]
    text = to_opml(sources, now=datetime(2025, 6, 2, 8, 0, tzinfo=UTC))
    assert '<opml version="2.0">' in text
    assert "<dateCreated>Mon, 02 Jun 2025 08:00:00 GMT</dateCreated>" in text
    assert [(f.title, f.url, f.kind, f.tags) for f in parse_opml(text.encode())] == [
        ("City & Hall", "https://cityhall.example/feed?a=1&b=2", "feed", ("local",)),
        ("Press", "https://press.example/latest", "page", ("local",)),
        ("Bank", "https://bank.example/rss", "feed", ("economy", "local")),
        ("Plain", "https://plain.example/atom", "feed", ()),
    ]


NEW: list[dict[str, Any]] = [
    {"name": "Rates", "url": "https://bank.example/rss", "tags": ["finance", "b c"]},
    {"name": "Colon: title", "url": "https://x.example/feed"},
]
CONFIG = """\
# my digestbot
storage:
  url: sqlite:///var/digestbot.db   # keep this comment
sources:
  - name: City
    url: https://city.example/feed
    tags:
      - local
  # - name: old one, commented out
fetch:
  per_host: 2
"""


def test_sources_are_appended_to_the_list_and_everything_else_is_kept() -> None:
    text = append_sources(CONFIG, NEW)
    assert text == CONFIG.replace(
        "fetch:",
        "  - name: Rates\n    url: https://bank.example/rss\n    tags: [finance, b c]\n"
        "  - name: 'Colon: title'\n    url: https://x.example/feed\nfetch:",
    )
    assert [s["name"] for s in yaml.safe_load(text)["sources"]] == ["City", "Rates", "Colon: title"]


@pytest.mark.parametrize(
    "config",
    [
        "",
        "fetch:\n  per_host: 2",
        "sources:\nfetch: {per_host: 2}\n",
        "sources: []\n",
        "sources: [{name: City, url: 'https://city.example/feed'}]\nfetch: {per_host: 2}\n",
        "sources:\n- name: City\n  url: https://city.example/feed",
    ],
)
def test_appending_works_whatever_the_list_looks_like(config: str) -> None:
    before = yaml.safe_load(config) or {}
    after = yaml.safe_load(append_sources(config, NEW))
    assert after["sources"] == (before.get("sources") or []) + NEW
    assert {k: v for k, v in after.items() if k != "sources"} == {
        k: v for k, v in before.items() if k != "sources"
    }
