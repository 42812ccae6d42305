"""Keyword filters as chats use them: through Telegram, Slack and the console channel.

The same commands run on each channel; what the user sees afterwards is checked by story title.
"""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import timedelta
from itertools import count
from pathlib import Path

import pytest
import yaml

from bot.adapters.console import ConsolePort, run_console
from bot.adapters.slack.listeners import SLASH_COMMANDS
from bot.adapters.slack.port import EVENTS_PATH, SlackPort
from bot.adapters.slack.post import ChannelPacer
from bot.adapters.telegram.port import TelegramPort
from bot.commands import Services
from bot.config.channels import SlackChannel
from bot.delivery.sender import DeliveryWorker
from bot.filters.match import MAX_TERM_CHARS, MAX_TERMS
from bot.store.database import Database
from tests.support.fake_slack import (
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    form_body,
    post_to_app,
    slash_payload,
)
from tests.support.fake_telegram import FakeTelegram, running_bot
from tests.support.fakes import ECB, LAGARDE, NOW, serving, store_article, store_sources

Say = Callable[[str], Awaitable[str]]

RACE = "Hollis wins the queen stage"
BANK = "Central bank holds rates in Zürich"
VISIT = "Prime minister visits a bicycle factory"
ROW = "Opposition attacks the budget"
TITLES = (RACE, BANK, VISIT, ROW)
STARMER = {"name": "Keir Starmer", "type": "person", "role": "Prime Minister", "aliases": []}
BADENOCH = {"name": "Kemi Badenoch", "type": "person", "role": None, "aliases": ["Badenoch"]}
TG_USER, TG_GROUP, TG_ADMIN, TG_MEMBER = 1001, -1001234567890, 7, 8
SLACK_CHANNEL, SLACK_ADMIN, SLACK_MEMBER = "C0NEWS", "U0ADMIN", "U0MEMBER"
REPO = Path(__file__).resolve().parents[2]
SAMPLE_CONFIG = REPO / "config" / "digestbot.yaml"


@pytest.fixture
async def services(db: Database, db_url: str) -> AsyncIterator[Services]:
    ids = store_sources(db)
    hours = iter(range(1, 10))

    def story(source: str, title: str, sentence: str, actors: list[dict[str, object]]) -> None:
        when = NOW - timedelta(hours=next(hours))
        store_article(db, ids[source], title, summary=[sentence], actors=actors, fetched_at=when)

    story("wire", RACE, "The cycling race ended in Bolzano.", [])
    story("wire", BANK, "The European Central Bank kept rates steady.", [LAGARDE, ECB])
    story("city", VISIT, "Keir Starmer toured the plant.", [STARMER])
    story("city", ROW, "Kemi Badenoch said Keir Starmer was wrong.", [BADENOCH])
    async with serving(db, db_url) as services:
        yield services


def titles(text: str) -> list[str]:
    return [title for title in TITLES if title in text]


# -- the three channels, each as "send a command, get the visible answer" ---------------------


@pytest.fixture
async def telegram(services: Services) -> AsyncIterator[tuple[FakeTelegram, TelegramPort, Say]]:
    async with FakeTelegram() as fake, running_bot(fake, services) as port:

        async def say(text: str, chat: int = TG_USER, **kw: object) -> str:
            before = len(fake.sent)
            await fake.command(chat, text, **kw)  # type: ignore[arg-type]
            return (await fake.wait_for(before + 1))[before].text

        yield fake, port, say  # type: ignore[misc]


_keys = count(1)


@pytest.fixture
async def slack(services: Services) -> AsyncIterator[tuple[SlackPort, FakeSlack, Say]]:
    async with FakeSlack() as fake:
        fake.add_user(SLACK_ADMIN, admin=True)
        fake.add_user(SLACK_MEMBER)
        fake.add_channel(SLACK_CHANNEL, creator=SLACK_ADMIN)
        channel = SlackChannel(
            bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, base_url=fake.base_url
        )
        port = SlackPort(channel, services, host="127.0.0.1", port=0, pacer=ChannelPacer(0))
        await port.start()

        async def say(text: str, user: str = SLACK_ADMIN) -> str:
            """``/summary x`` as typed; other core commands as ``/digest <name> ...``."""
            command, _, args = text.partition(" ")
            if command not in SLASH_COMMANDS:
                command, args = "/digest", f"{command[1:]} {args}".strip()
            key = f"cmd{next(_keys)}"
            payload = slash_payload(
                command, args, user_id=user, response_url=fake.response_url(key)
            )
            url = f"http://127.0.0.1:{port.http_port}{EVENTS_PATH}"
            assert (await post_to_app(url, form_body(payload)))[0] == 200
            await port.drain()
            return "\n".join(post.all_text() for post in fake.posts_to(f"response:{key}"))

        try:
            yield port, fake, say  # type: ignore[misc]
        finally:
            await port.stop()


