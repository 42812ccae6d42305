"""Story digests on Multi-News: several outlets' reports of one event against a human summary.

Drives the real ``digestbot summarise --batch`` on ``articles`` lines built here from the shared
``multinews_dev.jsonl`` (never stored in the repository) and scores each digest with the shared
``score_multidoc.py``, which cuts it at 250 words and scores First-3 and round robin in the same
run. The 100 clusters are split into two fixed halves by sha256 of their id; the options of the
command (how many sentences, how many characters) are chosen on one half and reported on the
other. The junk rule is measured by the same digests with it and without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from bench import REPO_ROOT, eval_dir, run_scorer
from summarise import Report, digest_story, summarise

TITLE = "## Story digests (Multi-News)"
# Options of the command tried on each half: --sentences alone, and a character budget
# (--max-chars; the scorer keeps 250 words, about 1,500 characters) under --sentences 20.
SENTENCES_ALONE = (8, 10, 12, 14)
BUDGET_SENTENCES = 20
BUDGETS = (1500, 1650, 1800, 1950)
METRICS = ("rouge1", "rouge2", "rougeLsum")

Setting = tuple[int, int | None]  # (--sentences, --max-chars)


def run() -> str:
    data = eval_dir() / "multinews_dev.jsonl"
    if not data.exists():
        return f"{TITLE}\n\nEvaluation data not found at `{data}`; set `DIGESTBOT_EVAL_DIR`."
    items = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    halves = split(items)
    settings: list[Setting] = [(n, None) for n in SENTENCES_ALONE]
    settings += [(BUDGET_SENTENCES, chars) for chars in BUDGETS]
    with tempfile.TemporaryDirectory(prefix="bench-multidoc-") as tmp:
        work = Path(tmp)
        half_files = [_write(work / f"half{h}.jsonl", half) for h, half in enumerate(halves)]
        stories = _write(work / "stories.jsonl", [_story_line(item) for item in items])
        scores: dict[Setting, list[dict[str, Any]]] = {}
        seconds: dict[Setting, float] = {}
        for setting in settings:
            pred, seconds[setting] = digest_batch(stories, setting, work)
            scores[setting] = [score(half, pred) for half in half_files]
        fitted = [
            max(settings, key=lambda s, h=h: scores[s][1 - h]["pred"]["rouge1"]) for h in (0, 1)
        ]
        junk = [junk_effect(halves[h], fitted[h], half_files[h], work) for h in (0, 1)]
    return _report(data, halves, settings, scores, seconds, fitted, junk)


def split(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Two fixed halves: by the parity of the sha256 of each cluster's id."""
    halves: list[list[dict[str, Any]]] = [[], []]
    for item in items:
        halves[int(hashlib.sha256(item["id"].encode()).hexdigest(), 16) % 2].append(item)
    return halves


def _story_line(item: dict[str, Any]) -> dict[str, Any]:
    articles = [{"text": article["text"]} for article in item["articles"]]
    return {"id": item["id"], "articles": articles}


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def digest_batch(stories: Path, setting: Setting, work: Path) -> tuple[Path, float]:
    """Run the batch command with ``setting``; the predictions file and its wall time."""
    import time

    sentences, chars = setting
    command = [sys.executable, "-m", "bot", "summarise", "--batch", str(stories)]
    command += ["--sentences", str(sentences)]
    if chars is not None:
        command += ["--max-chars", str(chars)]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    elapsed = time.perf_counter() - start
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    failed = [line for line in lines if "error" in line]
    if failed:
        raise RuntimeError(f"{len(failed)} stories failed, first: {failed[0]}")
    pred = work / f"pred-{sentences}-{chars}.jsonl"
    _write(pred, [{"id": line["id"], "summary": line["summary"]} for line in lines])
    return pred, elapsed


def score(data: Path, pred: Path) -> dict[str, Any]:
    """The shared scorer's figures for ``pred`` and both baselines on ``data``."""
    found = run_scorer(eval_dir() / "score_multidoc.py", "--data", data, "--pred", pred)
    if found["missing"]:
        raise RuntimeError(f"{found['missing']} clusters have no digest in {pred}")
    return found


def _article_digest(job: tuple[str, int]) -> list[str]:
    text, sentences = job
    try:
        return summarise(text, sentences=sentences, actors=False).sentences
    except ValueError:
        return []


