"""Hostile config files (3,000-deep brackets, an unset ${VAR}, a NUL byte) each give one clear
line naming file, line and what to do, from load_config, check-config and collect --once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

# Importing a command module registers its commands on `app`.
import bot.cli.collect_cmd
import bot.cli.config_cmd  # noqa: F401
from bot.cli import app
from bot.config.settings import load_config
from bot.errors import ConfigError

runner = CliRunner()
DEEP = "sources:\n  - name: Harbour\n    url: https://harbour.example/feed\n    tags: "
HOSTILE = {
    "deep": (
        DEEP + "[" * 3000 + "]" * 3000 + "\n",
        "{file}:4 lists or mappings nest more than 64 deep here; check the brackets",
    ),
    "unset": (
        "storage:\n  url: ${HARBOUR_DB_URL}\nsources:\n"
        "  - name: Harbour\n    url: https://harbour.example/feed\n",
        "{file}:2 storage.url: environment variable HARBOUR_DB_URL is not set; "
        "export HARBOUR_DB_URL=... or write ${{HARBOUR_DB_URL:-default}}",
    ),
    "nul": (
        "sources:\n  - name: Harbour\n    url: https://harbour.example/feed\x00\n",
        "{file}:3 the file holds the control character U+0000, which YAML does not allow; "
        "remove it",
    ),
}


@pytest.fixture(params=sorted(HOSTILE))
def hostile(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    text, message = HOSTILE[request.param]
    file = tmp_path / "digestbot.yaml"
    file.write_text(text, encoding="utf-8")
    return file, message.format(file=file)


def test_load_config_reports_one_line(hostile: tuple[Path, str]) -> None:
    file, message = hostile
    with pytest.raises(ConfigError) as refused:
        load_config(file, environ={})
    assert str(refused.value) == message


@pytest.mark.parametrize("command", [["check-config"], ["collect", "--once"]])
def test_commands_print_one_line_and_fail(
    hostile: tuple[Path, str], command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    file, message = hostile
    monkeypatch.delenv("HARBOUR_DB_URL", raising=False)
    result = runner.invoke(app, [*command, "--config", str(file)])
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert message in result.output
    assert "Traceback" not in result.output and "got null" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
