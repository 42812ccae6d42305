"""Stories across sources through the whole bot, on SQLite and PostgreSQL: feeds on a loopback
server are collected (articles join stories as they are stored), and digests and answers reach
chats through the fake Telegram Bot API with real python-telegram-bot."""

from __future__ import annotations

import asyncio
import io
import json
import re
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from bot.adapters.telegram.port import TelegramPort
from bot.cli.summarise_batch import run_batch
from bot.collect.pipeline import Collector, collect_once, sync_configured_sources
from bot.collect.storyline import StoryLine
from bot.collect.summarising import Summariser
from bot.commands import Services, handle
from bot.config.settings import Settings, StorageSettings
from bot.config.sources import FetchSettings, SourceConfig
from bot.delivery.outbox import queue_due_digests
from bot.delivery.sender import DeliveryWorker
from bot.render.console import console_text
from bot.store.database import Database, open_database
from bot.store.sources import list_sources
from tests.support.fake_telegram import FakeTelegram, Sent, parse_html, running_bot
from tests.support.fakes import NOW, Clock, request, services_for
from tests.support.feedserver import FeedItem, FeedServer, rss_feed

CHAT = 4242
MORNING = NOW.replace(hour=6, minute=0)  # 2 March, 06:00 UTC

ECB = "The European Central Bank held interest rates at 4 percent on Thursday."
EASING = "President Christine Lagarde said inflation was easing but the bank was not done yet."
EXPECTED = "Markets had expected the decision."
KEPT = "The European Central Bank kept interest rates at 4 percent on Thursday."
JUNE = "Lagarde said a cut in June was possible if wages cool."
ECONOMISTS = "Economists at Nordbank now expect two cuts this year."
BUDGET = (
    "The city council of Northbridge approved a budget of 12 million euros on Tuesday.\n"
    "Mayor Anna Keller said the plan would fund new bus lines and repair two schools."
)
BRUSSELS = (
    "Christine Lagarde met eurozone finance ministers in Brussels on Monday to discuss the "
    "banking union.\nShe said the union must be completed before the next crisis."
)


def article(feed: str, slug: str, title: str, text: str, hours: float) -> FeedItem:
    return FeedItem(
        title=title,
        link=f"https://{feed}.example/{slug}",
        text=text,
        guid=f"{feed}-{slug}",
        published=MORNING + timedelta(hours=hours),
    )


RATES = article(
    "wire", "ecb", "ECB holds interest rates at 4 percent", f"{ECB}\n{EASING}\n{EXPECTED}", 1
)
# Another outlet's copy of the same report: a new URL and a few words changed.
RATES_COPY = article(
    "city",
    "ecb-rates",
    "ECB holds interest rates at 4 percent, Lagarde says",
    f"{ECB}\n{EASING}\nMarkets had widely expected the decision.",
    1.5,
)
COUNCIL = article("city", "budget", "Council passes budget for bus lines", BUDGET, 1)
RATES_AGAIN = article(
    "agency", "ecb", "European Central Bank holds rates at 4 percent", f"{ECB}\n{EASING}", 3
)
RATES_NEWS = article(
    "agency",
    "ecb-june",
    "ECB keeps rates at 4 percent as Lagarde signals June cut",
    f"{KEPT}\n{JUNE}\n{ECONOMISTS}",
    7,
)
QUAY = article(
    "harbour",
    "quay",
    "Quay opens",
    "The new quay in Port Avel opened to fishing boats on Sunday after two years of work.",
    1,
)
MINISTERS = article("wire", "brussels", "Lagarde meets finance ministers in Brussels", BRUSSELS, 96)


