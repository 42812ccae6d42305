"""OPML 2.0 in and out: the feed list format every feed reader imports and exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Literal
from urllib.parse import urlsplit

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from bot.config.sources import SourceConfig
from bot.errors import InputError

__all__ = ["OpmlFeed", "parse_opml", "to_opml"]


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One subscription found in an OPML file; folders and categories become tags."""

    title: str
    url: str
    kind: Literal["feed", "page"] = "feed"
    tags: tuple[str, ...] = ()


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds of an OPML document, in document order. Raises InputError when unusable."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException:
        raise InputError(
            "the OPML file declares XML entities or a DTD, which are refused for safety"
        ) from None
    except ET.ParseError as exc:
        raise InputError(f"the file is not well-formed XML ({exc})") from None
    if root.tag != "opml" or root.find("body") is None:
        raise InputError(f"the file is XML but not OPML (root element <{root.tag}>, no <body>)")
    body = root.find("body")
    assert body is not None
    return list(_walk(body, ()))


def _walk(parent: ET.Element, folders: tuple[str, ...]) -> Iterable[OpmlFeed]:
    for outline in parent.findall("outline"):
        name = (outline.get("title") or outline.get("text") or "").strip()
        xml_url = (outline.get("xmlUrl") or "").strip()
        link_url = (outline.get("url") or "").strip() if outline.get("type") == "link" else ""
        if xml_url or link_url:
            url = xml_url or link_url
            tags = _unique([*folders, *_categories(outline.get("category") or "")])
            yield OpmlFeed(
                title=name or urlsplit(url).hostname or url,
                url=url,
                kind="feed" if xml_url else "page",
                tags=tuple(tags),
            )
        else:
            yield from _walk(outline, (*folders, name) if name else folders)


def _categories(value: str) -> list[str]:
    # OPML 2.0: comma-separated, each a slash-delimited path; its last part is the tag.
    parts = (item.strip().strip("/").rsplit("/", 1)[-1] for item in value.split(","))
    return [part for part in parts if part]


def _unique(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tag for tag in tags if tag))


def to_opml(
    sources: Sequence[SourceConfig],
    *,
    title: str = "digestbot sources",
    now: datetime | None = None,
) -> str:
    """OPML 2.0 of ``sources``: feeds as ``type="rss"``, pages as ``type="link"``.

    A source with tags sits in a folder named after its first tag and lists all of them in
    ``category``, so readers that know either convention keep them.
    """
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(UTC), usegmt=True)
    body = ET.SubElement(opml, "body")
    folders: dict[str, ET.Element] = {}
    for source in sources:
        parent = body
        if source.tags:
            folder = source.tags[0]
            if folder not in folders:
                folders[folder] = ET.SubElement(body, "outline", text=folder, title=folder)
            parent = folders[folder]
        attributes = {"text": source.name, "title": source.name}
        if source.kind == "feed":
            attributes |= {"type": "rss", "xmlUrl": source.url}
        else:
            attributes |= {"type": "link", "url": source.url}
        if source.tags:
            attributes["category"] = ",".join(source.tags)
        ET.SubElement(parent, "outline", attributes)
    ET.indent(opml)
    return ET.tostring(opml, encoding="unicode", xml_declaration=True) + "\n"
