"""Choosing the default ranker's constants by cross-validation, and the script that chose them.

The dev sets are split into two fixed halves (items sorted by sha256 of their id, alternately
to half A and half B). A weighting is fitted on one half of cnndm_dev and xsum_dev together
(the best mean ROUGE-1 of the two, over :data:`GRID`) and scored on the other half, both ways;
those held-out figures are the ones to believe. ``summarise.DEFAULT_WEIGHTS`` is the same
grid's best on both halves together: ``python -m bench.fit_ranking`` prints it. With 50
articles a half the figures move with the split, so the same fitting is repeated on a few
other fixed splits (sha256 of a salt and the id), scored in-process as the scorer scores R1.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import eval_dir
from summarise import Candidates, RankingWeights, digest_candidates

DATASETS = ("cnndm_dev", "xsum_dev")
SENTENCES = 3

# Few values of few constants: with 50 articles a half, a finer grid fits noise.
GRID: dict[str, tuple[float, ...]] = {
    "position_decay": (0.75, 1.0, 1.5, 2.0),
    "long": (1.0, 0.6, 0.35),
    "redundancy": (0.0, 0.15, 0.3),
}


@dataclass
class Item:
    """One dev article: its id, its reference summary, the default digest's candidates."""

    id: str
    reference: str
    candidates: Candidates
    lead3: list[str]


def load(name: str) -> list[Item]:
    """Items of ``eval/<name>.jsonl`` ready for fitting."""
    rows = [json.loads(line) for line in (eval_dir() / f"{name}.jsonl").open(encoding="utf-8")]
    return [
        Item(row["id"], row["reference"], digest_candidates(row["article"]), lead3(row["article"]))
        for row in rows
        if row
    ]


def lead3(article: str) -> list[str]:
    """The scorer's Lead-3: the first three pysbd sentences of the raw article."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    sentences: list[str] = []
    for line in article.split("\n"):
        if line.strip():
            sentences += [s.strip() for s in segmenter.segment(line.strip()) if s.strip()]
    return sentences[:3]


def halves(ids: Sequence[str], salt: str = "") -> tuple[set[str], set[str]]:
    """The two fixed halves: ids sorted by sha256 (of ``salt`` and the id), alternately to A
    and B."""
    ordered = sorted(ids, key=lambda i: hashlib.sha256((salt + i).encode()).hexdigest())
    return set(ordered[0::2]), set(ordered[1::2])


class Rouge1:
    """ROUGE-1 F1 as ``score_summaries.py`` computes it (rouge-score, stemming), remembered
    per (article, chosen sentences): most weightings choose the same few digests."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
        self._seen: dict[tuple[str, tuple[str, ...]], float] = {}

    def __call__(self, item: Item, summary: Sequence[str]) -> float:
        key = (item.id, tuple(summary))
        if key not in self._seen:
            score = self._scorer.score(item.reference, "\n".join(summary))
            self._seen[key] = score["rouge1"].fmeasure if summary else 0.0
        return self._seen[key]


def weightings() -> list[RankingWeights]:
    """Every weighting of :data:`GRID`."""
    return [RankingWeights(*values) for values in itertools.product(*GRID.values())]


def mean_rouge1(items: Sequence[Item], weights: RankingWeights, rouge: Rouge1) -> float:
    """Mean ROUGE-1 F1 x100 of the default digests of ``items`` under ``weights``."""
    total = sum(rouge(item, item.candidates.choose(weights, count=SENTENCES)) for item in items)
    return 100 * total / max(len(items), 1)


def fit(sets: Sequence[Sequence[Item]], rouge: Rouge1) -> RankingWeights:
    """The weighting of :data:`GRID` with the best mean over ``sets`` of their mean ROUGE-1;
    ties go to the earlier weighting of the grid."""
    best: tuple[float, RankingWeights] | None = None
    for weights in weightings():
        value = sum(mean_rouge1(items, weights, rouge) for items in sets) / len(sets)
        if best is None or value > best[0] + 1e-9:
            best = (value, weights)
    assert best is not None
    return best[1]


def cross_validate(other_splits: Sequence[str] = ("1:", "2:", "3:")) -> dict[str, Any]:
    """Weights fitted on half A and on half B (both datasets), and on all of them; and for
    each of ``other_splits`` (salts), the held-out R1 margin over Lead-3 per dataset, mean of
    the two halves."""
    rouge = Rouge1()
    data = {name: load(name) for name in DATASETS}
    split = {name: halves([item.id for item in items]) for name, items in data.items()}
    fitted: dict[str, RankingWeights] = {}
    for index, label in enumerate(("A", "B")):
        sets = [[i for i in data[n] if i.id in split[n][index]] for n in DATASETS]
        fitted[label] = fit(sets, rouge)
    fitted["all"] = fit(list(data.values()), rouge)
    margins = {salt: _held_out_margins(data, salt, rouge) for salt in other_splits}
    return {"weights": fitted, "halves": split, "other_splits": margins}


def _held_out_margins(data: dict[str, list[Item]], salt: str, rouge: Rouge1) -> dict[str, float]:
    split = {name: halves([item.id for item in items], salt) for name, items in data.items()}
    margins = {name: 0.0 for name in data}
    for index in (0, 1):
        weights = fit([[i for i in data[n] if i.id in split[n][index]] for n in data], rouge)
        for name, items in data.items():
            scored = [i for i in items if i.id in split[name][1 - index]]
            lead = 100 * sum(rouge(i, i.lead3) for i in scored) / len(scored)
            margins[name] += (mean_rouge1(scored, weights, rouge) - lead) / 2
    return margins


def half_file(source: Path, ids: set[str], target: Path) -> Path:
    """A temporary copy of the lines of ``source`` whose id is in ``ids`` (for the scorer)."""
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line]
    kept = [line for line in lines if json.loads(line)["id"] in ids]
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return target


def main() -> None:
    result = cross_validate()
    for label, weights in result["weights"].items():
        print(f"fitted on {label}: {weights}")
    for salt, margins in result["other_splits"].items():
        print(
            f"split {salt!r}: held-out R1 vs Lead-3 "
            + ", ".join(f"{name} {margin:+.2f}" for name, margin in margins.items())
        )


if __name__ == "__main__":
    main()
