"""Four first collections at once on an empty PostgreSQL schema each store the configured
sources without clashing: every process gets the same ids and each source is stored once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.collect.pipeline import sync_configured_sources
from bot.config.settings import Settings, StorageSettings
from bot.config.sources import SourceConfig
from bot.store.database import open_database
from bot.store.sources import list_sources

PROCESSES = 4
# Alembic's migration context is global to a process: threads migrate one at a time.
MIGRATING = threading.Lock()
NAMES = [f"outlet-{n}" for n in range(12)]


def first_run(url: str, tmp: Path, start: threading.Barrier) -> dict[str, int]:
    settings = Settings(
        storage=StorageSettings(url=url),
        sources=[SourceConfig(name=name, url=f"https://{name}.example/feed.xml") for name in NAMES],
        base_dir=tmp,
    )
    with MIGRATING:
        db = open_database(url)
    try:
        start.wait()
        return sync_configured_sources(db, settings)
    finally:
        db.close()


def test_concurrent_first_syncs_store_each_source_once(pg_url: str, tmp_path: Path) -> None:
    start = threading.Barrier(PROCESSES, timeout=120)
    with ThreadPoolExecutor(PROCESSES) as pool:
        runs = [pool.submit(first_run, pg_url, tmp_path, start) for _ in range(PROCESSES)]
        ids = [run.result() for run in runs]
    assert all(found == ids[0] for found in ids)
    assert sorted(ids[0]) == sorted(NAMES)
    db = open_database(pg_url)
    try:
        with db.read() as conn:
            stored = list_sources(conn)
    finally:
        db.close()
    assert {row.name: row.id for row in stored} == ids[0]
