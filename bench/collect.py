"""Collection: 500 feeds x 20 items from a loopback server into a SQLite file.

The feed server and the measured collector run in their own processes, so the collector's peak
memory is its own. Pass 1 stores every article with digests deferred; pass 2 finds every feed
unchanged (304); the digest step is measured on a sample and extrapolated.

    python -m bench collect                  # as part of the bench suite
    python -m bench.collect serve|measure    # the two halves, used by run()
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

FEEDS = 500
ITEMS = 20
DIGEST_SAMPLE = 400
PARAGRAPH = (
    "Officials in {city} said on {day} that the {topic} plan would be reviewed by the regional "
    "assembly before the summer recess. Minister {name} told reporters the government expected "
    "a decision within weeks, while opposition leader {rival} said the costs had been "
    "underestimated. The {topic} programme, first announced last year, covers {n} projects."
)
CITIES = ("Northbridge", "Eastport", "Lakeside", "Millbrook", "Westfield")
TOPICS = ("transport", "housing", "energy", "water", "schools")
NAMES = ("Anna Keller", "Pavel Novak", "Ines Moreau", "Tomas Berg", "Maria Olsen")


def feed_xml(feed: int) -> bytes:
    items = []
    for item in range(ITEMS):
        n = feed * ITEMS + item
        words = {
            "city": CITIES[n % 5],
            "day": ("Monday", "Tuesday", "Friday")[n % 3],
            "topic": TOPICS[(n // 5) % 5],
            "name": NAMES[n % 5],
            "rival": NAMES[(n + 2) % 5],
            "n": n,
        }
        body = "".join(f"<p>{escape(PARAGRAPH.format(**words))}</p>" for _ in range(2))
        items.append(
            f"<item><title>Report {n}: {words['topic']} in {words['city']}</title>"
            f"<link>https://news.example/{feed}/{item}</link><guid>f{feed}-{item}</guid>"
            "<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Feed {feed}</title><link>https://news.example/{feed}</link>"
        f"<description>Feed {feed}</description>{''.join(items)}</channel></rss>"
    ).encode()


def serve() -> None:
    """Serve the feeds with ETags on 127.0.0.1; print the port, run until killed."""
    from aiohttp import web

    bodies = {f"/feed/{i}.xml": feed_xml(i) for i in range(FEEDS)}

    async def handle(request: web.Request) -> web.Response:
        body = bodies.get(request.path)
        if body is None:
            return web.Response(status=404)
        etag = f'"{request.path}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type="application/rss+xml", headers={"ETag": etag})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/feed/{name}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        print(port, flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


def measure(port: int, db_path: Path) -> dict[str, Any]:
    from sqlalchemy import func, select

    from bot.collect.pipeline import collect_once
    from bot.collect.summarising import Summariser, summarise_pending
    from bot.config.settings import Settings, StorageSettings
    from bot.config.sources import FetchSettings, SourceConfig
    from bot.store.database import open_database
    from bot.store.tables import articles

    settings = Settings(
        storage=StorageSettings(url=f"sqlite:///{db_path}"),
        # One loopback host serves every feed: lift the per-host limit real sites keep.
        fetch=FetchSettings(allow_private_networks=True, concurrency=50, per_host=50),
        sources=[
            SourceConfig(name=f"feed{i:03d}", url=f"http://127.0.0.1:{port}/feed/{i}.xml")
            for i in range(FEEDS)
        ],
    )
    db = open_database(settings.storage.url)

    def stored() -> int:
        with db.read() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    started = time.perf_counter()
    first = asyncio.run(collect_once(settings, db, defer_digests=True))
    first_s = time.perf_counter() - started
    first_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    first_stored = stored()
    started = time.perf_counter()
    second = asyncio.run(collect_once(settings, db, defer_digests=True))
    second_s = time.perf_counter() - started

    async def digests() -> tuple[int, float]:
        summariser = Summariser(settings.digest)
        try:
            await summarise_pending(db, summariser, limit=2)  # start the workers first
            started = time.perf_counter()
            done = await summarise_pending(db, summariser, limit=DIGEST_SAMPLE)
            return done, time.perf_counter() - started
        finally:
            summariser.close()

    done, digest_s = asyncio.run(digests())
    db.close()
    return {
        "first_s": first_s,
        "first_failed": sum(r.failed for r in first),
        "first_new": sum(r.new for r in first),
        "stored": first_stored,
        "first_rss_mb": first_rss / 1024,
        "second_s": second_s,
        "second_not_modified": sum(r.status == "not_modified" for r in second),
        "second_new": sum(r.new for r in second),
        "digests": done,
        "digest_s": digest_s,
        "workers": os.cpu_count() or 1,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "db_mb": db_path.stat().st_size / 1024 / 1024,
    }


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen(
            [sys.executable, "-m", "bench.collect", "serve"], stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            port = server.stdout.readline().strip()
            measured = subprocess.run(
                [sys.executable, "-m", "bench.collect", "measure", port, f"{tmp}/bench.db"],
                capture_output=True,
                text=True,
                check=True,
            )
        finally:
            server.terminate()
            server.wait()
    return report(json.loads(measured.stdout))


def report(m: dict[str, Any]) -> str:
    total = FEEDS * ITEMS
    per_digest = m["digest_s"] / max(m["digests"], 1)
    rows = [
        (
            "pass 1: all new",
            f"{m['first_s']:.1f} s (goal <= 15 s)",
            f"{m['stored']} of {total} articles stored, {m['first_failed']} sources failed",
        ),
        (
            "pass 2: all 304 Not Modified",
            f"{m['second_s']:.2f} s (goal <= 3 s)",
            f"{m['second_not_modified']} of {FEEDS} not modified, {m['second_new']} new",
        ),
        (
            "digests, follow-up step",
            f"{m['digest_s']:.1f} s for {m['digests']}",
            f"{per_digest * 1000:.0f} ms per article with {m['workers']} worker processes; "
            f"all {total}: ~{per_digest * total:.0f} s",
        ),
    ]
    table = "\n".join(f"| {step} | {time_} | {result} |" for step, time_, result in rows)
    return (
        f"## Collection ({FEEDS} feeds x {ITEMS} items, loopback, SQLite file)\n\n"
        f"Each feed ~{len(feed_xml(0)) // 1024} KiB; one loopback host, so the per-host limit is "
        "lifted to 50 (`fetch.concurrency` 50). Digests are **deferred** in pass 1: articles "
        "are stored first and summarised by a follow-up step, measured on a sample.\n\n"
        "| step | wall time | result |\n|---|---|---|\n"
        f"{table}\n\n"
        f"Peak memory (max RSS): collector process {m['peak_rss_mb']:.0f} MB "
        f"({m['first_rss_mb']:.0f} MB after pass 1); largest digest worker process "
        f"{m['workers_peak_rss_mb']:.0f} MB. Database file {m['db_mb']:.0f} MB.\n"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.collect")
    parser.add_argument("mode", choices=["serve", "measure", "run"])
    parser.add_argument("port", nargs="?", type=int)
    parser.add_argument("db", nargs="?", type=Path)
    args = parser.parse_args(argv)
    if args.mode == "serve":
        serve()
    elif args.mode == "measure":
        print(json.dumps(measure(args.port, args.db)))
    else:
        print(run())


if __name__ == "__main__":
    main()