@pytest.fixture
def console(services: Services) -> Say:
    async def say(text: str) -> str:
        out = io.StringIO()
        lines: Iterator[str] = iter([text + "\n"])
        await run_console(services, lambda: next(lines, ""), port=ConsolePort(out))
        return out.getvalue()

    return say


@pytest.fixture(params=["telegram", "slack", "console"])
def say(request: pytest.FixtureRequest, services: Services) -> Say:
    """The same conversation on each channel (and on each database, through ``services``)."""
    channel = request.getfixturevalue(request.param)
    return channel if request.param == "console" else channel[-1]  # type: ignore[no-any-return]


# -- what every channel must show -------------------------------------------------------------


@pytest.mark.parametrize(
    ("commands", "shown"),
    [
        # Exclude only: "cycle" hides the cycling story, not the one about a bicycle factory.
        (["/filter exclude cycle"], [BANK, VISIT, ROW]),
        # Include only, with the accent left out.
        (["/filter include zurich"], [BANK]),
        # Both: a phrase in, an actor out.
        (['/filter include "keir starmer"', "/filter exclude actor:Badenoch"], [VISIT]),
        # Phrases are words in a row.
        (['/filter include "central bank"'], [BANK]),
        (['/filter include "bank central"'], []),
        # actor: only people named as actors (ROW mentions Starmer in a sentence only).
        (['/filter include actor:"Keir Starmer"'], [VISIT]),
        # Removing and clearing bring stories back.
        (["/filter exclude cycle bank", "/filter remove cycling"], [RACE, VISIT, ROW]),
        (["/filter include rates", "/filter clear"], list(TITLES)),
    ],
)
async def test_filters_decide_what_summary_shows(
    say: Say, commands: list[str], shown: list[str]
) -> None:
    assert "Subscribed to all sources." in await say("/subscribe all")
    assert titles(await say("/summary")) == list(TITLES)
    for command in commands:
        answer = await say(command)
        assert "Sorry" not in answer and "Usage" not in answer, answer
    answer = await say("/summary")
    assert titles(answer) == shown
    if not shown:
        assert "No stored story passes this chat's filters" in answer
    assert titles(await say("/summary 10")) == shown


async def test_filter_shows_the_terms_and_searches_say_what_they_hide(say: Say) -> None:
    await say("/subscribe all")
    added = await say('/filter exclude Cycle "transfer window" actor:Lagarde')
    assert 'Exclude: added Cycle, "transfer window", actor:Lagarde.' in added
    listing = await say("/filter")
    assert (
        'Exclude (a story that mentions one is left out): actor:Lagarde, Cycle, "transfer window"'
        in listing
    )
    assert f"3 of {MAX_TERMS} terms." in listing and "Include: everything" in listing
    # A search covers everything and says how many of its stories the filters hide.
    found = await say("/summary rates")
    assert titles(found) == [BANK]
    assert "This chat's filters hide this story from its digests" in found


async def test_limits_are_one_clear_message(say: Say) -> None:
    words = " ".join(f"w{n}" for n in range(MAX_TERMS))
    assert "Exclude: added w0" in await say(f"/filter exclude {words}")
    refused = await say("/filter include one")
    assert f"A chat can have at most {MAX_TERMS} filter terms; this would make 51." in refused
    long = await say("/filter exclude " + "x" * (MAX_TERM_CHARS + 1))
    assert f"A filter term can be at most {MAX_TERM_CHARS} characters" in long
    assert "A quote is not closed" in await say('/filter include "central bank')


# -- the admin rule and scheduled digests, per platform ---------------------------------------


async def test_telegram_groups_need_an_admin_to_change_filters(
    telegram: tuple[FakeTelegram, TelegramPort, Say],
) -> None:
    fake, _, say = telegram
    fake.set_admins(TG_GROUP, TG_ADMIN)
    group = {"chat": TG_GROUP, "chat_type": "supergroup"}
    refused = await say("/filter exclude cycle", user_id=TG_MEMBER, **group)  # type: ignore[call-arg]
    assert refused.startswith("Sorry, only this chat's administrators")
    shown = await say("/filter", user_id=TG_MEMBER, **group)  # type: ignore[call-arg]
    assert shown.startswith("This chat has no filters")
    allowed = await say("/filter exclude cycle", user_id=TG_ADMIN, **group)  # type: ignore[call-arg]
    assert allowed.startswith("Exclude: added cycle.")


