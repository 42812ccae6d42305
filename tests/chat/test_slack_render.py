"""Block Kit rendering: escaping, Slack's limits, and splitting across messages."""

from __future__ import annotations

import re
from typing import Any

from bot.ports import Button, Reply, StoryView
from bot.render.pages import slack_messages, slack_pages
from bot.render.slack import (
    MAX_BLOCKS,
    MAX_MESSAGE_TEXT,
    MAX_SECTION_CHARS,
    escape,
    link,
    slack_message,
    split_mrkdwn,
)
from summarise.models import Actor, Position

PINGS = "<!channel> <!here> <@U123> <!subteam^S0TEAM> <#C0SECRET>"


def texts(value: Any) -> list[str]:
    """Every text string in a block structure, as Slack would render it."""
    if isinstance(value, dict):
        own = [value["text"]] if isinstance(value.get("text"), str) else []
        return own + [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def story(number: int, *, sentences: list[str] | None = None, **extra: Any) -> StoryView:
    return StoryView(
        title=f"Story {number}",
        url=f"https://news.example/{number}",
        source="Example News",
        sentences=sentences if sentences is not None else [f"Sentence of story {number}."],
        actors=[Actor("Ada Lovelace", "person", role="minister")],
        story_id=number,
        number=number,
        **extra,
    )


def test_mentions_inside_articles_are_shown_as_text_and_ping_no_one() -> None:
    hostile = StoryView(
        title=f"Breaking {PINGS}",
        url="https://news.example/a?x=1&y=<2>",
        source=f"Source {PINGS}",
        sentences=[f"Everyone look {PINGS} now & then."],
        actors=[
            Actor(
                "<@U999>",
                "person",
                role="<!everyone>",
                positions=[Position("wants <!here>", quote="<@U1> said")],
            )
        ],
        story_id=7,
    )
    for detail in ("digest", "actors"):
        hostile.detail = detail
        message = slack_message(Reply(heading=f"Digest {PINGS}", lines=[PINGS], stories=[hostile]))
        shown = [message["text"], *texts(message["blocks"])]
        for text in shown:
            # Only our own links may open an angle bracket, and never to a special target.
            assert not re.search(r"<[!@#]", text), text
        assert any("&lt;!channel&gt;" in text for text in shown)
        assert any("&lt;@U999&gt;" in text for text in shown)


def test_who_lines_are_name_role_stance_escaped_for_mrkdwn() -> None:
    who = StoryView(
        title="Rates",
        url="https://news.example/1",
        detail="actors",
        actors=[
            Actor(
                "Ann Lee",
                "person",
                role="Governor & <chair>",
                positions=[
                    Position("rates <b> must fall & *soon* _now_"),
                    Position("backed a cut", reported_by="Tom <@U1> Berg"),
                ],
            ),
            Actor("Central Bank", "org"),
        ],
    )
    [section] = [b for b in slack_message(Reply(stories=[who]))["blocks"] if b["type"] == "section"]
    # mrkdwn has no escape for * and _: they stay as written, after the name's closed bold.
    lee = "• *Ann Lee* (Governor &amp; &lt;chair&gt;): "
    assert section["text"]["text"].splitlines()[1:] == [
        lee + "rates &lt;b&gt; must fall &amp; *soon* _now_",
        lee + "backed a cut (according to Tom &lt;@U1&gt; Berg)",
        "• *Central Bank*",
    ]


def test_fallback_text_is_always_set() -> None:
    assert slack_message(Reply())["text"]
    only_story = slack_message(Reply(stories=[story(1)]))
    assert "Story 1" in only_story["text"]


def test_story_has_header_link_actors_and_buttons() -> None:
    message = slack_message(Reply(heading="Your digest: 1 story", stories=[story(3)]))
    kinds = [block["type"] for block in message["blocks"]]
    assert kinds[0] == "header"
    assert "section" in kinds
    assert "actions" in kinds
    section = next(b for b in message["blocks"] if b["type"] == "section")
    assert "<https://news.example/3|3. Story 3>" in section["text"]["text"]
    assert any("Ada Lovelace (minister)" in t for t in texts(message["blocks"]))
    buttons = next(b for b in message["blocks"] if b["type"] == "actions")["elements"]
    assert [b["text"]["text"] for b in buttons] == ["3. Who's involved", "3. Full article"]
    assert buttons[0]["value"] == "/who #3"
    assert buttons[1]["url"] == "https://news.example/3"
    ids = [b["action_id"] for b in buttons]
    assert len(set(ids)) == len(ids)


def test_only_web_links_are_linked() -> None:
    assert link("javascript:alert(1)", "click") == "click"
    assert link("https://x.example/a|b>c", "a|b") == "<https://x.example/a%7Cb%3Ec|a¦b>"


def test_many_stories_are_split_within_block_and_text_limits() -> None:
    reply = Reply(heading="Big digest", stories=[story(n) for n in range(1, 41)], footer="end")
    messages = slack_messages(reply)
    assert len(messages) > 1
    seen = []
    for message in messages:
        assert len(message["blocks"]) <= MAX_BLOCKS
        assert sum(len(t) for t in texts(message["blocks"])) <= MAX_MESSAGE_TEXT
        assert message["text"]
        seen += re.findall(r"\|(\d+)\. Story", "".join(texts(message["blocks"])))
    assert seen == [str(n) for n in range(1, 41)]
    assert messages[0]["blocks"][0]["type"] == "header"
    assert all(b["type"] != "header" for m in messages[1:] for b in m["blocks"])
    assert "end" in texts(messages[-1]["blocks"])[-1]


def test_a_huge_story_is_cut_between_sentences_and_nothing_is_lost() -> None:
    sentences = [f"Sentence {n} " + "word " * 300 + "end." for n in range(40)]
    messages = slack_messages(Reply(stories=[story(1, sentences=sentences)]))
    assert len(messages) > 1
    body = ""
    for message in messages:
        assert len(message["blocks"]) <= MAX_BLOCKS
        assert sum(len(t) for t in texts(message["blocks"])) <= MAX_MESSAGE_TEXT
        for block in message["blocks"]:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= MAX_SECTION_CHARS
                body += block["text"]["text"]
    for n in range(40):
        assert f"Sentence {n} " in body


def test_one_monster_sentence_still_fits() -> None:
    monster = "&<>" * 2000 + " " + "x" * 9000
    for message in slack_messages(Reply(lines=[monster])):
        for block in message["blocks"]:
            assert len(block["text"]["text"]) <= MAX_SECTION_CHARS


def test_split_never_cuts_inside_a_link_or_an_entity() -> None:
    text = " ".join([link("https://e.example/" + "a" * 40, "label with spaces")] * 80)
    for piece in split_mrkdwn(text, 500):
        assert len(piece) <= 500
        assert piece.count("<") == piece.count(">")
    entities = escape("&" * 900)
    pieces = split_mrkdwn(entities, 100)
    assert "".join(pieces) == entities
    assert all(piece.endswith(";") for piece in pieces)


def test_reply_buttons_and_lines_survive_paging() -> None:
    reply = Reply(
        lines=[f"source {n}: ok" for n in range(1000)],
        buttons=[[Button("Sentences: 3", action="/settings sentences 3")]],
    )
    pages = slack_pages(reply)
    assert len(pages) > 1
    assert [line for page in pages for line in page.lines] == reply.lines
    assert pages[-1].buttons == reply.buttons
    last = slack_message(pages[-1])["blocks"][-1]
    assert last["elements"][0]["value"] == "/settings sentences 3"
