"""The console channel end to end: ``digestbot chat`` on stdin, and ``digestbot demo``."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.store.database import Database
from tests.support.fakes import LAGARDE, store_article, store_sources

REPO = Path(__file__).resolve().parents[2]


def run_bot(*args: str, stdin: str = "", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        env={"PATH": "/usr/bin:/bin"},
    )


def test_chat_reads_commands_and_prints_replies(db: Database, db_url: str, tmp_path: Path) -> None:
    ids = store_sources(db)
    store_article(
        db, ids["wire"], "ECB holds rates", actors=[LAGARDE], fetched_at=datetime.now(UTC)
    )
    config = tmp_path / "digestbot.yaml"
    config.write_text(f"storage:\n  url: '{db_url}'\n", encoding="utf-8")
    commands = "/subscribe all\n/digest\n/who Lagarde\n/schedule 07:30 Europe/Paris\n/frobnicate\n"
    result = run_bot("chat", "--config", str(config), stdin=commands)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Subscribed to all sources." in out
    assert "YOUR DIGEST: 1 STORY\n\n1. ECB holds rates" in out
    assert "Who: Christine Lagarde (ECB President)" in out
    assert "CHRISTINE LAGARDE, ECB PRESIDENT" in out
    assert "   - Christine Lagarde (ECB President): “We are not done yet” (wire)\n" in out
    assert "Digests will arrive at 07:30 (Europe/Paris)." in out
    assert "Unknown command /frobnicate. Send /help for the list." in out
    assert "Traceback" not in result.stderr

    again = run_bot("chat", "--config", str(config), stdin="/digest\n")
    assert "No new stories since the last digest." in again.stdout


def test_chat_with_a_broken_config_says_what_is_wrong(tmp_path: Path) -> None:
    config = tmp_path / "broken.yaml"
    config.write_text("storage:\n  ulr: x\n", encoding="utf-8")
    result = run_bot("chat", "--config", str(config))
    assert result.returncode != 0
    assert "storage.ulr" in result.stderr and "Traceback" not in result.stderr


def test_demo_shows_a_digest_and_a_who_answer() -> None:
    result = run_bot("demo", timeout=300)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Harwick Metro: 2 new" in out
    assert "> /digest\nYOUR DIGEST: 6 STORIES" in out
    who = out[out.index("> /who\n") :]
    # One line per position, "Name (role): stance", and who reported someone else's.
    assert "\n   - Donald Trump (President): " in who
    assert "\n   - Vladimir Putin (Russian President): " in who
    assert "(according to Donald Trump)\n" in who