async def test_slack_channels_need_an_admin_to_change_filters(
    slack: tuple[SlackPort, FakeSlack, Say],
) -> None:
    _, _, say = slack
    refused = await say("/filter exclude cycle", SLACK_MEMBER)  # type: ignore[call-arg]
    assert "only this chat's administrators" in refused
    assert "This chat has no filters" in await say("/filter", SLACK_MEMBER)  # type: ignore[call-arg]
    allowed = await say("/filter exclude cycle")
    assert "Exclude: added cycle." in allowed
    # Slack users type it as /digest filter, and the answers say so.
    assert "/digest filter exclude cycling" in await say("/help")


async def test_scheduled_digest_leaves_out_filtered_stories(
    telegram: tuple[FakeTelegram, TelegramPort, Say], services: Services
) -> None:
    fake, port, say = telegram
    await say("/subscribe all")
    await say("/filter exclude cycle actor:Badenoch")
    worker = DeliveryWorker(services.db, {"telegram": port}, clock=services.clock)
    services.digest_queued = worker.wake
    before = len(fake.sent)
    await fake.command(TG_USER, "/digest")
    for _ in range(100):  # the digest is sent by the worker, not as a reply
        await worker.run_until_idle()
        if len(fake.sent) > before:
            break
        await asyncio.sleep(0.05)
    digest = fake.sent[-1].text
    assert digest.startswith("Your digest: 2 stories")
    assert titles(digest) == [BANK, VISIT]


# -- the console check from the issue, on the bundled sample feeds -----------------------------


def run_bot(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        env={"PATH": "/usr/bin:/bin"},
    )


def sample_config(tmp_path: Path, db_url: str, **extra: object) -> Path:
    """config/digestbot.yaml with its own database and the sample feeds by absolute path."""
    data = yaml.safe_load(SAMPLE_CONFIG.read_text(encoding="utf-8"))
    data["storage"]["url"] = db_url
    data.update(extra)
    for source in data["sources"]:
        relative = source["url"].removeprefix("file://")
        source["url"] = (SAMPLE_CONFIG.parent / relative).resolve().as_uri()
    path = tmp_path / "digestbot.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_console_exclude_cycle_hides_the_cycling_race(tmp_path: Path, db_url: str) -> None:
    config = sample_config(tmp_path, db_url)
    collected = run_bot("collect", "--once", "--config", str(config))
    assert collected.returncode == 0, collected.stderr
    before = run_bot("chat", "--config", str(config), stdin="/subscribe all\n/summary 10\n")
    assert "Tour of the Alps" in before.stdout  # the cycling race is there to hide

    script = "/subscribe all\n/filter exclude cycle\n/summary 5\n"
    result = run_bot("chat", "--config", str(config), stdin=script)
    assert result.returncode == 0, result.stderr
    assert "Exclude: added cycle." in result.stdout
    assert "THE LAST 5 STORIES" in result.stdout
    assert "Tour of the Alps" not in result.stdout and "Hollis" not in result.stdout

    # The filter stays with the chat: no count of stories brings the race back, nor does a digest.
    after = run_bot("chat", "--config", str(config), stdin="/summary 20\n/digest\n")
    assert "THE LAST 5 STORIES" in after.stdout and "YOUR DIGEST: 5 STORIES" in after.stdout
    assert "Tour of the Alps" not in after.stdout and "Hollis" not in after.stdout
    assert "Traceback" not in result.stderr + after.stderr


def test_console_chat_subscribed_in_the_config_gets_its_filters(
    tmp_path: Path, db_url: str
) -> None:
    static = [{"chat": "console", "follow": ["sport", "local"], "exclude": ["cycling"]}]
    config = sample_config(tmp_path, db_url, subscriptions=static)
    assert run_bot("collect", "--once", "--config", str(config)).returncode == 0
    result = run_bot("chat", "--config", str(config), stdin="/filter\n/sources\n/digest\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Exclude (a story that mentions one is left out): cycling (config)" in out
    assert "SOURCES (TAG LOCAL, TAG SPORT)" in out
    assert "YOUR DIGEST: 3 STORIES" in out  # Harwick Metro's two and Newswire's other one
    assert "Tour of the Alps" not in out
    refused = run_bot("chat", "--config", str(config), stdin="/filter remove cycling\n")
    assert "cycling is set in the bot's configuration file; change it there." in refused.stdout
