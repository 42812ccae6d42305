"""``digestbot run`` with a Slack token: Slack starts, answers, and a bad token is one line."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from tests.support.fake_server import served
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack, slash_payload
from tests.support.fakes import spawn_digestbot

REPO = Path(__file__).resolve().parents[2]


fake = served(FakeSlack)


def write_config(folder: Path, fake: FakeSlack) -> Path:
    config = folder / "digestbot.yaml"
    config.write_text(
        f"storage:\n  url: sqlite:///{folder / 'digestbot.db'}\n"
        "channels:\n  slack:\n"
        "    bot_token: ${SLACK_BOT_TOKEN:-}\n"
        "    app_token: ${SLACK_APP_TOKEN:-}\n"
        f"    base_url: {fake.base_url}\n",
        encoding="utf-8",
    )
    return config


async def digestbot_run(folder: Path, config: Path, **tokens: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "PYTHONPATH": str(REPO), **tokens}
    return await spawn_digestbot(
        "run",
        config,
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_run_starts_slack_and_answers_commands(fake: FakeSlack, tmp_path: Path) -> None:
    config = write_config(tmp_path, fake)
    process = await digestbot_run(
        tmp_path, config, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN
    )
    try:
        payload = slash_payload("/digest", "help", response_url=fake.response_url("run"))
        await fake.send_envelope("slash_commands", dict(payload), timeout_s=60)
        [answer] = await fake.wait_for_posts(1, timeout_s=30)
        assert "/digest schedule" in answer.all_text()
        process.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = err.decode()
    assert process.returncode == 0, log
    assert "chat channels: slack" in log
    assert "digestbot stopped cleanly" in log and "Traceback" not in log


async def test_run_with_a_bad_token_ends_in_one_clear_error(
    fake: FakeSlack, tmp_path: Path
) -> None:
    config = write_config(tmp_path, fake)
    process = await digestbot_run(
        tmp_path, config, SLACK_BOT_TOKEN="xoxb-revoked", SLACK_APP_TOKEN=APP_TOKEN
    )
    _out, err = await asyncio.wait_for(process.communicate(), 60)
    errors = [line for line in err.decode().splitlines() if line.startswith("error:")]
    assert process.returncode != 0
    assert errors == [
        "error: Slack refused the bot token (invalid_auth); set SLACK_BOT_TOKEN to the app's "
        "Bot User OAuth Token (xoxb-...) from OAuth & Permissions"
    ]
    assert "Traceback" not in err.decode()


async def test_run_without_a_way_to_check_requests_says_what_to_set(
    fake: FakeSlack, tmp_path: Path
) -> None:
    config = write_config(tmp_path, fake)
    process = await digestbot_run(tmp_path, config, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN="")
    _out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode != 0
    assert "error: Slack needs SLACK_SIGNING_SECRET" in err.decode()
    assert "Traceback" not in err.decode()
