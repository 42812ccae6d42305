"""Benchmarks that print figures (never assert on time). ``python -m bench [name ...]``.

Each module named in :data:`BENCHES` exposes ``run() -> str`` returning one Markdown section.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCHES: tuple[str, ...] = (
    "summaries",
    "stories",
    "multidoc",
    "collect",
    "people",
    "positions",
    "telegram",
    "slack",
    "workers",
    "filters",
    "bounds",
    "languages",
)

REPO_ROOT = Path(__file__).resolve().parent.parent


def last_json(stdout: str) -> dict[str, Any]:
    """The JSON object on the last non-empty line of a scorer's output."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    if not lines:
        raise ValueError("scorer printed nothing")
    figures: dict[str, Any] = json.loads(lines[-1])
    return figures


def run_scorer(script: Path, *args: str | Path) -> dict[str, Any]:
    """Run one of the shared scorers on ``args``: the figures it prints on its last line."""
    command = [sys.executable, str(script), *(str(a) for a in args)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return last_json(result.stdout)


def eval_dir() -> Path:
    """The shared evaluation data: ``../shared/eval`` from the repo root unless overridden."""
    override = os.environ.get("DIGESTBOT_EVAL_DIR")
    if override:
        return Path(override)
    return REPO_ROOT.parent / "shared" / "eval"
