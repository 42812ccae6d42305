"""Junk reports in a story: pages that are not a report of the event at all.

Stories gathered from the web carry pages that are no report: paywall and login stubs, "Tweet
with a location" and cookie notices, a video page's caption, an archive's crawl notice. They
are short, and they are about something else. So a report is junk when it is far shorter than
another report of the story *and* says little of what the far longer ones say: few of its
digest's words (weighted by their rarity in general English, so names and rare words count
most) are in theirs. A short report that tells the same event (a brief wire item) is kept, and
so is the longest report, which nothing is far longer than.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from summarise.stories.terms import background_probability, terms

__all__ = ["FAR_SHORTER", "FEW_SHARED", "junk_reports", "shared_weight"]

# A report under this share of another's length is far shorter than it. On each half of
# multinews_dev, 0.1 gave better story digests than 0.2 or 0.3 (ROUGE-1 +0.03 to +0.9).
FAR_SHORTER = 0.1
# Under this share of its (rarity-weighted) words said by the far longer reports, a far shorter
# report is about something else. From 0.2 to 0.5 made no difference on multinews_dev.
FEW_SHARED = 0.3


def _weight(term: str) -> float:
    return -math.log(background_probability(term))


def shared_weight(words: set[str], others: set[str]) -> float:
    """The rarity-weighted share of ``words`` that are also in ``others`` (0 for no words)."""
    total = sum(_weight(word) for word in words)
    if not total:
        return 0.0
    return sum(_weight(word) for word in words & others) / total


def junk_reports(sentences: Sequence[Sequence[str]], chars: Sequence[int]) -> set[int]:
    """Which reports (by index) are junk: each report's digest ``sentences`` and the length of
    its text in characters (``chars``). A report without sentences is junk too."""
    words = [set(terms(" ".join(digest))) for digest in sentences]
    junk = {i for i, digest in enumerate(sentences) if not digest}
    for i, length in enumerate(chars):
        if i in junk:
            continue
        longer = [j for j, other in enumerate(chars) if length < FAR_SHORTER * other]
        if not longer:
            continue
        said = set().union(*(words[j] for j in longer))
        if shared_weight(words[i], said) < FEW_SHARED:
            junk.add(i)
    return junk
