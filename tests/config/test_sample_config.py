"""The shipped demo config and sample feeds work offline: every sample article comes through."""

from __future__ import annotations

from pathlib import Path

import httpx

from bot.collect.fetch import fetch_source
from bot.config.settings import load_config
from bot.models import SourceState

REPO = Path(__file__).resolve().parents[2]


def headline(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].strip()


async def test_each_sample_feed_yields_full_articles() -> None:
    settings = load_config(REPO / "config/digestbot.yaml", {})
    assert settings.base_dir == REPO / "config"
    titles: list[str] = []
    async with httpx.AsyncClient() as client:
        for source in settings.sources:
            result = await fetch_source(
                client, source, SourceState(), settings.fetch, base_dir=settings.base_dir
            )
            assert result.status == "new", result.error
            assert len(result.entries) >= 2
            for entry in result.entries:
                assert len(entry.text) > 1500
                assert entry.guid and entry.published and entry.author
                assert entry.url.startswith("https://")
            titles += [entry.title for entry in result.entries]
    with_headlines = sorted((REPO / "config/samples/articles").glob("*.txt"))
    expected = {headline(p) for p in with_headlines if p.stem != "seed_article"}
    assert expected <= set(titles)
    assert len(titles) == len(with_headlines)
