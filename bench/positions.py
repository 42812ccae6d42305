"""Who said what: positions on positions_dev, attribution on PolNeAR dev, --batch speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from bench import REPO_ROOT, eval_dir, run_scorer
from bench.people import model
from bench.summaries import _machine_busy_seconds, _measure
from summarise import model_name

T = TypeVar("T")

MODELS = ("auto", "none")
WORKERS = 2
THRESHOLD = 0.3
# Figure name in the scorer's JSON, column label, target, True when higher is better.
POSITION_FIGURES: tuple[tuple[str, str, float, bool], ...] = (
    ("speaker_recall", "speakers", 0.95, True),
    ("claim_recall", "claims", 0.80, True),
    ("misattribution_rate", "misattributed", 0.03, False),
    ("role_accuracy", "roles", 0.85, True),
    ("supported_positions", "supported", 0.70, True),
)
ATTRIBUTION_TARGETS = {"all F1": 0.70, "direct F1": 0.85, "speaker": 0.90}
SPEED_TARGET = 1000
NEEDED = (
    "positions_dev.jsonl",
    "cnndm_dev.jsonl",
    "xsum_dev.jsonl",
    "polnear_dev.jsonl",
    "score_positions.py",
    "score_attribution.py",
)


def halves(items: Sequence[T]) -> tuple[list[T], list[T]]:
    """Half A (items at even index) and half B (odd index), file order kept."""
    return list(items[0::2]), list(items[1::2])


def attributions(line: dict[str, Any]) -> list[dict[str, Any]]:
    """The attributions of one batch output line; none when the key is missing or null."""
    found = line.get("attributions")
    return [a for a in found if isinstance(a, dict)] if isinstance(found, list) else []


def _spans(span: Any) -> list[list[int]]:
    """A flat [start, end) as the scorer's list of spans; [] for null or malformed."""
    if isinstance(span, list | tuple) and len(span) == 2 and all(isinstance(x, int) for x in span):
        return [[span[0], span[1]]]
    return []


def to_pred(line: dict[str, Any], quoted_only: bool = False) -> dict[str, Any]:
    """One batch output line as a score_attribution.py PRED line (offsets into the input);
    with `quoted_only`, only the attributions that carry a direct quote."""
    quotes = [
        {
            "speaker_span": _spans(a.get("speaker_span")),
            "cue_span": _spans(a.get("cue_span")),
            "content_span": _spans(a.get("span")),
        }
        for a in attributions(line)
        if a.get("quote") or not quoted_only
    ]
    return {"id": line.get("id"), "quotes": quotes}


def attribution_figures(stdout: str, threshold: float = THRESHOLD) -> dict[str, dict[str, Any]]:
    """score_attribution.py's JSON lines at ``threshold``, by subset ("direct", "all")."""
    found: dict[str, dict[str, Any]] = {}
    for line in stdout.splitlines():
        if line.strip().startswith("{"):
            row = json.loads(line)
            if abs(float(row["threshold"]) - threshold) < 1e-9:
                found[row["subset"]] = row
    return found


