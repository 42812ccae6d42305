"""The XML of a feed made safe to parse: refused when it declares entities; when it is broken,
the whole items before the break; and the feed inside an XHTML page.

Every check runs on the UTF-8 document that feedparser is then given (see feedcodec.py), so what
is checked is exactly what is parsed, whatever the feed's encoding (expat knows only a few).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat
from xml.sax.saxutils import quoteattr

from bot.collect.formats.feedcodec import utf8_document
from bot.errors import FeedError

__all__ = [
    "FEED_ROOTS",
    "HTML_NOT_FEED",
    "UTF8_XML",
    "Salvage",
    "XmlFeed",
    "check_xml_safety",
    "embedded_feed",
    "salvage",
]

FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
HTML_NOT_FEED = (
    "the address returns an HTML page, not a feed; use the page's RSS/Atom URL or kind: page"
)
# What the checked document is, for feedparser: it must not decode it a second time.
UTF8_XML = "application/xml; charset=utf-8"

_XHTML = "http://www.w3.org/1999/xhtml"
_FEED_ELEMENTS = frozenset(
    {("", "rss"), (_XHTML, "rss")}  # RSS has no namespace; in a page it takes the page's
    | {("http://www.w3.org/2005/Atom", "feed"), ("http://purl.org/atom/ns#", "feed")}
    | {("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "RDF")}
)
_ITEMS = frozenset({"item", "entry"})
_ITEM_PARENTS = frozenset({"channel", "rss", "RDF", "feed"})
_TAG_NAME = re.compile(rb"</?([^\s/>]+)")


@dataclass(frozen=True, slots=True)
class XmlFeed:
    """A feed document in UTF-8, checked, and the local name of its root element."""

    document: bytes
    root: str


@dataclass(frozen=True, slots=True)
class Salvage:
    """What a document that is not well-formed XML still holds."""

    problem: str  # where and how the XML breaks
    document: bytes | None  # the whole items before the break, closed; None: there are none
    closed: bool  # the document still ends with its root's end tag: the damage is local


class _RootFound(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


class _EntityDeclared(Exception):
    pass


class _FeedFound(Exception):
    def __init__(self, document: bytes) -> None:
        self.document = document


def check_xml_safety(data: bytes, content_type: str | None = None) -> XmlFeed:
    """The document as feedparser will read it (UTF-8) and its root element's name.

    Refuses entity declarations (billion laughs) and what is not XML. Only the prolog is parsed
    here, so this costs little even on large feeds.
    """
    document = utf8_document(data, content_type)
    try:
        return XmlFeed(document, _root(document))
    except _EntityDeclared:
        raise FeedError(
            "the document declares XML entities, which are refused to prevent "
            "entity-expansion (billion laughs) attacks"
        ) from None
    except expat.ExpatError as exc:
        head = document[:2048].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise FeedError(HTML_NOT_FEED) from None
        raise FeedError(f"the feed is not well-formed XML ({_where(exc)})") from None


def _root(document: bytes) -> str:
    parser = expat.ParserCreate("utf-8")

    def on_entity(*_: object) -> None:
        raise _EntityDeclared

    def on_start(name: str, _attrs: object) -> None:
        raise _RootFound(name.rsplit(":", 1)[-1])

    parser.EntityDeclHandler = on_entity
    parser.StartElementHandler = on_start
    try:
        parser.Parse(document, True)
    except _RootFound as found:
        return found.name
    raise FeedError("the document has no root element")  # expat reports this itself, in practice


def _where(exc: expat.ExpatError) -> str:
    message = expat.ErrorString(exc.code) if exc.code else str(exc)
    return f"line {exc.lineno}, column {exc.offset + 1}: {message}"  # expat counts from 0


def salvage(document: bytes) -> Salvage:
    """Where a checked document stops being well-formed, and the whole items before that."""
    walk = _Walk(document, find_feed=False)
    error = walk.run()
    where = _where(error) if error is not None else "it does not follow the feed formats"
    problem = f"the feed is not well-formed XML ({where})"
    closed = walk.root is not None and _ends_with(document, walk.root)
    if not walk.items:
        return Salvage(problem, None, closed)
    closing = "".join(f"</{name}>" for name in reversed(walk.open_at_cut))
    return Salvage(problem, document[: walk.cut] + closing.encode(), closed)


def embedded_feed(document: bytes) -> bytes | None:
    """The first RSS, Atom or RDF feed element inside a checked (X)HTML page, as a document."""
    return _Walk(document, find_feed=True).feed()


def _ends_with(document: bytes, name: str) -> bool:
    pattern = rb"</\s*" + re.escape(name.encode()) + rb"\s*>\s*\Z"
    return re.search(pattern, document[-1024:]) is not None


class _Walk:
    """One expat pass over a UTF-8 document, noting where whole items end and feed elements."""

    def __init__(self, document: bytes, *, find_feed: bool) -> None:
        self.document = document
        self.find_feed = find_feed
        self.parser = expat.ParserCreate("utf-8", namespace_separator=" ")
        self.parser.StartNamespaceDeclHandler = self._declare
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.EntityDeclHandler = self._entity
        self.open: list[tuple[str, str, str, int]] = []  # name as written, namespace, local, start
        self.scopes: list[dict[str, str]] = []  # the namespaces each open element declares
        self.declared: dict[str, str] = {}
        self.root: str | None = None
        self.items = 0
        self.cut = 0
        self.open_at_cut: tuple[str, ...] = ()

    def run(self) -> expat.ExpatError | None:
        try:
            self.parser.Parse(self.document, True)
        except expat.ExpatError as exc:
            return exc
        return None

    def feed(self) -> bytes | None:
        try:
            self.run()
        except _FeedFound as found:
            return found.document
        return None

    @staticmethod
    def _entity(*_: object) -> None:
        raise FeedError("the document declares XML entities, which are refused")

    def _declare(self, prefix: str | None, uri: str | None) -> None:
        self.declared[prefix or ""] = uri or ""

    def _start(self, name: str, _attrs: object) -> None:
        namespace, _, local = name.rpartition(" ")
        start = self.parser.CurrentByteIndex
        written = _written_name(self.document, start)
        self.root = self.root or written
        self.open.append((written, namespace, local, start))
        self.scopes.append(self.declared)
        self.declared = {}

    def _end(self, _name: str) -> None:
        written, namespace, local, start = self.open.pop()
        own = self.scopes.pop()
        at = self.parser.CurrentByteIndex  # an end tag's start, or just past an empty element
        end = self.document.index(b">", at) + 1 if self.document.startswith(b"</", at) else at
        if local in _ITEMS and self.open and self.open[-1][2] in _ITEM_PARENTS:
            self.items += 1
            self.cut = end
            self.open_at_cut = tuple(entry[0] for entry in self.open)
        if self.find_feed and self.open and (namespace, local) in _FEED_ELEMENTS:
            inherited: dict[str, str] = {}
            for scope in self.scopes:
                inherited.update(scope)
            if local == "rss":
                inherited[""] = ""  # RSS elements belong to no namespace, not to the page's
            missing = {prefix: uri for prefix, uri in inherited.items() if prefix not in own}
            raise _FeedFound(_with_namespaces(self.document[start:end], written, missing))


def _written_name(document: bytes, start: int) -> str:
    found = _TAG_NAME.match(document, start)
    return found.group(1).decode() if found else ""


def _with_namespaces(element: bytes, name: str, namespaces: dict[str, str]) -> bytes:
    """``element`` with the namespace declarations it inherited written on its start tag."""
    declarations = "".join(
        f" xmlns{':' + prefix if prefix else ''}={quoteattr(uri)}"
        for prefix, uri in namespaces.items()
    )
    head = len(name) + 1  # "<" and the name
    return element[:head] + declarations.encode() + element[head:]
