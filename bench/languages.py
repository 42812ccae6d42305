"""Languages: how well and how fast articles' languages are detected, and --batch speed on
German news (CoNLL-2003 German documents from the shared dev data, built into a batch here)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import eval_dir
from bench.summaries import _machine_busy_seconds, _measure
from summarise import DEFAULT_LANGUAGE, detect_language

# Characters of each text given to the detector: a feed snippet, a lead, what digests read.
LENGTHS = (100, 300, 1000)
SPEED_REPEAT = 10
# (file, language, text field)
SETS = (
    ("cnndm_dev.jsonl", "en", "article"),
    ("xsum_dev.jsonl", "en", "article"),
    ("conll_de_dev.jsonl", "de", "text"),
    ("conll_es_dev.jsonl", "es", "text"),
    ("conll_nl_dev.jsonl", "nl", "text"),
)


def _texts(path: Path, field: str) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [str(row.get(field) or row.get("document") or row.get("text") or "") for row in rows]


def detection(data: Path) -> list[dict[str, Any]]:
    """Per set and sample length: share detected as the set's language, and time per text."""
    detect_language("Warm-up: the detector's model loads once.")
    rows = []
    for name, language, field in SETS:
        path = data / name
        if not path.exists():
            continue
        texts = _texts(path, field)
        for length in LENGTHS:
            start = time.perf_counter()
            found = [detect_language(text[:length]) for text in texts]
            seconds = time.perf_counter() - start
            wrong: dict[str, int] = {}
            for code in found:
                if code != language:
                    wrong[code] = wrong.get(code, 0) + 1
            rows.append(
                {
                    "set": name.removesuffix(".jsonl"),
                    "language": language,
                    "chars": length,
                    "right": sum(code == language for code in found),
                    "texts": len(texts),
                    "ms": 1000 * seconds / len(texts),
                    "wrong": wrong,
                }
            )
    return rows


def german_batch(data: Path, work: Path) -> dict[str, Any]:
    """Articles per minute for ``digestbot summarise --batch`` with actors on German news."""
    texts = _texts(data / "conll_de_dev.jsonl", "text")
    batch = work / "german.jsonl"
    with batch.open("w", encoding="utf-8") as out:
        for round_ in range(SPEED_REPEAT):
            for number, text in enumerate(texts):
                out.write(json.dumps({"id": f"de-{number}-{round_}", "text": text}) + "\n")
    count = SPEED_REPEAT * len(texts)
    command = [sys.executable, "-m", "bot", "summarise", "--batch", str(batch)]
    busy_before = _machine_busy_seconds()
    full = _measure(command, work / "german-out.jsonl")
    busy = _machine_busy_seconds() - busy_before
    one = work / "one.jsonl"
    one.write_text(json.dumps({"id": "1", "text": texts[0]}) + "\n", encoding="utf-8")
    start_up = _measure([*command[:-1], str(one)], work / "one-out.jsonl")
    records = [
        json.loads(line)
        for line in (work / "german-out.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return {
        "articles": count,
        "documents": len(texts),
        "mean_chars": sum(map(len, texts)) / len(texts),
        "seconds": full["seconds"],
        "per_minute": 60 * count / full["seconds"],
        "cpu_ms": 1000 * (full["cpu"] - start_up["cpu"]) / (count - 1),
        "peak_mib": full["peak_mib"],
        "others_cores": max(0.0, busy - full["cpu"]) / full["seconds"],
        "errors": sum(1 for record in records if "error" in record),
        "german": sum(1 for record in records if record.get("language") == "de"),
    }


def run() -> str:
    data = eval_dir()
    if not (data / "conll_de_dev.jsonl").exists():
        return f"## Languages\n\nEvaluation data not found at `{data}`."
    rows = detection(data)
    with tempfile.TemporaryDirectory(prefix="bench-languages-") as tmp:
        speed = german_batch(data, Path(tmp))
    return _report(rows, speed)


def _wrong(wrong: dict[str, int]) -> str:
    return ", ".join(f"{code} {n}" for code, n in sorted(wrong.items(), key=lambda i: -i[1]))


def _report(rows: list[dict[str, Any]], speed: dict[str, Any]) -> str:
    lines = [
        "## Languages",
        "",
        "Detection (py3langid, no hint) on the first N characters of each dev text: share "
        "detected as the set's language, what the others were taken for, and time per text. "
        f"Texts without letters count as {DEFAULT_LANGUAGE}. A miss can be right: one xsum_dev "
        "article is written in Welsh; the German and Spanish misses are tables of names and "
        "results.",
        "",
        "| set | language | chars | right | ms/text | taken for |",
        "| --- | --- | --- | --- | --- | --- |",
        *(
            f"| {r['set']} | {r['language']} | {r['chars']} | {r['right']}/{r['texts']} | "
            f"{r['ms']:.2f} | {_wrong(r['wrong'])} |"
            for r in rows
        ),
        "",
        f"**German speed**: `digestbot summarise --batch` with actors, 2 worker processes, "
        f"{speed['articles']} conll_de_dev documents ({SPEED_REPEAT} x {speed['documents']}, "
        f"mean {speed['mean_chars']:.0f} characters), language detected per article, "
        "start-up included.",
        "",
        "| articles/min | wall s | CPU ms/article | peak RSS MiB | detected de | errors |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| {speed['per_minute']:.0f} | {speed['seconds']:.1f} | {speed['cpu_ms']:.0f} | "
        f"{speed['peak_mib']:.0f} | {speed['german']}/{speed['articles']} | "
        f"{speed['errors']} |",
        "",
        f"While it ran, other processes kept {speed['others_cores']:.1f} of the 2 cores busy "
        f"(1-minute load {os.getloadavg()[0]:.1f} after); on two idle cores "
        f"{speed['cpu_ms']:.0f} CPU ms/article is about {120_000 / speed['cpu_ms']:.0f} "
        "articles/min.",
        "",
        "Reproduce: `python -m bench languages`.",
    ]
    return "\n".join(lines)
