"""`sources import` of a hostile OPML file: what it writes is read back literally, never
expanded from the environment, and a layout it cannot edit is refused with one line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import bot.cli.sources_cmd  # noqa: F401  (registers the command on `app`)
from bot.cli import app
from bot.config.settings import load_config

runner = CliRunner()

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>shared</title></head><body>
  <outline text="Tips ${SECRET}" category="$HOME"
    type="rss" xmlUrl="https://tips.example/feed?k=${SECRET}&amp;d=$$"/>
</body></opml>
"""


def test_imported_dollars_stay_literal_when_the_config_is_loaded(tmp_path: Path) -> None:
    config, opml = tmp_path / "digestbot.yaml", tmp_path / "shared.opml"
    config.write_text("sources:\n  - name: City\n    url: https://city.example/feed\n")
    opml.write_bytes(OPML)
    result = runner.invoke(app, ["sources", "import", str(opml), "--config", str(config)])
    assert result.exit_code == 0, result.output

    settings = load_config(config, environ={"SECRET": "hunter2", "HOME": "/root"})

    tips = settings.sources[1]
    assert tips.name == "Tips ${SECRET}"
    assert tips.url == "https://tips.example/feed?k=${SECRET}&d=$$"
    assert tips.tags == ["$HOME"]


def test_import_into_a_layout_it_cannot_edit_is_refused_and_writes_nothing(
    tmp_path: Path,
) -> None:
    config, opml = tmp_path / "digestbot.yaml", tmp_path / "shared.opml"
    flow = "{sources: [{name: a, url: 'https://a.example/'}]}\n"
    config.write_text(flow)
    opml.write_bytes(OPML)
    result = runner.invoke(app, ["sources", "import", str(opml), "--config", str(config)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {config}: cannot add sources (")
    assert "block list" in result.stderr and len(result.stderr.splitlines()) == 1
    assert config.read_text() == flow


def test_import_into_a_flow_list_writes_yaml_that_loads(tmp_path: Path) -> None:
    config, opml = tmp_path / "digestbot.yaml", tmp_path / "shared.opml"
    config.write_text("sources: [{name: a, url: 'https://a.example/'}]\n")
    opml.write_bytes(OPML)
    result = runner.invoke(app, ["sources", "import", str(opml), "--config", str(config)])
    assert result.exit_code == 0, result.output
    names = [source.name for source in load_config(config, environ={}).sources]
    assert names == ["a", "Tips ${SECRET}"]
