"""The fetch layer alone: fetch_source over 500 feeds x 20 items, then again with their ETags.

No storage and no digests, so the figures show what fetching and feed parsing cost by themselves
(bench/collect.py measures the whole collection). The feeds come from bench.collect's server,
run in its own process.

    python -m bench.fetch
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

import httpx

from bot.collect.fetch import fetch_source
from bot.config.sources import FetchSettings, SourceConfig
from bot.models import FetchResult, SourceState

FEEDS = 500
# One loopback host, so the per-host limit is lifted to the overall one.
SETTINGS = FetchSettings(allow_private_networks=True, concurrency=50, per_host=50)


async def _pass(
    client: httpx.AsyncClient,
    sources: list[SourceConfig],
    states: list[SourceState],
    executor: Executor | None = None,
) -> tuple[list[FetchResult], float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    results = await asyncio.gather(
        *(
            fetch_source(client, source, state, SETTINGS, base_dir=Path.cwd(), executor=executor)
            for source, state in zip(sources, states, strict=True)
        )
    )
    return results, time.perf_counter() - wall, time.process_time() - cpu


async def measure(port: int) -> str:
    sources = [
        SourceConfig(name=f"feed {n}", url=f"http://127.0.0.1:{port}/feed/{n}.xml")
        for n in range(FEEDS)
    ]
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as client:
        first, wall1, cpu1 = await _pass(client, sources, [SourceState()] * FEEDS)
        known = [SourceState(etag=result.etag) for result in first]
        second, wall2, cpu2 = await _pass(client, sources, known)
        with ProcessPoolExecutor(max_workers=2) as pool:
            await _pass(client, sources[:4], [SourceState()] * 4, pool)  # start the workers
            pooled, wall3, cpu3 = await _pass(client, sources, [SourceState()] * FEEDS, pool)
    entries = sum(len(result.entries) for result in first)
    unchanged = sum(result.status == "not_modified" for result in second)
    return (
        "## Fetching alone (500 feeds x 20 items, loopback, no storage)\n\n"
        "| pass | wall time | CPU time | result |\n|---|---|---|---|\n"
        f"| 1: all new | {wall1:.2f} s | {cpu1:.2f} s | {entries} entries parsed |\n"
        f"| 2: with ETags | {wall2:.2f} s | {cpu2:.2f} s | {unchanged} of {FEEDS} not modified |\n"
        f"| 1 again, parsing in 2 worker processes | {wall3:.2f} s | {cpu3:.2f} s (this process) "
        f"| {sum(len(result.entries) for result in pooled)} entries parsed |\n\n"
        "CPU time is this process's (all its threads); the machine is shared, so wall times vary.\n"
        "Regenerate: `.venv/bin/python -m bench.fetch`.\n"
    )


def run() -> str:
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.collect", "serve"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        return asyncio.run(measure(port))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    print(run())