@dataclass
class Newsroom:
    """Three feeds, the bot collecting them on our clock, and one Telegram chat reading it."""

    server: FeedServer
    services: Services
    fake: FakeTelegram
    port: TelegramPort
    clock: Clock
    collector: Collector
    feeds: dict[str, list[FeedItem]] = field(default_factory=dict)

    def publish(self, *items: FeedItem) -> None:
        for item in items:
            feed = item.link.split("//")[1].split(".")[0]
            self.feeds.setdefault(feed, []).append(item)
            self.server.route(f"/{feed}.xml", rss_feed(feed.title(), self.feeds[feed]))

    async def collect(self, at: timedelta) -> None:
        self.clock.now = MORNING + at
        settings = self.services.settings
        ids = sync_configured_sources(self.services.db, settings)
        for source in settings.sources:
            if source.name in self.feeds:
                report = await self.collector.collect(source, ids[source.name], force=True)
                assert report.status == "fetched", report

    async def deliver(self, at: timedelta) -> list[Sent]:
        """Scheduled digests due at ``at``, delivered; returns what the chat received."""
        before = len(self.fake.sent)
        self.clock.now = MORNING + at
        queue_due_digests(self.services.db, self.clock())
        worker = DeliveryWorker(self.services.db, {"telegram": self.port}, clock=self.clock)
        await worker.run_until_idle()
        return self.fake.sent[before:]

    async def ask(self, text: str) -> Sent:
        before = len(self.fake.sent)
        await self.fake.command(CHAT, text)
        return (await self.fake.wait_for(before + 1))[before]