def junk_effect(
    half: list[dict[str, Any]], setting: Setting, data: Path, work: Path
) -> dict[str, float]:
    """ROUGE-1 of the half's digests with ``setting`` through the engine, with the junk rule
    and without it (every report given the same length, so none is far shorter)."""
    sentences, chars = setting
    jobs = [(article["text"], sentences) for item in half for article in item["articles"]]
    with Pool(2) as pool:
        digests = iter(pool.map(_article_digest, jobs, chunksize=4))
    reports = [
        [
            Report(next(digests), f"article {n}", len(a["text"]))
            for n, a in enumerate(item["articles"])
        ]
        for item in half
    ]
    found = {}
    for name, same_length in (("with", False), ("without", True)):
        rows = []
        for item, story in zip(half, reports, strict=True):
            if same_length:
                story = [Report(r.sentences, r.source, 1) for r in story]
            digest = digest_story(story, sentences=sentences, max_chars=chars)
            rows.append({"id": item["id"], "summary": digest.sentences})
        pred = _write(work / f"junk-{name}-{data.stem}.jsonl", rows)
        found[name] = score(data, pred)["pred"]["rouge1"]
    return found


def _label(setting: Setting) -> str:
    sentences, chars = setting
    return f"`--sentences {sentences}`" + (f" `--max-chars {chars}`" if chars else "")


def _figures(scores: dict[str, float]) -> str:
    return " | ".join(f"{scores[m]:.2f}" for m in METRICS)


def _report(
    data: Path,
    halves: list[list[dict[str, Any]]],
    settings: list[Setting],
    scores: dict[Setting, list[dict[str, Any]]],
    seconds: dict[Setting, float],
    fitted: list[Setting],
    junk: list[dict[str, float]],
) -> str:
    lines = [
        TITLE,
        "",
        f"ROUGE F1 x100 of story digests by `digestbot summarise --batch` on `articles` lines "
        f"built from the shared `{data.name}` (100 clusters of 1-6 articles, no "
        "titles or sources), each cut at 250 words by `score_multidoc.py`, which scores "
        "First-3 and round robin in the same run. Halves by sha256 of the cluster id; the "
        "options used on a half are those that scored best on the other half.",
        "",
        "| half (clusters) | options (fitted on the other half) | R1 | R2 | RLsum | First-3 R1 "
        "| round robin R1 | R1 vs round robin |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for h in (0, 1):
        found = scores[fitted[h]][h]
        pred, first3, robin = found["pred"], found["first3"], found["first_k_robin"]
        lines.append(
            f"| {h} ({len(halves[h])}) | {_label(fitted[h])} | {_figures(pred)} | "
            f"{first3['rouge1']:.2f} | {robin['rouge1']:.2f} | "
            f"{pred['rouge1'] - robin['rouge1']:+.2f} |"
        )
    lines += [
        "",
        "Every option tried (R1 on each half). `--sentences N`: each article's own digest has N "
        "sentences, and the story digest takes N across them; `--max-chars` caps the story "
        "digest:",
        "",
        "| options | R1 half 0 | R1 half 1 | batch wall s (100 stories) |",
        "| --- | --- | --- | --- |",
    ]
    for setting in settings:
        halves_r1 = " | ".join(f"{scores[setting][h]['pred']['rouge1']:.2f}" for h in (0, 1))
        lines.append(f"| {_label(setting)} | {halves_r1} | {seconds[setting]:.0f} |")
    lines += [
        "",
        f"Wall times are with other work on the machine: the 1-minute load average was "
        f"{os.getloadavg()[0]:.1f} on 2 cores after the last run.",
        "",
        "Junk reports (paywall and login stubs, social and cookie notices, archive pages) left "
        "out by the rule in `summarise/stories/junk.py`, R1 with the fitted options:",
        "",
        "| half | with the junk rule | without | difference |",
        "| --- | --- | --- | --- |",
        *(
            f"| {h} | {junk[h]['with']:.2f} | {junk[h]['without']:.2f} | "
            f"{junk[h]['with'] - junk[h]['without']:+.2f} |"
            for h in (0, 1)
        ),
        "",
        "Reproduce: `python -m bench multidoc`.",
    ]
    return "\n".join(lines)
