"""Feeds shaped like those publishers really serve, for collection tests.

Every encoding feedparser and Python read (with an XML declaration, without one and the charset
in Content-Type, with white space before the declaration), JSON Feed 1.0 and 1.1, RSS written as
JSON, bodies cut off mid-item, a server error page after the items, Atom inside an XHTML page.

    with FeedServer() as server:
        for shape in SHAPES:
            shape.serve(server)

Each shape says which titles collecting it must store (exactly as written here) and whether the
source ends up ok, malformed (some items kept, the break named) or failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

from tests.support.feedserver import FeedServer
from tests.support.json_feeds import (
    JSON_FEED_1_0,
    JSON_FEED_1_1,
    ONE_BAD_ITEM,
    RSS_IN_JSON,
    SNIFFED,
    encoded,
)

__all__ = ["ATOM_TYPE", "ENCODINGS", "RSS_TYPE", "SHAPES", "Shape", "shape_named"]

Outcome = Literal["ok", "malformed", "failed"]

# Two headlines per encoding, each using characters only that encoding (and Unicode) has.
ENCODINGS: dict[str, tuple[str, str]] = {
    "gb2312": ("市议会通过新预算", "暴雨导致地铁停运"),
    "gbk": ("新大桥由建筑师王喆设计", "镕铁厂旧址改建为公园"),
    "big5": ("市議會通過新預算", "颱風逼近，港口暫停作業"),
    "shift_jis": ("市議会が新予算を可決", "台風接近で港の作業を停止"),
    "euc-kr": ("시의회 새 예산 통과", "태풍 접근으로 항구 작업 중단"),
    "koi8-r": ("Городской совет принял бюджет", "Паромы отменены из-за шторма"),
    "windows-1251": ("Міська рада ухвалила бюджет", "Мост закрыт на ремонт до осени"),
    "iso-8859-1": (
        "Le conseil adopte le budget à l'unanimité",
        "Grève des ferries : traversées annulées",
    ),
    "iso-8859-2": ("Rada města schválila rozpočet", "Łódź: tramwaje wracają na trasy"),
    "iso-8859-5": ("Совет утвердил план порта", "Шторм закрыл морской вокзал"),
    "iso-8859-7": ("Το δημοτικό συμβούλιο ενέκρινε τον προϋπολογισμό", "Ακυρώθηκαν τα δρομολόγια"),
    "iso-8859-9": (
        "Belediye meclisi bütçeyi onayladı",
        "Fırtına nedeniyle feribot seferleri iptal",
    ),
    "iso-8859-15": ("Budget adopté : 4 millions d'€ pour le port", "Œuvres rendues au musée"),
    "utf-16-le": ("Ünïcödé headline ✓ 港口", "Ferries return — 渡轮恢复"),
    "utf-16-be": ("Big-endian Ünïcödé ✓ 港口", "Bridge reopens — 大桥重开"),
}
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class Shape:
    name: str
    body: bytes
    content_type: str
    titles: tuple[str, ...]  # what collecting it stores, in feed order
    outcome: Outcome = "ok"
    problem: str = ""  # a part of the error its source then shows

    @property
    def path(self) -> str:
        return f"/{self.name}"

    def serve(self, server: FeedServer) -> None:
        server.route(self.path, self.body, content_type=self.content_type)


@dataclass(frozen=True)
class _Item:
    title: str
    link: str
    text: str


def _items(key: str, titles: tuple[str, ...]) -> list[_Item]:
    return [
        _Item(title, f"https://{key}.example/story/{n}", f"{title}. Report {key} {n}, in full.")
        for n, title in enumerate(titles, 1)
    ]


def _rss_items(items: list[_Item]) -> str:
    return "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        f"<guid>{escape(i.link)}</guid><pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate>"
        f"<description>{escape(i.text)}</description></item>\n"
        for i in items
    )


def _rss(channel: str, items: list[_Item]) -> str:
    return (
        f'<rss version="2.0">\n<channel><title>{escape(channel)}</title>'
        f"<link>https://{channel}.example/</link>\n{_rss_items(items)}</channel>\n</rss>\n"
    )


def _atom(title: str, items: list[_Item]) -> str:
    entries = "".join(
        f"<entry><title>{escape(i.title)}</title><link href={quoteattr(i.link)}/>"
        f"<id>{escape(i.link)}</id><updated>2025-06-02T08:00:00Z</updated>"
        f'<content type="html">{escape(f"<p>{escape(i.text)}</p>")}</content></entry>\n'
        for i in items
    )
    return (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>'
        f"<id>urn:{escape(title)}</id><updated>2025-06-02T08:00:00Z</updated>\n{entries}</feed>\n"
    )


def _encoded(text: str, encoding: str) -> bytes:
    if encoding.startswith("utf-16"):
        return "\ufeff".encode(encoding) + text.encode(encoding)  # with its byte order mark
    return text.encode(encoding)


def _declaration(encoding: str) -> str:
    named = "utf-16" if encoding.startswith("utf-16") else encoding
    return f'<?xml version="1.0" encoding="{named}"?>\n'


def _encoding_shapes(encoding: str, headlines: tuple[str, str]) -> list[Shape]:
    """The same feed three ways: declared; charset in Content-Type only; white space first."""
    key = encoding.replace("_", "-")
    declared = [_Item(i.title + " (a)", i.link, i.text) for i in _items(f"{key}-a", headlines)]
    bare = [_Item(i.title + " (b)", i.link, i.text) for i in _items(f"{key}-b", headlines)]
    spaced = [_Item(i.title + " (c)", i.link, i.text) for i in _items(f"{key}-c", headlines)]
    charset = "" if encoding == "utf-16-be" else f"; charset={encoding}"
    return [
        Shape(
            f"{key}-declared.xml",
            _encoded(_declaration(encoding) + _rss(key, declared), encoding),
            RSS_TYPE,
            tuple(i.title for i in declared),
        ),
        Shape(
            f"{key}-undeclared.xml",
            _encoded(_atom(key, bare), encoding),
            ATOM_TYPE + charset,
            tuple(i.title for i in bare),
        ),
        Shape(
            f"{key}-leading-newline.xml",
            _encoded("\n  " + _declaration(encoding) + _rss(key, spaced), encoding),
            "text/xml",
            tuple(i.title for i in spaced),
        ),
    ]


def _json_feeds() -> list[Shape]:
    v11_titles = tuple(item["title"] for item in JSON_FEED_1_1["items"])[:4]  # the 5th: no link
    return [
        Shape("notes.json", encoded(JSON_FEED_1_1), "application/feed+json", v11_titles),
        Shape("log.json", encoded(JSON_FEED_1_0), "application/json", _titles(JSON_FEED_1_0)),
        Shape("sniffed.json", encoded(SNIFFED), "text/plain", _titles(SNIFFED)),
        Shape(
            "partly.json",
            encoded(ONE_BAD_ITEM),
            "application/feed+json",
            ("Whole item first", "Whole item last"),
            "malformed",
            '1 item of the feed is not usable (item 2: "title" is a number, not text); '
            "2 items read",
        ),
        Shape("wire-rss.json", encoded(RSS_IN_JSON), "application/json", ("Grain prices steady",)),
    ]


def _titles(document: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(item["title"]) for item in document["items"])


ERROR_PAGE = (
    "<html><head><title>500 Internal Server Error</title></head><body>"
    "<h1>Internal Server Error</h1><p>The server could not finish the request.</p></body></html>"
)


def _broken_feeds() -> list[Shape]:
    cut = _items("cut", ("Budget vote delayed", "Rail strike ends", "Museum reopens"))
    paged = _items("paged", ("Storm warning lifted", "Harbour fees rise"))
    after = _items("after", ("Bakery wins prize", "Festival dates set"))
    atom_cut = _items("atomcut", ("Council minutes published", "Park renamed"))
    cut_feed = '<?xml version="1.0" encoding="utf-8"?>\n' + _rss("cut", cut)
    atom = _atom("atomcut", atom_cut)
    return [
        Shape(
            "cut-mid-item.xml",
            (cut_feed[: cut_feed.index("</item>", cut_feed.index("Museum"))] + "<desc").encode(),
            RSS_TYPE,
            tuple(i.title for i in cut[:2]),
            "malformed",
            "the feed is not well-formed XML (line 6, column 229: unclosed token); "
            "2 items recovered",
        ),
        Shape(
            "cut-mid-tag.xml",
            atom[: atom.index("<entry>", atom.index("Park renamed") - 40) + 4].encode(),
            ATOM_TYPE,
            (atom_cut[0].title,),
            "malformed",
            "the feed is not well-formed XML (line 3, column 1: unclosed token); 1 item recovered",
        ),
        Shape(
            "error-page-inside.xml",
            (
                f'<rss version="2.0"><channel><title>paged</title>\n{_rss_items(paged)}'
                + ERROR_PAGE
            ).encode(),
            RSS_TYPE,
            tuple(i.title for i in paged),
            "malformed",
            "the feed is not well-formed XML (line 4, column 157: no element found); "
            "2 items recovered",
        ),
        Shape(
            "error-page-after.xml",
            (_rss("after", after) + ERROR_PAGE).encode(),
            RSS_TYPE,
            tuple(i.title for i in after),
            "malformed",
            "the feed is not well-formed XML (line 7, column 1: junk after document element); "
            "2 items recovered",
        ),
        Shape(
            "nothing-whole.xml",
            b"<rss><channel><title>oops</title><item><title>unclosed",
            RSS_TYPE,
            (),
            "failed",
            "the feed is not well-formed XML (line 1, column 55: no element found)",
        ),
    ]


def _pages() -> list[Shape]:
    inside = _items("inpage", ("Timetable changes from July", "New cycle lanes open"))
    prefixed = _items("prefixed", ("Harbour cam back online",))
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>News&nbsp;feed</title></head>'
        f"<body><h1>Latest</h1>\n{_atom('inpage', inside)}</body></html>\n"
    )
    atom = _atom("prefixed", prefixed).replace("<feed xmlns=", "<a:feed xmlns:a=")
    for name in ("feed", "title", "id", "updated", "entry", "link", "content"):
        atom = atom.replace(f"<{name}", f"<a:{name}").replace(f"</{name}>", f"</a:{name}>")
    atom = atom.replace("<a:feed xmlns:a=", "<a:feed xmlns:b=")  # the prefix comes from <html>
    prefixed_page = (
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:a="http://www.w3.org/2005/Atom">'
        f"<body>{atom}</body></html>"
    )
    return [
        Shape(
            "atom-in-xhtml.xhtml",
            page.encode(),
            "application/xhtml+xml",
            tuple(i.title for i in inside),
        ),
        Shape(
            "prefixed-atom-in-page.html",
            prefixed_page.encode(),
            "text/html; charset=utf-8",
            tuple(i.title for i in prefixed),
        ),
    ]


SHAPES: tuple[Shape, ...] = (
    *(shape for enc, lines in ENCODINGS.items() for shape in _encoding_shapes(enc, lines)),
    *_json_feeds(),
    *_broken_feeds(),
    *_pages(),
)


def shape_named(name: str) -> Shape:
    return next(shape for shape in SHAPES if shape.name == name)
