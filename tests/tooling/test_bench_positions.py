"""The who-said-what bench's pure parts, on small made-up data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import BENCHES, last_json
from bench.positions import (
    attribution_figures,
    attributions,
    halves,
    report,
    to_pred,
)

TEXT = 'Mayor Ann Lee said the bridge will reopen. "We are nearly done," she said.'


def _attribution(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "speaker": "Mayor Ann Lee",
        "actor": "Ann Lee",
        "cue": "said",
        "text": "the bridge will reopen",
        "quote": None,
        "span": [19, 41],
        "speaker_span": [0, 13],
        "cue_span": [14, 18],
    }
    return {**base, **changes}


def test_registered() -> None:
    assert "positions" in BENCHES


def test_halves_split_by_even_and_odd_index_keeping_order() -> None:
    assert halves(["a", "b", "c", "d", "e"]) == (["a", "c", "e"], ["b", "d"])
    assert halves([]) == ([], [])
    assert halves(["only"]) == (["only"], [])


def test_missing_or_null_attributions_are_none() -> None:
    line: dict[str, Any] = {"id": "x", "title": None, "summary": [], "actors": []}
    assert attributions(line) == []
    assert attributions({**line, "attributions": None}) == []
    assert to_pred(line) == {"id": "x", "quotes": []}


def test_to_pred_gives_the_scorer_shape() -> None:
    assert TEXT[19:41] == "the bridge will reopen"
    quote = _attribution(
        speaker="she",
        text="We are nearly done",
        quote="We are nearly done",
        span=[44, 62],
        speaker_span=[65, 68],
        cue_span=[69, 73],
    )
    line = {"id": "doc-1", "actors": [], "attributions": [_attribution(), quote]}
    assert to_pred(line) == {
        "id": "doc-1",
        "quotes": [
            {"speaker_span": [[0, 13]], "cue_span": [[14, 18]], "content_span": [[19, 41]]},
            {"speaker_span": [[65, 68]], "cue_span": [[69, 73]], "content_span": [[44, 62]]},
        ],
    }
    assert TEXT[65:68] == "she" and TEXT[69:73] == "said"


def test_to_pred_quoted_only_keeps_the_attributions_with_a_quote() -> None:
    quote = _attribution(quote="We are nearly done", span=[44, 62])
    line = {"id": "doc-1", "attributions": [_attribution(), quote]}
    assert [q["content_span"] for q in to_pred(line, quoted_only=True)["quotes"]] == [[[44, 62]]]


def test_to_pred_unnamed_speaker_has_no_speaker_span() -> None:
    line = {"id": "d", "attributions": [_attribution(speaker_span=None, actor=None)]}
    assert to_pred(line)["quotes"][0]["speaker_span"] == []


def test_to_pred_survives_a_json_round_trip_and_reported_by() -> None:
    line = {"id": "d", "attributions": [_attribution(reported_by="Bob Ray"), "junk"]}
    again = json.loads(json.dumps(line))
    assert to_pred(again)["quotes"] == to_pred(line)["quotes"]
    assert len(to_pred(line)["quotes"]) == 1


def test_last_json_reads_the_final_line_after_a_table() -> None:
    out = "articles: 2\nmetric value\nspeaker recall 0.5\n" + json.dumps(
        {"speaker_recall": 0.5, "claim_recall": 0.25}
    )
    assert last_json(out + "\n\n") == {"speaker_recall": 0.5, "claim_recall": 0.25}
    with pytest.raises(ValueError):
        last_json("\n")


def _attribution_row(subset: str, threshold: float, f1: float) -> dict[str, Any]:
    return {
        "threshold": threshold,
        "subset": subset,
        "tp": 3,
        "fp": 1,
        "fn": 2,
        "precision": 0.75,
        "recall": 0.6,
        "f1": f1,
        "speaker_match_acc": 0.667,
        "cue_match_acc": 1.0,
    }


def test_attribution_figures_pick_the_threshold_by_subset() -> None:
    rows = [
        _attribution_row("direct", 0.3, 0.5),
        _attribution_row("direct", 0.8, 0.4),
        _attribution_row("all", 0.3, 0.3),
        _attribution_row("all", 0.8, 0.2),
    ]
    out = "".join(json.dumps(r) + "\n" for r in rows)
    figures = attribution_figures(out)
    assert set(figures) == {"direct", "all"}
    assert figures["direct"]["f1"] == 0.5 and figures["all"]["f1"] == 0.3
    assert attribution_figures(out, 0.8)["all"]["f1"] == 0.2


def test_report_renders_every_part() -> None:
    positions = {
        "speaker_recall": 0.9,
        "claim_recall": 0.5,
        "misattribution_rate": 0.05,
        "role_accuracy": 0.8,
        "supported_positions": 0.6,
    }
    polnear = {
        "all": _attribution_row("all", 0.3, 0.3),
        "direct": _attribution_row("direct", 0.3, 0.5),
    }
    run = {"articles": 2, "with_attributions": 0, "errors": 0}
    speed = {"articles": 4, "seconds": 2.0, "cpu": 3.0, "others_cores": 0.25, "errors": 0}
    parts = [("all", 2, None), ("half A", 1, None), ("half B", 1, None)]
    result = {
        "label": "rules only",
        "positions": [(p, n, positions) for p, n, _ in parts],
        "polnear": [(p, n, polnear) for p, n, _ in parts],
        "runs": (run, run),
        "speed": speed,
    }
    text = report(Path("/data/eval"), [result])
    assert text.startswith("## Who said what")
    assert "| rules only | half B | 1 | 0.90 | 0.50 | 0.05 | 0.80 | 0.60 |" in text
    assert "| target | | | >= 0.95 | >= 0.80 | <= 0.03 | >= 0.85 | >= 0.70 |" in text
    assert "| rules only | all | 2 | 0.75 | 0.60 | 0.30 | 0.75 | 0.60 | 0.50 |" in text
    assert "| rules only | 4 | 2.0 | 120 | 3.0 | 0.2 | 0 |" in text
    assert "python -m bench positions" in text
