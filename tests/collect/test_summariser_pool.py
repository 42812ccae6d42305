"""The summariser's process pool: a backlog of 10,000 articles is summarised in full while the
pool renews its workers (the stdlib's max_tasks_per_child would hang here on Python 3.11)."""

from __future__ import annotations

import asyncio

from bot.collect.summarising import Summariser
from bot.config.settings import DigestSettings

ITEMS = 10_000
BATCH = 64  # as summarise_pending reads them


def _article(number: int) -> tuple[str, str]:
    title = f"Council vote {number}"
    text = (
        f"Maria Lopez said the council approved plan {number} on Monday. "
        f"The vote was {number % 50} to 3. Work starts in week {number % 52}."
    )
    return title, text


async def _digest_all(summariser: Summariser, numbers: range) -> dict[int, list[str]]:
    digests = await asyncio.gather(*(summariser.digest(*_article(n)) for n in numbers))
    return dict(zip(numbers, (digest.summary for digest in digests), strict=True))


async def test_ten_thousand_articles_are_all_summarised_across_pool_renewals() -> None:
    # A small quota per worker makes the pool renew several times within the run.
    summariser = Summariser(DigestSettings(nlp_model="none"), worker_tasks=600)
    summaries: dict[int, list[str]] = {}
    try:
        half = ITEMS // 2
        for start in range(0, half, BATCH):  # a backlog, read in batches
            summaries.update(await _digest_all(summariser, range(start, min(start + BATCH, half))))
        summaries.update(await _digest_all(summariser, range(half, ITEMS)))  # one huge feed
    finally:
        summariser.close()
    assert len(summaries) == ITEMS
    assert all(f"plan {n} " in " ".join(summary) for n, summary in summaries.items())