def settings_for(db: Database, server: FeedServer) -> Settings:
    return Settings(
        storage=StorageSettings(url=db.engine.url.render_as_string(hide_password=False)),
        fetch=FetchSettings(allow_private_networks=True, timeout_s=5),
        sources=[
            SourceConfig(name=name, url=server.url(f"/{name}.xml"), full_text="never")
            for name in ("wire", "city", "agency")
        ],
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as feeds:
        yield feeds


@pytest.fixture
async def newsroom(db: Database, server: FeedServer) -> AsyncIterator[Newsroom]:
    clock = Clock(MORNING)
    settings = settings_for(db, server)
    async with FakeTelegram() as fake, httpx.AsyncClient() as client:
        services = services_for(db, settings, client, clock)
        async with running_bot(fake, services) as port:
            with ThreadPoolExecutor(max_workers=2) as pool:
                summariser = Summariser(settings.digest, executor=pool)
                collector = Collector(settings, db, client, summariser, clock=clock)
                room = Newsroom(server, services, fake, port, clock, collector)
                assert (await room.ask("/subscribe all")).text.startswith("Subscribed")
                await room.ask("/schedule 08:00, 12:00, 16:00, 20:00 UTC")
                yield room


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


async def test_a_story_from_several_feeds_is_delivered_once_and_updates_only_with_news(
    newsroom: Newsroom,
) -> None:
    newsroom.publish(RATES, RATES_COPY, COUNCIL)
    await newsroom.collect(hours(1.75))

    [digest] = await newsroom.deliver(hours(2) + timedelta(seconds=30))  # 08:00
    assert digest.text.startswith("Your digest: 2 stories")
    assert digest.text.count("ECB holds interest rates at 4 percent") == 1
    assert "2 sources, first reported by wire" in digest.text
    assert f"{ECB} (wire)" in digest.text and f"{EASING} (wire)" in digest.text
    assert "widely expected" not in digest.text  # the copy's sentence repeats the wire's
    assert "Council passes budget for bus lines" in digest.text

    # A third outlet repeats the report: nothing new, so no message.
    newsroom.publish(RATES_AGAIN)
    await newsroom.collect(hours(3.5))
    assert await newsroom.deliver(hours(6) + timedelta(seconds=30)) == []  # 12:00

    # New facts join the story: the chat gets only those.
    newsroom.publish(RATES_NEWS)
    await newsroom.collect(hours(7.5))
    [update] = await newsroom.deliver(hours(10) + timedelta(seconds=30))  # 16:00
    assert update.text.startswith("Your digest: 1 story")
    assert "Update: ECB holds interest rates at 4 percent" in update.text
    assert "3 sources, first reported by wire" in update.text
    assert f"{JUNE} (agency)" in update.text and f"{ECONOMISTS} (agency)" in update.text
    for old in (ECB, KEPT, EASING, EXPECTED):
        assert old not in update.text
    assert html_links(update)[0] == "https://agency.example/ecb-june"

    assert await newsroom.deliver(hours(14) + timedelta(seconds=30)) == []  # 20:00: no news


def html_links(message: Sent) -> list[str]:
    assert message.html is not None
    return parse_html(message.html)[2]


async def test_who_lists_positions_across_stories_and_marks_a_change(
    newsroom: Newsroom,
) -> None:
    newsroom.publish(RATES, COUNCIL)
    await newsroom.collect(hours(1.5))
    newsroom.publish(RATES_NEWS)
    await newsroom.collect(hours(7.5))
    newsroom.publish(MINISTERS)
    await newsroom.collect(hours(96.5))

    answer = (await newsroom.ask("/who lagarde")).text
    assert answer.startswith("Christine Lagarde, President")
    assert "In 2 stories, latest first:" in answer
    ministers, rates = answer.index(MINISTERS.title), answer.index(RATES.title)
    assert ministers < rates
    # One line per position, "Name (role): stance (source)"; the stance is a clause of the
    # sentence (its edges are the summariser's).
    lagarde = r"• Christine Lagarde \(President\): "
    assert re.search(lagarde + r"[^\n]*union must be completed[^\n]* \(wire\)\n", answer)
    assert re.search(lagarde + r"changed: [^\n]*cut in June[^\n]* \(agency, 2 Mar\)\n", answer)
    assert re.search(lagarde + r"earlier: [^\n]*inflation was easing[^\n]* \(wire, 2 Mar\)", answer)
    assert "changed:" not in answer[:rates]  # another topic: no change to mark
    links = html_links(newsroom.fake.sent[-1])
    assert "https://wire.example/brussels" in links and "https://agency.example/ecb-june" in links


async def test_who_s_involved_covers_every_article_of_a_story(newsroom: Newsroom) -> None:
    newsroom.publish(RATES, RATES_NEWS)
    await newsroom.collect(hours(7.5))
    [digest] = await newsroom.deliver(hours(10) + timedelta(seconds=30))
    assert digest.text.startswith("Your digest: 1 story")
    before = len(newsroom.fake.sent)
    await newsroom.fake.press(digest, "1. Who's involved")
    [who] = (await newsroom.fake.wait_for(before + 1))[before:]
    # A position of each article, each on a "Name (role): stance" line.
    lines = [line for line in who.text.splitlines() if line.startswith("• Christine Lagarde")]
    assert any("inflation was easing" in line for line in lines)
    assert any("cut in June" in line for line in lines)
    assert all(line.startswith("• Christine Lagarde (President): ") for line in lines)


async def test_collecting_once_keeps_and_collects_the_sources_chats_added(
    newsroom: Newsroom,
) -> None:
    newsroom.server.route("/harbour.xml", rss_feed("Harbour", [QUAY]))
    added = await newsroom.ask(f"/add {newsroom.server.url('/harbour.xml')} harbour")
    assert added.text.startswith("Added feed harbour")

    # digestbot collect --once: the configuration alone names wire, city and agency.
    newsroom.publish(COUNCIL)
    with ThreadPoolExecutor(max_workers=1) as pool:
        settings, db = newsroom.services.settings, newsroom.services.db
        await collect_once(settings, db, force=True, executor=pool)

    with newsroom.services.db.read() as conn:
        assert "harbour" in [source.name for source in list_sources(conn)]
    assert "Quay opens" in (await newsroom.ask("/summary quay")).text
    assert "harbour" in (await newsroom.ask("/sources")).text


async def test_two_processes_collecting_one_event_file_it_under_one_story(
    db_url: str, server: FeedServer
) -> None:
    # Two Database objects keep two clusterers, as two worker processes would.
    first, second = open_database(db_url), open_database(db_url)
    clock = Clock(MORNING + hours(2))
    settings = settings_for(first, server)
    feeds = {"wire": [COUNCIL], "city": [QUAY]}
    try:
        async with httpx.AsyncClient() as client:
            with ThreadPoolExecutor(max_workers=2) as pool:
                collectors = [
                    Collector(settings, db, client, Summariser(settings.digest, pool), clock=clock)
                    for db in (first, second)
                ]
                ids = sync_configured_sources(first, settings)
                sources = {source.name: source for source in settings.sources}

                async def collect_both() -> None:
                    for name, items in feeds.items():
                        server.route(f"/{name}.xml", rss_feed(name, items))
                    await asyncio.gather(
                        *(
                            collector.collect(sources[name], ids[name], force=True)
                            for collector, name in zip(collectors, feeds, strict=True)
                        )
                    )

                await collect_both()  # both clusterers are built and hold other stories
                feeds["wire"].append(RATES)
                feeds["city"].append(RATES_COPY)
                await collect_both()
            services = services_for(first, settings, client, clock)
            top = console_text(await handle(services, request("/summary")))
    finally:
        first.close()
        second.close()
    assert top.count("ECB holds interest rates at 4 percent") == 1
    assert "2 sources, first reported by wire" in top


async def test_after_a_restart_a_re_post_joins_the_story_stored_before(
    db_url: str, server: FeedServer
) -> None:
    clock = Clock(MORNING + hours(2))
    # Two Database objects: the second is the restarted process, its clusterer empty at first.
    before, after = open_database(db_url), open_database(db_url)
    settings = settings_for(before, server)
    try:
        async with httpx.AsyncClient() as client:
            with ThreadPoolExecutor(max_workers=2) as pool:
                ids = sync_configured_sources(before, settings)
                wire, city = settings.sources[0], settings.sources[1]
                server.route("/wire.xml", rss_feed("Wire", [RATES, COUNCIL]))
                server.route("/city.xml", rss_feed("City", [RATES_COPY]))
                summariser = Summariser(settings.digest, pool)
                await Collector(settings, before, client, summariser, clock=clock).collect(
                    wire, ids["wire"], force=True
                )
                StoryLine.of(after).prepare(after, clock())
                assert StoryLine.of(after).articles_held() == 2
                clock.advance(hours(1))
                await Collector(settings, after, client, summariser, clock=clock).collect(
                    city, ids["city"], force=True
                )
            services = services_for(after, settings, client, clock)
            top = console_text(await handle(services, request("/summary")))
    finally:
        before.close()
        after.close()
    assert top.count("ECB holds interest rates at 4 percent") == 1
    assert "2 sources, first reported by wire" in top


async def test_summary_of_a_story_shows_what_the_batch_command_gives_for_its_articles(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    newsroom.publish(RATES, RATES_NEWS)
    await newsroom.collect(hours(7.5))
    summary = (await newsroom.ask("/summary")).text
    assert "2 sources, first reported by wire" in summary

    line = {
        "id": "ecb",
        "articles": [
            {"text": item.text, "title": item.title, "source": feed}
            for feed, item in (("wire", RATES), ("agency", RATES_NEWS))
        ],
    }
    batch = tmp_path / "story.jsonl"
    batch.write_text(json.dumps(line) + "\n", encoding="utf-8")
    out = io.StringIO()
    sentences = newsroom.services.settings.digest.sentences
    run_batch(batch, sentences=sentences, workers=1, out=out, nlp_model="none")
    record = json.loads(out.getvalue())
    assert len(record["summary"]) == sentences
    assert set(record["sources"]) == {"wire", "agency"}  # both outlets have something to say
    credited = zip(record["summary"], record["sources"], strict=True)
    shown = [f"{text} ({source})" for text, source in credited]
    where = [summary.find(sentence) for sentence in shown]
    assert -1 not in where and where == sorted(where), (shown, summary)
