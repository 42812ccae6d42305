"""``/healthz`` and ``/metrics`` as an operator (or Docker, or Prometheus) sees them."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update

from bot.adapters.telegram.port import build_application
from bot.app.health import (
    HealthServer,
    collect_age_check,
    database_check,
    serve_health,
    task_check,
)
from bot.collect.pipeline import collect_once, sync_configured_sources
from bot.commands import Services
from bot.config.channels import TelegramChannel
from bot.config.settings import Settings, StorageSettings
from bot.config.sources import FetchSettings, SourceConfig
from bot.delivery.sender import DeliveryWorker
from bot.ports import ChatRef, RetryLater, SentMessage
from bot.ports import Page as RenderedPage
from bot.store.database import Database, create_db_engine, open_database
from bot.store.tables import sources
from tests.support.fake_telegram import TOKEN, FakeTelegram
from tests.support.feedserver import FeedItem, FeedServer, rss_feed
from tests.support.worker_scenario import FIRST_CHAT, queue_messages

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


def settings_for(db: Database, feeds: FeedServer, names: list[str], tmp: Path) -> Settings:
    return Settings(
        storage=StorageSettings(url=db.engine.url.render_as_string(hide_password=False)),
        fetch=FetchSettings(allow_private_networks=True, timeout_s=5),
        sources=[
            SourceConfig(name=name, url=feeds.url(f"/{name}.xml"), full_text="never")
            for name in names
        ],
        base_dir=tmp,
    )


def serve_story_feed(feeds: FeedServer, name: str, count: int) -> None:
    stories = [
        FeedItem(
            title=f"Harbour {name} reopens dock {n}",
            link=f"https://news.example/{name}/{n}",
            text=f"The port authority of {name} reopened dock {n} on Friday after repairs. "
            f"Director Mia Hart said dock {n} would handle {n + 4} ships a week.",
        )
        for n in range(count)
    ]
    feeds.route(f"/{name}.xml", rss_feed(name, stories))


def samples(text: str) -> Page:
    """Every sample of a Prometheus text page: (name, sorted labels) -> value."""
    found: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


Page = Mapping[tuple[str, tuple[tuple[str, str], ...]], float]


def value(page: Page, name: str, **labels: str) -> float:
    return page.get((name, tuple(sorted(labels.items()))), 0.0)


async def scrape(http: httpx.AsyncClient, server: HealthServer) -> Page:
    answer = await http.get(f"http://127.0.0.1:{server.port}/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    return samples(answer.text)


async def started(checks: dict[str, object]) -> HealthServer:
    server = HealthServer(checks, host="127.0.0.1", port=0)  # type: ignore[arg-type]
    await server.start()
    return server


async def test_healthz_answers_200_with_every_check_when_all_is_well(
    db: Database, http: httpx.AsyncClient
) -> None:
    server = await started(
        {
            "database": database_check(db),
            "scheduler": task_check("scheduler", lambda: True),
            "last_collect": collect_age_check(db, timedelta(hours=1)),
        }
    )
    try:
        answer = await http.get(f"http://127.0.0.1:{server.port}/healthz")
    finally:
        await server.stop()
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    body = answer.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "detail": "reachable", "value": None}
    assert body["checks"]["scheduler"]["detail"] == "scheduler running"
    assert body["checks"]["last_collect"]["detail"] == "no successful collection yet"


async def test_healthz_answers_503_naming_what_failed(http: httpx.AsyncClient) -> None:
    unreachable = Database(create_db_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"))
    server = await started(
        {
            "database": database_check(unreachable),
            "scheduler": task_check("scheduler", lambda: False),
        }
    )
    try:
        answer = await http.get(f"http://127.0.0.1:{server.port}/healthz")
    finally:
        await server.stop()
        unreachable.close()
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "failing"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["detail"].startswith("unreachable: ")
    assert body["checks"]["scheduler"] == {
        "ok": False,
        "detail": "scheduler stopped",
        "value": None,
    }


async def test_stale_collection_makes_healthz_fail(
    db: Database, feeds: FeedServer, http: httpx.AsyncClient, tmp_path: Path
) -> None:
    settings = settings_for(db, feeds, ["wire"], tmp_path)
    sync_configured_sources(db, settings)
    now = datetime.now(UTC)
    with db.write() as conn:
        conn.execute(update(sources).values(last_success=now - timedelta(hours=3)))
    server = await started({"last_collect": collect_age_check(db, timedelta(hours=2))})
    try:
        stale = await http.get(f"http://127.0.0.1:{server.port}/healthz")
        with db.write() as conn:
            conn.execute(update(sources).values(last_success=now - timedelta(minutes=5)))
        fresh = await http.get(f"http://127.0.0.1:{server.port}/healthz")
    finally:
        await server.stop()
    assert stale.status_code == 503
    check = stale.json()["checks"]["last_collect"]
    assert check["detail"] == "last success 3h ago (limit 2h)"
    assert 3 * 3600 - 60 < check["value"] < 3 * 3600 + 60
    assert fresh.status_code == 200
    assert fresh.json()["checks"]["last_collect"]["detail"] == "last success 5m ago"


async def test_metrics_count_articles_and_fetch_failures_per_source(
    db: Database,
    feeds: FeedServer,
    http: httpx.AsyncClient,
    executor: ThreadPoolExecutor,
    tmp_path: Path,
) -> None:
    good, broken = f"wire-{uuid.uuid4().hex[:6]}", f"dead-{uuid.uuid4().hex[:6]}"
    serve_story_feed(feeds, good, 3)
    feeds.route(f"/{broken}.xml", "oops", status=500)
    settings = settings_for(db, feeds, [good, broken], tmp_path)
    server = await serve_health(settings, db, role="scheduler", alive=lambda: True, port=0)
    assert server is not None
    try:
        await collect_once(settings, db, executor=executor)
        page = await scrape(http, server)
    finally:
        await server.stop()
    assert value(page, "digestbot_articles_collected_total", source=good) == 3
    assert value(page, "digestbot_fetch_failures_total", source=broken) == 1
    assert value(page, "digestbot_fetch_failures_total", source=good) == 0


class FloodedPort:
    """A chat platform that answers 429 to the first send of each chat, then accepts."""

    platform = "telegram"

    def __init__(self) -> None:
        self.refused: set[str] = set()

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send_page(self, chat: ChatRef, page: RenderedPage) -> SentMessage:
        if chat.address not in self.refused:
            self.refused.add(chat.address)
            raise RetryLater("flood limit", retry_after_s=0)
        return SentMessage(f"m-{chat.address}")


async def test_metrics_show_sends_latency_429s_and_the_outbox_depth(
    db: Database, http: httpx.AsyncClient, tmp_path: Path
) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    settings = Settings(storage=StorageSettings(url=url))
    server = await serve_health(settings, db, role="scheduler", alive=lambda: True, port=0)
    assert server is not None
    later = [timedelta(0)]
    try:
        before = await scrape(http, server)
        queue_messages(db, 3, 2)
        queued = await scrape(http, server)
        worker = DeliveryWorker(
            db, {"telegram": FloodedPort()}, clock=lambda: datetime.now(UTC) + later[0]
        )
        for _ in range(3):
            await worker.run_until_idle()
            later[0] += timedelta(minutes=1)  # past the backoff of the refused messages
        after = await scrape(http, server)
    finally:
        await server.stop()

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert value(queued, "digestbot_outbox_depth", status="queued") == 6
    assert value(after, "digestbot_outbox_depth", status="queued") == 0
    assert grew("digestbot_digests_sent_total", platform="telegram") == 6
    assert grew("digestbot_rate_limited_total", platform="telegram") == 3
    assert grew("digestbot_delivery_latency_seconds_count", platform="telegram") == 9


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_digestbot_run_serves_health_and_digestbot_health_asks_it(
    sqlite_url: str, feeds: FeedServer, tmp_path: Path
) -> None:
    serve_story_feed(feeds, "wire", 2)
    port = free_port()
    config = tmp_path / "digestbot.yaml"
    config.write_text(
        f"storage:\n  url: '{sqlite_url}'\n"
        f"server:\n  port: {port}\n"
        "fetch:\n  allow_private_networks: true\n"
        f"sources:\n  - name: wire\n    url: '{feeds.url('/wire.xml')}'\n    every: 1h\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "bot"]
    run = subprocess.Popen(
        [*command, "run", "--config", str(config)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        answer = None
        for _ in range(150):
            answer = await asyncio.to_thread(
                subprocess.run,
                [*command, "health", "--config", str(config)],
                cwd=REPO,
                capture_output=True,
                text=True,
            )
            if answer.returncode == 0 and feeds.hits("/wire.xml"):
                break
            await asyncio.sleep(0.2)
        assert answer is not None and answer.returncode == 0, answer
        body = json.loads(answer.stdout)
        assert set(body["checks"]) == {"database", "scheduler", "last_collect"}
        async with httpx.AsyncClient() as http:
            metrics = (await http.get(f"http://127.0.0.1:{port}/metrics")).text
        assert "digestbot_outbox_depth" in metrics
        run.send_signal(signal.SIGTERM)
        _, err = await asyncio.to_thread(run.communicate, timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 0, err
    records = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert any(f":{port}/healthz" in record["message"] for record in records)
    gone = await asyncio.to_thread(
        subprocess.run,
        [*command, "health", "--config", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert gone.returncode == 1
    assert gone.stderr.startswith(f"error: no answer from http://127.0.0.1:{port}/healthz")


async def test_flood_limits_the_telegram_client_waits_out_are_counted_too(
    sqlite_url: str, http: httpx.AsyncClient
) -> None:
    db = open_database(sqlite_url)
    settings = Settings(storage=StorageSettings(url=sqlite_url))
    server = await serve_health(settings, db, role="scheduler", alive=lambda: True, port=0)
    assert server is not None
    try:
        async with FakeTelegram() as fake, httpx.AsyncClient() as client:
            services = Services(db=db, settings=settings, client=client)
            port = build_application(TelegramChannel(token=TOKEN, base_url=fake.base_url), services)
            await port.app.initialize()
            try:
                before = await scrape(http, server)
                queue_messages(db, 1, 1)
                fake.rate_limit(FIRST_CHAT, times=2, retry_after_s=1)
                await DeliveryWorker(db, {"telegram": port}).run_until_idle()
                after = await scrape(http, server)
            finally:
                await port.app.shutdown()
    finally:
        await server.stop()
        db.close()
    assert [message.chat_id for message in fake.sent] == [FIRST_CHAT]
    assert fake.too_many_requests == 2
    name = "digestbot_rate_limited_total"
    assert value(after, name, platform="telegram") - value(before, name, platform="telegram") == 2