def _jsonl(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write(path: Path, lines: Sequence[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def batch(rows: Sequence[dict[str, str]], choice: str, work: Path, name: str) -> dict[str, Any]:
    """Run ``summarise --batch`` on ``rows``: its output lines, wall and CPU seconds, busy."""
    source = _write(work / f"{name}-{choice}-in.jsonl", [json.dumps(r) for r in rows])
    output = work / f"{name}-{choice}-out.jsonl"
    command = [sys.executable, "-m", "bot", "summarise", "--batch", str(source)]
    command += ["--nlp-model", choice, "--workers", str(WORKERS)]
    busy_before = _machine_busy_seconds()
    measured = _measure(command, output)
    busy = _machine_busy_seconds() - busy_before
    lines = [json.loads(line) for line in _jsonl(output)]
    return {
        **measured,
        "lines": lines,
        "articles": len(rows),
        "errors": sum(1 for line in lines if "error" in line),
        "with_attributions": sum(1 for line in lines if "attributions" in line),
        # Cores other processes kept busy on average while the batch ran.
        "others_cores": max(0.0, busy - measured["cpu"]) / measured["seconds"],
    }


def _score(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout


def score_positions(data: Path, gold: Sequence[str], pred: Path, work: Path) -> dict[str, Any]:
    part = _write(work / "positions-gold.jsonl", gold)
    articles = data / "cnndm_dev.jsonl"
    scorer = data / "score_positions.py"
    return run_scorer(scorer, "--data", part, "--articles", articles, "--pred", pred)


def score_polnear(
    data: Path, gold: Sequence[str], pred: Path, quoted: Path, work: Path
) -> dict[str, Any]:
    """All relations scored on every attribution; direct quotes on the attributions that
    carry a quote (the scorer counts any prediction off a direct quote as a false one)."""
    part = _write(work / "polnear-gold.jsonl", gold)
    scorer = data / "score_attribution.py"
    every = attribution_figures(_score([sys.executable, str(scorer), str(part), str(pred)]))
    direct = attribution_figures(_score([sys.executable, str(scorer), str(part), str(quoted)]))
    return {"all": every.get("all", {}), "direct": direct.get("direct", {})}


def _parts(lines: list[str]) -> list[tuple[str, list[str]]]:
    half_a, half_b = halves(lines)
    return [("all", lines), ("half A", half_a), ("half B", half_b)]


def run() -> str:
    data = eval_dir()
    missing = [name for name in NEEDED if not (data / name).exists()]
    if missing:
        return (
            f"## Who said what\n\nEvaluation data not found at `{data}` (missing "
            f"{', '.join(missing)}); set `DIGESTBOT_EVAL_DIR` to the folder holding them."
        )
    articles = {
        item["id"]: item["article"]
        for path in ("cnndm_dev.jsonl", "xsum_dev.jsonl")
        for item in map(json.loads, _jsonl(data / path))
    }
    gold_positions = _jsonl(data / "positions_dev.jsonl")
    gold_polnear = _jsonl(data / "polnear_dev.jsonl")
    position_rows = [
        {"id": g["id"], "text": articles[g["id"]]} for g in map(json.loads, gold_positions)
    ]
    polnear_rows = [{"id": d["id"], "text": d["text"]} for d in map(json.loads, gold_polnear)]
    speed_rows = [{"id": i, "text": text} for i, text in articles.items()]
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-positions-") as tmp:
        work = Path(tmp)
        for choice in MODELS:
            with model(choice):
                name = model_name()
            label = f"spaCy {name}" if name else "rules only"
            label += f" (`--nlp-model {choice}`)"
            positions = batch(position_rows, choice, work, "positions")
            pred = _write(work / f"positions-{choice}-pred.jsonl", _dumps(positions["lines"]))
            polnear = batch(polnear_rows, choice, work, "polnear")
            converted = [json.dumps(to_pred(line)) for line in polnear["lines"]]
            polnear_pred = _write(work / f"polnear-{choice}-pred.jsonl", converted)
            quoted = [json.dumps(to_pred(line, quoted_only=True)) for line in polnear["lines"]]
            quoted_pred = _write(work / f"polnear-{choice}-quoted.jsonl", quoted)
            results.append(
                {
                    "label": label,
                    "positions": [
                        (part, len(g), score_positions(data, g, pred, work))
                        for part, g in _parts(gold_positions)
                    ],
                    "polnear": [
                        (part, len(g), score_polnear(data, g, polnear_pred, quoted_pred, work))
                        for part, g in _parts(gold_polnear)
                    ],
                    "runs": (positions, polnear),
                    "speed": batch(speed_rows, choice, work, "speed"),
                }
            )
    return report(data, results)


def _dumps(lines: Sequence[dict[str, Any]]) -> list[str]:
    return [json.dumps(line) for line in lines]


def _target(value: float, higher: bool) -> str:
    return f">= {value:.2f}" if higher else f"<= {value:.2f}"


def report(data: Path, results: Sequence[dict[str, Any]]) -> str:
    lines = [
        "## Who said what",
        "",
        f"`digestbot summarise --batch --workers {WORKERS}` output scored by the shared "
        f"scorers in `{os.path.relpath(data, REPO_ROOT)}`; half A = articles at even index "
        "in the gold file, half B = odd index.",
        "",
        "**Positions** (`positions_dev.jsonl`, texts from cnndm_dev, `score_positions.py`)",
        "",
        "| pipeline | part | articles | " + " | ".join(f[1] for f in POSITION_FIGURES) + " |",
        "| --- | --- | --- |" + " --- |" * len(POSITION_FIGURES),
        "| target | | | " + " | ".join(_target(f[2], f[3]) for f in POSITION_FIGURES) + " |",
    ]
    for result in results:
        for part, count, figures in result["positions"]:
            cells = " | ".join(f"{figures[f[0]]:.2f}" for f in POSITION_FIGURES)
            lines.append(f"| {result['label']} | {part} | {count} | {cells} |")
    lines += [
        "",
        f"**Attribution** (`polnear_dev.jsonl`, `score_attribution.py`, threshold {THRESHOLD}; "
        "speaker and cue accuracy are over matched relations). `all`: every attribution "
        "against every annotated relation; `direct`: the attributions that carry a quote "
        "against the relations annotated as direct quotes (the scorer counts a prediction "
        "on any other relation as false, so indirect speech is left out of that run).",
        "",
        "| pipeline | part | articles | all P | all R | all F1 | direct P | direct R | "
        "direct F1 | speaker (all) | cue (all) | speaker (direct) |",
        "| --- | --- | --- |" + " --- |" * 9,
        f"| target | | | | | >= {ATTRIBUTION_TARGETS['all F1']:.2f} | | | "
        f">= {ATTRIBUTION_TARGETS['direct F1']:.2f} | >= {ATTRIBUTION_TARGETS['speaker']:.2f} "
        "| | |",
    ]
    for result in results:
        for part, count, figures in result["polnear"]:
            every, direct = figures["all"], figures["direct"]
            values = [every[k] for k in ("precision", "recall", "f1")]
            values += [direct[k] for k in ("precision", "recall", "f1")]
            values += [every["speaker_match_acc"], every["cue_match_acc"]]
            values += [direct["speaker_match_acc"]]
            cells = " | ".join(f"{v:.2f}" for v in values)
            lines.append(f"| {result['label']} | {part} | {count} | {cells} |")
    lines += [""]
    for result in results:
        positions, polnear = result["runs"]
        lines.append(
            f"{result['label']}: output lines with an `attributions` key: "
            f"{positions['with_attributions']}/{positions['articles']} (positions), "
            f"{polnear['with_attributions']}/{polnear['articles']} (PolNeAR); error lines: "
            f"{positions['errors'] + polnear['errors']}."
        )
    lines += [
        "",
        f"**Speed**: `summarise --batch` with actors and attribution, {WORKERS} worker "
        "processes, cnndm_dev + xsum_dev articles, start-up included "
        f"(target >= {SPEED_TARGET:,} articles/min).",
        "",
        "| pipeline | articles | wall s | articles/min | CPU s | other processes' cores busy "
        "| errors |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        s = result["speed"]
        lines.append(
            f"| {result['label']} | {s['articles']} | {s['seconds']:.1f} | "
            f"{60 * s['articles'] / s['seconds']:.0f} | {s['cpu']:.1f} | "
            f"{s['others_cores']:.1f} | {s['errors']} |"
        )
    lines += [
        "",
        "Other processes' cores busy: CPU time of all other processes during the batch "
        "(from /proc/stat) divided by its wall time.",
        "",
        "Reproduce: `python -m bench positions`.",
    ]
    return "\n".join(lines) + "\n"
