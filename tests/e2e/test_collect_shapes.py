"""``digestbot collect --once`` over feeds shaped as publishers serve them (tests/support/
feed_shapes.py), run as a user runs it: every item stored once with its title exact, broken
feeds named in ``sources list``, and no traceback on the terminal or in the log (stderr: the
bot has no log file, its log goes to stderr)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

# Importing a command module registers its commands on `app`.
import bot.cli.articles_cmd
import bot.cli.sources_cmd  # noqa: F401
from bot.cli import app
from tests.support.feed_shapes import SHAPES, shape_named
from tests.support.feedserver import FeedServer


def digestbot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


def listed(*args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_shape_is_collected_once_and_the_broken_ones_are_named(
    sqlite_url: str, tmp_path: Path
) -> None:
    config = tmp_path / "digestbot.yaml"
    with FeedServer() as server:
        for shape in SHAPES:
            shape.serve(server)
        sources = "".join(
            f"  - {{name: '{shape.name}', url: '{server.url(shape.path)}', full_text: never}}\n"
            for shape in SHAPES
        )
        config.write_text(
            f"storage:\n  url: {sqlite_url}\nfetch:\n  allow_private_networks: true\n"
            f"sources:\n{sources}",
            encoding="utf-8",
        )
        runs = [digestbot("collect", "--once", "--config", str(config)) for _ in range(2)]
        urls = {shape.name: server.url(shape.path) for shape in SHAPES}

    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stdout and "Traceback" not in run.stderr
        assert "error" not in run.stderr.lower(), run.stderr
    titles = [title for shape in SHAPES for title in shape.titles]
    malformed = sum(shape.outcome == "malformed" for shape in SHAPES)
    assert (
        f"{len(SHAPES)} sources: {len(titles)} new, 0 updated, 1 failed, {malformed} malformed"
        in (runs[0].stdout)
    )
    assert f"{len(SHAPES)} sources: 0 new, 0 updated" in runs[1].stdout

    stored = listed("articles", "list", "--limit", "1000", "--config", str(config))
    assert Counter(article["title"] for article in stored) == Counter(titles)
    assert len(stored) == len(titles)  # every item once, after two collections

    state = {row["name"]: row for row in listed("sources", "list", "--config", str(config))}
    for shape in SHAPES:
        row = state[shape.name]
        error = f"{urls[shape.name]}: {shape.problem}" if shape.problem else None
        assert (row["failures"] > 0, row["last_error"]) == (shape.outcome == "failed", error)


def test_opml_lists_json_feeds_that_import_and_collect(sqlite_url: str, tmp_path: Path) -> None:
    config = tmp_path / "digestbot.yaml"
    config.write_text(
        f"storage:\n  url: {sqlite_url}\nfetch:\n  allow_private_networks: true\nsources: []\n",
        encoding="utf-8",
    )
    with FeedServer() as server:
        for name in ("notes.json", "log.json", "wire-rss.json"):
            shape_named(name).serve(server)
        opml = tmp_path / "reader.opml"
        opml.write_text(
            '<?xml version="1.0"?><opml version="2.0"><head><title>r</title></head><body>'
            f'<outline type="rss" text="Notes" xmlUrl="{server.url("/notes.json")}"/>'
            f'<outline type="json" text="Log" xmlUrl="{server.url("/log.json")}"/>'
            f'<outline text="Wire" xmlUrl="{server.url("/wire-rss.json")}"/>'
            "</body></opml>",
            encoding="utf-8",
        )
        imported = digestbot("sources", "import", str(opml), "--config", str(config))
        collected = digestbot("collect", "--once", "--config", str(config))

    assert imported.returncode == 0, imported.stderr
    assert "added 3 sources" in imported.stdout and "skipped" not in imported.stderr
    assert collected.returncode == 0, collected.stderr
    assert "3 sources: 7 new, 0 updated, 0 failed" in collected.stdout
    stored = listed("articles", "list", "--config", str(config))
    assert {article["source"] for article in stored} == {"Notes", "Log", "Wire"}
