"""JSON Feed 1.0 and 1.1 and RSS written as JSON, shaped like those publishers serve: HTML,
plain text or only a summary, publication and modification dates, one author or several, items
with no address of their own (one has none at all: it is not collected), and a feed with an item
that is not usable. ``encoded`` gives the bytes a server sends; feed_shapes.py serves them."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["JSON_FEED_1_0", "JSON_FEED_1_1", "ONE_BAD_ITEM", "RSS_IN_JSON", "SNIFFED", "encoded"]

JSON_FEED_1_1: dict[str, Any] = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Harbour Notes",
    "home_page_url": "https://notes.example/",
    "authors": [{"name": "Harbour desk"}],
    "items": [
        {
            "id": "note-1",
            "url": "https://notes.example/1",
            "title": "Quay « reopens » after repairs",
            "content_html": "<p>The quay reopened on <b>Monday</b>.</p><p>Boats are back.</p>",
            "date_published": "2025-06-02T10:00:00+02:00",
            "authors": [{"name": "Mira Sol"}, {"name": "Tomas Berg"}],
        },
        {
            "id": 2,
            "url": "https://notes.example/2",
            "title": "Tide tables for June",
            "content_text": "High tide at 06:12.\nLow tide at 12:30.",
            "summary": "Tides.",
            "date_modified": "2025-06-03T08:00:00Z",
        },
        {
            "id": "note-3",
            "external_url": "https://elsewhere.example/ferry-report",
            "title": "Ferry report, linked",
            "summary": "A report on the ferries, published elsewhere.",
        },
        {"id": "https://notes.example/4", "title": "Pier lights", "content_text": "Lit."},
        {"id": "note-5", "title": "A note with no address", "content_text": "Skipped."},
    ],
}
JSON_FEED_1_0: dict[str, Any] = {
    "version": "https://jsonfeed.org/version/1",
    "title": "Old Town Log",
    "author": {"name": "Town clerk"},
    "items": [
        {
            "id": "log-1",
            "url": "https://log.example/1",
            "title": "Market moves to the square",
            "content_html": "<p>From Saturday the market is held on the square.</p>",
            "date_published": "2025-06-01T09:00:00Z",
        },
        {
            "id": "log-2",
            "url": "https://log.example/2",
            "title": "Library hours extended",
            "content_text": "Open until nine on weekdays.",
        },
    ],
}
SNIFFED: dict[str, Any] = {
    **JSON_FEED_1_0,
    "items": [
        {
            **JSON_FEED_1_0["items"][0],
            "id": "s-1",
            "url": "https://sniff.example/1",
            "title": "Served as text, read as JSON Feed",
        }
    ],
}
ONE_BAD_ITEM: dict[str, Any] = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Partly broken",
    "items": [
        {"id": "p-1", "url": "https://partly.example/1", "title": "Whole item first"},
        {"id": "p-2", "url": "https://partly.example/2", "title": 42},
        {"id": "p-3", "url": "https://partly.example/3", "title": "Whole item last"},
    ],
}
RSS_IN_JSON: dict[str, Any] = {
    "rss": {
        "version": "2.0",
        "channel": {
            "title": "Wire in JSON",
            "item": [
                {
                    "title": "Grain prices steady",
                    "link": "https://wirejson.example/1",
                    "guid": {"#text": "wj-1", "isPermaLink": "false"},
                    "pubDate": "Mon, 02 Jun 2025 08:00:00 GMT",
                    "description": "<p>Grain prices held steady this week.</p>",
                }
            ],
        },
    }
}


def encoded(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode()
