"""Build the bundled sample feeds in feeds/ from the sample articles in articles/.

Run once after changing an article (the output is committed):

    .venv/bin/python config/samples/make_feeds.py

An article file is a headline line followed by one paragraph per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
FEEDS = HERE / "feeds"
# The seed article has no headline line of its own.
HEADLINES = {
    "seed_article": "Trump Rules Out U.S. Ground Troops for Ukraine After White House Talks",
}


@dataclass(frozen=True)
class Item:
    stem: str
    published: datetime
    author: str


@dataclass(frozen=True)
class Feed:
    file: str
    title: str
    site: str
    format: str  # "rss" (RSS 2.0 with content:encoded) or "atom"
    items: tuple[Item, ...]


FEED_PLAN = (
    Feed(
        "harwick-metro.xml",
        "Harwick Metro",
        "https://harwick-metro.example/",
        "rss",
        (
            Item("city_council_budget", datetime(2025, 6, 3, 21, 40, tzinfo=UTC), "Priya Nand"),
            Item("rail_strike_talks", datetime(2025, 6, 7, 9, 15, tzinfo=UTC), "Owen Castell"),
        ),
    ),
    Feed(
        "valdoria-business.xml",
        "Valdoria Business Daily",
        "https://business.valdoria.example/",
        "atom",
        (
            Item("central_bank_rates", datetime(2025, 6, 5, 12, 5, tzinfo=UTC), "Ines Carvalho"),
            Item("tech_company_layoffs", datetime(2025, 6, 4, 22, 30, tzinfo=UTC), "Sam Adeyemi"),
        ),
    ),
    Feed(
        "newswire.xml",
        "Newswire Top Stories",
        "https://newswire.example/",
        "rss",
        (
            Item("seed_article", datetime(2025, 8, 19, 14, 0, tzinfo=UTC), "Newswire staff"),
            Item(
                "cycling_tour_of_the_alps", datetime(2025, 4, 24, 16, 45, tzinfo=UTC), "Luca Fabbri"
            ),
        ),
    ),
)


def read_article(stem: str) -> tuple[str, list[str]]:
    lines = [line.strip() for line in (ARTICLES / f"{stem}.txt").read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    if stem in HEADLINES:
        return HEADLINES[stem], lines
    return lines[0], lines[1:]


def is_heading(line: str) -> bool:
    return len(line) < 90 and not line.endswith((".", "?", "!", '"', "”", "'", ":"))


def as_html(paragraphs: list[str]) -> str:
    return "".join(
        f"<h2>{escape(p)}</h2>" if is_heading(p) else f"<p>{escape(p)}</p>" for p in paragraphs
    )


def link(feed: Feed, item: Item) -> str:
    slug = item.stem.replace("_", "-")
    return f"{feed.site}{item.published:%Y/%m/%d}/{slug}"


def rss(feed: Feed) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"  <title>{escape(feed.title)}</title>\n  <link>{feed.site}</link>\n"
        f"  <description>{escape(feed.title)}: sample feed bundled with digestbot</description>\n"
        "  <language>en</language>\n"
    ]
    for item in feed.items:
        title, paragraphs = read_article(item.stem)
        out.append(
            "  <item>\n"
            f"    <title>{escape(title)}</title>\n"
            f"    <link>{link(feed, item)}</link>\n"
            f'    <guid isPermaLink="false">tag:digestbot.samples,2025:{item.stem}</guid>\n'
            f"    <pubDate>{format_datetime(item.published)}</pubDate>\n"
            f"    <dc:creator>{escape(item.author)}</dc:creator>\n"
            f"    <description>{escape(paragraphs[0])}</description>\n"
            f"    <content:encoded><![CDATA[{as_html(paragraphs)}]]></content:encoded>\n"
            "  </item>\n"
        )
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom(feed: Feed) -> str:
    updated = max(item.published for item in feed.items).isoformat()
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(feed.title)}</title>\n"
        f"  <id>{feed.site}</id>\n  <link href={quoteattr(feed.site)}/>\n"
        f"  <updated>{updated}</updated>\n"
    ]
    for item in feed.items:
        title, paragraphs = read_article(item.stem)
        out.append(
            "  <entry>\n"
            f"    <title>{escape(title)}</title>\n"
            f'    <link rel="alternate" href={quoteattr(link(feed, item))}/>\n'
            f"    <id>tag:digestbot.samples,2025:{item.stem}</id>\n"
            f"    <published>{item.published.isoformat()}</published>\n"
            f"    <updated>{item.published.isoformat()}</updated>\n"
            f"    <author><name>{escape(item.author)}</name></author>\n"
            f"    <summary>{escape(paragraphs[0])}</summary>\n"
            f'    <content type="html">{escape(as_html(paragraphs))}</content>\n'
            "  </entry>\n"
        )
    out.append("</feed>\n")
    return "".join(out)


def main() -> None:
    FEEDS.mkdir(exist_ok=True)
    for feed in FEED_PLAN:
        text = rss(feed) if feed.format == "rss" else atom(feed)
        (FEEDS / feed.file).write_text(text, encoding="utf-8")
        print(f"wrote {FEEDS / feed.file} ({len(feed.items)} items)")


if __name__ == "__main__":
    main()
