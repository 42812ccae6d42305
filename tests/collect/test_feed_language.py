"""What a feed declares about its language reaches each entry (a hint for detection)."""

from __future__ import annotations

import json

from bot.collect.formats.feeds import parse_feed
from bot.collect.language import decide_languages

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Stadt</title><link>https://a.example/</link>
<description>Stadt</description><language>de-DE</language>
<item><title>Neuer Plan</title><link>https://a.example/1</link>
<description>Die Stadt hat einen neuen Plan vorgestellt.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<title>Ville</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>
<entry><title>Un plan</title><id>urn:1</id><link href="https://b.example/1"/>
<updated>2026-01-01T00:00:00Z</updated>
<content type="text" xml:lang="es">El ayuntamiento presentó un nuevo plan.</content></entry>
</feed>""".encode()


def test_rss_language_and_atom_xml_lang_reach_the_entries() -> None:
    assert [e.language for e in parse_feed(RSS, "https://a.example/").entries] == ["de-DE"]
    # The content's own xml:lang wins over the feed's.
    assert [e.language for e in parse_feed(ATOM, "https://b.example/").entries] == ["es"]


def test_json_feed_language_reaches_the_entries_and_a_bad_one_is_ignored() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Stad",
        "language": "nl",
        "items": [
            {"id": "1", "url": "https://c.example/1", "content_text": "Een nieuw plan."},
            {"id": "2", "url": "https://c.example/2", "content_text": "x", "language": "en"},
            {"id": "3", "url": "https://c.example/3", "content_text": "y", "language": 7},
        ],
    }
    entries = parse_feed(json.dumps(feed).encode(), "https://c.example/").entries
    assert [e.language for e in entries] == ["nl", "en", "nl"]


def test_collection_decides_each_entry_language_from_its_text() -> None:
    entries = parse_feed(RSS.replace(b"de-DE", b"en-us"), "https://a.example/").entries
    decide_languages(entries)
    assert [e.language for e in entries] == ["de"]
    decide_languages(entries, pinned="nl")
    assert [e.language for e in entries] == ["nl"]
