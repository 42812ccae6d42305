"""Benchmarks that print figures (never assert on time). ``python -m bench [name ...]``.

Each module named in :data:`BENCHES` exposes ``run() -> str`` returning one Markdown section.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def eval_dir() -> Path:
    """The shared evaluation data: ``../shared/eval`` from the repo root unless overridden."""
    override = os.environ.get("DIGESTBOT_EVAL_DIR")
    if override:
        return Path(override)
    return REPO_ROOT.parent / "shared" / "eval"
